# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A respondent from outside (or without a work address) in the wizard
``hr.goede.gesprek.feedback.wizard``."""

from odoo import fields, models


class HrGoedeGesprekFeedbackWizardLine(models.TransientModel):
    _name = "hr.goede.gesprek.feedback.wizard.line"
    _description = "Ask for 360° Feedback: Other Respondent"

    wizard_id = fields.Many2one(
        "hr.goede.gesprek.feedback.wizard", required=True, ondelete="cascade"
    )
    name = fields.Char()
    email = fields.Char(string="E-mail", required=True)
