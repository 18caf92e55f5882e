# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HrGoedeGesprekCancel(models.TransientModel):
    _name = "hr.goede.gesprek.cancel"
    _inherit = ["hr.goede.gesprek.reason.wizard"]
    _description = "Cancel a Good Conversation"

    conversation_id = fields.Many2one("hr.goede.gesprek", required=True)

    def _confirm(self):
        self.conversation_id._do_cancel(self.reason)
