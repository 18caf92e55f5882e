# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


# A separate file keeps the formal layer's settings apart from the core's,
# so parallel branches merge cleanly.
# pylint: disable=consider-merging-classes-inherited
class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    goede_gesprek_legal_regime = fields.Selection(
        related="company_id.goede_gesprek_legal_regime", readonly=False
    )
    goede_gesprek_sector = fields.Selection(
        related="company_id.goede_gesprek_sector", readonly=False
    )
    goede_gesprek_signatory_ids = fields.Many2many(
        related="company_id.goede_gesprek_signatory_ids", readonly=False
    )
    goede_gesprek_appraisal_scale_id = fields.Many2one(
        related="company_id.goede_gesprek_appraisal_scale_id", readonly=False
    )
    goede_gesprek_appraisal_countersign = fields.Boolean(
        related="company_id.goede_gesprek_appraisal_countersign", readonly=False
    )
    goede_gesprek_hours_warning_days = fields.Integer(
        related="company_id.goede_gesprek_hours_warning_days", readonly=False
    )
