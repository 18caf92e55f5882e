# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Objections (bezwaar, or the request under the applicable dispute route).

Filed by the employee concerned (or by HR on their behalf) within the term of
the decision -> optional hearing and/or committee advice -> decision on the
objection (upheld, partly upheld, rejected) with its own letter. When that
letter is issued the contested decision is either confirmed (final) or
superseded by it.
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import LazyTranslate, format_date

from ..tools.cron import (
    _activities,
    _process_batch,
    cron_entry,
)
from ..tools.declarations import (
    FORMAL_DOCUMENT_MIXINS,
    legal_day,
    regime_label,
    user_flag,
    workflow_state,
)
from .hr_goede_gesprek_workflow_mixin import step_action

_lt = LazyTranslate(__name__)

OUTCOMES = [
    ("upheld", "Upheld"),
    ("partly", "Partly upheld"),
    ("rejected", "Rejected"),
]
# The declared field policy (hr.goede.gesprek.workflow.mixin). What an objector
# gives: the decision objected to (the appraisal follows from it) and their
# grounds; attachments go on the chatter. The day of receipt is the workflow's
# (today, the company's day); HR registers the day a paper objection came in.
OBJECTOR_FIELDS = frozenset({"decision_id", "grounds"})
HR_FILING_FIELDS = OBJECTOR_FIELDS | {"date_received"}
# HR's handling, while the objection is open.
HEARING_FIELDS = frozenset(
    {"hearing_date", "hearing_notes", "committee_advice", "advice_date"}
)
# The outcome: frozen once its decision is prepared (the letter says it).
OUTCOME_FIELDS = frozenset({"outcome", "outcome_reasons", "revised_level_id"})
# Everything else (state, filed by, the decision on the objection, the
# reminder date, the links that follow the decision) is the workflow's.

# The hint on the form (hr.goede.gesprek.hint.mixin): HR decides.
NEXT_STEP_HINTS = {
    "received": (
        "can_decide",
        _lt("Next: you invite the employee to a hearing or decide on the objection."),
        _lt(
            "Next: HR handles the objection and may invite the employee to "
            "a hearing."
        ),
    ),
    "hearing": (
        "can_decide",
        _lt("Next: after the hearing, you decide on the objection."),
        _lt("Next: after the hearing, HR decides on the objection."),
    ),
    "decided": _lt("Decided: the decision on the objection is on file."),
    "withdrawn": _lt("Withdrawn: nothing left to do."),
}


