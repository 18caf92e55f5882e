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
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools.cron import (
    NO_FOLLOW,
    _activities,
    _process_batch,
    _run_as_cron_user,
)

OPEN_STATES = ("proposed", "agreed", "talk_again")
# Fields that make up the content of an agreement: changing them after both
# parties agreed would change what was agreed. (The legal flag and its type
# come from hr_goede_gesprek_agreement_legal.py: an agreement marked without
# legal consequences after it was agreed could be closed without a decision.)
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
# How far it is carried out (hr_goede_gesprek_agreement_portal.py).
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


class HrGoedeGesprekAgreement(models.Model):
    _name = "hr.goede.gesprek.agreement"
    _description = "Good Conversation Agreement"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "hr.goede.gesprek.workflow.mixin",
        "hr.goede.gesprek.state.mixin",
    ]
    _order = "deadline, id"
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
        "hr.employee",
        required=True,
        index=True,
        compute="_compute_employee_id",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        compute="_compute_company_id",
        store=True,
        readonly=False,
        precompute=True,
        default=lambda self: self.env.company,
    )
    department_id = fields.Many2one(
        related="employee_id.department_id",
        store=True,
        precompute=True,
        string="Department",
    )
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
    # The formal-layer issue adds a flag for agreements with consequences for the
    # employment terms (a decision letter); keep ``kind`` free of that concern.
    owner = fields.Selection(
        [("employee", "Employee"), ("manager", "Manager"), ("both", "Both")],
        default="employee",
        required=True,
        tracking=True,
        help="Who carries out the agreement.",
    )
    deadline = fields.Date(tracking=True)
    state = fields.Selection(
        [
            ("proposed", "Proposed"),
            ("agreed", "Agreed"),
            ("talk_again", "Talk again"),
            ("done", "Done"),
            ("not_done", "Not done"),
            ("cancelled", "Cancelled"),
        ],
        default="proposed",
        required=True,
        tracking=True,
        copy=False,
        index=True,
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
    # user-dependent flags, used by the views only; the checks live in Python
    is_employee_side = fields.Boolean(compute="_compute_user_side")
    is_manager_side = fields.Boolean(compute="_compute_user_side")
    can_confirm = fields.Boolean(compute="_compute_user_side")

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

    @api.depends_context("uid")
    @api.depends(
        "state",
        "employee_confirmed",
        "manager_confirmed",
        "employee_id.user_id",
        "employee_id.parent_id.user_id",
        "conversation_id.partner_employee_ids.user_id",
    )
    def _compute_user_side(self):
        for agreement in self:
            employee_side = agreement._is_employee_side()
            manager_side = agreement._is_manager_side()
            agreement.is_employee_side = employee_side
            agreement.is_manager_side = manager_side
            agreement.can_confirm = agreement.state == "proposed" and (
                (employee_side and not agreement.employee_confirmed)
                or (manager_side and not agreement.manager_confirmed)
            )

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
        if content:
            closed = self.filtered(lambda a: a.state not in ("proposed", "talk_again"))
            if closed:
                raise UserError(
                    self.env._(
                        "The agreement “%(name)s” can no longer be changed: it has "
                        "been %(state)s. Cancel it and make a new agreement instead.",
                        name=closed[0].name,
                        state=closed[0]._state_label(),
                    )
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
        # sudo: compares the employees of the links only.
        for agreement in self.sudo():
            conversation = agreement.conversation_id
            if conversation and conversation.employee_id != agreement.employee_id:
                raise ValidationError(
                    self.env._(
                        "The agreement “%(name)s” belongs to a conversation of "
                        "%(employee)s: it can only be about that employee.",
                        name=agreement.name,
                        employee=conversation.employee_id.name,
                    )
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
    # Who is who
    # ------------------------------------------------------------------
    def _is_employee_side(self, user=None):
        self.ensure_one()
        user = user or self.env.user
        # sudo: only compares the employee's user with the caller; a portal or
        # plain internal user cannot read hr.employee itself.
        return bool(self.sudo().employee_id.user_id == user)

    def _is_manager_side(self, user=None):
        """The employee's manager, or a partner of the conversation."""
        self.ensure_one()
        user = user or self.env.user
        # sudo: the manager's user is on hr.employee, which plain users cannot
        # read; only a comparison of ids comes out of it.
        agreement = self.sudo()
        return bool(
            user == agreement.employee_id.parent_id.user_id
            or user in agreement.conversation_id.partner_employee_ids.user_id
        )

    def _is_party(self, user=None):
        return self._is_employee_side(user) or self._is_manager_side(user)

    def _raise_not_party(self):
        raise AccessError(
            self.env._(
                "Only the employee and their manager or conversation partner may "
                "act on the agreement “%(name)s”.",
                name=self[:1].name,
            )
        )

    def _raise_wrong_state(self, action):
        raise UserError(
            self.env._(
                "You cannot %(action)s the agreement “%(name)s” in its current state.",
                action=action,
                name=self[:1].name,
            )
        )

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------
    def _check_can_confirm(self):
        for agreement in self:
            if not agreement._is_party():
                agreement._raise_not_party()
            if agreement.state != "proposed":
                agreement._raise_wrong_state(self.env._("confirm"))

    def _check_can_decline(self):
        for agreement in self:
            if not agreement._is_party():
                agreement._raise_not_party()
            if agreement.state != "proposed":
                agreement._raise_wrong_state(self.env._("decline"))

    def _check_can_propose_again(self):
        for agreement in self:
            if not agreement._is_party():
                agreement._raise_not_party()
            if agreement.state != "talk_again":
                agreement._raise_wrong_state(self.env._("propose again"))

    def _check_can_close(self):
        for agreement in self:
            if not agreement._is_party():
                agreement._raise_not_party()
            if agreement.state != "agreed":
                agreement._raise_wrong_state(self.env._("close"))

    def _check_can_cancel(self):
        is_officer = self._is_hr()
        for agreement in self:
            if not (is_officer or agreement._is_party()):
                agreement._raise_not_party()
            if agreement.state not in OPEN_STATES:
                agreement._raise_wrong_state(self.env._("cancel"))

    # ------------------------------------------------------------------
    # Public actions
    # ------------------------------------------------------------------
    def action_confirm(self):
        """Record the current user's confirmation (employee side, manager side)."""
        self._check_can_confirm()
        self._do_confirm(self.env.user)
        return True

    def action_decline(self):
        self._check_can_decline()
        self._do_decline()
        return True

    def action_propose_again(self):
        self._check_can_propose_again()
        self._do_propose_again()
        return True

    def action_mark_done(self):
        self._check_can_close()
        self._do_close("done")
        return True

    def action_mark_not_done(self):
        self._check_can_close()
        self._do_close("not_done")
        return True

    def action_cancel(self):
        self._check_can_cancel()
        self._do_cancel()
        return True

    # ------------------------------------------------------------------
    # Transitions (no checks: callers check)
    # ------------------------------------------------------------------
    def _do_confirm(self, user):
        for agreement in self:
            vals = {}
            if agreement._is_employee_side(user):
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

    # sudo in the steps below: state, confirmations and dates are workflow
    # fields; the caller ran the matching _check_can_* as the user.
    def _do_decline(self):
        self.sudo().write(
            {
                "state": "talk_again",
                "employee_confirmed": False,
                "manager_confirmed": False,
            }
        )
        self.activity_update()

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
        self.sudo().write(
            {"state": state, "done_date": fields.Date.context_today(self)}
        )
        self.activity_update()

    def _do_cancel(self):
        self.sudo().write({"state": "cancelled"})
        self.activity_update()

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

    # Scheduled actions: batched, idempotent, savepoint per record, working as
    # the reminder user (see hr_goede_gesprek_cron_tools).

    deadline_reminder_date = fields.Date(readonly=True, copy=False)

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        if self.env.context.get(NO_FOLLOW):
            # A reminder activity does not make its assignee a follower
            # (see cron tools).
            return True
        return super().message_subscribe(
            partner_ids=partner_ids, subtype_ids=subtype_ids
        )

    def _cron_agreement_deadline(self, batch_size=200):
        """Scheduled action: runs as OdooBot, works as the reminder user."""
        _run_as_cron_user(self, "_batch_agreement_deadline", batch_size)

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
        activity_type = self.env.ref("hr_goede_gesprek.mail_act_agreement_deadline")

        def process(batch):
            vals_list = []
            for agreement in batch:
                users = self.env["res.users"]
                if agreement.owner in ("employee", "both"):
                    users |= agreement.employee_id.user_id
                if agreement.owner in ("manager", "both"):
                    users |= agreement.employee_id.parent_id.user_id
                vals_list += [
                    {
                        "res_id": agreement.id,
                        "activity_type_id": activity_type.id,
                        "user_id": user.id,
                        "date_deadline": today,
                        "summary": self.env._(
                            "Agreement past its deadline: carry it out or talk again"
                        ),
                    }
                    for user in users
                ]
            _activities(self.env, self._name, vals_list)
            # sudo: the reminder marker is a workflow field, set by the cron only.
            batch.sudo().write({"deadline_reminder_date": today})

        _process_batch(todo, process)
        return len(todo), batch_size if len(todo) >= batch_size else 0
