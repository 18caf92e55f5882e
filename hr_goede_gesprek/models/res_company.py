# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    goede_gesprek_report_author = fields.Selection(
        [("employee", "Employee"), ("partner", "Conversation partner")],
        string="Default report author",
        default="employee",
        required=True,
    )
    goede_gesprek_agenda_days = fields.Integer(
        string="Share agenda days before",
        default=3,
    )
