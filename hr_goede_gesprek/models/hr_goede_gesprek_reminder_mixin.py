# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The documents the scheduled reminders put activities on (the conversation,
the agreement, the objection; the employee's personnel record, a model of its
own, does the same in ``hr_employee.py``).

A reminder activity does not make its assignee a follower (``NO_FOLLOW``, see
``tools/cron.py``): a next-level manager or HR would otherwise receive the
document's whole chatter (for an employee: their personnel record's), and the
reminder crons keep a fixed number of queries per batch. The context key only
ever leaves a subscription out; it opens nothing.
"""

from odoo import models

from ..tools.cron import NO_FOLLOW


class HrGoedeGesprekReminderMixin(models.AbstractModel):
    _name = "hr.goede.gesprek.reminder.mixin"
    # Listed where a model lists mail.thread (it brings it), so that its
    # message_subscribe comes before mail.thread's.
    _inherit = ["mail.thread"]
    _description = "Good Conversation: reminders without followers"

    # ------------------------------------------------------------------
    # Mail
    # ------------------------------------------------------------------
    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        if self.env.context.get(NO_FOLLOW):
            return True
        return super().message_subscribe(
            partner_ids=partner_ids, subtype_ids=subtype_ids
        )