class HrGoedeGesprekObjection(models.Model):
    _name = "hr.goede.gesprek.objection"
    _description = "Objection"
    _inherit = ["hr.goede.gesprek.reminder.mixin", *FORMAL_DOCUMENT_MIXINS]
    _next_step_hints = NEXT_STEP_HINTS
    _retention_document_type = "objection"
    _retention_closed_states = ("decided", "withdrawn")
    _retention_completion_fields = ("advice_date", "date_received")
    _retention_lock_domain = [("state", "=", "decided")]
    _order = "date_received desc, id desc"
    _check_company_auto = True
    # Roles: "employee" (the objector, employee of the decision), "manager",
    # "hr", "admin". Filing is checked again by _check_can_file (the term).
    _policy_create = {"employee": OBJECTOR_FIELDS, "hr": HR_FILING_FIELDS}
    _policy_write = {
        "received": {"hr": HEARING_FIELDS | OUTCOME_FIELDS},
        "hearing": {"hr": HEARING_FIELDS | OUTCOME_FIELDS},
    }
    # Part of the file: withdrawn, never deleted.
    _policy_unlink = {}

    name = fields.Char(compute="_compute_name", store=True)
    decision_id = fields.Many2one(
        "hr.goede.gesprek.decision",
        string="Contested decision",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    company_id = fields.Many2one(
        related="decision_id.company_id", store=True, index=True
    )
    # The contested decision's employee: required and checked there.
    employee_id = fields.Many2one(
        related="decision_id.employee_id",
        store=True,
        precompute=True,
        required=False,
        check_company=False,
    )
    appraisal_id = fields.Many2one(
        related="decision_id.origin_appraisal_id", store=True, index="btree_not_null"
    )
    route_id = fields.Many2one(related="decision_id.route_id")
    term_end = fields.Date(related="decision_id.term_end")
    date_received = legal_day(string="Received on")
    grounds = fields.Text(required=True, tracking=True)
    filed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    state = workflow_state(
        [
            ("received", "Received"),
            ("hearing", "Hearing"),
            ("decided", "Decided"),
            ("withdrawn", "Withdrawn"),
        ],
        "received",
    )
    hearing_date = fields.Datetime(tracking=True)
    hearing_notes = fields.Text()
    committee_advice = fields.Text(help="The (weighty) advice of the committee.")
    advice_date = fields.Date()
    outcome = fields.Selection(OUTCOMES, tracking=True)
    outcome_reasons = fields.Text(string="Reasons of the outcome")
    revised_level_id = fields.Many2one(
        "hr.goede.gesprek.appraisal.scale.level",
        string="Revised appraisal",
        help="When the objection is (partly) upheld: the appraisal that replaces "
        "the contested one.",
        ondelete="restrict",
    )
    outcome_decision_id = fields.Many2one(
        "hr.goede.gesprek.decision",
        string="Decision on the objection",
        readonly=True,
        copy=False,
    )
    overdue_reminder_date = fields.Date(
        string="HR reminded on",
        readonly=True,
        copy=False,
        help="Set when HR was reminded that the objection has no decision yet "
        "(scheduled action; once per objection).",
    )
    # The words of the contested decision's regime and route (the views and
    # the portal show these, see tools/regime_terms.py).
    regime_dispute_label = regime_label(string="Kind of dispute")
    regime_document_label = regime_label(string="Kind of document")
    # What the current user may do (form)
    can_handle = user_flag()
    can_decide = user_flag()
    is_hr = user_flag()

    @api.depends("decision_id.name", "decision_id.route_id", "employee_id.name")
    def _compute_name(self):
        for objection in self:
            objection.name = self.env._(
                "%(dispute)s – %(decision)s",
                dispute=objection.regime_dispute_label,
                decision=objection.decision_id.name or "",
            )

    @api.depends_context("lang")
    @api.depends(
        "decision_id.company_id.goede_gesprek_legal_regime",
        "decision_id.route_id",
    )
    def _compute_regime_labels(self):
        for objection in self:
            decision = objection.decision_id
            company = decision.company_id or self.env.company
            terms = company._goede_gesprek_terms(
                decision.route_id or decision.applicable_route_id
            )
            objection.regime_dispute_label = terms["dispute"]
            objection.regime_document_label = terms["document"]

    @api.depends_context("uid")
    @api.depends("state", "outcome_decision_id", "employee_id")
    def _compute_user_flags(self):
        self._set_policy_flags(
            {"can_handle": HEARING_FIELDS, "can_decide": OUTCOME_FIELDS}
        )

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.onchange("grounds", "hearing_notes", "committee_advice", "outcome_reasons")
    def _onchange_health_words(self):
        """A soft warning when a free text names health data."""
        return self._health_warning(
            "grounds",
            "hearing_notes",
            "committee_advice",
            "outcome_reasons",
        )

    @api.constrains("decision_id", "outcome_decision_id", "revised_level_id")
    def _check_links_same_employee(self):
        """The appraisal, the decision on the objection and the revised level
        belong to the contested decision's employee and appraisal."""
        # sudo: ids compared only; HR may not read every linked record.
        for objection in self.sudo():
            contested = objection.decision_id
            linked = (
                objection.appraisal_id.employee_id
                | objection.outcome_decision_id.employee_id
            )
            if linked - contested.employee_id or (
                objection.appraisal_id != contested.origin_appraisal_id
            ):
                raise ValidationError(
                    self.env._(
                        "“%(name)s” may only link records about %(employee)s, "
                        "the employee of the contested decision.",
                        name=objection.name,
                        employee=contested.employee_id.name,
                    )
                )
            level = objection.revised_level_id
            if level and not objection.appraisal_id:
                raise ValidationError(
                    self.env._(
                        "Only an objection against an appraisal can revise it: "
                        "“%(name)s” is not.",
                        name=objection.name,
                    )
                )
            if level and level.scale_id != objection.appraisal_id.scale_id:
                raise ValidationError(
                    self.env._(
                        "The revised appraisal “%(level)s” must be a level of the "
                        "scale of the appraisal objected to.",
                        level=level.name,
                    )
                )

    # ------------------------------------------------------------------
    # Roles (declared policy)
    # ------------------------------------------------------------------
    @api.model
    def _policy_roles_create(self, vals):
        """The roles towards the employee of the decision objected to."""
        decision_id = vals.get("decision_id") or self.default_get(["decision_id"]).get(
            "decision_id"
        )
        # sudo: the employee is compared only (the user may not read drafts).
        decision = self.env["hr.goede.gesprek.decision"].sudo().browse(decision_id)
        return self._policy_roles_for_employee(decision.exists().employee_id)

    def _policy_write_fields(self, roles=None):
        allowed = super()._policy_write_fields(roles)
        if self.sudo().outcome_decision_id:
            # The letter on the objection was prepared from the outcome.
            allowed -= OUTCOME_FIELDS
        return allowed

    # ------------------------------------------------------------------
    # Filing
    # ------------------------------------------------------------------
    @api.model
    def _check_can_file(self, decision, date_received):
        """Only the employee concerned (or HR for them), within the term."""
        if not decision:
            raise UserError(self.env._("There is no issued decision to object to."))
        decision.check_access("read")
        if not (decision._is_employee() or self._is_hr()):
            raise AccessError(
                self.env._(
                    "Only the employee concerned, or HR on their behalf, can object "
                    "to decision %(name)s.",
                    name=decision.name,
                )
            )
        if decision.state not in ("issued", "notified"):
            raise UserError(
                self.env._(
                    "Decision %(name)s is %(state)s: an objection is only possible "
                    "against an issued decision whose term is running.",
                    name=decision.display_name,
                    state=dict(
                        decision._fields["state"]._description_selection(self.env)
                    )[decision.state].lower(),
                )
            )
        date_received = fields.Date.to_date(date_received)
        if date_received > decision._legal_today():
            raise UserError(
                self.env._("An objection cannot be received in the future.")
            )
        if date_received < decision.date_issued:
            raise UserError(
                self.env._(
                    "An objection cannot be received before decision %(name)s was "
                    "issued (%(date)s).",
                    name=decision.name,
                    date=format_date(self.env, decision.date_issued),
                )
            )
        if decision.term_end and date_received > decision.term_end:
            message = self.env._(
                "The term to object to decision %(name)s ended on %(end)s; an "
                "objection received on %(received)s is too late.",
                name=decision.name,
                end=format_date(self.env, decision.term_end),
                received=format_date(self.env, date_received),
            )
            raise UserError(message)

    @api.model_create_multi
    def create(self, vals_list):
        Decision = self.env["hr.goede.gesprek.decision"]
        given_list = vals_list
        # Defaults (e.g. the decision from the appraisal's "Object" button) are
        # part of what is checked.
        vals_list = [self._add_missing_default_values(vals) for vals in vals_list]
        for vals in vals_list:
            if not (vals.get("grounds") or "").strip():
                raise ValidationError(self.env._("State the grounds of the objection."))
            decision = Decision.browse(vals.get("decision_id"))
            self._check_can_file(
                decision, vals.get("date_received") or decision._legal_today()
            )
        if not self.env.su:
            # The caller's values, as the caller, before the sudo step below:
            # an objector gives only what an objector gives (the policy), also
            # through context defaults or personal defaults.
            self._check_policy_create(given_list)
            is_hr = self._is_hr()
            for vals in vals_list:
                # Set by the workflow: received today (the company's day)
                # unless HR registers the day a paper objection came in.
                vals["state"] = "received"
                if not is_hr:
                    decision = Decision.browse(vals["decision_id"])
                    vals["date_received"] = decision._legal_today()
        for vals in vals_list:
            vals["filed_by_id"] = self.env.user.id
        # Rights were checked per decision above and the values against the
        # policy: the employee may file an objection without write access to
        # decisions, and a portal employee without any right on objections.
        objections = super(HrGoedeGesprekObjection, self.sudo()).create(vals_list)
        objections.decision_id._do_mark_disputed()
        objections.appraisal_id._on_objection_filed()
        objections.activity_update()
        return objections.with_env(self.env)

    # ------------------------------------------------------------------
    # Handling
    # ------------------------------------------------------------------
    def _check_hr_handles(self, states):
        self.check_access("read")
        if not self._is_hr():
            raise AccessError(self.env._("Only HR handles objections."))
        self._check_state(states)

    action_schedule_hearing = step_action("schedule_hearing")

    def _check_can_schedule_hearing(self):
        self._check_hr_handles(("received",))
        for objection in self:
            if not objection.hearing_date:
                raise UserError(
                    self.env._(
                        "Enter the date of the hearing of “%(name)s”.",
                        name=objection.name,
                    )
                )

    def _do_schedule_hearing(self):
        # Rights checked in _check_can_schedule_hearing; workflow field.
        self.sudo().write({"state": "hearing"})
        self.activity_update()

    def _check_can_prepare_decision(self):
        self._check_hr_handles(("received", "hearing"))
        for objection in self:
            name = objection.name
            objection._raise_first(
                [
                    (
                        not objection.outcome,
                        _lt(
                            "Choose the outcome of “%(name)s”: upheld, partly "
                            "upheld or rejected.",
                            name=name,
                        ),
                        UserError,
                    ),
                    (
                        not (objection.outcome_reasons or "").strip(),
                        _lt(
                            "Give the reasons of the decision on “%(name)s”.", name=name
                        ),
                    ),
                    (
                        objection.outcome_decision_id,
                        _lt(
                            "The decision on “%(name)s” was prepared already.",
                            name=name,
                        ),
                        UserError,
                    ),
                ]
            )

    def _do_prepare_decision(self):
        self.ensure_one()
        contested = self.decision_id
        lang = contested._get_letter_lang()
        env_lang = self.with_context(lang=lang).env
        outcome = dict(self._fields["outcome"]._description_selection(env_lang))[
            self.outcome
        ]
        text = env_lang._(
            "Your objection against decision %(name)s is %(outcome)s.",
            name=contested.name,
            outcome=outcome.lower(),
        )
        if self.revised_level_id and self.outcome != "rejected":
            text += "\n" + env_lang._(
                "Your appraisal is revised to: %(level)s.",
                level=self.revised_level_id.with_context(lang=lang).name,
            )
        # HR prepares the decision on the objection (checked above); the
        # origin link is a workflow field of the decision (see there).
        decision = self.env["hr.goede.gesprek.decision"]._create_from_origin(
            {
                "employee_id": contested.employee_id.id,
                "company_id": contested.company_id.id,
                "topic_id": self.env.ref("hr_goede_gesprek.legal_topic_objection").id,
                "subject": env_lang._(
                    "Decision on your objection against %(name)s",
                    name=contested.name,
                ),
                "decision_text": text,
                "reasons": self.outcome_reasons,
                "date_effective": contested.date_effective,
                "legal_basis": contested.legal_basis,
                "signatory_id": contested.signatory_id.id,
                "origin_objection_id": self.id,
            }
        )
        # The link freezes the outcome (a workflow field).
        self.sudo().write({"outcome_decision_id": decision.id})
        return decision

    action_withdraw = step_action("withdraw")

    def _check_can_withdraw(self):
        self.check_access("read")
        for objection in self:
            objection._check_employee_or_hr(
                lambda objection: self.env._(
                    "Only the employee or HR can withdraw “%(name)s”.",
                    name=objection.name,
                )
            )
            if objection.state not in ("received", "hearing") or (
                objection.outcome_decision_id.state not in (False, "draft")
            ):
                raise UserError(
                    self.env._("“%(name)s” was decided already.", name=objection.name)
                )

    def _do_withdraw(self):
        # Rights checked in _check_can_withdraw. The contested decision runs
        # again, the draft on the objection goes: workflow fields, with sudo.
        self.sudo().write({"state": "withdrawn"})
        for objection in self.sudo():
            contested = objection.decision_id
            contested.write(
                {"state": "notified" if contested.date_notified else "issued"}
            )
            objection.outcome_decision_id.unlink()
            objection.appraisal_id._on_objection_withdrawn()
        self.activity_update()

    # ------------------------------------------------------------------
    # Decision hooks
    # ------------------------------------------------------------------
    def _on_decision_issued(self, decision):
        # The system applies the outcome to the contested decision and the
        # appraisal; the signatory was checked when issuing.
        for objection in self.sudo():
            contested = objection.decision_id
            if objection.outcome == "rejected":
                contested.write({"state": "final"})
            else:
                contested.write(
                    {"state": "superseded", "superseded_by_id": decision.id}
                )
            revised = objection.revised_level_id
            objection.appraisal_id._on_objection_decided(
                revised if objection.outcome != "rejected" else revised.browse()
            )
            objection.write({"state": "decided"})
            contested.activity_update()
        self.sudo().activity_update()
        return True

    def activity_update(self):
        handle = "hr_goede_gesprek.mail_activity_type_handle_objection"
        for objection in self:
            if objection.state in ("received", "hearing"):
                # Only HR handles objections (policy): the HR responsible,
                # else the signatory of the contested decision. sudo: the
                # signatory and the creator are read to pick the assignee.
                decision = objection.decision_id.sudo()
                objection._legal_activity_once(
                    handle,
                    objection.company_id._goede_gesprek_hr_user(objection.employee_id)
                    or decision.issued_by_id
                    or decision.create_uid,
                    self.env._("Handle the objection"),
                )
            elif objection.state == "decided":
                objection.activity_feedback([handle])
            else:
                objection.activity_unlink([handle])

    # ------------------------------------------------------------------
    # Scheduled action: batched, idempotent (marker date), savepoint per
    # record, working as the reminder user (see tools/cron.py).
    # ------------------------------------------------------------------
    _cron_objection_overdue = api.model(cron_entry("_batch_objection_overdue"))

    @api.model
    def _batch_objection_overdue(self, batch_size=200):
        """Objections without a decision after N weeks (company setting): HR
        gets one activity per objection."""
        # Counted in each company's calendar (date_received is its date).
        today = {c: c._goede_gesprek_today() for c in self.env.user.company_ids}
        per_company = [
            [
                ("company_id", "=", company.id),
                (
                    "date_received",
                    "<=",
                    fields.Date.subtract(
                        today[company], weeks=company.goede_gesprek_objection_weeks
                    ),
                ),
            ]
            for company in self.env.user.company_ids
            if company.goede_gesprek_objection_weeks > 0
        ]
        if not per_company:
            return 0, 0
        todo = self.search(
            expression.AND(
                [
                    [
                        ("state", "in", ("received", "hearing")),
                        ("overdue_reminder_date", "=", False),
                    ],
                    expression.OR(per_company),
                ]
            ),
            limit=batch_size,
            order="date_received, id",
        )
        activity_type = self.env.ref(
            "hr_goede_gesprek.mail_activity_type_objection_overdue"
        )
        hr_users = {
            company: company._goede_gesprek_hr_user() for company in todo.company_id
        }

        def process(batch):
            vals_list = [
                {
                    "res_id": objection.id,
                    "activity_type_id": activity_type.id,
                    "user_id": hr_users[objection.company_id].id,
                    "date_deadline": today[objection.company_id],
                    "summary": self.env._(
                        "Objection received on %(date)s has no decision yet",
                        date=format_date(self.env, objection.date_received),
                    ),
                }
                for objection in batch
                if hr_users[objection.company_id]
            ]
            _activities(self.env, self._name, vals_list)
            for company in batch.company_id:
                # sudo: the reminder marker is a workflow field, set by the cron.
                batch.filtered(lambda o, c=company: o.company_id == c).sudo().write(
                    {"overdue_reminder_date": today[company]}
                )

        failed = _process_batch(todo, process)
        full = len(todo) >= batch_size and not failed
        return len(todo) - len(failed), batch_size if full else 0
