# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

SCALE = [(str(score), str(score)) for score in range(1, 6)]


class HrGoedeGesprekExperienceWizard(models.TransientModel):
    _name = "hr.goede.gesprek.experience.wizard"
    _description = "Good Conversation: say how it felt"

    conversation_id = fields.Many2one("hr.goede.gesprek", required=True)
    heard = fields.Selection(SCALE, string="Did you feel heard?")
    useful = fields.Selection(SCALE, string="Was the conversation useful to you?")
    equal = fields.Selection(SCALE, string="Did you talk as equals?")

    def action_confirm(self):
        self.ensure_one()
        self.env["hr.goede.gesprek.experience"].action_submit(
            self.conversation_id.id,
            {"heard": self.heard, "useful": self.useful, "equal": self.equal},
        )
        return {"type": "ir.actions.act_window_close"}
