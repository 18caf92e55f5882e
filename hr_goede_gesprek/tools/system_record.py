# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Rows only the system writes: logs, answers, snapshots and report views.

No role creates, changes or deletes one (the ACLs give read only, the
declared policy says so too), and they have no state of their own. The
abstract model lives here, not under models/, because every model that
inherits it imports its name from here, which also registers it.
"""

from odoo import models

from .declarations import system_policy

SYSTEM_RECORD = "hr.goede.gesprek.system.record.mixin"


def row_value(field_class, *args, **kwargs):
    """A value every row has, set when the system makes the row and never
    edited afterwards."""
    return field_class(*args, required=True, readonly=True, **kwargs)


class HrGoedeGesprekSystemRecordMixin(models.AbstractModel):
    _name = SYSTEM_RECORD
    _description = "Good Conversation: a row only the system writes"
    _inherit = ["hr.goede.gesprek.workflow.mixin"]
    _policy_create, _policy_write, _policy_unlink = system_policy()
    _policy_state_field = None
