# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Information at hand on a conversation: what to review from earlier ones."""

from odoo import api, fields, models

from .hr_goede_gesprek_agreement import OPEN_STATES


class HrGoedeGesprek(models.Model):
    _inherit = "hr.goede.gesprek"

    open_agreement_ids = fields.Many2many(
        "hr.goede.gesprek.agreement",
        compute="_compute_open_agreement_ids",
        string="Open agreements to review",
        help="Agreements from the employee's earlier conversations that are "
        "still open: review them in this conversation.",
    )
    open_agreement_count = fields.Integer(compute="_compute_open_agreement_ids")
    previous_report_summary = fields.Html(
        compute="_compute_previous_report_summary",
        string="Previous report",
        sanitize=True,
    )

    @api.depends("employee_id", "date_start", "agreement_ids", "agreement_ids.state")
    def _compute_open_agreement_ids(self):
        # one search for all conversations in self (no search in a loop)
        agreements = self.env["hr.goede.gesprek.agreement"].search(
            [
                ("employee_id", "in", self.employee_id.ids),
                ("state", "in", OPEN_STATES),
            ]
        )
        by_employee = {}
        for agreement in agreements:
            by_employee.setdefault(agreement.employee_id.id, []).append(agreement)
        for conversation in self:
            own_id = conversation._origin.id
            date = conversation.date_start
            selected = [
                agreement.id
                for agreement in by_employee.get(conversation.employee_id.id, [])
                if agreement.conversation_id.id != own_id
                and not (
                    date
                    and agreement.conversation_id.date_start
                    and agreement.conversation_id.date_start > date
                )
            ]
            conversation.open_agreement_ids = [fields.Command.set(selected)]
            conversation.open_agreement_count = len(selected)

    @api.depends("previous_conversation_id")
    def _compute_previous_report_summary(self):
        for conversation in self:
            conversation.previous_report_summary = (
                conversation.previous_conversation_id.report_summary
            )
