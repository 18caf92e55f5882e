# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.1.0: the feedback record rules (anonymity enforced by the rules) and
the feedback mail templates (no link to any record) changed in files loaded
with ``noupdate="1"``; an update skips such records, so they are reloaded here
from the module's own files, through Odoo's XML loader."""

from odoo import SUPERUSER_ID, api
from odoo.tools import convert_file

RELOAD = [
    "security/hr_goede_gesprek_portal_security.xml",
    "data/mail_template_feedback_data.xml",
]


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    for path in RELOAD:
        convert_file(env, "hr_goede_gesprek", path, {}, mode="init", kind="data")
