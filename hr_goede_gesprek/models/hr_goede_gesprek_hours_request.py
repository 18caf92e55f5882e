# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Requests to change working hours under the Wet flexibel werken (Wfw).

* The employee asks at least 2 months before the desired start (art. 2(3)).
  A later request is recorded anyway (nothing is lost), flagged as late with a
  warning; the employer may still answer it, and the "deemed granted" rule is
  not applied to it.
* The employer answers in writing at least 1 month before the start: the
  decision deadline. Without a written decision by then, a timely request is
  deemed granted (art. 2(9)); a cron sets the flag.
* A refusal needs written reasons.
"""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import LazyTranslate, clean_context, format_date

from ..tools.cron import _process_batch, cron_entry
from ..tools.declarations import (
    FORMAL_DOCUMENT_MIXINS,
    document_company,
    legal_day,
    user_flag,
    workflow_state,
)
from .hr_goede_gesprek_workflow_mixin import step_action

_lt = LazyTranslate(__name__)

# The declared field policy (hr.goede.gesprek.workflow.mixin). State, the
# submission and deemed-grant dates and the decisions are the workflow's.
# What the employee asks; a manager may draft it with them.
REQUEST_FIELDS = frozenset(
    {"date_start", "hours_current", "hours_requested", "schedule_change"}
)
PARTY_FIELDS = frozenset({"employee_id", "company_id"})
# The day of the request decides the deadlines (late, deemed granted): the
# submission's day (``_do_submit``); HR registers a paper request's day.
HR_REQUEST_FIELDS = REQUEST_FIELDS | PARTY_FIELDS | {"request_date"}
# The answer: the manager's or HR's, while submitted and until a decision is
# prepared from it (then the letter says it: workflow only).
ANSWER_FIELDS = frozenset({"answer", "answer_reasons"})


class HrGoedeGesprekHoursRequest(models.Model):
    _name = "hr.goede.gesprek.hours.request"
    _description = "Hours request (Wet flexibel werken)"
    _inherit = ["mail.thread", *FORMAL_DOCUMENT_MIXINS]
    _retention_document_type = "hours_request"
    _retention_closed_states = ("granted", "refused", "deemed_granted", "withdrawn")
    _retention_completion_fields = ("deemed_granted_date", "request_date")
    _retention_lock_domain = [("state", "in", ("granted", "refused", "deemed_granted"))]
    _order = "request_date desc, id desc"
    _check_company_auto = True
    # Roles: "employee", "manager" (direct or department manager, as the
    # record rules say), "hr", "admin".
    _policy_create = {
        "employee": REQUEST_FIELDS | PARTY_FIELDS,
        "manager": REQUEST_FIELDS | PARTY_FIELDS,
        "hr": HR_REQUEST_FIELDS,
    }
    _policy_write = {
        "draft": {
            "employee": REQUEST_FIELDS,
            "manager": REQUEST_FIELDS,
            "hr": HR_REQUEST_FIELDS,
        },
        "submitted": {"manager": ANSWER_FIELDS, "hr": ANSWER_FIELDS},
    }
    _policy_unlink = {"draft": {"hr"}, "withdrawn": {"hr"}}

    name = fields.Char(compute="_compute_name", store=True)
    company_id = document_company()
    employee_id = fields.Many2one(tracking=True, ondelete="restrict")
    request_date = legal_day(tracking=True)
    date_start = fields.Date(string="Desired start", required=True, tracking=True)
    hours_current = fields.Float(string="Current hours per week")
    hours_requested = fields.Float(string="Requested hours per week", tracking=True)
    schedule_change = fields.Text(string="Schedule or place of work")
    decision_deadline = fields.Date(
        compute="_compute_deadlines",
        store=True,
        help="One month before the desired start: answer in writing by then.",
    )
    is_late = fields.Boolean(
        string="Late request",
        compute="_compute_deadlines",
        store=True,
        help="Made less than two months before the desired start.",
    )
    state = workflow_state(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("granted", "Granted"),
            ("refused", "Refused"),
            ("deemed_granted", "Deemed granted"),
            ("withdrawn", "Withdrawn"),
        ],
        "draft",
    )
    submitted_date = fields.Date(readonly=True, copy=False)
    deemed_granted = fields.Boolean(compute="_compute_deemed_granted")
    deemed_granted_date = fields.Date(readonly=True, copy=False)
    answer = fields.Selection(
        [("grant", "Grant"), ("refuse", "Refuse")], copy=False, tracking=True
    )
    answer_reasons = fields.Text(
        string="Reasons", help="Required for a refusal.", copy=False
    )
    decision_ids = fields.One2many(
        "hr.goede.gesprek.decision", "origin_hours_request_id", string="Decisions"
    )
    # What the current user may do (form)
    can_answer = user_flag()
    is_hr = user_flag()

    _sql_constraints = [
        (
            "hours_positive",
            "CHECK(hours_requested >= 0 AND hours_current >= 0)",
            "Hours cannot be negative.",
        ),
    ]

    @api.depends("employee_id.name", "date_start")
    def _compute_name(self):
        self._compute_employee_dated_name(
            _lt("Hours request %(employee)s from %(date)s"), "date_start"
        )

    @api.depends("request_date", "date_start")
    def _compute_deadlines(self):
        for request in self:
            if not request.date_start:
                request.decision_deadline = False
                request.is_late = False
                continue
            request.decision_deadline = request.date_start - relativedelta(months=1)
            request.is_late = bool(
                request.request_date
                and request.request_date > request.date_start - relativedelta(months=2)
            )

    @api.depends_context("uid")
    @api.depends("state", "decision_ids", "employee_id")
    def _compute_user_flags(self):
        self._set_policy_flags({"can_answer": ANSWER_FIELDS})

    @api.depends("state")
    def _compute_deemed_granted(self):
        for request in self:
            request.deemed_granted = request.state == "deemed_granted"

    @api.constrains("request_date", "date_start")
    def _check_dates(self):
        for request in self:
            if request.date_start <= request.request_date:
                message = self.env._(
                    "The desired start (%(start)s) must lie after the request "
                    "date (%(request)s).",
                    start=format_date(self.env, request.date_start),
                    request=format_date(self.env, request.request_date),
                )
                raise ValidationError(message)

    @api.constrains("employee_id")
    def _check_links_same_employee(self):
        """Its decisions are about the request's employee."""
        self._check_linked_employees(
            lambda request: request.decision_ids.employee_id,
            lambda request: self.env._(
                "The decisions on “%(name)s” must be about %(employee)s, "
                "who made the request.",
                name=request.name,
                employee=request.employee_id.name,
            ),
        )

    @api.onchange("schedule_change", "answer_reasons")
    def _onchange_health_words(self):
        """A soft warning when a free text names health data."""
        return self._health_warning("schedule_change", "answer_reasons")

    # ------------------------------------------------------------------
    # CRUD: the mixin checks the declared policy as the caller.
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        requests = super().create(vals_list)
        if not self.env.su:
            requests._check_is_party()
        return requests

    # ------------------------------------------------------------------
    # Roles and checks
    # ------------------------------------------------------------------
    # Portal users hold a read-only ACL on their own hours requests and no
    # role over the ORM: the portal's ``_portal_request_hours`` and
    # ``portal_withdraw`` check the employee's side as the user, then act
    # with sudo.
    def _policy_roles(self):
        return set() if self.env.user.share else super()._policy_roles()

    @api.model
    def _policy_roles_create(self, vals):
        return set() if self.env.user.share else super()._policy_roles_create(vals)

    def _policy_write_fields(self, roles=None):
        allowed = super()._policy_write_fields(roles)
        if self.sudo().decision_ids:
            # A decision was prepared from the answer: the letter says it.
            allowed -= ANSWER_FIELDS
        return allowed

    def _check_is_party(self):
        self.check_access("read")
        if self._is_hr():
            return
        for request in self:
            if not (request._is_employee() or request._is_manager()):
                raise AccessError(
                    self.env._(
                        "Only %(employee)s, their manager or HR can act on this "
                        "hours request.",
                        employee=request.employee_id.name,
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    action_submit = step_action("submit")

    def _check_can_submit(self):
        self._check_is_party()
        self._check_state(("draft",))
        self._check_employee_or_hr(
            lambda request: self.env._("The employee submits their own hours request.")
        )

    def _do_submit(self):
        is_hr = self._is_hr()
        for request in self:
            # The submission date is the company's date (a legal date).
            today = request._legal_today()
            vals = {"state": "submitted", "submitted_date": today}
            if not is_hr:
                # The request is made when the employee submits it: that day
                # decides the deadlines (HR may have registered a paper
                # request's day of receipt instead).
                vals["request_date"] = today
            # Rights checked in _check_can_submit; workflow fields.
            request.sudo().write(vals)
        for request in self.filtered("is_late"):
            request.message_post(
                body=self.env._(
                    "Late request: made less than two months before the desired "
                    "start. It can still be answered; it is not deemed granted "
                    "when the decision deadline (%(deadline)s) passes.",
                    deadline=format_date(self.env, request.decision_deadline),
                ),
                subtype_xmlid="mail.mt_note",
            )
        self.activity_update()

    def _check_can_prepare_decision(self):
        self._check_can_answer()

    def _check_can_answer(self):
        self.check_access("read")
        is_hr = self._is_hr()
        for request in self:
            if not (is_hr or self._is_manager_of(request.employee_id)):
                raise AccessError(
                    self.env._("Only the manager or HR answers an hours request.")
                )
            request._check_state(("submitted",))
            if not request.answer:
                raise UserError(
                    self.env._(
                        "Choose whether to grant or refuse “%(name)s”.",
                        name=request.name,
                    )
                )
            if (
                request.answer == "refuse"
                and not (request.answer_reasons or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "A refusal needs written reasons: fill in why “%(name)s” "
                        "is refused.",
                        name=request.name,
                    )
                )
            if request.decision_ids.filtered(lambda d: d.state == "draft"):
                message = self.env._(
                    "A decision on “%(name)s” is being prepared already.",
                    name=request.name,
                )
                raise UserError(message)

    def _do_prepare_decision(self):
        self.ensure_one()
        terms = {
            "start": format_date(self.env, self.date_start),
            "hours": self.hours_requested,
        }
        if self.answer == "grant":
            text = self.env._(
                "Your request is granted: from %(start)s you work %(hours)s hours "
                "per week.",
                **terms,
            )
            reasons = (self.answer_reasons or "").strip() or self.env._(
                "Your request fits the needs of the work."
            )
        else:
            text = self.env._(
                "Your request to work %(hours)s hours per week from %(start)s is "
                "refused.",
                **terms,
            )
            reasons = self.answer_reasons
        # The origin link is a workflow field of the decision (see there).
        return self.env["hr.goede.gesprek.decision"]._create_from_origin(
            {
                "employee_id": self.employee_id.id,
                "company_id": self.company_id.id,
                "topic_id": self.env.ref(
                    "hr_goede_gesprek.legal_topic_hours_request"
                ).id,
                "subject": self.env._("Your request to change your working hours"),
                "decision_text": text,
                "reasons": reasons,
                "date_effective": self.date_start,
                "legal_basis": self.env._("Wet flexibel werken, article 2"),
                "origin_hours_request_id": self.id,
            }
        )

    action_withdraw = step_action("withdraw")

    def _check_can_withdraw(self):
        self._check_is_party()
        self._check_state(("draft", "submitted"))
        self._check_employee_or_hr(
            lambda request: self.env._("Only the employee withdraws a request.")
        )

    def _do_withdraw(self):
        # Rights checked in _check_can_withdraw; the state is a workflow field.
        self.sudo().write({"state": "withdrawn"})
        self.activity_update()

    # ------------------------------------------------------------------
    # Actions from the portal (controllers/portal_formal.py)
    # ------------------------------------------------------------------
    @api.model
    def _portal_request_hours(self, vals):
        """The employee asks for more or fewer hours from the portal: their
        own request, with only what the declared policy gives the employee,
        checked as the user; created and submitted with sudo (read-only ACL)."""
        employee = self.env["hr.goede.gesprek"]._get_user_employees()[:1]
        if not employee:
            raise AccessError(
                self.env._("Your employee record is not linked to your login: ask HR.")
            )
        vals = dict(vals, employee_id=employee.id, company_id=employee.company_id.id)
        # The portal acts for the employee's side (no ORM role, see above).
        forbidden = set(vals) - self._policy_fields(self._policy_create, {"employee"})
        if forbidden:
            self._raise_create_refused(forbidden)
        if not vals.get("date_start"):
            raise UserError(self.env._("Give the date from which you want the change."))
        if not vals.get("hours_requested") and not vals.get("schedule_change"):
            raise UserError(
                self.env._(
                    "Give the hours per week you ask for, or the change of "
                    "schedule or place."
                )
            )
        # sudo: checked above as the user; the caller's default_* context keys
        # are dropped, they would reach the sudo create.
        env = self.env(context=clean_context(self.env.context), su=True)
        request = self.with_env(env).create(vals).with_env(self.env)
        # The employee submits at once: the submission's day decides the terms.
        request._check_can_submit()
        # sudo: workflow fields; the guard above ran as the user (sudo keeps
        # the uid).
        request.sudo()._do_submit()
        return request

    def portal_withdraw(self):
        return self._run_portal_step("withdraw")

    # ------------------------------------------------------------------
    # Business: the next step (the hint on the form)
    # ------------------------------------------------------------------
    def _get_next_step_hint(self):
        self.ensure_one()
        _ = self.env._
        if self.state == "draft":
            if self._is_employee():
                return _(
                    "Next: you submit the request; the answer is due in writing "
                    "one month before the start."
                )
            return _("Next: the employee submits the request.")
        if self.state == "submitted":
            deadline = format_date(self.env, self.decision_deadline)
            if self.can_answer:
                return _(
                    "Next: answer in writing by %(date)s; without an answer the "
                    "request is deemed granted.",
                    date=deadline,
                )
            return _(
                "Next: the manager or HR answers in writing by %(date)s; without "
                "an answer the request is deemed granted.",
                date=deadline,
            )
        return _("Answered or withdrawn: nothing left to do.")

    # ------------------------------------------------------------------
    # Decision hooks and deadline
    # ------------------------------------------------------------------
    def _check_decision_issuable(self, decision):
        # sudo: the signatory checks the request they may not read; its state
        # and deadline only.
        for request in self.sudo():
            today = request._legal_today()
            passed = request.state == "deemed_granted" or (
                not request.is_late and today > request.decision_deadline
            )
            if request.answer == "refuse" and passed:
                raise UserError(
                    self.env._(
                        "The decision deadline of “%(name)s” was %(deadline)s: "
                        "without a written decision by then the request is deemed "
                        "granted, and can no longer be refused.",
                        name=request.name,
                        deadline=format_date(self.env, request.decision_deadline),
                    )
                )
            if request.state not in ("submitted", "deemed_granted"):
                raise UserError(
                    self.env._(
                        "“%(name)s” is not waiting for a decision.", name=request.name
                    )
                )
        return True

    def _on_decision_issued(self, decision):
        for request in self.sudo():
            if request.state == "submitted":
                request.write(
                    {"state": "granted" if request.answer == "grant" else "refused"}
                )
        self.sudo().activity_update()
        return True

    # Scheduled action: batched, idempotent (the state changes), savepoint per
    # record, working as the reminder user (see tools/cron.py).
    _cron_deemed_granted = api.model(cron_entry("_batch_deemed_granted"))

    @api.model
    def _batch_deemed_granted(self, batch_size=200):
        """Timely requests without a written decision by the deadline."""
        todo = self.search(
            [("state", "=", "submitted"), ("is_late", "=", False)]
            # The deadline ends with its last day in the company's calendar.
            + self._legal_today_domain("decision_deadline", "<"),
            limit=batch_size,
            order="decision_deadline, id",
        )

        def process(batch):
            # The deemed grant is the law's, not the reminder user's decision:
            # workflow fields, written by the system.
            for company in batch.company_id:
                # The date of the deemed grant is the company's (a legal date).
                batch.filtered(lambda r, c=company: r.company_id == c).sudo().write(
                    {
                        "state": "deemed_granted",
                        "deemed_granted_date": company._goede_gesprek_today(),
                    }
                )
            batch._message_log_batch(
                bodies={
                    request.id: self.env._(
                        "No written decision by %(deadline)s: the request is deemed "
                        "granted (Wet flexibel werken, art. 2(9)).",
                        deadline=format_date(self.env, request.decision_deadline),
                    )
                    for request in batch
                }
            )
            batch.activity_unlink(
                ["hr_goede_gesprek.mail_activity_type_hours_deadline"]
            )

        failed = _process_batch(todo, process)
        full = len(todo) >= batch_size and not failed
        return len(todo) - len(failed), batch_size if full else 0

    def activity_update(self):
        warn = "hr_goede_gesprek.mail_activity_type_hours_deadline"
        for request in self:
            if request.state == "submitted":
                # sudo: the manager's user is on hr.employee.
                employee = request.sudo().employee_id
                user = employee.parent_id.user_id or request.create_uid
                days = request.company_id.goede_gesprek_hours_warning_days or 0
                deadline = request.decision_deadline - relativedelta(days=days)
                request._legal_activity_once(
                    warn,
                    user,
                    self.env._(
                        "Answer in writing by %(deadline)s",
                        deadline=format_date(self.env, request.decision_deadline),
                    ),
                    deadline=max(deadline, request._legal_today()),
                )
            elif request.state in ("granted", "refused"):
                request.activity_feedback([warn])
            else:
                request.activity_unlink([warn])
