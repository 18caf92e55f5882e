# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Appraisal on request (beoordeling op verzoek).

The employee asks -> the manager plans it (calendar) -> the conversation is held
(the usual conversation-card topics are discussed too) and the manager writes the
report -> the manager establishes the appraisal on the company's scale
(optionally countersigned by the next-level manager) -> a decision is prepared
and issued by a signatory -> within the term the employee may add their view
and/or object -> final.

The evidence pack lists the conversations (with their reports) and agreements
of the period under review, and how the agreements were realised.
"""

from collections import defaultdict
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import LazyTranslate, format_date, html2plaintext

from ..tools.declarations import (
    document_company,
    employee_department,
    legal_day,
    user_flag,
    workflow_state,
)
from .hr_goede_gesprek_workflow_mixin import step_action

_lt = LazyTranslate(__name__)

STATES = [
    ("requested", "Requested"),
    ("planned", "Planned"),
    ("held", "Held"),
    ("to_countersign", "To countersign"),
    ("established", "Established"),
    ("decided", "Decision issued"),
    ("objected", "Objection filed"),
    ("final", "Final"),
    ("cancelled", "Cancelled"),
]
# The declared field policy (hr.goede.gesprek.workflow.mixin). Everything else
# (state, calendar event, established and countersigned by/on, the view's date,
# the managers, the decisions) is the workflow's: the ``_do_*`` steps write it
# with sudo after their ``_check_can_*``.
# Whom the appraisal is about: given on the request; HR may correct it.
PARTY_FIELDS = frozenset({"employee_id", "company_id"})
# What the request asks: the employee's, until it is planned.
REQUEST_FIELDS = frozenset({"request_reason", "period_start", "period_end"})
TOPIC_FIELDS = frozenset({"topic_ids"})
# When and where: the manager plans it.
PLANNING_FIELDS = frozenset({"date_planned", "duration", "location"})
# The content the manager establishes (HR may help): report, scale, level and
# the reasons that go into the decision. Frozen once established.
REPORT_FIELDS = frozenset({"report"})
ESTABLISH_FIELDS = frozenset({"report", "scale_id", "level_id", "reasons"})
# The employee's view (zienswijze): only within the term (``_check_can_add_view``).
VIEW_FIELDS = frozenset({"employee_view"})
# The day of the request: the workflow's default; HR registers another one.
HR_REQUEST_FIELDS = PARTY_FIELDS | REQUEST_FIELDS | {"request_date"}
# The steps the appraisal's manager takes (HR when it has none), each from
# one state; their refusals for another user and for another state follow.
MANAGER_STEP_STATES = {"plan": "requested", "hold": "planned", "establish": "held"}
# Why a step is refused, by ``"<step>:<rule>"`` (the state mixin's
# ``_get_step_message``): ``%(name)s`` is the appraisal, ``%(state)s`` its state.
STEP_MESSAGES = {
    "plan:who": _lt("Only the manager of %(employee)s plans their appraisal."),
    "plan:state": _lt(
        "“%(name)s” is %(state)s; only a requested appraisal can be planned."
    ),
    "hold:who": _lt(
        "Only the manager of %(employee)s records that the appraisal was held."
    ),
    "hold:state": _lt("“%(name)s” is %(state)s; only a planned appraisal can be held."),
    "establish:who": _lt(
        "Only the manager of %(employee)s establishes their appraisal."
    ),
    "establish:state": _lt(
        "“%(name)s” is %(state)s; only a held appraisal can be established."
    ),
}
# The hint on the form (hr.goede.gesprek.hint.mixin), told to whoever takes
# the step by its flag and to everyone else.
NEXT_STEP_HINTS = {
    "requested": (
        "can_plan",
        _lt("Next: you plan the appraisal interview."),
        _lt("Next: the manager plans the appraisal interview."),
    ),
    "planned": (
        "can_hold",
        _lt("Next: hold the interview, then mark it as held."),
        _lt("Next: the manager holds the interview with the employee."),
    ),
    "held": (
        "can_establish",
        _lt("Next: you establish the appraisal with its reasons."),
        _lt("Next: the manager establishes the appraisal."),
    ),
    "to_countersign": (
        "is_next_manager",
        _lt("Next: you countersign the appraisal."),
        _lt("Next: the next-level manager countersigns the appraisal."),
    ),
    "established": _lt(
        "Next: HR and the signatory issue the decision on the appraisal."
    ),
    "decided": (
        "is_employee",
        _lt("Next: within the term you may add your view or object."),
        _lt("Next: within the term the employee may add their view or object."),
    ),
    "objected": _lt("Next: HR handles the objection and decides on it."),
    "final": _lt("Final: the appraisal stands."),
    "cancelled": _lt("Cancelled: nothing left to do."),
}


def _hierarchy_manager(string):
    """A manager of the appraisal, routed once from the hierarchy and stored
    (see ``_compute_managers``)."""
    return fields.Many2one(
        "hr.employee",
        string=string,
        compute="_compute_managers",
        store=True,
        readonly=True,
    )


class HrGoedeGesprekAppraisal(models.Model):
    _name = "hr.goede.gesprek.appraisal"
    _description = "Appraisal on request"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "hr.goede.gesprek.legal.mixin",
        "hr.goede.gesprek.employee.mixin",
        "hr.goede.gesprek.state.mixin",
        "hr.goede.gesprek.calendar.mixin",
        "hr.goede.gesprek.hint.mixin",
        "hr.goede.gesprek.health.guard.mixin",
        "hr.goede.gesprek.retention.mixin",
    ]
    _next_step_hints = NEXT_STEP_HINTS
    _step_messages = STEP_MESSAGES
    _retention_document_type = "appraisal"
    _retention_closed_states = (
        "established",
        "decided",
        "objected",
        "final",
        "cancelled",
    )
    _retention_completion_fields = (
        "countersigned_date",
        "established_date",
        "period_end",
    )
    _retention_lock_domain = [
        ("state", "in", ("established", "decided", "objected", "final"))
    ]
    _order = "request_date desc, id desc"
    _check_company_auto = True
    # Roles: "employee", "manager" (the appraisal's manager: the employee's
    # direct manager, as the record rules say), "next_manager" (the
    # countersigning next-level manager; writes nothing, countersigns by
    # action), "hr", "admin".
    _policy_create = {
        "employee": PARTY_FIELDS | REQUEST_FIELDS | TOPIC_FIELDS,
        "manager": PARTY_FIELDS
        | REQUEST_FIELDS
        | TOPIC_FIELDS
        | PLANNING_FIELDS
        | {"scale_id"},
        "hr": HR_REQUEST_FIELDS | TOPIC_FIELDS | PLANNING_FIELDS | {"scale_id"},
    }
    _policy_write = {
        "requested": {
            "employee": REQUEST_FIELDS | TOPIC_FIELDS,
            "manager": REQUEST_FIELDS | TOPIC_FIELDS | PLANNING_FIELDS | {"scale_id"},
            "hr": HR_REQUEST_FIELDS | TOPIC_FIELDS | PLANNING_FIELDS | {"scale_id"},
        },
        "planned": {
            "employee": TOPIC_FIELDS,
            "manager": {"period_start", "period_end"} | TOPIC_FIELDS | REPORT_FIELDS,
            "hr": {"period_start", "period_end"} | TOPIC_FIELDS | REPORT_FIELDS,
        },
        "held": {
            "manager": {"period_start", "period_end"} | TOPIC_FIELDS | ESTABLISH_FIELDS,
            "hr": {"period_start", "period_end"} | TOPIC_FIELDS | ESTABLISH_FIELDS,
        },
        "decided": {"employee": VIEW_FIELDS},
        "objected": {"employee": VIEW_FIELDS},
    }
    # Before it was held (an established one has its decision: restricted).
    _policy_unlink = {
        "requested": {"hr"},
        "planned": {"hr"},
        "cancelled": {"hr"},
    }

    name = fields.Char(compute="_compute_name", store=True)
    company_id = document_company()
    employee_id = fields.Many2one(tracking=True, ondelete="restrict")
    department_id = employee_department()
    manager_employee_id = _hierarchy_manager("Manager")
    manager_user_id = fields.Many2one(
        related="manager_employee_id.user_id", store=True, string="Manager user"
    )
    next_manager_employee_id = _hierarchy_manager("Next-level manager")
    next_manager_user_id = fields.Many2one(
        related="next_manager_employee_id.user_id",
        store=True,
        string="Next-level manager user",
    )
    request_date = legal_day(tracking=True)
    request_reason = fields.Text(string="Why the employee asks")
    period_start = fields.Date(
        string="Period from",
        required=True,
        default=lambda self: fields.Date.context_today(self) - relativedelta(years=1),
    )
    period_end = fields.Date(
        string="Period until", required=True, default=fields.Date.context_today
    )
    state = workflow_state(STATES, "requested")
    date_planned = fields.Datetime(string="Date", tracking=True, copy=False)
    duration = fields.Float(default=1.0)
    location = fields.Char()
    topic_ids = fields.Many2many(
        "hr.goede.gesprek.topic",
        string="Conversation topics",
        default=lambda self: self.env["hr.goede.gesprek.topic"].search([]),
        help="The usual conversation-card topics are discussed as well.",
    )
    report = fields.Html(sanitize=True, copy=False)
    # restrict: an established appraisal keeps its scale and level.
    scale_id = fields.Many2one(
        "hr.goede.gesprek.appraisal.scale",
        string="Scale",
        default=lambda self: self._default_scale_id(),
        ondelete="restrict",
    )
    level_id = fields.Many2one(
        "hr.goede.gesprek.appraisal.scale.level",
        string="Appraisal",
        domain="[('scale_id', '=', scale_id)]",
        tracking=True,
        copy=False,
        ondelete="restrict",
    )
    reasons = fields.Text(help="Why this appraisal: the reasons of the decision.")
    countersign_required = fields.Boolean(copy=False, readonly=True)
    established_date = fields.Date(copy=False, readonly=True)
    established_by_id = fields.Many2one("res.users", copy=False, readonly=True)
    countersigned_by_id = fields.Many2one("res.users", copy=False, readonly=True)
    countersigned_date = fields.Date(copy=False, readonly=True)
    decision_ids = fields.One2many(
        "hr.goede.gesprek.decision", "origin_appraisal_id", string="Decisions"
    )
    decision_id = fields.Many2one(
        "hr.goede.gesprek.decision", compute="_compute_decision_id", string="Decision"
    )
    term_end = fields.Date(compute="_compute_decision_id", string="Term ends")
    employee_view = fields.Text(
        string="Employee's view", copy=False, help="The employee's view (zienswijze)."
    )
    employee_view_date = fields.Date(copy=False, readonly=True)
    objection_ids = fields.One2many(
        "hr.goede.gesprek.objection", "appraisal_id", string="Objections"
    )
    # Evidence pack
    evidence_conversation_ids = fields.Many2many(
        "hr.goede.gesprek",
        compute="_compute_evidence",
        string="Conversations in the period",
    )
    evidence_agreement_ids = fields.Many2many(
        "hr.goede.gesprek.agreement",
        compute="_compute_evidence",
        string="Agreements in the period",
    )
    evidence_agreements_done = fields.Integer(compute="_compute_evidence")
    evidence_agreements_on_time = fields.Integer(compute="_compute_evidence")
    # What the current user may do
    is_employee = user_flag()
    is_manager = user_flag()
    is_next_manager = user_flag()
    is_hr = user_flag()
    can_add_view = user_flag()
    can_plan = user_flag()
    can_hold = user_flag()
    can_establish = user_flag()

    _sql_constraints = [
        (
            "period_ordered",
            "CHECK(period_start <= period_end)",
            "The period under review cannot end before it starts.",
        ),
    ]

    @api.model
    def _default_scale_id(self):
        return self.env.company.goede_gesprek_appraisal_scale_id or self.env[
            "hr.goede.gesprek.appraisal.scale"
        ].search([], limit=1)

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("employee_id.name", "request_date")
    def _compute_name(self):
        self._compute_employee_dated_name(
            _lt("Appraisal %(employee)s %(date)s"), "request_date"
        )

    @api.depends("employee_id")
    def _compute_managers(self):
        for appraisal in self:
            # sudo: the hierarchy is read to route the appraisal; a requesting
            # employee cannot read hr.employee.
            employee = appraisal.employee_id.sudo()
            appraisal.manager_employee_id = employee.parent_id
            appraisal.next_manager_employee_id = employee.parent_id.parent_id

    @api.depends("decision_ids.state", "decision_ids.term_end")
    def _compute_decision_id(self):
        for appraisal in self:
            live = appraisal.decision_ids.filtered(lambda d: d.state != "superseded")
            decision = live.sorted("id")[-1:]
            appraisal.decision_id = decision
            appraisal.term_end = decision.term_end

    @api.depends("employee_id", "period_start", "period_end")
    def _compute_evidence(self):
        """Conversations and agreements of the period: one search each, batched."""
        records = self.filtered(lambda a: a.employee_id and a.period_start)
        (self - records).update(
            {
                "evidence_conversation_ids": False,
                "evidence_agreement_ids": False,
                "evidence_agreements_done": 0,
                "evidence_agreements_on_time": 0,
            }
        )
        if not records:
            return
        start = min(records.mapped("period_start"))
        end = max(records.mapped("period_end"))
        employee_ids = records.employee_id.ids
        conversations = self.env["hr.goede.gesprek"].search(
            [
                ("employee_id", "in", employee_ids),
                ("state", "=", "done"),
                ("next_version_id", "=", False),
                ("date_start", ">=", datetime.combine(start, time.min)),
                ("date_start", "<=", datetime.combine(end, time.max)),
            ]
        )
        agreements = self.env["hr.goede.gesprek.agreement"].search(
            [
                ("employee_id", "in", employee_ids),
                ("state", "not in", ("cancelled", "talk_again")),
                "|",
                ("conversation_id", "in", conversations.ids),
                "&",
                ("create_date", ">=", datetime.combine(start, time.min)),
                ("create_date", "<=", datetime.combine(end, time.max)),
            ]
        )
        conv_by_employee = defaultdict(list)
        for conversation in conversations:
            conv_by_employee[conversation.employee_id.id].append(conversation)
        agr_by_employee = defaultdict(list)
        for agreement in agreements:
            agr_by_employee[agreement.employee_id.id].append(agreement)
        for appraisal in records:
            low = datetime.combine(appraisal.period_start, time.min)
            high = datetime.combine(appraisal.period_end, time.max)
            convs = [
                c
                for c in conv_by_employee[appraisal.employee_id.id]
                if low <= c.date_start <= high
            ]
            conv_ids = {c.id for c in convs}
            agrs = [
                a
                for a in agr_by_employee[appraisal.employee_id.id]
                if a.conversation_id.id in conv_ids or low <= a.create_date <= high
            ]
            appraisal.evidence_conversation_ids = [c.id for c in convs]
            appraisal.evidence_agreement_ids = [a.id for a in agrs]
            appraisal.evidence_agreements_done = sum(
                1 for a in agrs if a.state == "done"
            )
            appraisal.evidence_agreements_on_time = sum(
                1 for a in agrs if a.realised_on_time
            )

    @api.depends_context("uid")
    @api.depends(
        "state",
        "employee_user_id",
        "employee_work_contact_id",
        "manager_user_id",
        "term_end",
    )
    def _compute_user_flags(self):
        user = self.env.user
        for appraisal in self:
            appraisal.is_employee = appraisal._is_employee()
            appraisal.is_manager = appraisal.manager_user_id == user
            appraisal.is_next_manager = appraisal.next_manager_user_id == user
            appraisal.is_hr = self._is_hr()
            appraisal.can_add_view = not appraisal._get_cannot_add_view_reason()
            for step in ("plan", "hold", "establish"):
                appraisal[f"can_{step}"] = not appraisal._get_cannot_step_reason(step)

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.onchange("request_reason", "report", "reasons", "employee_view")
    def _onchange_health_words(self):
        """A soft warning when a free text names health data."""
        return self._health_warning(
            "request_reason",
            "report",
            "reasons",
            "employee_view",
        )

    @api.constrains("level_id", "scale_id")
    def _check_level_on_scale(self):
        for appraisal in self.filtered("level_id"):
            if appraisal.level_id.scale_id != appraisal.scale_id:
                raise ValidationError(
                    self.env._(
                        "The appraisal “%(level)s” is not a level of the scale "
                        "“%(scale)s”.",
                        level=appraisal.level_id.name,
                        scale=appraisal.scale_id.name,
                    )
                )

    @api.constrains("employee_id")
    def _check_links_same_employee(self):
        """Its decisions and objections are about the appraisal's employee."""
        self._check_linked_employees(
            lambda appraisal: (
                appraisal.decision_ids.employee_id | appraisal.objection_ids.employee_id
            ),
            lambda appraisal: self.env._(
                "The decisions and objections of “%(name)s” must be about "
                "%(employee)s, the employee appraised.",
                name=appraisal.name,
                employee=appraisal.employee_id.name,
            ),
        )

    # ------------------------------------------------------------------
    # Roles (declared policy)
    # ------------------------------------------------------------------
    def _policy_roles(self):
        """The mixin's roles, with "manager" the appraisal's own manager (the
        record rules give the direct manager, not the department's, write
        access) and "next_manager" when they countersign."""
        self.ensure_one()
        roles = super()._policy_roles() - {"manager"}
        # sudo: the managers' users are compared only.
        appraisal = self.sudo()
        user = self.env.user
        if appraisal.manager_user_id == user and "employee" not in roles:
            roles.add("manager")
        if appraisal.next_manager_user_id == user and (
            appraisal._has_countersigning_manager()
        ):
            roles.add("next_manager")
        return roles

    @api.model
    def _policy_roles_create(self, vals):
        roles = super()._policy_roles_create(vals) - {"manager"}
        employee_id = vals.get("employee_id") or self.default_get(["employee_id"]).get(
            "employee_id"
        )
        # sudo: the hierarchy is compared only (plain users cannot read it).
        employee = self.env["hr.employee"].sudo().browse(employee_id or []).exists()
        if employee.parent_id.user_id == self.env.user and "employee" not in roles:
            roles.add("manager")
        return roles

    def _policy_write_fields(self, roles=None):
        allowed = super()._policy_write_fields(roles)
        if self.env.user.share:
            # A portal employee holds no write right on appraisals: only their
            # view, which write() stores with sudo after its checks.
            allowed &= VIEW_FIELDS
        return allowed

    def _has_countersigning_manager(self):
        """Is (or will) the appraisal be countersigned by the next-level manager?"""
        self.ensure_one()
        return bool(
            self.countersign_required
            or (
                self.state in ("requested", "planned", "held")
                and self.company_id.goede_gesprek_appraisal_countersign
                and self.next_manager_user_id
            )
        )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if self.env.su:
            appraisals = super().create(vals_list)
        elif self.env.user.share:
            # A portal employee asks for their own appraisal: checked as the
            # caller (values included), then created with sudo, as they hold
            # no create right on appraisals (the portal's request form).
            self._check_can_request(vals_list)
            appraisals = super(HrGoedeGesprekAppraisal, self.sudo()).create(vals_list)
        else:
            # As the caller; the mixin then checks the declared policy again.
            self._check_can_request(vals_list)
            appraisals = super().create(vals_list)
        # sudo: the manager's activity, scheduled on the employee's request.
        appraisals.sudo().activity_update()
        return appraisals.with_env(self.env)

    def write(self, vals):
        if self.env.su or "employee_view" not in vals:
            # The mixin checks the declared policy as the caller.
            return super().write(vals)
        # The employee's view: their own, within the term, and only what the
        # policy lets them change, all checked as the caller ...
        self._check_can_add_view()
        self._check_policy_write(vals)
        # ... then with sudo: the view's date is a workflow field, and a portal
        # employee holds no write right on appraisals. Only checked values.
        vals = dict(vals, employee_view_date=self._legal_today())
        return super(HrGoedeGesprekAppraisal, self.sudo()).write(vals)

    def _get_cannot_add_view_reason(self):
        """Why the current user cannot add the employee's view now (the
        exception its guard raises), or None."""
        self.ensure_one()
        if not self._is_employee():
            return AccessError(
                self.env._(
                    "Only the employee writes their own view on “%(name)s”.",
                    name=self.name,
                )
            )
        # The term runs in the company's calendar.
        today = self._legal_today()
        if self.state not in ("decided", "objected") or (
            self.term_end and today > self.term_end
        ):
            return UserError(
                self.env._(
                    "The employee's view on “%(name)s” can be added once "
                    "the decision is issued and until its term ends.",
                    name=self.name,
                )
            )
        return None

    def _check_can_add_view(self):
        self.check_access("read")
        self._raise_cannot("add_view")

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------
    @api.model
    def _check_can_request(self, vals_list):
        """Before creating, as the caller: the employee asks for their own
        appraisal (or their manager or HR for them), with only the values the
        declared policy gives them (the portal's sudo step relies on it)."""
        for vals in vals_list:
            if not {"employee", "manager", "hr"} & self._policy_roles_create(vals):
                employee = self.env["hr.employee"].browse(vals.get("employee_id"))
                raise AccessError(
                    self.env._(
                        "Only %(employee)s (or their manager or HR) can ask for "
                        "their appraisal.",
                        # sudo: the name only; plain users cannot read hr.employee.
                        employee=employee.sudo().name or "",
                    )
                )
        self._check_policy_create(vals_list)

    def _get_cannot_step_reason(self, step):
        """Why the current user cannot take the manager's ``step`` now (the
        exception its guard raises), or None. The manager takes it (HR when
        the appraisal has none)."""
        self.ensure_one()
        manager_user = self.manager_user_id
        if manager_user != self.env.user and not (self._is_hr() and not manager_user):
            # sudo: the employee's name only, also for the button flags of a
            # user who cannot read hr.employee.
            employee = self.sudo().employee_id.name
            return AccessError(self._get_step_message(f"{step}:who", employee=employee))
        if self.state != MANAGER_STEP_STATES[step]:
            return UserError(self._get_step_message(f"{step}:state"))
        return None

    def _check_can_step(self, step):
        self.check_access("read")
        self._raise_cannot("step", step)

    # ------------------------------------------------------------------
    # Plan and hold
    # ------------------------------------------------------------------
    action_plan = step_action("plan")

    def _check_can_plan(self):
        self._check_can_step("plan")
        for appraisal in self:
            if not appraisal.date_planned:
                raise UserError(
                    self.env._(
                        "Choose the date and time of “%(name)s” first.",
                        name=appraisal.name,
                    )
                )

    def _do_plan(self):
        self.sudo().write({"state": "planned"})
        self._sync_calendar_event()
        self.activity_update()

    def _calendar_event_values(self):
        """The event of a planned appraisal (an hour unless said otherwise),
        organised by the manager. Called with sudo: the employee's and the
        manager's work contacts are read on their behalf."""
        self.ensure_one()
        duration = self.duration or 1.0
        return {
            "name": self.name,
            "start": self.date_planned,
            "stop": self.date_planned + timedelta(hours=duration),
            "duration": duration,
            "location": self.location,
            "partners": (
                self.employee_id.work_contact_id
                | self.manager_employee_id.work_contact_id
            ),
            "organiser": self.manager_user_id,
        }

    action_hold = step_action("hold")

    def _check_can_hold(self):
        self._check_can_step("hold")

    def _do_hold(self):
        # Rights checked in _check_can_hold; the state is a workflow field.
        self.sudo().write({"state": "held"})
        self.activity_update()

    # ------------------------------------------------------------------
    # Establish and countersign
    # ------------------------------------------------------------------
    action_establish = step_action("establish")

    def _check_can_establish(self):
        self._check_can_step("establish")
        for appraisal in self:
            name = appraisal.name
            appraisal._raise_first(
                [
                    (
                        not html2plaintext(appraisal.report or "").strip(),
                        _lt(
                            "Write the report of “%(name)s” before establishing it.",
                            name=name,
                        ),
                        UserError,
                    ),
                    (
                        not appraisal.level_id,
                        _lt(
                            "Choose the appraisal on the scale for “%(name)s”.",
                            name=name,
                        ),
                        UserError,
                    ),
                    (
                        not (appraisal.reasons or "").strip(),
                        _lt(
                            "Give the reasons for the appraisal of “%(name)s”; "
                            "they go into the decision.",
                            name=name,
                        ),
                    ),
                ]
            )

    def _do_establish(self):
        for appraisal in self:
            today = appraisal._legal_today()
            countersign = bool(
                appraisal.company_id.goede_gesprek_appraisal_countersign
                and appraisal.next_manager_user_id
            )
            # Rights checked in _check_can_establish; these are workflow fields.
            appraisal.sudo().write(
                {
                    "state": "to_countersign" if countersign else "established",
                    "established_date": today,
                    "established_by_id": self.env.user.id,
                    "countersign_required": countersign,
                }
            )
        self.filtered(lambda a: a.state == "established")._prepare_decision()
        self.activity_update()

    action_countersign = step_action("countersign")

    def _check_can_countersign(self):
        self.check_access("read")
        for appraisal in self:
            if appraisal.next_manager_user_id != self.env.user:
                raise AccessError(
                    self.env._(
                        "Only the next-level manager countersigns “%(name)s”.",
                        name=appraisal.name,
                    )
                )
        self._check_state(
            ("to_countersign",),
            lambda a: self.env._(
                "“%(name)s” is not waiting for a countersignature.", name=a.name
            ),
        )

    def _do_countersign(self):
        # Rights checked in _check_can_countersign; workflow fields.
        self.sudo().write(
            {
                "state": "established",
                "countersigned_by_id": self.env.user.id,
                "countersigned_date": self._legal_today(),
            }
        )
        self._prepare_decision()
        self.activity_update()

    def _prepare_decision(self):
        """A draft decision for HR and the signatory: the appraisal's letter."""
        topic = self.env.ref("hr_goede_gesprek.legal_topic_appraisal")
        vals_list = []
        for appraisal in self:
            # Lang of the employee: the decision text is part of their letter.
            lang = appraisal.employee_id.sudo().work_contact_id.lang or self.env.lang
            level = appraisal.level_id.with_context(lang=lang)
            env_lang = self.with_context(lang=lang).env
            vals_list.append(
                {
                    "employee_id": appraisal.employee_id.id,
                    "company_id": appraisal.company_id.id,
                    "topic_id": topic.id,
                    "subject": env_lang._(
                        "Appraisal over %(start)s – %(end)s",
                        start=format_date(env_lang, appraisal.period_start),
                        end=format_date(env_lang, appraisal.period_end),
                    ),
                    "decision_text": env_lang._(
                        "Your performance over the period %(start)s – %(end)s is "
                        "appraised as: %(level)s.",
                        start=format_date(env_lang, appraisal.period_start),
                        end=format_date(env_lang, appraisal.period_end),
                        level=level.name,
                    ),
                    "reasons": appraisal.reasons,
                    "date_effective": appraisal.established_date,
                    "legal_basis": appraisal.scale_id.with_context(
                        lang=lang
                    ).legal_basis,
                    "origin_appraisal_id": appraisal.id,
                }
            )
        # The manager prepares the letter; HR and the signatory complete it.
        # Rights were checked by the establishing (or countersigning) action:
        # sudo, as the next-level manager who countersigns does not prepare
        # decisions for the team, and the origin link is a workflow field.
        return self.env["hr.goede.gesprek.decision"].sudo().create(vals_list)

    # ------------------------------------------------------------------
    # Decision hooks
    # ------------------------------------------------------------------
    # Decision hooks: the signatory (or the scheduled action) may not read the
    # appraisal; the decision checked its own step. sudo: workflow fields.
    def _on_decision_issued(self, decision):
        appraisals = self.sudo()
        appraisals.filtered(lambda a: a.state == "established").write(
            {"state": "decided"}
        )
        appraisals.activity_update()
        return True

    def _on_decision_final(self, decision):
        appraisals = self.sudo()
        appraisals.filtered(lambda a: a.state in ("decided", "objected")).write(
            {"state": "final"}
        )
        appraisals.activity_update()
        return True

    # Objection hooks: called by the objection's own steps, after its checks.
    def _on_objection_filed(self):
        self.filtered(lambda a: a.state == "decided").sudo().write(
            {"state": "objected"}
        )

    def _on_objection_withdrawn(self):
        self.filtered(lambda a: a.state == "objected").sudo().write(
            {"state": "decided"}
        )

    def _on_objection_decided(self, revised_level):
        """The decision on the objection was issued: final, with the revised
        level when the objection was (partly) upheld with one."""
        vals = {"state": "final"}
        if revised_level:
            vals["level_id"] = revised_level.id
        self.sudo().write(vals)
        self.activity_update()

    # ------------------------------------------------------------------
    # Employee: view and objection
    # ------------------------------------------------------------------
    def action_object(self):
        """Open a new objection against the appraisal's decision."""
        self.ensure_one()
        self.check_access("read")
        decision = self.decision_id
        self.env["hr.goede.gesprek.objection"]._check_can_file(
            decision, decision._legal_today()
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "hr.goede.gesprek.objection",
            "view_mode": "form",
            "target": "new",
            "context": {"default_decision_id": decision.id},
        }

    action_cancel = step_action("cancel")

    def _check_can_cancel(self):
        self.check_access("read")
        self._check_employee_or_hr(
            lambda appraisal: self.env._(
                "Only the employee or HR can withdraw the request “%(name)s”.",
                name=appraisal.name,
            )
        )
        self._check_state(
            ("requested", "planned"),
            lambda a: self.env._(
                "“%(name)s” was held already and can no longer be cancelled.",
                name=a.name,
            ),
        )

    def _do_cancel(self):
        # The mirrored event goes with the cancelled appraisal (rights checked
        # in _check_can_cancel; the state is a workflow field).
        self._write_dropping_calendar_event({"state": "cancelled"})
        self.activity_update()

    # ------------------------------------------------------------------
    # Activities
    # ------------------------------------------------------------------
    def activity_update(self):
        plan = "hr_goede_gesprek.mail_activity_type_plan_appraisal"
        countersign = "hr_goede_gesprek.mail_activity_type_countersign_appraisal"
        for appraisal in self:
            if appraisal.state == "requested":
                appraisal._legal_activity_once(
                    plan,
                    appraisal.manager_user_id,
                    self.env._("Plan the requested appraisal"),
                )
            elif appraisal.state == "cancelled":
                appraisal.activity_unlink([plan])
            else:
                appraisal.activity_feedback([plan])
            if appraisal.state == "to_countersign":
                appraisal._legal_activity_once(
                    countersign,
                    appraisal.next_manager_user_id,
                    self.env._("Countersign the appraisal"),
                )
            elif appraisal.countersigned_date:
                appraisal.activity_feedback([countersign])

    # --- portal actions (called by controllers/) ---
    @api.model
    def _portal_request_appraisal(self, request_reason=None):
        """The right to an appraisal on request: the current user's employee
        asks for their own appraisal."""
        employee = self.env["hr.goede.gesprek"]._get_user_employees()[:1]
        if not employee.user_id:
            raise UserError(
                self.env._("Your employee record is not linked to your login: ask HR.")
            )
        # create() runs the guard as the user first (their own appraisal, only
        # the values the declared policy gives them) and only then creates with
        # sudo: portal users hold no create right.
        return self.create(
            {
                "employee_id": employee.id,
                "company_id": employee.company_id.id,
                "request_reason": (request_reason or "").strip() or False,
            }
        )
