# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the wizards that ask for a reason share (cancel, reschedule, legal
hold, approval above the cap): the reason is a free text, so it warns about
health data; confirming runs the document's own step, which checks who may
take it, and closes the dialog."""

from odoo import fields, models

from ..models.hr_goede_gesprek_health_guard_mixin import health_onchange


class HrGoedeGesprekReasonWizard(models.AbstractModel):
    _name = "hr.goede.gesprek.reason.wizard"
    _inherit = ["hr.goede.gesprek.health.guard.mixin"]
    _description = "Good Conversation: confirm with a reason"

    reason = fields.Text(required=True)

    _onchange_health_words = health_onchange("reason")

    def action_confirm(self):
        self.ensure_one()
        self._confirm()
        return {"type": "ir.actions.act_window_close"}

    def _confirm(self):
        """Take the document's step with ``self.reason``: wizards define it."""
        raise NotImplementedError
