# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.1.0: the feedback record rules (anonymity enforced by the rules) and
the feedback mail templates (no link to any record) changed in files loaded
with ``noupdate="1"``; an update skips such records, so they are reloaded here
from the module's own files, through Odoo's XML loader. Only these records:
the files hold others (the conversation templates) that a company may have
edited and that did not change."""

from odoo.addons.hr_goede_gesprek.tools.migration import reload_on_update

# file -> the ids of its records to reload (None: every record of the file)
RELOAD = {
    "security/hr_goede_gesprek_portal_security.xml": None,
    "data/mail_template_data.xml": {
        "mail_template_feedback_request",
        "mail_template_feedback_reminder",
    },
}


def migrate(cr, version):
    keeps = {
        path: lambda r, ids=ids: ids is None or r.get("id") in ids
        for path, ids in RELOAD.items()
    }
    reload_on_update(cr, version, keeps)
