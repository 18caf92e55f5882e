# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.1.0: the feedback record rules (anonymity enforced by the rules) and
the feedback mail templates (no link to any record) changed in files loaded
with ``noupdate="1"``; an update skips such records, so they are reloaded here
from the module's own files, through Odoo's XML loader. Only these records:
the files hold others (the conversation templates) that a company may have
edited and that did not change."""

import copy
import io

from lxml import etree

from odoo import SUPERUSER_ID, api
from odoo.tools import convert_xml_import, file_open

# file -> the ids of its records to reload (None: every record of the file)
RELOAD = {
    "security/hr_goede_gesprek_portal_security.xml": None,
    "data/mail_template_data.xml": {
        "mail_template_feedback_request",
        "mail_template_feedback_reminder",
    },
}


def _records(path, ids):
    """The records of ``path`` named in ``ids``, as a file of their own."""
    with file_open(f"hr_goede_gesprek/{path}", "rb") as f:
        doc = etree.parse(f)
    root = etree.Element("odoo", noupdate="1")
    for record in doc.iter("record"):
        if ids is None or record.get("id") in ids:
            root.append(copy.deepcopy(record))
    buffer = io.BytesIO(etree.tostring(root))
    buffer.name = path  # the loader names the file in its messages
    return buffer


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    for path, ids in RELOAD.items():
        convert_xml_import(env, "hr_goede_gesprek", _records(path, ids), mode="init")
