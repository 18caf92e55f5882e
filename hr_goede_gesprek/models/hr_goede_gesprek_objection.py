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
from odoo.tools import format_date

from .hr_goede_gesprek_cron_tools import _activities, _process_batch, _run_as_cron_user

OUTCOMES = [
    ("upheld", "Upheld"),
    ("partly", "Partly upheld"),
    ("rejected", "Rejected"),
]


class HrGoedeGesprekObjection(models.Model):
    _name = "hr.goede.gesprek.objection"
    _description = "Objection"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "hr.goede.gesprek.legal.mixin",
        "hr.goede.gesprek.state.mixin",
    ]
    _order = "date_received desc, id desc"
    _check_company_auto = True

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
    employee_id = fields.Many2one(
        related="decision_id.employee_id", store=True, index=True
    )
    employee_user_id = fields.Many2one(
        related="decision_id.employee_user_id", store=True
    )
    appraisal_id = fields.Many2one(
        related="decision_id.origin_appraisal_id", store=True, index="btree_not_null"
    )
    route_id = fields.Many2one(related="decision_id.route_id")
    term_end = fields.Date(related="decision_id.term_end")
    date_received = fields.Date(
        string="Received on", default=fields.Date.context_today, required=True
    )
    grounds = fields.Text(required=True, tracking=True)
    filed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    state = fields.Selection(
        [
            ("received", "Received"),
            ("hearing", "Hearing"),
            ("decided", "Decided"),
            ("withdrawn", "Withdrawn"),
        ],
        default="received",
        required=True,
        tracking=True,
        copy=False,
        index=True,
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

    @api.depends("decision_id.name", "employee_id.name")
    def _compute_name(self):
        for objection in self:
            objection.name = self.env._(
                "Objection against %(decision)s",
                decision=objection.decision_id.name or "",
            )

    # ------------------------------------------------------------------
    # Filing
    # ------------------------------------------------------------------
    @api.model
    def _check_can_file(self, decision, date_received):
        """Only the employee concerned (or HR for them), within the term."""
        if not decision:
            raise UserError(self.env._("There is no issued decision to object to."))
        decision.check_access("read")
        if decision.employee_user_id != self.env.user and not self._is_hr():
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
        if date_received > fields.Date.context_today(self):
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
            raise UserError(
                self.env._(
                    "The term to object to decision %(name)s ended on %(end)s; an "
                    "objection received on %(received)s is too late.",
                    name=decision.name,
                    end=format_date(self.env, decision.term_end),
                    received=format_date(self.env, date_received),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        Decision = self.env["hr.goede.gesprek.decision"]
        today = fields.Date.context_today(self)
        # Defaults (e.g. the decision from the appraisal's "Object" button) are
        # part of what is checked.
        vals_list = [self._add_missing_default_values(vals) for vals in vals_list]
        for vals in vals_list:
            if not (vals.get("grounds") or "").strip():
                raise ValidationError(self.env._("State the grounds of the objection."))
            for fname in ("state", "outcome_decision_id", "filed_by_id"):
                if (
                    vals.get(fname)
                    and not self.env.su
                    and (
                        fname,
                        vals[fname],
                    )
                    != ("state", "received")
                ):
                    raise AccessError(
                        self.env._(
                            "%(field)s is set by the objection's workflow.",
                            field=fname,
                        )
                    )
            self._check_can_file(
                Decision.browse(vals.get("decision_id")),
                vals.get("date_received") or today,
            )
            vals["filed_by_id"] = self.env.user.id
        # Rights were checked per decision above: the employee may file an
        # objection without write access to decisions.
        objections = super(HrGoedeGesprekObjection, self.sudo()).create(vals_list)
        objections.decision_id._do_mark_disputed()
        objections.appraisal_id.filtered(lambda a: a.state == "decided").write(
            {"state": "objected"}
        )
        objections.activity_update()
        return objections.with_env(self.env)

    def write(self, vals):
        if not self.env.su:
            if {"state", "outcome_decision_id", "filed_by_id", "decision_id"} & set(
                vals
            ):
                raise AccessError(
                    self.env._("These fields are set by the objection's workflow.")
                )
            if not self._is_hr():
                raise AccessError(self.env._("Only HR handles objections."))
            if self.filtered(lambda o: o.state in ("decided", "withdrawn")):
                raise UserError(
                    self.env._("A decided or withdrawn objection can no longer change.")
                )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Handling
    # ------------------------------------------------------------------
    def _check_hr_handles(self, states):
        self.check_access("read")
        if not self._is_hr():
            raise AccessError(self.env._("Only HR handles objections."))
        self._check_state(states)

    def action_schedule_hearing(self):
        self._check_hr_handles(("received",))
        for objection in self:
            if not objection.hearing_date:
                raise UserError(
                    self.env._(
                        "Enter the date of the hearing of “%(name)s”.",
                        name=objection.name,
                    )
                )
        self.sudo().write({"state": "hearing"})
        self.activity_update()
        return True

    def action_prepare_decision(self):
        self.ensure_one()
        self._check_can_prepare_decision()
        decision = self._do_prepare_decision()
        return {
            "type": "ir.actions.act_window",
            "res_model": "hr.goede.gesprek.decision",
            "res_id": decision.id,
            "view_mode": "form",
            "target": "current",
        }

    def _check_can_prepare_decision(self):
        self._check_hr_handles(("received", "hearing"))
        for objection in self:
            if not objection.outcome:
                raise UserError(
                    self.env._(
                        "Choose the outcome of “%(name)s”: upheld, partly upheld or "
                        "rejected.",
                        name=objection.name,
                    )
                )
            if not (objection.outcome_reasons or "").strip():
                raise ValidationError(
                    self.env._(
                        "Give the reasons of the decision on “%(name)s”.",
                        name=objection.name,
                    )
                )
            if objection.outcome_decision_id:
                raise UserError(
                    self.env._(
                        "The decision on “%(name)s” was prepared already.",
                        name=objection.name,
                    )
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
        # HR prepares the decision on the objection (checked above); the link
        # is a workflow field.
        decision = (
            self.env["hr.goede.gesprek.decision"]
            .sudo()
            .create(
                {
                    "employee_id": contested.employee_id.id,
                    "company_id": contested.company_id.id,
                    "topic_id": self.env.ref(
                        "hr_goede_gesprek.legal_topic_objection"
                    ).id,
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
        )
        self.sudo().write({"outcome_decision_id": decision.id})
        return decision.with_env(self.env)

    def action_withdraw(self):
        self.check_access("read")
        for objection in self:
            if objection.employee_user_id != self.env.user and not self._is_hr():
                raise AccessError(
                    self.env._(
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
        self.sudo().write({"state": "withdrawn"})
        for objection in self.sudo():
            contested = objection.decision_id
            contested.write(
                {"state": "notified" if contested.date_notified else "issued"}
            )
            objection.outcome_decision_id.unlink()
            objection.appraisal_id.filtered(lambda a: a.state == "objected").write(
                {"state": "decided"}
            )
        self.activity_update()
        return True

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
            appraisal = objection.appraisal_id
            if appraisal:
                vals = {"state": "final"}
                if objection.outcome != "rejected" and objection.revised_level_id:
                    vals["level_id"] = objection.revised_level_id.id
                appraisal.write(vals)
            objection.write({"state": "decided"})
            contested.activity_update()
        self.activity_update()
        return True

    def activity_update(self):
        handle = "hr_goede_gesprek.mail_activity_type_handle_objection"
        for objection in self:
            if objection.state in ("received", "hearing"):
                # sudo: the signatory of the contested decision handles it.
                decision = objection.decision_id.sudo()
                objection._legal_activity_once(
                    handle,
                    decision.issued_by_id or decision.create_uid,
                    self.env._("Handle the objection"),
                )
            elif objection.state == "decided":
                objection.activity_feedback([handle])
            else:
                objection.activity_unlink([handle])

    # ------------------------------------------------------------------
    # Scheduled action: batched, idempotent (marker date), savepoint per
    # record, working as the reminder user (see hr_goede_gesprek_cron_tools).
    # ------------------------------------------------------------------
    @api.model
    def _cron_objection_overdue(self, batch_size=200):
        """Scheduled action: runs as OdooBot, works as the reminder user."""
        _run_as_cron_user(self, "_batch_objection_overdue", batch_size)

    @api.model
    def _batch_objection_overdue(self, batch_size=200):
        """Objections without a decision after N weeks (company setting): HR
        gets one activity per objection."""
        today = fields.Date.context_today(self)
        per_company = [
            [
                ("company_id", "=", company.id),
                (
                    "date_received",
                    "<=",
                    fields.Date.subtract(
                        today, weeks=company.goede_gesprek_objection_weeks
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
                    "date_deadline": today,
                    "summary": self.env._(
                        "Objection received on %(date)s has no decision yet",
                        date=format_date(self.env, objection.date_received),
                    ),
                }
                for objection in batch
                if hr_users[objection.company_id]
            ]
            _activities(self.env, self._name, vals_list)
            batch.write({"overdue_reminder_date": today})

        failed = _process_batch(todo, process)
        full = len(todo) >= batch_size and not failed
        return len(todo) - len(failed), batch_size if full else 0
