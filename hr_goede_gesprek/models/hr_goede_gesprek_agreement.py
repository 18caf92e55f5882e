# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Agreements (afspraken) made in a good conversation.

An agreement is final only when both parties confirm it; if one declines, the two
talk again. Every public ``action_*`` checks who may act (``_check_can_*``) and
delegates to a ``_do_*`` helper, which writes the workflow fields (state,
confirmations, dates, decline reason) with ``sudo()``, then calls the single
``activity_update()``. What each role may write directly is declared below
(see ``hr.goede.gesprek.workflow.mixin``): the content while it is proposed,
the progress once it is agreed; nothing else.

An agreement with consequences for the employment terms (more or fewer hours,
other work, a salary step, an allowance, a reward, the generation scheme, ...)
needs a written decision: it cannot be marked done until that decision has
been issued. In the employee portal (``/my/agreements``) the employee confirms,
declines (talk again) and marks progress; the guards run as the user, the
controller acts with ``sudo()`` afterwards.
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.tools import LazyTranslate, clean_context

from ..tools.cron import cron_entry, remind_batch
from ..tools.declarations import (
    employee_department,
    followed_company,
    user_flag,
    workflow_state,
)
from .hr_goede_gesprek_decision import ISSUED_STATES
from .hr_goede_gesprek_workflow_mixin import step_action

_lt = LazyTranslate(__name__)

OPEN_STATES = ("proposed", "agreed", "talk_again")
# Fields that make up the content of an agreement: changing them after both
# parties agreed would change what was agreed. (The legal flag and its type
# belong to it: an agreement marked without legal consequences after it was
# agreed could be closed without a decision.)
CONTENT_FIELDS = frozenset(
    {
        "name",
        "description",
        "kind",
        "owner",
        "deadline",
        "has_legal_consequence",
        "legal_topic_id",
    }
)
# How far it is carried out (the parties update it, also in the portal).
PROGRESS_FIELDS = frozenset({"progress"})
# The links that decide who reads it and what it is about: given on creation
# only, and always of one employee (see _check_same_employee).
LINK_FIELDS = frozenset({"conversation_id", "employee_id", "company_id"})
PARTY_ROLES = ("employee", "manager", "partner")
POLICY_CREATE = {role: CONTENT_FIELDS | LINK_FIELDS for role in (*PARTY_ROLES, "hr")}
POLICY_WRITE = {
    "proposed": {role: CONTENT_FIELDS for role in (*PARTY_ROLES, "hr")},
    "talk_again": {role: CONTENT_FIELDS for role in (*PARTY_ROLES, "hr")},
    "agreed": {role: PROGRESS_FIELDS for role in PARTY_ROLES},
    # "done", "not_done", "cancelled": nothing.
}
# The hint on the form (hr.goede.gesprek.hint.mixin): the parties confirm, the
# owner follows it up.
CLOSED_HINT = _lt("Closed: nothing left to do on this agreement.")
NEXT_STEP_HINTS = {
    "proposed": (
        "can_confirm",
        _lt(
            "Next: confirm the agreement or decline it; it is agreed "
            "once the employee and the manager both confirmed."
        ),
        _lt("Next: the employee and the manager both confirm the agreement."),
    ),
    "agreed": (
        lambda agreement: agreement._get_followup_user() == agreement.env.user,
        _lt(
            "Next: you carry out the agreement by its deadline and mark "
            "it done or not done."
        ),
        _lt(
            "Next: the owner carries out the agreement by its deadline; "
            "then it is marked done or not done."
        ),
    ),
    "talk_again": _lt(
        "Next: discuss the agreement again in the next conversation and "
        "propose it again."
    ),
    "done": CLOSED_HINT,
    "not_done": CLOSED_HINT,
    "cancelled": CLOSED_HINT,
}


