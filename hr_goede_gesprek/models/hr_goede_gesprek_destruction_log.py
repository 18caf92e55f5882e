# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The destruction log: what the retention run destroyed, when and under which
rule. Never the content, the names or the ids of what went: only the kind of
document, how many, the rule and its source, the action and who ran it."""

from odoo import fields, models

from ..tools.declarations import system_policy
from .hr_goede_gesprek_retention_rule import ACTIONS


class HrGoedeGesprekDestructionLog(models.Model):
    _name = "hr.goede.gesprek.destruction.log"
    _inherit = ["hr.goede.gesprek.workflow.mixin"]
    _description = "Destruction log"
    _order = "date desc, id desc"
    # Written by the retention run only (sudo, _retention_destroy_batch);
    # nobody creates, changes or deletes a row (read-only ACLs).
    _policy_create, _policy_write, _policy_unlink = system_policy()
    _policy_state_field = None
    _policy_employee_field = None

    date = fields.Datetime(default=fields.Datetime.now, required=True, readonly=True)
    res_model = fields.Char(string="Model", required=True, readonly=True)
    model_name = fields.Char(
        string="Document", compute="_compute_model_name", readonly=True
    )
    record_count = fields.Integer(string="Records", readonly=True)
    rule_id = fields.Many2one(
        "hr.goede.gesprek.retention.rule",
        string="Rule",
        readonly=True,
        ondelete="set null",
    )
    rule_source = fields.Char(string="Source", readonly=True)
    action = fields.Selection(ACTIONS, required=True, readonly=True)
    trigger = fields.Selection(
        [("cron", "Scheduled action"), ("user", "User")],
        string="Run by",
        required=True,
        readonly=True,
    )
    user_id = fields.Many2one("res.users", string="User", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True, index=True)

    def _compute_model_name(self):
        for log in self:
            model = self.env.get(log.res_model)
            log.model_name = model._description if model is not None else log.res_model
