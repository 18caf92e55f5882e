# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Decisions (besluiten): one model for every formal outcome.

An agreement with legal consequences, an established appraisal, a decision on
an objection and an hours request all end in a decision. Number, letter,
signatory, notification and dispute term live here once; the origins link to it.

States: draft -> issued (number, frozen PDF in the personnel file) -> notified
(date and channel; the term starts the day after) -> final (term passed) or
disputed (an objection was filed). A correction is a new decision that
supersedes the old one (state ``superseded`` once the new one is issued).

Public ``action_*`` -> ``_check_can_*`` (who and when) -> ``_do_*`` (the change,
with sudo for workflow fields) -> ``activity_update()``.
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

from . import legal_terms
from .hr_goede_gesprek_cron_tools import _process_batch, _run_as_cron_user

STATES = [
    ("draft", "Draft"),
    ("issued", "Issued"),
    ("notified", "Notified"),
    ("final", "Final"),
    ("disputed", "Disputed"),
    ("superseded", "Superseded"),
]
ISSUED_STATES = ("issued", "notified", "final", "disputed", "superseded")
SEQUENCE_CODE = "hr.goede.gesprek.decision"
# Set by the workflow only (``_do_*`` with sudo after their checks).
WORKFLOW_FIELDS = frozenset(
    {
        "name",
        "state",
        "date_issued",
        "issued_by_id",
        "route_id",
        "term_weeks",
        "dispute_addressee",
        "dispute_clause",
        "date_notified",
        "notification_channel",
        "notification_registered_by_id",
        "superseded_by_id",
        "attachment_id",
    }
)
# What may still change on an issued decision, and only through the workflow.
ISSUED_FREE_FIELDS = frozenset(
    {
        "state",
        "date_notified",
        "notification_channel",
        "notification_registered_by_id",
        "superseded_by_id",
        "attachment_id",
    }
)
FREE_PREFIXES = ("message_", "activity_", "website_message_")