class HrGoedeGesprekAgreement(models.Model):
    _name = "hr.goede.gesprek.agreement"
    _description = "Good Conversation Agreement"
    _inherit = [
        "hr.goede.gesprek.reminder.mixin",
        "mail.activity.mixin",
        "portal.mixin",
        "hr.goede.gesprek.employee.mixin",
        "hr.goede.gesprek.state.mixin",
        "hr.goede.gesprek.legal.mixin",
        "hr.goede.gesprek.decision.origin.mixin",
        "hr.goede.gesprek.hint.mixin",
        "hr.goede.gesprek.retention.mixin",
        "hr.goede.gesprek.health.guard.mixin",
    ]
    _next_step_hints = NEXT_STEP_HINTS
    _retention_document_type = "agreement"
    _retention_closed_states = ("done", "not_done", "cancelled")
    _retention_completion_fields = ("done_date", "create_date")
    _order = "deadline, id"
    _partner_conversation_field = "conversation_id"
    _check_company_auto = True
    _policy_create = POLICY_CREATE
    _policy_write = POLICY_WRITE
    # HR deletes what never became binding; an agreement that was agreed is
    # cancelled instead (its history stays).
    _policy_unlink = {
        "proposed": {"hr"},
        "talk_again": {"hr"},
        "cancelled": {"hr"},
    }

    name = fields.Char(string="Agreement", required=True, tracking=True)
    description = fields.Text()
    conversation_id = fields.Many2one(
        "hr.goede.gesprek", ondelete="cascade", index=True, check_company=True
    )
    employee_id = fields.Many2one(
        compute="_compute_employee_id",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
    )
    company_id = followed_company(default=lambda self: self.env.company)
    department_id = employee_department(precompute=True)
    kind = fields.Selection(
        [
            ("development", "Development"),
            ("work", "Work"),
            ("employability", "Employability and wellbeing"),
            ("other", "Other"),
        ],
        default="development",
        required=True,
        tracking=True,
    )
    # Consequences for the employment terms (a decision letter) are the
    # separate ``has_legal_consequence`` flag; ``kind`` is free of that concern.
    owner = fields.Selection(
        [("employee", "Employee"), ("manager", "Manager"), ("both", "Both")],
        default="employee",
        required=True,
        tracking=True,
        help="Who carries out the agreement.",
    )
    deadline = fields.Date(tracking=True)
    state = workflow_state(
        [
            ("proposed", "Proposed"),
            ("agreed", "Agreed"),
            ("talk_again", "Talk again"),
            ("done", "Done"),
            ("not_done", "Not done"),
            ("cancelled", "Cancelled"),
        ],
        "proposed",
    )
    employee_confirmed = fields.Boolean(copy=False, readonly=True, tracking=True)
    manager_confirmed = fields.Boolean(copy=False, readonly=True, tracking=True)
    decline_reason = fields.Text(copy=False, readonly=True)
    done_date = fields.Date(copy=False, readonly=True)
    realised_on_time = fields.Boolean(
        compute="_compute_realised_on_time",
        store=True,
        precompute=True,
        help="Done, and no later than the deadline (if there is one).",
    )
    is_overdue = fields.Boolean(
        compute="_compute_is_overdue", search="_search_is_overdue"
    )
    is_open = fields.Boolean(compute="_compute_is_open")
    progress = fields.Integer(
        copy=False,
        tracking=True,
        help="How far the agreement has been carried out, in percent.",
    )
    deadline_reminder_date = fields.Date(readonly=True, copy=False)
    has_legal_consequence = fields.Boolean(
        string="Legal consequences",
        tracking=True,
        help="The agreement changes the employment terms: it needs a written "
        "decision before it can be marked done.",
    )
    legal_topic_id = fields.Many2one(
        "hr.goede.gesprek.legal.topic",
        string="Type of consequence",
        domain="[('for_agreements', '=', True)]",
        tracking=True,
    )
    decision_ids = fields.One2many(
        "hr.goede.gesprek.decision", "origin_agreement_id", string="Decisions"
    )
    decision_issued = fields.Boolean(compute="_compute_decision_issued")
    # User-dependent flags, used by the views only; each comes from the same
    # ``_get_cannot_reason`` the action's guard raises.
    is_employee_side = user_flag("_compute_user_side")
    is_manager_side = user_flag("_compute_user_side")
    can_confirm = user_flag("_compute_user_side")
    can_decline = user_flag("_compute_user_side")
    can_propose_again = user_flag("_compute_user_side")
    can_close = user_flag("_compute_user_side")
    can_cancel = user_flag("_compute_user_side")

    @api.depends("conversation_id.employee_id")
    def _compute_employee_id(self):
        for agreement in self:
            if agreement.conversation_id:
                agreement.employee_id = agreement.conversation_id.employee_id

    @api.depends("conversation_id.company_id", "employee_id.company_id")
    def _compute_company_id(self):
        for agreement in self:
            agreement.company_id = (
                agreement.conversation_id.company_id
                or agreement.employee_id.company_id
                or agreement.company_id
                or self.env.company
            )

    @api.depends("state", "done_date", "deadline")
    def _compute_realised_on_time(self):
        for agreement in self:
            agreement.realised_on_time = agreement.state == "done" and (
                not agreement.deadline
                or (agreement.done_date and agreement.done_date <= agreement.deadline)
            )

    @api.depends("state", "deadline")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for agreement in self:
            agreement.is_overdue = bool(
                agreement.state in OPEN_STATES
                and agreement.deadline
                and agreement.deadline < today
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(self.env._("Operation not supported."))
        domain = [
            ("state", "in", OPEN_STATES),
            ("deadline", "<", fields.Date.context_today(self)),
        ]
        if (operator == "=") == bool(value):
            return domain
        return ["!", "&", *domain]

    @api.depends("state")
    def _compute_is_open(self):
        for agreement in self:
            agreement.is_open = agreement.state in OPEN_STATES

    @api.depends("decision_ids.state")
    def _compute_decision_issued(self):
        for agreement in self:
            agreement.decision_issued = any(
                state in ISSUED_STATES
                for state in agreement.decision_ids.mapped("state")
            )

    def _compute_access_url(self):
        for agreement in self:
            agreement.access_url = f"/my/agreements/{agreement.id}"

    @api.depends_context("uid")
    @api.depends(
        "state",
        "employee_confirmed",
        "manager_confirmed",
        "employee_user_id",
        "employee_work_contact_id",
        "employee_id.parent_id.user_id",
        "employee_id.department_id.manager_id.user_id",
        "conversation_id.partner_employee_ids.user_id",
    )
    def _compute_user_side(self):
        for agreement in self:
            employee_side = agreement._is_employee()
            manager_side = agreement._is_manager_side()
            agreement.is_employee_side = employee_side
            agreement.is_manager_side = manager_side
            agreement.can_confirm = agreement.state == "proposed" and (
                (employee_side and not agreement.employee_confirmed)
                or (manager_side and not agreement.manager_confirmed)
            )
            for action in ("decline", "propose_again", "close", "cancel"):
                agreement[f"can_{action}"] = not agreement._get_cannot_reason(action)

    @api.onchange("description")
    def _onchange_health_words(self):
        """A soft warning when a free text names health data."""
        return self._health_warning("description")

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        agreements = super().create(vals_list)
        # only an agreement created as agreed (e.g. imported) needs a follow-up
        agreements.filtered(lambda a: a.state == "agreed").activity_update()
        return agreements

    def write(self, vals):
        content = CONTENT_FIELDS & set(vals)
        if content and not self._retention_destroying():
            self._check_state(
                ("proposed", "talk_again"),
                lambda a: self.env._(
                    "The agreement “%(name)s” can no longer be changed: it has "
                    "been %(state)s. Cancel it and make a new agreement instead.",
                    name=a.name,
                    state=a._state_label(),
                ),
            )
        # The declared policy is checked by the workflow mixin (super).
        result = super().write(vals)
        # sudo (below): confirmations and reminder markers are workflow fields,
        # never the user's to write; the change itself passed the policy.
        if content:
            # a changed proposal has to be confirmed again by both parties
            self.sudo().filtered(
                lambda a: a.employee_confirmed or a.manager_confirmed
            ).write({"employee_confirmed": False, "manager_confirmed": False})
        if "deadline" in vals:
            # A new deadline: the overdue reminder counts from it again.
            self.sudo().filtered("deadline_reminder_date").write(
                {"deadline_reminder_date": False}
            )
        return result

    @api.constrains("conversation_id", "employee_id")
    def _check_same_employee(self):
        """An agreement is about the employee of its conversation."""
        self._check_linked_employees(
            lambda agreement: agreement.conversation_id.employee_id,
            lambda agreement: self.env._(
                "The agreement “%(name)s” belongs to a conversation of "
                "%(employee)s: it can only be about that employee.",
                name=agreement.name,
                employee=agreement.conversation_id.employee_id.name,
            ),
        )

    # ------------------------------------------------------------------
    # Public actions
    # ------------------------------------------------------------------
    def action_confirm(self):
        """Record the current user's confirmation (employee side, manager side)."""
        return self._run_step("confirm", self.env.user)

    action_decline = step_action("decline")

    action_propose_again = step_action("propose_again")

    action_mark_done = step_action("close", "done")

    action_mark_not_done = step_action("close", "not_done")

    action_cancel = step_action("cancel")

    # ------------------------------------------------------------------
    # Actions from the portal (controllers/)
    # Each runs its guard as the user first and only then its step with
    # sudo(): portal users hold a read-only ACL on agreements. sudo keeps the
    # uid, so the steps still know who confirms.
    # ------------------------------------------------------------------
    def portal_confirm(self):
        return self._run_portal_step("confirm", self.env.user)

    def portal_decline(self, reason=None):
        return self._run_portal_step("decline", reason)

    def portal_update_progress(self, progress, note=None, done=False):
        """Mark the agreement done, or record its progress (a percentage given
        as text by the portal form) with an optional note."""
        if done:
            return self._run_portal_step("close", "done")
        self._check_can_update_progress()
        try:
            progress = int(progress or 0)
        except ValueError as error:
            raise UserError(
                self.env._("Progress is a percentage from 0 to 100.")
            ) from error
        # sudo: read-only ACL for portal users; the guard ran as the user.
        self.sudo()._do_update_progress(progress, note)
        return True

    @api.model
    def _portal_propose(self, vals, conversation_id=False):
        """The employee proposes an agreement from the portal: on one of their
        conversations (while its policy lets their side add agreements), or on
        its own. The declared create policy of their side is checked as the
        user, then the agreement is created with sudo (read-only ACL)."""
        vals = dict(vals)
        if conversation_id:
            conversation = self.env["hr.goede.gesprek"].browse(conversation_id)
            # sudo: only tells a missing conversation from a forbidden one.
            if not conversation.sudo().exists():
                raise MissingError(self.env._("This document does not exist."))
            conversation._check_can_propose_agreement()
            vals["conversation_id"] = conversation.id
            # sudo: the employee sits on hr.employee; the agreement is always
            # about the conversation's employee.
            employee = conversation.sudo().employee_id
            vals["employee_id"] = employee.id
            party = conversation._get_user_party()
        else:
            employee = self.env["hr.goede.gesprek"]._get_user_employees()[:1]
            party = "employee" if employee else False
            vals.update(employee_id=employee.id, company_id=employee.company_id.id)
        # The portal acts for the user's side: a portal user has no role of
        # their own over the ORM (see _policy_roles).
        roles = {party} if party else set()
        if not roles:
            raise AccessError(
                self.env._("Your employee record is not linked to your login: ask HR.")
            )
        forbidden = set(vals) - self._policy_fields(self._policy_create, roles)
        if forbidden:
            self._raise_create_refused(forbidden)
        vals["name"] = (vals.get("name") or "").strip()
        if not vals["name"]:
            raise UserError(self.env._("Say what you want to agree on."))
        self._check_selection_values(vals)
        # sudo: checked above as the user; the caller's default_* context keys
        # are dropped, they would reach the sudo create.
        env = self.env(context=clean_context(self.env.context), su=True)
        agreement = self.with_env(env).create(vals)
        agreement.message_post(
            body=self.env._(
                "Proposed by %(user)s in the portal.", user=self.env.user.name
            ),
            subtype_xmlid="mail.mt_note",
        )
        return agreement.with_env(self.env)

    # ------------------------------------------------------------------
    # Transitions (no checks: callers check)
    # ------------------------------------------------------------------
    def _do_confirm(self, user):
        for agreement in self:
            vals = {}
            if agreement._is_employee(user):
                vals["employee_confirmed"] = True
            if agreement._is_manager_side(user):
                vals["manager_confirmed"] = True
            employee_ok = vals.get("employee_confirmed", agreement.employee_confirmed)
            manager_ok = vals.get("manager_confirmed", agreement.manager_confirmed)
            if employee_ok and manager_ok:
                vals["state"] = "agreed"
            # sudo: the confirmations and the state are workflow fields; the
            # caller checked who confirms (_check_can_confirm).
            agreement.sudo().write(vals)
        self.activity_update()

    # sudo in the steps below: state, confirmations, dates, progress and the
    # decline reason are workflow fields; the caller ran the matching
    # _check_can_* as the user.
    def _do_decline(self, reason=None):
        self.sudo().write(
            {
                "state": "talk_again",
                "employee_confirmed": False,
                "manager_confirmed": False,
            }
        )
        self.activity_update()
        reason = (reason or "").strip()
        if reason:
            self.sudo().write({"decline_reason": reason})
            for agreement in self:
                agreement.message_post(
                    body=self.env._("Declined: %(reason)s", reason=reason),
                    subtype_xmlid="mail.mt_comment",
                )

    def _do_propose_again(self):
        self.sudo().write(
            {
                "state": "proposed",
                "employee_confirmed": False,
                "manager_confirmed": False,
            }
        )
        self.activity_update()

    def _do_close(self, state):
        if state == "done":
            missing = self.filtered(
                lambda a: a.has_legal_consequence and not a.decision_issued
            )[:1]
            if missing:
                raise UserError(
                    self.env._(
                        "The agreement “%(name)s” has legal consequences: it can "
                        "only be marked done once its decision has been issued.",
                        name=missing.name,
                    )
                )
        self.sudo().write(
            {"state": state, "done_date": fields.Date.context_today(self)}
        )
        self.activity_update()

    def _do_cancel(self):
        self.sudo().write({"state": "cancelled"})
        self.activity_update()

    def _do_update_progress(self, progress, note=None):
        progress = int(progress)
        if not 0 <= progress <= 100:
            raise UserError(self.env._("Progress is a percentage from 0 to 100."))
        self.sudo().write({"progress": progress})
        note = (note or "").strip()
        if note:
            for agreement in self:
                agreement.message_post(body=note, subtype_xmlid="mail.mt_comment")
        return True

    def _do_prepare_decision(self):
        self.ensure_one()
        # The origin link is a workflow field of the decision (see there).
        return self.env["hr.goede.gesprek.decision"]._create_from_origin(
            {
                "employee_id": self.employee_id.id,
                "company_id": self.company_id.id,
                "topic_id": self.legal_topic_id.id,
                "subject": self.name,
                "decision_text": self.description or self.name,
                "origin_agreement_id": self.id,
            }
        )

    # ------------------------------------------------------------------
    # Policy roles
    # ------------------------------------------------------------------
    def _policy_roles(self):
        """The mixin's roles plus "partner": a partner of its conversation.

        Portal users get none: their ACL is read-only; the portal routes run
        the ``_check_can_*`` guards as the user and act with ``sudo()``.
        """
        self.ensure_one()
        if self.env.user.share:
            return set()
        roles = super()._policy_roles()
        # sudo: compares the conversation's partners with the caller only.
        if self.env.user in self.sudo().conversation_id.partner_user_ids:
            roles.add("partner")
        return roles

    @api.model
    def _policy_roles_create(self, vals):
        if self.env.user.share:
            return set()
        # sudo: follows the links given, to compare people only.
        conversation = (
            self.env["hr.goede.gesprek"]
            .sudo()
            .browse(vals.get("conversation_id") or [])
        )
        employee = self.env["hr.employee"].browse(vals.get("employee_id") or [])
        roles = self._policy_roles_for_employee(employee or conversation.employee_id)
        if self.env.user in conversation.partner_user_ids:
            roles.add("partner")
        return roles

    # ------------------------------------------------------------------
    # Who is who, and what the current user may do
    # ------------------------------------------------------------------
    def _is_manager_side(self, user=None):
        """The employee's manager, or a partner of the conversation."""
        self.ensure_one()
        user = user or self.env.user
        # sudo: compares the conversation's partners with the user only.
        return self._is_manager(user) or (
            user in self.sudo().conversation_id.partner_employee_ids.user_id
        )

    def _is_party(self, user=None):
        return self._is_employee(user) or self._is_manager_side(user)

    def _get_action_states(self):
        """For each party action: the states it is possible in, and how the
        refusal names it."""
        return {
            "confirm": (("proposed",), self.env._("confirm")),
            "decline": (("proposed",), self.env._("decline")),
            "propose_again": (("talk_again",), self.env._("propose again")),
            "close": (("agreed",), self.env._("close")),
            "cancel": (OPEN_STATES, self.env._("cancel")),
            "update_progress": (("agreed",), self.env._("update the progress of")),
        }

    def _get_cannot_reason(self, action):
        """Why the current user cannot do ``action`` on this agreement now: the
        exception its guard raises, or None. HR may also cancel."""
        self.ensure_one()
        states, label = self._get_action_states()[action]
        if not (self._is_party() or (action == "cancel" and self._is_hr())):
            return AccessError(
                self.env._(
                    "Only the employee and their manager or conversation partner "
                    "may act on the agreement “%(name)s”.",
                    name=self.name,
                )
            )
        if self.state not in states:
            return UserError(
                self.env._(
                    "You cannot %(action)s the agreement “%(name)s” in its "
                    "current state.",
                    action=label,
                    name=self.name,
                )
            )
        return None

    def _check_can(self, action):
        for agreement in self:
            if error := agreement._get_cannot_reason(action):
                raise error

    def _check_can_confirm(self):
        self._check_can("confirm")

    def _check_can_decline(self):
        self._check_can("decline")

    def _check_can_propose_again(self):
        self._check_can("propose_again")

    def _check_can_close(self):
        self._check_can("close")

    def _check_can_cancel(self):
        self._check_can("cancel")

    def _check_can_update_progress(self):
        self._check_can("update_progress")

    def _check_can_prepare_decision(self):
        self.check_access("read")
        is_hr = self._is_hr()
        for agreement in self:
            if not (is_hr or agreement._is_manager_side()):
                raise AccessError(
                    self.env._(
                        "Only HR or the manager prepares the decision on "
                        "“%(name)s”.",
                        name=agreement.name,
                    )
                )
            if not agreement.has_legal_consequence or not agreement.legal_topic_id:
                raise UserError(
                    self.env._(
                        "“%(name)s” has no legal consequences (or no type); it "
                        "needs no decision.",
                        name=agreement.name,
                    )
                )
            if agreement.state != "agreed":
                raise UserError(
                    self.env._(
                        "Both parties must agree on “%(name)s” before its "
                        "decision is prepared.",
                        name=agreement.name,
                    )
                )
            if agreement.decision_ids.filtered(lambda d: d.state != "superseded"):
                raise UserError(
                    self.env._(
                        "“%(name)s” already has a decision.", name=agreement.name
                    )
                )

    # ------------------------------------------------------------------
    # Activities
    # ------------------------------------------------------------------
    def _get_followup_user(self):
        """Who follows the agreement up: its owner (the employee leads)."""
        self.ensure_one()
        # sudo: the owner's and manager's users are needed to assign the
        # activity; hr.employee is HR data for plain users.
        employee = self.sudo().employee_id
        if self.owner == "manager":
            return employee.parent_id.user_id or employee.user_id
        return employee.user_id or employee.parent_id.user_id

    def activity_update(self):
        followup = "hr_goede_gesprek.mail_activity_type_follow_up_agreement"
        to_feedback = self.browse()
        to_unlink = self.browse()
        for agreement in self:
            if agreement.state == "agreed":
                user = agreement._get_followup_user()
                if user:
                    agreement.activity_schedule(
                        followup,
                        date_deadline=agreement.deadline,
                        summary=agreement.name,
                        user_id=user.id,
                    )
            elif agreement.state in ("done", "not_done"):
                to_feedback |= agreement
            else:
                to_unlink |= agreement
        if to_feedback:
            to_feedback.activity_feedback([followup])
        if to_unlink:
            to_unlink.activity_unlink([followup])

    # ------------------------------------------------------------------
    # Scheduled actions: batched, idempotent, savepoint per record, working as
    # the reminder user (see tools/cron.py).
    # ------------------------------------------------------------------
    _cron_agreement_deadline = cron_entry("_batch_agreement_deadline")

    def _batch_agreement_deadline(self, batch_size=200):
        """Agreements past their deadline: the owner(s) get an activity."""
        today = fields.Date.context_today(self)
        todo = self.search(
            [
                ("company_id", "in", self.env.user.company_ids.ids),
                ("state", "=", "agreed"),
                ("deadline", "<", today),
                ("deadline_reminder_date", "=", False),
            ],
            limit=batch_size,
            order="id",
        )
        summary = self.env._("Agreement past its deadline: carry it out or talk again")

        def owners(agreement):
            users = self.env["res.users"]
            if agreement.owner in ("employee", "both"):
                users |= agreement.employee_id.user_id
            if agreement.owner in ("manager", "both"):
                users |= agreement.employee_id.parent_id.user_id
            return [(user, summary) for user in users]

        return remind_batch(
            todo,
            "hr_goede_gesprek.mail_act_agreement_deadline",
            owners,
            lambda agreement: {"deadline_reminder_date": today},
            batch_size,
            then=lambda batch: self.env["hr.goede.gesprek.trigger"]._fire(
                "agreement_deadline", batch
            ),
        )
