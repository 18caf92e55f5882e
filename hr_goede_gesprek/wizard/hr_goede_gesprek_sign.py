# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from ..models.hr_goede_gesprek import PARTY, SIGN_MODES
from ..models.hr_goede_gesprek_health_guard_mixin import health_onchange


class HrGoedeGesprekSign(models.TransientModel):
    _name = "hr.goede.gesprek.sign"
    _inherit = ["hr.goede.gesprek.health.guard.mixin"]
    _description = "Sign a Good Conversation Report"

    conversation_id = fields.Many2one("hr.goede.gesprek", required=True)
    party = fields.Selection(PARTY, compute="_compute_party", string="Signing as")
    mode = fields.Selection(
        SIGN_MODES,
        string="Sign as",
        required=True,
        help="Seen: you have read the report. Agreed: you also agree with it.",
    )
    view = fields.Text(
        string="Your view",
        help="Optional: your own view on the conversation, added to the report.",
    )
    signature = fields.Binary(help="Optional: your handwritten signature.")

    @api.depends("conversation_id")
    @api.depends_context("uid")
    def _compute_party(self):
        for wizard in self:
            wizard.party = (
                wizard.conversation_id._get_user_party()
                if wizard.conversation_id
                else False
            )

    _onchange_health_words = health_onchange("view")

    def action_sign(self):
        self.ensure_one()
        self.conversation_id._do_sign(
            self.conversation_id._get_user_party(),
            self.mode,
            view=self.view,
            signature=self.signature,
        )
        return {"type": "ir.actions.act_window_close"}