class HrGoedeGesprekDecision(models.Model):
    _name = "hr.goede.gesprek.decision"
    _description = "Decision (besluit)"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "hr.goede.gesprek.legal.mixin",
        "hr.goede.gesprek.workflow.mixin",
    ]
    _order = "date_issued desc, id desc"
    _check_company_auto = True
    _workflow_fields = WORKFLOW_FIELDS
    _workflow_initial_values = {"state": "draft", "name": "/"}
    _rec_names_search = ["name", "subject", "employee_id.name"]

    name = fields.Char(
        string="Number", default="/", readonly=True, copy=False, index=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        ondelete="restrict",
    )
    employee_user_id = fields.Many2one(
        related="employee_id.user_id", store=True, string="Employee user"
    )
    department_id = fields.Many2one(
        related="employee_id.department_id", store=True, string="Department"
    )
    topic_id = fields.Many2one(
        "hr.goede.gesprek.legal.topic", string="Topic", required=True, tracking=True
    )
    subject = fields.Char(required=True, tracking=True)
    # Origins: exactly what led to the decision
    origin_agreement_id = fields.Many2one(
        "hr.goede.gesprek.agreement",
        string="Agreement",
        index="btree_not_null",
        check_company=True,
        ondelete="restrict",
    )
    origin_appraisal_id = fields.Many2one(
        "hr.goede.gesprek.appraisal",
        string="Appraisal",
        index="btree_not_null",
        check_company=True,
        ondelete="restrict",
    )
    origin_objection_id = fields.Many2one(
        "hr.goede.gesprek.objection",
        string="Objection",
        index="btree_not_null",
        check_company=True,
        ondelete="restrict",
    )
    origin_hours_request_id = fields.Many2one(
        "hr.goede.gesprek.hours.request",
        string="Hours request",
        index="btree_not_null",
        check_company=True,
        ondelete="restrict",
    )
    origin_type = fields.Selection(
        [
            ("agreement", "Agreement"),
            ("appraisal", "Appraisal"),
            ("objection", "Objection"),
            ("hours_request", "Hours request"),
            ("none", "Other"),
        ],
        compute="_compute_origin",
        store=True,
    )
    conversation_id = fields.Many2one(
        "hr.goede.gesprek",
        string="Conversation",
        compute="_compute_origin",
        store=True,
        help="The conversation the decision came from.",
    )
    # Content of the letter
    decision_text = fields.Text(string="Decision")
    reasons = fields.Text(help="Why: required, never empty.")
    date_effective = fields.Date(string="Effective date", tracking=True)
    is_temporary = fields.Boolean(string="Temporary")
    date_end = fields.Date(string="End date")
    date_evaluation = fields.Date(string="Evaluation date")
    legal_basis = fields.Char(
        string="Legal basis", help="Cao article or local rule the decision rests on."
    )
    has_financial_effect = fields.Boolean(string="Financial effect")
    amount = fields.Monetary(currency_field="currency_id")
    amount_basis = fields.Selection(
        [("gross", "Gross"), ("net", "Net")], string="Gross or net", default="gross"
    )
    amount_frequency = fields.Selection(
        [
            ("once", "Once"),
            ("monthly", "Per month"),
            ("yearly", "Per year"),
        ],
        string="Frequency",
        default="once",
    )
    financial_note = fields.Char(string="Financial effect (note)")
    signatory_id = fields.Many2one(
        "res.users",
        string="Signatory",
        tracking=True,
        domain="[('id', 'in', allowed_signatory_ids)]",
    )
    allowed_signatory_ids = fields.Many2many(
        "res.users", compute="_compute_allowed_signatory_ids"
    )
    signatory_function = fields.Char(
        string="Signatory's position", help="Printed under the signature."
    )
    # Set by the workflow
    state = fields.Selection(
        STATES,
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    date_issued = fields.Date(string="Date", copy=False, readonly=True)
    issued_by_id = fields.Many2one("res.users", copy=False, readonly=True)
    route_id = fields.Many2one(
        "hr.goede.gesprek.dispute.route",
        string="Dispute route",
        copy=False,
        readonly=True,
    )
    applicable_route_id = fields.Many2one(
        "hr.goede.gesprek.dispute.route",
        string="Applicable dispute route",
        compute="_compute_applicable_route_id",
    )
    term_weeks = fields.Integer(string="Term (weeks)", copy=False, readonly=True)
    dispute_addressee = fields.Char(copy=False, readonly=True)
    dispute_clause = fields.Text(copy=False, readonly=True)
    dispute_clause_preview = fields.Text(compute="_compute_dispute_clause_preview")
    letter_lang = fields.Char(compute="_compute_letter_lang")
    date_notified = fields.Date(string="Notified on", copy=False, readonly=True)
    notification_channel = fields.Selection(
        [
            ("portal", "Acknowledged by the employee"),
            ("delivery", "Delivery registered by HR"),
        ],
        copy=False,
        readonly=True,
    )
    notification_registered_by_id = fields.Many2one(
        "res.users", copy=False, readonly=True
    )
    term_start = fields.Date(compute="_compute_term", store=True)
    term_end = fields.Date(
        string="Term ends",
        compute="_compute_term",
        store=True,
        help="The last day to dispute the decision (Algemene termijnenwet applied).",
    )
    supersedes_id = fields.Many2one(
        "hr.goede.gesprek.decision",
        string="Corrects",
        copy=False,
        readonly=True,
        index="btree_not_null",
    )
    superseded_by_id = fields.Many2one(
        "hr.goede.gesprek.decision", string="Corrected by", copy=False, readonly=True
    )
    attachment_id = fields.Many2one(
        "ir.attachment", string="Letter", copy=False, readonly=True
    )
    letter_filename = fields.Char(compute="_compute_letter_filename")
    objection_ids = fields.One2many(
        "hr.goede.gesprek.objection", "decision_id", string="Objections"
    )
    # What the current user may do (buttons; enforced again in Python)
    can_issue = fields.Boolean(compute="_compute_user_flags")
    can_acknowledge = fields.Boolean(compute="_compute_user_flags")
    can_register_delivery = fields.Boolean(compute="_compute_user_flags")

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends(
        "origin_agreement_id.conversation_id",
        "origin_appraisal_id",
        "origin_objection_id",
        "origin_hours_request_id",
    )
    def _compute_origin(self):
        for decision in self:
            if decision.origin_agreement_id:
                decision.origin_type = "agreement"
            elif decision.origin_appraisal_id:
                decision.origin_type = "appraisal"
            elif decision.origin_objection_id:
                decision.origin_type = "objection"
            elif decision.origin_hours_request_id:
                decision.origin_type = "hours_request"
            else:
                decision.origin_type = "none"
            decision.conversation_id = decision.origin_agreement_id.conversation_id

    @api.depends("company_id")
    def _compute_allowed_signatory_ids(self):
        for decision in self:
            # sudo: the signatory list is company configuration shown as choices.
            decision.allowed_signatory_ids = (
                decision.company_id.sudo().goede_gesprek_signatory_ids
            )

    @api.depends("company_id", "topic_id", "state", "route_id")
    def _compute_applicable_route_id(self):
        today = fields.Date.context_today(self)
        Route = self.env["hr.goede.gesprek.dispute.route"]
        for decision in self:
            if decision.state != "draft":
                decision.applicable_route_id = decision.route_id
            else:
                decision.applicable_route_id = Route._find_route(
                    decision.company_id, decision.topic_id, today
                )

    @api.depends("employee_id", "company_id")
    def _compute_letter_lang(self):
        for decision in self:
            decision.letter_lang = decision._get_letter_lang()

    @api.depends("applicable_route_id", "employee_id", "name")
    def _compute_dispute_clause_preview(self):
        for decision in self:
            decision.dispute_clause_preview = decision._render_dispute_clause(
                decision.applicable_route_id, decision.name
            )

    def _render_dispute_clause(self, route, number):
        """The route's clause in the letter's language, placeholders filled in."""
        self.ensure_one()
        if not route:
            return False
        lang = self._get_letter_lang()
        return route.with_context(lang=lang)._render_clause(
            {
                "decision_number": number,
                "employee": self.employee_id.name,
                "deadline": self.with_context(lang=lang).env._(
                    "%(weeks)s weeks after the day on which this decision "
                    "reached you",
                    weeks=route.term_weeks,
                ),
            }
        )

    @api.depends("date_notified", "term_weeks")
    def _compute_term(self):
        # The days declared equal to public holidays (Atw art. 3(2)), read once
        # and cached. Deliberately not a dependency: the term is computed when
        # the decision is notified and stored; a day added later does not
        # change the term of a decision already notified.
        extra_holidays = self.env["hr.goede.gesprek.holiday"]._extra_holidays()
        for decision in self:
            notified = decision.date_notified
            decision.term_start = notified and fields.Date.add(notified, days=1)
            decision.term_end = notified and legal_terms.term_end(
                notified, decision.term_weeks, extra_holidays
            )

    @api.depends("name", "state")
    def _compute_letter_filename(self):
        for decision in self:
            if decision.state == "draft" or not decision.name:
                decision.letter_filename = False
            else:
                decision.letter_filename = "%s.pdf" % decision.name.replace("/", "-")

    @api.depends_context("uid")
    @api.depends("state", "signatory_id", "employee_id.user_id")
    def _compute_user_flags(self):
        user = self.env.user
        is_hr = self._is_hr()
        for decision in self:
            decision.can_issue = (
                decision.state == "draft"
                and decision.signatory_id == user
                and decision.company_id._goede_gesprek_is_signatory(user)
            )
            is_employee = decision.employee_user_id == user
            decision.can_acknowledge = decision.state == "issued" and is_employee
            decision.can_register_delivery = decision.state == "issued" and is_hr

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("is_temporary", "date_end", "date_evaluation", "date_effective")
    def _check_dates(self):
        for decision in self:
            for other in (decision.date_end, decision.date_evaluation):
                if (
                    other
                    and decision.date_effective
                    and other < decision.date_effective
                ):
                    raise ValidationError(
                        self.env._(
                            "The end or evaluation date of “%(name)s” lies before "
                            "its effective date.",
                            name=decision.display_name,
                        )
                    )

    @api.constrains("signatory_id", "company_id")
    def _check_signatory(self):
        for decision in self.filtered("signatory_id"):
            if not decision.company_id._goede_gesprek_is_signatory(
                decision.signatory_id
            ):
                raise ValidationError(
                    self.env._(
                        "%(user)s is not an authorised signatory of %(company)s.",
                        user=decision.signatory_id.name,
                        company=decision.company_id.name,
                    )
                )

    @api.depends("name", "subject")
    def _compute_display_name(self):
        for decision in self:
            if decision.name and decision.name != "/":
                decision.display_name = f"{decision.name} – {decision.subject or ''}"
            else:
                decision.display_name = self.env._(
                    "Draft decision – %(subject)s", subject=decision.subject or ""
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self._check_workflow_create(vals_list)
        decisions = super().create(vals_list)
        if not self.env.su:
            decisions._check_can_prepare()
        decisions.activity_update()
        return decisions

    def write(self, vals):
        self._check_write_allowed(vals)
        return super().write(vals)

    def _check_write_allowed(self, vals):
        fnames = {fname for fname in vals if not fname.startswith(FREE_PREFIXES)}
        if not fnames:
            return
        issued = self.filtered(lambda d: d.state != "draft")
        if issued and (not self.env.su or fnames - ISSUED_FREE_FIELDS):
            raise UserError(
                self.env._(
                    "Decision %(name)s has been issued and can no longer be "
                    "changed. Prepare a correction: a new decision that "
                    "supersedes it.",
                    name=issued[0].name,
                )
            )
        if self.env.su:
            return
        self._check_workflow_write(fnames)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_issued(self):
        for decision in self:
            if decision.state != "draft":
                raise UserError(
                    self.env._(
                        "Decision %(name)s has been issued; it belongs to the "
                        "personnel file and cannot be deleted.",
                        name=decision.name,
                    )
                )

    # ------------------------------------------------------------------
    # Roles
    # ------------------------------------------------------------------
    def _is_team_manager(self, user=None):
        self.ensure_one()
        user = user or self.env.user
        # sudo: the manager's user lives on hr.employee, which plain users
        # cannot read; only an id comparison leaves this method.
        employee = self.sudo().employee_id
        return user in (
            employee.parent_id.user_id | employee.department_id.manager_id.user_id
        )

    def _check_can_prepare(self):
        if self._is_hr():
            return
        for decision in self:
            if not decision._is_team_manager():
                raise AccessError(
                    self.env._(
                        "Only HR or the manager of %(employee)s can prepare a "
                        "decision for them.",
                        employee=decision.employee_id.name,
                    )
                )

    # ------------------------------------------------------------------
    # Issue
    # ------------------------------------------------------------------
    def action_issue(self):
        self._check_can_issue()
        self._do_issue()
        return True

    def _check_can_issue(self):
        self.check_access("read")
        user = self.env.user
        for decision in self:
            if decision.state != "draft":
                raise UserError(
                    self.env._(
                        "Decision %(name)s has already been issued.",
                        name=decision.name,
                    )
                )
            if not decision.signatory_id:
                raise UserError(
                    self.env._(
                        "“%(name)s” has no signatory: choose one of the company's "
                        "authorised signatories before issuing.",
                        name=decision.display_name,
                    )
                )
            if not decision.company_id._goede_gesprek_is_signatory(user):
                raise AccessError(
                    self.env._(
                        "Only an authorised signatory of %(company)s can issue "
                        "decisions; you are not one.",
                        company=decision.company_id.name,
                    )
                )
            if decision.signatory_id != user:
                raise AccessError(
                    self.env._(
                        "“%(name)s” is to be signed by %(signatory)s; only they "
                        "can issue it.",
                        name=decision.display_name,
                        signatory=decision.signatory_id.name,
                    )
                )
            decision._check_content_complete()
            decision._get_origin()._check_decision_issuable(decision)

    def _check_content_complete(self):
        self.ensure_one()
        if not (self.reasons or "").strip():
            raise ValidationError(
                self.env._(
                    "“%(name)s” has no reasons. Every decision states why it was "
                    "taken; write the reasons before issuing.",
                    name=self.display_name,
                )
            )
        if not (self.decision_text or "").strip():
            raise ValidationError(
                self.env._(
                    "“%(name)s” does not say what was decided yet.",
                    name=self.display_name,
                )
            )
        if not self.date_effective:
            raise ValidationError(
                self.env._(
                    "“%(name)s” has no effective date. Enter the date from which "
                    "the decision applies.",
                    name=self.display_name,
                )
            )
        if self.is_temporary and not (self.date_end or self.date_evaluation):
            raise ValidationError(
                self.env._(
                    "“%(name)s” is temporary: enter its end or evaluation date.",
                    name=self.display_name,
                )
            )
        if not self.applicable_route_id:
            raise ValidationError(
                self.env._(
                    "No dispute route applies to “%(name)s” (topic %(topic)s). "
                    "Configure one under Configuration > Dispute routes.",
                    name=self.display_name,
                    topic=self.topic_id.name,
                )
            )

    def _get_origin(self):
        """The record the decision came from (an empty agreement if none)."""
        self.ensure_one()
        return (
            self.origin_objection_id
            or self.origin_appraisal_id
            or self.origin_hours_request_id
            or self.origin_agreement_id
        )

    def _get_letter_lang(self):
        self.ensure_one()
        # sudo: the employee's contact language, read to choose the letter's
        # language; the private address itself is not used.
        employee = self.sudo().employee_id
        return (
            employee.work_contact_id.lang
            or self.company_id.partner_id.lang
            or self.env.lang
            or "en_US"
        )

    def _do_issue(self):
        today = fields.Date.context_today(self)
        for decision in self:
            route = decision.applicable_route_id
            lang = decision._get_letter_lang()
            route_lang = route.with_context(lang=lang)
            number = decision._next_number(today)
            clause = decision._render_dispute_clause(route, number)
            # Rights were checked in _check_can_issue; number, route and clause
            # are workflow fields, frozen from now on.
            decision.sudo().write(
                {
                    "name": number,
                    "state": "issued",
                    "date_issued": today,
                    "issued_by_id": self.env.user.id,
                    "route_id": route.id,
                    "term_weeks": route.term_weeks,
                    "dispute_addressee": route_lang.addressee,
                    "dispute_clause": clause,
                }
            )
            decision._attach_letter_to_personnel_file()
            if decision.supersedes_id:
                decision.supersedes_id.sudo().write(
                    {"state": "superseded", "superseded_by_id": decision.id}
                )
                decision.supersedes_id.activity_update()
            decision._get_origin()._on_decision_issued(decision)
        self.activity_update()

    def _next_number(self, on_date):
        self.ensure_one()
        # The numbering is the company's, not the user's: nobody but the system
        # writes sequences. One sequence per company, restarting every year.
        Sequence = self.env["ir.sequence"].sudo()
        sequence = Sequence.search(
            [("code", "=", SEQUENCE_CODE), ("company_id", "=", self.company_id.id)],
            limit=1,
        )
        if not sequence:
            template = self.env.ref("hr_goede_gesprek.seq_decision").sudo()
            sequence = template.copy(
                {
                    "company_id": self.company_id.id,
                    "name": f"{template.name} ({self.company_id.name})",
                }
            )
        return sequence.next_by_id(sequence_date=on_date)

    def _attach_letter_to_personnel_file(self):
        """Render the letter once and freeze it in the personnel file."""
        self.ensure_one()
        # The system files the letter: the signatory may not write the
        # employee's personnel file (hr.employee) themselves.
        report = self.env["ir.actions.report"].sudo()
        report_ref = "hr_goede_gesprek.action_report_decision"
        content, content_type = report._render_qweb_pdf(report_ref, res_ids=self.ids)
        Attachment = self.env["ir.attachment"].sudo()
        attachment = Attachment.search(
            [
                ("res_model", "=", "hr.employee"),
                ("res_id", "=", self.employee_id.id),
                ("name", "=", self.letter_filename),
            ],
            limit=1,
        )
        if not attachment:
            # wkhtmltopdf is not called in test mode (HTML comes back): file
            # what was rendered, so the flow is the same.
            is_pdf = content_type == "pdf"
            attachment = Attachment.create(
                {
                    "name": self.letter_filename
                    if is_pdf
                    else self.letter_filename[:-4] + ".html",
                    "raw": content,
                    "mimetype": "application/pdf" if is_pdf else "text/html",
                    "res_model": "hr.employee",
                    "res_id": self.employee_id.id,
                }
            )
        attachment.description = self.env._(
            "Decision %(name)s: %(subject)s", name=self.name, subject=self.subject
        )
        self.sudo().write({"attachment_id": attachment.id})
        return attachment

    # ------------------------------------------------------------------
    # Portal (/my/decisions): the employee's own issued decisions
    # ------------------------------------------------------------------
    @api.model
    def _get_portal_domain(self, user=None):
        """The decisions addressed to ``user``; drafts never (one SQL query)."""
        user = user or self.env.user
        return [("employee_user_id", "=", user.id), ("state", "!=", "draft")]

    def _check_portal_readable(self):
        """Portal pages show a decision only to its employee, never a draft."""
        self.check_access("read")
        for decision in self:
            if decision.employee_user_id != self.env.user or decision.state == "draft":
                raise AccessError(self.env._("This decision is not addressed to you."))

    # ------------------------------------------------------------------
    # Notification: acknowledgement or registered delivery
    # ------------------------------------------------------------------
    def action_acknowledge(self):
        """The employee acknowledges receipt (backend or portal)."""
        self._check_can_acknowledge()
        self._do_notify(fields.Date.context_today(self), "portal")
        return True

    def _check_can_acknowledge(self):
        self.check_access("read")
        for decision in self:
            if decision.employee_user_id != self.env.user:
                raise AccessError(
                    self.env._(
                        "Only the employee concerned acknowledges receipt of "
                        "decision %(name)s.",
                        name=decision.name,
                    )
                )
            decision._check_is_issued()

    def action_register_delivery(self, date_delivered=None):
        """HR registers the day the letter reached the employee."""
        self._check_can_register_delivery(date_delivered)
        self._do_notify(
            fields.Date.to_date(date_delivered)
            if date_delivered
            else fields.Date.context_today(self),
            "delivery",
        )
        return True

    def _check_can_register_delivery(self, date_delivered=None):
        self.check_access("read")
        if not self._is_hr():
            raise AccessError(
                self.env._("Only HR registers the delivery of a decision.")
            )
        today = fields.Date.context_today(self)
        delivered = fields.Date.to_date(date_delivered) if date_delivered else today
        for decision in self:
            decision._check_is_issued()
            if delivered > today or delivered < decision.date_issued:
                raise UserError(
                    self.env._(
                        "The delivery date of %(name)s must lie between its issue "
                        "date (%(issued)s) and today.",
                        name=decision.name,
                        issued=format_date(self.env, decision.date_issued),
                    )
                )

    def _check_is_issued(self):
        self.ensure_one()
        if self.state != "issued":
            raise UserError(
                self.env._(
                    "Decision %(name)s is not waiting for notification.",
                    name=self.display_name,
                )
            )

    def _do_notify(self, date_notified, channel):
        # Rights checked by the caller; the notification is a workflow field.
        self.sudo().write(
            {
                "state": "notified",
                "date_notified": date_notified,
                "notification_channel": channel,
                "notification_registered_by_id": self.env.user.id,
            }
        )
        for decision in self:
            decision.message_post(
                body=self.env._(
                    "Notified on %(date)s. The term of %(weeks)s weeks ends on "
                    "%(end)s.",
                    date=format_date(self.env, decision.date_notified),
                    weeks=decision.term_weeks,
                    end=format_date(self.env, decision.term_end),
                ),
                subtype_xmlid="mail.mt_note",
            )
        self.activity_update()

    # ------------------------------------------------------------------
    # Final, disputed, corrections
    # ------------------------------------------------------------------
    # Scheduled action: batched, idempotent (the state changes), savepoint per
    # record, working as the reminder user (see hr_goede_gesprek_cron_tools).
    @api.model
    def _cron_mark_final(self, batch_size=200):
        """Scheduled action: runs as OdooBot, works as the reminder user."""
        _run_as_cron_user(self, "_batch_mark_final", batch_size)

    @api.model
    def _batch_mark_final(self, batch_size=200):
        """Decisions whose term passed without an objection become final."""
        today = fields.Date.context_today(self)
        todo = self.search(
            [
                ("company_id", "in", self.env.user.company_ids.ids),
                ("state", "=", "notified"),
                ("term_end", "<", today),
            ],
            limit=batch_size,
            order="term_end, id",
        )
        failed = _process_batch(todo, lambda batch: batch._do_mark_final())
        # A failed record stays notified and is retried on the next day's run;
        # stop this run so the scheduler does not pick it up again and again.
        full = len(todo) >= batch_size and not failed
        return len(todo) - len(failed), batch_size if full else 0

    def _do_mark_final(self):
        self.sudo().write({"state": "final"})
        for decision in self:
            decision._get_origin()._on_decision_final(decision)
        # What activity_update() does for a final decision, for the whole batch
        # at once.
        self.activity_feedback(
            [
                "hr_goede_gesprek.mail_activity_type_sign_decision",
                "hr_goede_gesprek.mail_activity_type_acknowledge_decision",
            ]
        )

    def _do_mark_disputed(self):
        self.sudo().write({"state": "disputed"})
        self.activity_update()

    def action_correct(self):
        """Prepare a new decision that supersedes this one."""
        self.ensure_one()
        self._check_can_correct()
        correction = self._do_correct()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": correction.id,
            "view_mode": "form",
            "target": "current",
        }

    def _check_can_correct(self):
        self.check_access("read")
        for decision in self:
            decision._check_can_prepare()
            if decision.state not in ("issued", "notified", "disputed", "final"):
                raise UserError(
                    self.env._(
                        "Only an issued decision can be corrected; %(name)s is "
                        "not (or no longer) in force.",
                        name=decision.display_name,
                    )
                )
            pending = self.search_count([("supersedes_id", "=", decision.id)])
            if pending:
                raise UserError(
                    self.env._(
                        "A correction of %(name)s is already being prepared.",
                        name=decision.name,
                    )
                )

    def _do_correct(self):
        self.ensure_one()
        # Rights checked in _check_can_correct; the link is a workflow field.
        correction = self.sudo().copy(
            {
                "supersedes_id": self.id,
                "subject": self.env._("Correction: %(subject)s", subject=self.subject),
            }
        )
        correction.message_post(
            body=self.env._("Correction of decision %(name)s.", name=self.name),
            subtype_xmlid="mail.mt_note",
        )
        return correction.with_env(self.env)

    def action_print_letter(self):
        self.check_access("read")
        return self.env.ref("hr_goede_gesprek.action_report_decision").report_action(
            self
        )

    # ------------------------------------------------------------------
    # Activities
    # ------------------------------------------------------------------
    def activity_update(self):
        sign = "hr_goede_gesprek.mail_activity_type_sign_decision"
        acknowledge = "hr_goede_gesprek.mail_activity_type_acknowledge_decision"
        unlink_sign = self.browse()
        unlink_ack = self.browse()
        for decision in self:
            if decision.state == "draft" and decision.signatory_id:
                decision._legal_activity_once(
                    sign, decision.signatory_id, self.env._("Check and issue")
                )
            elif decision.state == "draft":
                unlink_sign |= decision
            else:
                decision.activity_feedback([sign])
            employee_user = decision.sudo().employee_id.user_id
            if decision.state == "issued":
                user = (
                    employee_user
                    if employee_user and not employee_user.share
                    else decision.create_uid
                )
                decision._legal_activity_once(
                    acknowledge, user, self.env._("Confirm receipt of the decision")
                )
            elif decision.state == "draft":
                unlink_ack |= decision
            else:
                decision.activity_feedback([acknowledge])
        unlink_sign.activity_unlink([sign])
        unlink_ack.activity_unlink([acknowledge])
