# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

from ..tools.declarations import system_policy


class HrGoedeGesprekSystemRecordMixin(models.AbstractModel):
    """Rows only the system writes: logs, answers, snapshots and report views.

    No role creates, changes or deletes one (the ACLs give read only, the
    declared policy says so too), and they have no state of their own."""

    _name = "hr.goede.gesprek.system.record.mixin"
    _description = "Good Conversation: a row only the system writes"
    _inherit = ["hr.goede.gesprek.workflow.mixin"]
    _policy_create, _policy_write, _policy_unlink = system_policy()
    _policy_state_field = None
