# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    goede_gesprek_report_author = fields.Selection(
        related="company_id.goede_gesprek_report_author", readonly=False
    )
    goede_gesprek_agenda_days = fields.Integer(
        related="company_id.goede_gesprek_agenda_days", readonly=False
    )
    goede_gesprek_frequency = fields.Integer(
        related="company_id.goede_gesprek_frequency", readonly=False
    )
