# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A prompt of a trigger: the log of what fired, and the notice itself.

One record per trigger, record and user (unique key): a trigger never prompts
the same person about the same event twice. For a backend user the prompt
carries an activity; a portal-only employee sees it as a notice in the portal.
Either way the one-click :meth:`action_put_on_agenda` adds an agenda item to
the next open conversation of the employee, through the conversation's own
agenda guard; with no open conversation it refuses and creates none.
Prompts are written by the system only (``_fire`` and the ``_do_*`` steps).
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.cron import _activities

OPEN_CONVERSATION_STATES = ("preparing", "planned")


class HrGoedeGesprekTriggerPrompt(models.Model):
    _name = "hr.goede.gesprek.trigger.prompt"
    _description = "Good Conversation Trigger Prompt"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "hr.goede.gesprek.workflow.mixin",
    ]
    _order = "create_date desc, id desc"
    # Nobody writes a prompt directly: ``_fire`` creates it, the steps below
    # close it.
    _policy_create = {}
    _policy_write = {}
    _policy_unlink = {"*": {"admin"}}

    trigger_id = fields.Many2one(
        "hr.goede.gesprek.trigger", required=True, ondelete="cascade", readonly=True
    )
    event = fields.Selection(related="trigger_id.event", store=True)
    message = fields.Text(related="trigger_id.message")
    name = fields.Char(string="About", readonly=True)
    res_model = fields.Char(required=True, readonly=True)
    res_id = fields.Many2oneReference(
        model_field="res_model", required=True, readonly=True
    )
    user_id = fields.Many2one(
        "res.users", string="Prompted", required=True, readonly=True, index=True
    )
    employee_id = fields.Many2one(
        "hr.employee", required=True, readonly=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="employee_id.company_id", store=True, string="Company"
    )
    side = fields.Selection(
        [("employee", "Employee"), ("manager", "Manager")], required=True, readonly=True
    )
    state = fields.Selection(
        [("open", "Open"), ("done", "On the agenda"), ("dismissed", "Dismissed")],
        default="open",
        required=True,
        readonly=True,
        index=True,
    )
    agenda_line_id = fields.Many2one(
        "hr.goede.gesprek.agenda.line", readonly=True, ondelete="set null"
    )

    _sql_constraints = [
        (
            "trigger_record_user_uniq",
            "unique(trigger_id, res_model, res_id, user_id)",
            "A trigger prompts a person once per event.",
        )
    ]

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_put_on_agenda(self):
        """Add this prompt to the next open conversation of the employee."""
        for prompt in self:
            conversation = prompt._check_can_put_on_agenda()
            prompt._do_put_on_agenda(conversation)
        return True

    def action_dismiss(self):
        for prompt in self:
            prompt._check_own_open()
        self._do_close("dismissed")
        return True

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    def _check_own_open(self):
        self.ensure_one()
        self.check_access("read")
        if self.user_id != self.env.user:
            raise AccessError(self.env._("This prompt is meant for someone else."))
        if self.state != "open":
            raise UserError(
                self.env._("The prompt “%(name)s” was already handled.", name=self.name)
            )

    def _next_conversation(self):
        """The employee's next open conversation the user can see (or none)."""
        self.ensure_one()
        return self.env["hr.goede.gesprek"].search(
            [
                ("employee_id", "=", self.employee_id.id),
                ("state", "in", OPEN_CONVERSATION_STATES),
            ],
            order="date_start, id",
            limit=1,
        )

    def _check_can_put_on_agenda(self):
        self._check_own_open()
        conversation = self._next_conversation()
        if not conversation:
            raise UserError(
                self.env._(
                    "There is no open conversation to put “%(name)s” on: plan "
                    "or request one first.",
                    name=self.name,
                )
            )
        return conversation

    def _do_put_on_agenda(self, conversation):
        # The conversation's own agenda guard runs as the user (portal users
        # included) before its sudo create.
        before = conversation.sudo().agenda_line_ids
        conversation.portal_add_agenda_line(
            self.env._(
                "%(trigger)s: %(name)s", trigger=self.trigger_id.name, name=self.name
            ),
            description=self.message,
        )
        line = conversation.sudo().agenda_line_ids - before
        self._do_close("done", agenda_line=line[:1])

    def _do_close(self, state, agenda_line=None):
        # sudo: the state is the system's; the user's own prompt was checked.
        vals = {"state": state}
        if agenda_line:
            vals["agenda_line_id"] = agenda_line.id
        self.sudo().write(vals)
        self.sudo().activity_unlink(["hr_goede_gesprek.mail_act_trigger_prompt"])

    def _schedule_activities(self):
        """An activity for each prompted backend user; portal-only employees
        see the prompt as a portal notice."""
        activity_type = self.env.ref("hr_goede_gesprek.mail_act_trigger_prompt")
        today = fields.Date.context_today(self)
        vals_list = [
            {
                "res_id": prompt.id,
                "automated": True,
                "activity_type_id": activity_type.id,
                "user_id": prompt.user_id.id,
                "date_deadline": today,
                "summary": prompt.trigger_id.name,
                "note": prompt.message,
            }
            for prompt in self
            if not prompt.user_id.share
        ]
        # sudo: prompts are system records; each assignee reads their own.
        _activities(self.env(su=True), self._name, vals_list)

    @api.model
    def _portal_open_prompts(self):
        """The current user's open prompts (the portal notices)."""
        return self.search([("user_id", "=", self.env.uid), ("state", "=", "open")])
