# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.2.0: the record rules compare columns stored on the documents (the
employee's user, the managers' users, the conversation partners as an indexed
array), so that every list can be read off an index at any size. The rules are
loaded with ``noupdate="1"``; an update skips them, so every rule of the
module's security files is reloaded here through Odoo's XML loader. Their
meaning is unchanged: who could read a document before reads it now."""

import copy
import io

from lxml import etree

from odoo import SUPERUSER_ID, api
from odoo.tools import convert_xml_import, file_open

FILES = (
    "security/hr_goede_gesprek_security.xml",
    "security/hr_goede_gesprek_legal_security.xml",
    "security/hr_goede_gesprek_portal_security.xml",
)


def _rules(path):
    """The ``ir.rule`` records of ``path``, as a file of their own."""
    with file_open(f"hr_goede_gesprek/{path}", "rb") as f:
        doc = etree.parse(f)
    root = etree.Element("odoo", noupdate="1")
    for record in doc.iter("record"):
        if record.get("model") == "ir.rule":
            root.append(copy.deepcopy(record))
    buffer = io.BytesIO(etree.tostring(root))
    buffer.name = path  # the loader names the file in its messages
    return buffer


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    for path in FILES:
        convert_xml_import(env, "hr_goede_gesprek", _rules(path), mode="init")
