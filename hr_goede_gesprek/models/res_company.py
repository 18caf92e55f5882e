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
    goede_gesprek_frequency = fields.Integer(
        string="Conversations per year",
        default=2,
        help="How many good conversations each employee has per year, at least.",
    )

    _sql_constraints = [
        (
            "goede_gesprek_agenda_days_positive",
            "CHECK(goede_gesprek_agenda_days >= 0)",
            "The number of days to share the agenda in advance cannot be negative.",
        ),
        (
            "goede_gesprek_frequency_positive",
            "CHECK(goede_gesprek_frequency >= 1)",
            "Every employee has at least one good conversation a year.",
        ),
    ]
