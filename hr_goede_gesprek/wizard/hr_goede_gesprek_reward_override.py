# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Approve a reward above the yearly cap: HR gives the reason here.

The reason is recorded on the reward by its own approval step (it is no role's to
type on the reward itself); the reward checks who approves and the company policy.
"""

from odoo import fields, models


class HrGoedeGesprekRewardOverride(models.TransientModel):
    _name = "hr.goede.gesprek.reward.override"
    _inherit = ["hr.goede.gesprek.reason.wizard"]
    _description = "Approve a Reward above the Yearly Cap"

    reward_id = fields.Many2one(
        "hr.goede.gesprek.reward", required=True, ondelete="cascade"
    )
    currency_id = fields.Many2one(related="reward_id.currency_id")
    amount_net = fields.Monetary(related="reward_id.amount_net")
    reason = fields.Text(string="Reason to exceed the cap")

    def _confirm(self):
        self.reward_id.action_approve_over_cap(self.reason)
