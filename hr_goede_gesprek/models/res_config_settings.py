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

    # Incidental rewards and scheduled reminders

    goede_gesprek_currency_id = fields.Many2one(related="company_id.currency_id")

    goede_gesprek_reward_cap = fields.Monetary(
        related="company_id.goede_gesprek_reward_cap",
        currency_field="goede_gesprek_currency_id",
        readonly=False,
    )
    goede_gesprek_reward_approval = fields.Selection(
        related="company_id.goede_gesprek_reward_approval", readonly=False
    )
    goede_gesprek_reward_allow_override = fields.Boolean(
        related="company_id.goede_gesprek_reward_allow_override", readonly=False
    )
    goede_gesprek_reward_norm = fields.Monetary(
        related="company_id.goede_gesprek_reward_norm",
        currency_field="goede_gesprek_currency_id",
        readonly=False,
    )
    goede_gesprek_reward_warn_share = fields.Integer(
        related="company_id.goede_gesprek_reward_warn_share", readonly=False
    )
    goede_gesprek_hr_user_id = fields.Many2one(
        related="company_id.goede_gesprek_hr_user_id", readonly=False
    )
    goede_gesprek_due_lead_days = fields.Integer(
        related="company_id.goede_gesprek_due_lead_days", readonly=False
    )
    goede_gesprek_due_hr_days = fields.Integer(
        related="company_id.goede_gesprek_due_hr_days", readonly=False
    )
    goede_gesprek_request_days = fields.Integer(
        related="company_id.goede_gesprek_request_days", readonly=False
    )
    goede_gesprek_sign_days = fields.Integer(
        related="company_id.goede_gesprek_sign_days", readonly=False
    )

    # Legal profile

    goede_gesprek_legal_regime = fields.Selection(
        related="company_id.goede_gesprek_legal_regime", readonly=False
    )
    goede_gesprek_signing_line = fields.Text(
        related="company_id.goede_gesprek_signing_line", readonly=False
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
    goede_gesprek_objection_weeks = fields.Integer(
        related="company_id.goede_gesprek_objection_weeks", readonly=False
    )
    goede_gesprek_k_anonymity = fields.Integer(
        related="company_id.goede_gesprek_k_anonymity", readonly=False
    )
