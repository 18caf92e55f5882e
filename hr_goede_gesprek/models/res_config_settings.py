# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


def company_setting(name, field_class, **kwargs):
    """The company's own setting ``name`` (a ``field_class`` field), edited in
    the settings form: related to the current company (string and help are the
    company field's) and written back to it."""
    return field_class(related=f"company_id.{name}", readonly=False, **kwargs)


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    goede_gesprek_report_author = company_setting(
        "goede_gesprek_report_author", fields.Selection
    )
    goede_gesprek_agenda_days = company_setting(
        "goede_gesprek_agenda_days", fields.Integer
    )
    goede_gesprek_frequency = company_setting("goede_gesprek_frequency", fields.Integer)

    # Incidental rewards and scheduled reminders

    goede_gesprek_currency_id = fields.Many2one(related="company_id.currency_id")

    goede_gesprek_reward_cap = company_setting(
        "goede_gesprek_reward_cap",
        fields.Monetary,
        currency_field="goede_gesprek_currency_id",
    )
    goede_gesprek_reward_norm = company_setting(
        "goede_gesprek_reward_norm",
        fields.Monetary,
        currency_field="goede_gesprek_currency_id",
    )
    goede_gesprek_reward_approval = company_setting(
        "goede_gesprek_reward_approval", fields.Selection
    )
    goede_gesprek_reward_allow_override = company_setting(
        "goede_gesprek_reward_allow_override", fields.Boolean
    )
    goede_gesprek_reward_warn_share = company_setting(
        "goede_gesprek_reward_warn_share", fields.Integer
    )
    goede_gesprek_hr_user_id = company_setting(
        "goede_gesprek_hr_user_id", fields.Many2one
    )
    goede_gesprek_due_lead_days = company_setting(
        "goede_gesprek_due_lead_days", fields.Integer
    )
    goede_gesprek_due_hr_days = company_setting(
        "goede_gesprek_due_hr_days", fields.Integer
    )
    goede_gesprek_request_days = company_setting(
        "goede_gesprek_request_days", fields.Integer
    )
    goede_gesprek_sign_days = company_setting("goede_gesprek_sign_days", fields.Integer)

    # Legal profile

    goede_gesprek_legal_regime = company_setting(
        "goede_gesprek_legal_regime", fields.Selection
    )
    goede_gesprek_signing_line = company_setting(
        "goede_gesprek_signing_line", fields.Text
    )
    goede_gesprek_sector = company_setting("goede_gesprek_sector", fields.Selection)
    goede_gesprek_signatory_ids = company_setting(
        "goede_gesprek_signatory_ids", fields.Many2many
    )
    goede_gesprek_appraisal_scale_id = company_setting(
        "goede_gesprek_appraisal_scale_id", fields.Many2one
    )
    goede_gesprek_appraisal_countersign = company_setting(
        "goede_gesprek_appraisal_countersign", fields.Boolean
    )
    goede_gesprek_hours_warning_days = company_setting(
        "goede_gesprek_hours_warning_days", fields.Integer
    )
    goede_gesprek_objection_weeks = company_setting(
        "goede_gesprek_objection_weeks", fields.Integer
    )
    goede_gesprek_k_anonymity = company_setting(
        "goede_gesprek_k_anonymity", fields.Integer
    )
