# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class HrGoedeGesprekCancel(models.TransientModel):
    _name = "hr.goede.gesprek.cancel"
    _inherit = ["hr.goede.gesprek.health.guard.mixin"]
    _description = "Cancel a Good Conversation"

    conversation_id = fields.Many2one("hr.goede.gesprek", required=True)
    reason = fields.Text(required=True)

    @api.onchange("reason")
    def _onchange_health_words(self):
        """A soft warning when a free text names health data."""
        return self._health_warning("reason")

    def action_confirm(self):
        self.ensure_one()
        self.conversation_id._do_cancel(self.reason)
        return {"type": "ir.actions.act_window_close"}
