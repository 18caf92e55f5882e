# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class HrGoedeGesprekReschedule(models.TransientModel):
    _name = "hr.goede.gesprek.reschedule"
    _inherit = ["hr.goede.gesprek.reason.wizard"]
    _description = "Reschedule a Good Conversation"

    conversation_id = fields.Many2one("hr.goede.gesprek", required=True)
    date_start = fields.Datetime(string="New date", required=True)
    duration = fields.Float(help="Duration in hours.")
    location = fields.Char()
    reason = fields.Text(help="Why the conversation moves.")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        conversation = self.env["hr.goede.gesprek"].browse(
            values.get("conversation_id")
        )
        if conversation:
            values.setdefault("duration", conversation.duration)
            values.setdefault("location", conversation.location)
        return values

    def _confirm(self):
        self.conversation_id._do_reschedule(
            self.date_start,
            self.reason,
            duration=self.duration,
            location=self.location or False,
        )
