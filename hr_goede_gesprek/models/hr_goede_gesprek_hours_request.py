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
from odoo.tools import format_date

from .hr_goede_gesprek_cron_tools import _process_batch, _run_as_cron_user

WORKFLOW_FIELDS = frozenset({"state", "submitted_date", "deemed_granted_date"})


class HrGoedeGesprekHoursRequest(models.Model):
    _name = "hr.goede.gesprek.hours.request"
    _description = "Hours request (Wet flexibel werken)"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "hr.goede.gesprek.legal.mixin",
        "hr.goede.gesprek.state.mixin",
    ]
    _order = "request_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        check_company=True,
        tracking=True,
        ondelete="restrict",
    )
    employee_user_id = fields.Many2one(related="employee_id.user_id", store=True)
    request_date = fields.Date(
        default=fields.Date.context_today, required=True, tracking=True
    )
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
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("granted", "Granted"),
            ("refused", "Refused"),
            ("deemed_granted", "Deemed granted"),
            ("withdrawn", "Withdrawn"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
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

    _sql_constraints = [
        (
            "hours_positive",
            "CHECK(hours_requested >= 0 AND hours_current >= 0)",
            "Hours cannot be negative.",
        ),
    ]

    @api.depends("employee_id.name", "date_start")
    def _compute_name(self):
        for request in self:
            request.name = self.env._(
                "Hours request %(employee)s from %(date)s",
                employee=request.employee_id.name or "",
                date=format_date(self.env, request.date_start),
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

    @api.depends("state")
    def _compute_deemed_granted(self):
        for request in self:
            request.deemed_granted = request.state == "deemed_granted"

    @api.constrains("request_date", "date_start")
    def _check_dates(self):
        for request in self:
            if request.date_start <= request.request_date:
                raise ValidationError(
                    self.env._(
                        "The desired start (%(start)s) must lie after the request "
                        "date (%(request)s).",
                        start=format_date(self.env, request.date_start),
                        request=format_date(self.env, request.request_date),
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                if any(
                    vals.get(f) and (f, vals[f]) != ("state", "draft")
                    for f in WORKFLOW_FIELDS
                ):
                    raise AccessError(
                        self.env._("The request's workflow sets its state and dates.")
                    )
        requests = super().create(vals_list)
        if not self.env.su:
            requests._check_is_party()
        return requests

    def write(self, vals):
        if not self.env.su:
            if WORKFLOW_FIELDS & set(vals):
                raise AccessError(
                    self.env._("The request's workflow sets its state and dates.")
                )
            content = set(vals) - {"answer", "answer_reasons"}
            content = {
                f for f in content if not f.startswith(("message_", "activity_"))
            }
            if content and self.filtered(lambda r: r.state != "draft"):
                raise UserError(
                    self.env._(
                        "A submitted hours request can no longer change; withdraw "
                        "it and make a new one."
                    )
                )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Roles and checks
    # ------------------------------------------------------------------
    def _is_manager_of(self, user=None):
        self.ensure_one()
        user = user or self.env.user
        # sudo: the manager's user is on hr.employee; only ids are compared.
        employee = self.sudo().employee_id
        return user in (
            employee.parent_id.user_id | employee.department_id.manager_id.user_id
        )

    def _check_is_party(self):
        self.check_access("read")
        if self._is_hr():
            return
        for request in self:
            if (
                request.employee_user_id != self.env.user
                and not request._is_manager_of()
            ):
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
    def action_submit(self):
        self._check_is_party()
        self._check_state(("draft",))
        for request in self:
            if request.employee_user_id != self.env.user and not self._is_hr():
                raise AccessError(
                    self.env._("The employee submits their own hours request.")
                )
        self.sudo().write(
            {"state": "submitted", "submitted_date": fields.Date.context_today(self)}
        )
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
        return True

    def action_prepare_decision(self):
        self.ensure_one()
        self._check_can_answer()
        decision = self._do_prepare_decision()
        return {
            "type": "ir.actions.act_window",
            "res_model": "hr.goede.gesprek.decision",
            "res_id": decision.id,
            "view_mode": "form",
            "target": "current",
        }

    def _check_can_answer(self):
        self.check_access("read")
        is_hr = self._is_hr()
        for request in self:
            if not (is_hr or request._is_manager_of()):
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
                raise UserError(
                    self.env._(
                        "A decision on “%(name)s” is being prepared already.",
                        name=request.name,
                    )
                )

    def _do_prepare_decision(self):
        self.ensure_one()
        if self.answer == "grant":
            text = self.env._(
                "Your request is granted: from %(start)s you work %(hours)s hours "
                "per week.",
                start=format_date(self.env, self.date_start),
                hours=self.hours_requested,
            )
            reasons = (self.answer_reasons or "").strip() or self.env._(
                "Your request fits the needs of the work."
            )
        else:
            text = self.env._(
                "Your request to work %(hours)s hours per week from %(start)s is "
                "refused.",
                start=format_date(self.env, self.date_start),
                hours=self.hours_requested,
            )
            reasons = self.answer_reasons
        return self.env["hr.goede.gesprek.decision"].create(
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

    def action_withdraw(self):
        self._check_is_party()
        self._check_state(("draft", "submitted"))
        for request in self:
            if request.employee_user_id != self.env.user and not self._is_hr():
                raise AccessError(self.env._("Only the employee withdraws a request."))
        self.sudo().write({"state": "withdrawn"})
        self.activity_update()
        return True

    # ------------------------------------------------------------------
    # Decision hooks and deadline
    # ------------------------------------------------------------------
    def _check_decision_issuable(self, decision):
        today = fields.Date.context_today(self)
        for request in self:
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
        self.activity_update()
        return True

    # Scheduled action: batched, idempotent (the state changes), savepoint per
    # record, working as the reminder user (see hr_goede_gesprek_cron_tools).
    @api.model
    def _cron_deemed_granted(self, batch_size=200):
        """Scheduled action: runs as OdooBot, works as the reminder user."""
        _run_as_cron_user(self, "_batch_deemed_granted", batch_size)

    @api.model
    def _batch_deemed_granted(self, batch_size=200):
        """Timely requests without a written decision by the deadline."""
        today = fields.Date.context_today(self)
        todo = self.search(
            [
                ("company_id", "in", self.env.user.company_ids.ids),
                ("state", "=", "submitted"),
                ("is_late", "=", False),
                ("decision_deadline", "<", today),
            ],
            limit=batch_size,
            order="decision_deadline, id",
        )

        def process(batch):
            # The deemed grant is the law's, not the reminder user's decision:
            # workflow fields, written by the system.
            batch.sudo().write(
                {"state": "deemed_granted", "deemed_granted_date": today}
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
                    deadline=max(deadline, fields.Date.context_today(self)),
                )
            elif request.state in ("granted", "refused"):
                request.activity_feedback([warn])
            else:
                request.activity_unlink([warn])
