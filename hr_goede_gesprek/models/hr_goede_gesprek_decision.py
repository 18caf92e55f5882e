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

import logging
from datetime import date

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import LazyTranslate, clean_context, format_date, formatLang

from ..tools import legal_terms
from ..tools.cron import _process_batch, cron_entry
from ..tools.declarations import (
    document_company,
    employee_department,
    regime_label,
    user_flag,
    workflow_state,
)
from .hr_goede_gesprek_workflow_mixin import step_action

_lt = LazyTranslate(__name__)
_logger = logging.getLogger(__name__)

STATES = [
    ("draft", "Draft"),
    ("issued", "Issued"),
    ("notified", "Notified"),
    ("final", "Final"),
    ("disputed", "Disputed"),
    ("superseded", "Superseded"),
]
ISSUED_STATES = ("issued", "notified", "final", "disputed", "superseded")
MANAGER_GROUP = "hr_goede_gesprek.group_goede_gesprek_manager"
# The declared field policy (hr.goede.gesprek.workflow.mixin). Everything not
# listed is a workflow field no role gives or changes: number, state, issue and
# notification data, dispute route and clause, the filed letter, and the links
# that give the decision its legal effect on other records (``LINK_FIELDS``).
# Only the ``_do_*`` steps write those, with sudo after their ``_check_can_*``;
# the origin links come from the origins' prepare actions through
# ``_create_from_origin``, the correction link from ``action_correct``.
CONTENT_FIELDS = frozenset(
    {
        "topic_id",
        "subject",
        "decision_text",
        "reasons",
        "date_effective",
        "is_temporary",
        "date_end",
        "date_evaluation",
        "legal_basis",
        "has_financial_effect",
        "amount",
        "amount_basis",
        "amount_frequency",
        "financial_note",
        "signatory_function",
    }
)
# Whom the draft is about and who signs it. A manager only for their team:
# checked again after a change (``_check_can_prepare``).
PARTY_FIELDS = frozenset({"employee_id", "company_id", "signatory_id"})
DRAFT_FIELDS = CONTENT_FIELDS | PARTY_FIELDS
# Records the decision acts on when it is issued or becomes final; each must be
# about the decision's employee (``_check_links_same_employee``).
LINK_FIELDS = (
    "supersedes_id",
    "origin_agreement_id",
    "origin_appraisal_id",
    "origin_objection_id",
    "origin_hours_request_id",
)
# What may still change on an issued decision, and only through the workflow.
ISSUED_FREE_FIELDS = frozenset(
    {
        # The legal hold (HR, through its wizard) keeps the decision as it is.
        "legal_hold",
        "legal_hold_reason",
        "state",
        "date_notified",
        "notification_channel",
        "notification_registered_by_id",
        "superseded_by_id",
        "attachment_id",
    }
)
FREE_PREFIXES = ("message_", "activity_", "website_message_")


def _origin_field(comodel, string):
    """A link to the record a decision came from (see ``LINK_FIELDS``)."""
    return fields.Many2one(
        comodel,
        string=string,
        readonly=True,
        index="btree_not_null",
        check_company=True,
        ondelete="restrict",
    )


class HrGoedeGesprekDecision(models.Model):
    _name = "hr.goede.gesprek.decision"
    _description = "Decision (besluit)"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "hr.goede.gesprek.legal.mixin",
        "hr.goede.gesprek.employee.mixin",
        "hr.goede.gesprek.hint.mixin",
        "hr.goede.gesprek.retention.mixin",
        "hr.goede.gesprek.health.guard.mixin",
    ]
    _retention_document_type = "decision"
    _retention_closed_states = ISSUED_STATES
    _retention_completion_fields = ("date_issued",)
    _retention_lock_domain = [("state", "!=", "draft")]
    _order = "date_issued desc, id desc"
    _check_company_auto = True
    _rec_names_search = ["name", "subject", "employee_id.name"]
    # The issued letter is frozen in the personnel file (see ir_actions_report).
    _personnel_file_report = "hr_goede_gesprek.report_decision"
    _personnel_file_field = "attachment_id"
    # HR and the team's manager prepare drafts; the signatory checks and
    # completes the text, then issues. The employee reads, never writes. Issued
    # decisions change through the workflow only (see also _check_write_allowed).
    _policy_create = {"manager": DRAFT_FIELDS, "hr": DRAFT_FIELDS}
    _policy_write = {
        "draft": {
            "manager": DRAFT_FIELDS,
            "hr": DRAFT_FIELDS,
            "signatory": CONTENT_FIELDS,
        },
    }
    # The ACL lets only HR officers delete (drafts: _unlink_except_issued).
    _policy_unlink = {"draft": {"hr"}}

    name = fields.Char(
        string="Number", default="/", readonly=True, copy=False, index=True
    )
    company_id = document_company()
    currency_id = fields.Many2one(related="company_id.currency_id")
    employee_id = fields.Many2one(tracking=True, ondelete="restrict")
    department_id = employee_department()
    topic_id = fields.Many2one(
        "hr.goede.gesprek.legal.topic", string="Topic", required=True, tracking=True
    )
    subject = fields.Char(required=True, tracking=True)
    # Origins: exactly what led to the decision. Workflow fields, set by the
    # origin's prepare action (``_create_from_origin``), never over RPC.
    origin_agreement_id = _origin_field("hr.goede.gesprek.agreement", "Agreement")
    origin_appraisal_id = _origin_field("hr.goede.gesprek.appraisal", "Appraisal")
    origin_objection_id = _origin_field("hr.goede.gesprek.objection", "Objection")
    origin_hours_request_id = _origin_field(
        "hr.goede.gesprek.hours.request", "Hours request"
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
        # Record rules: the signatory reads the decisions they sign.
        index="btree_not_null",
        domain="[('id', 'in', allowed_signatory_ids)]",
    )
    allowed_signatory_ids = fields.Many2many(
        "res.users", compute="_compute_allowed_signatory_ids"
    )
    signatory_function = fields.Char(
        string="Signatory's position", help="Printed under the signature."
    )
    # Set by the workflow
    state = workflow_state(STATES, "draft")
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
        check_company=True,
    )
    superseded_by_id = fields.Many2one(
        "hr.goede.gesprek.decision", string="Corrected by", copy=False, readonly=True
    )
    # Indexed: opening the filed file looks its document up (models/ir_binary).
    attachment_id = fields.Many2one(
        "ir.attachment",
        string="Letter",
        copy=False,
        readonly=True,
        index="btree_not_null",
    )
    letter_filename = fields.Char(compute="_compute_letter_filename")
    objection_ids = fields.One2many(
        "hr.goede.gesprek.objection", "decision_id", string="Objections"
    )
    # The words of the legal regime (tools/regime_terms.py) for the views,
    # portal, mails and the letter: they follow the company's profile and the
    # decision's dispute route, never the code.
    regime = fields.Selection(
        related="company_id.goede_gesprek_legal_regime", string="Legal regime"
    )
    regime_document_label = regime_label(string="Document")
    regime_letter_label = regime_label(string="Document type")
    regime_content_heading = regime_label()
    regime_opening = regime_label()
    regime_dispute_label = regime_label(string="Way to disagree")
    regime_disputes_label = regime_label()
    regime_dispute_action_label = regime_label()
    regime_dispute_submit_label = regime_label()
    regime_term_label = regime_label()
    # The letter's own texts, in the context's language (the letter's)
    letter_salutation = fields.Char(compute="_compute_letter_texts")
    letter_financial_text = fields.Text(compute="_compute_letter_texts")
    letter_signing_line = fields.Text(compute="_compute_letter_texts")
    # What the current user may do (buttons; enforced again in Python)
    can_issue = user_flag()
    can_acknowledge = user_flag()
    can_register_delivery = user_flag()

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
        Route = self.env["hr.goede.gesprek.dispute.route"]
        for decision in self:
            if decision.state != "draft":
                decision.applicable_route_id = decision.route_id
            else:
                decision.applicable_route_id = Route._find_route(
                    decision.company_id,
                    decision.topic_id,
                    decision.company_id._goede_gesprek_today(),
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

    @api.depends_context("lang")
    @api.depends(
        "company_id.goede_gesprek_legal_regime",
        "route_id.regime",
        "route_id.route_type",
        "applicable_route_id",
    )
    def _compute_regime_labels(self):
        for decision in self:
            company = decision.company_id or self.env.company
            terms = company._goede_gesprek_terms(
                decision.route_id or decision.applicable_route_id
            )
            decision.regime_document_label = terms["document"]
            decision.regime_letter_label = terms["letter"]
            decision.regime_content_heading = terms["content_heading"]
            decision.regime_opening = terms["opening"]
            decision.regime_dispute_label = terms["dispute"]
            decision.regime_disputes_label = terms["disputes"]
            decision.regime_dispute_action_label = terms["dispute_action"]
            decision.regime_dispute_submit_label = terms["dispute_submit"]
            decision.regime_term_label = terms["dispute_term"]

    @api.depends_context("lang")
    @api.depends(
        "employee_id",
        "company_id.goede_gesprek_signing_line",
        "amount",
        "amount_basis",
        "amount_frequency",
        "has_financial_effect",
        "financial_note",
        "origin_hours_request_id.answer",
        "origin_hours_request_id.hours_current",
        "origin_hours_request_id.hours_requested",
    )
    def _compute_letter_texts(self):
        for decision in self:
            decision.letter_salutation = decision._get_letter_salutation()
            decision.letter_financial_text = "\n".join(decision._get_financial_lines())
            decision.letter_signing_line = (
                decision.company_id.goede_gesprek_signing_line
                or self.env._(
                    "on behalf of %(company)s,", company=decision.company_id.name
                )
            )

    def _get_letter_salutation(self):
        """A letter opens formally: "Dear Mr/Ms <name>," (Geachte heer/mevrouw),
        by the employee's gender where HR recorded it, else "Dear <name>,"."""
        self.ensure_one()
        # sudo: the gender is read on hr.employee only to address the letter;
        # it is not shown otherwise.
        employee = self.sudo().employee_id
        name = employee.name or ""
        if employee.gender == "male":
            return self.env._("Dear Mr %(name)s,", name=name)
        if employee.gender == "female":
            return self.env._("Dear Ms %(name)s,", name=name)
        return self.env._("Dear %(name)s,", name=name)

    def _get_financial_lines(self):
        """The financial consequences as the decision grants them: the amount
        (with its basis and frequency), an hours change it grants, the note;
        "no financial consequences" only when it grants none of these."""
        self.ensure_one()
        _ = self.env._
        lines = []
        if self.amount:
            basis = dict(
                self._fields["amount_basis"]._description_selection(self.env)
            ).get(self.amount_basis or "gross", "")
            values = {
                "amount": formatLang(
                    self.env, abs(self.amount), currency_obj=self.currency_id
                ),
                "basis": basis.lower(),
            }
            lines.append(self._get_amount_line(values))
        # sudo: the hours request is this decision's origin; only its hours
        # and answer are read, to state what the decision grants.
        request = self.sudo().origin_hours_request_id
        if (
            request
            and request.answer == "grant"
            and request.hours_requested != request.hours_current
        ):
            lines.append(
                _(
                    "Your working hours change from %(current)s to %(requested)s "
                    "hours per week. Your salary and the allowances that follow "
                    "from it change in proportion.",
                    current=formatLang(self.env, request.hours_current, digits=1),
                    requested=formatLang(self.env, request.hours_requested, digits=1),
                )
            )
        if self.financial_note:
            lines.append(self.financial_note)
        if not lines:
            if self.has_financial_effect:
                lines.append(
                    _("Payroll will inform you of the amounts this decision changes.")
                )
            else:
                lines.append(_("This has no financial consequences for you."))
        return lines

    def _get_amount_line(self, values):
        """One sentence on the amount: received or deducted, per month, per
        year or once (``values``: the formatted amount and basis)."""
        _ = self.env._
        frequency = self.amount_frequency or "once"
        if self.amount > 0:
            if frequency == "monthly":
                return _("You receive %(amount)s %(basis)s per month.", **values)
            if frequency == "yearly":
                return _("You receive %(amount)s %(basis)s per year.", **values)
            return _("You receive a one-off amount of %(amount)s %(basis)s.", **values)
        if frequency == "monthly":
            return _("Your pay goes down by %(amount)s %(basis)s per month.", **values)
        if frequency == "yearly":
            return _("Your pay goes down by %(amount)s %(basis)s per year.", **values)
        return _("A one-off amount of %(amount)s %(basis)s is deducted.", **values)

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
    @api.depends(
        "state", "signatory_id", "employee_user_id", "employee_work_contact_id"
    )
    def _compute_user_flags(self):
        for decision in self:
            decision.can_issue = not decision._get_cannot_issue_reason()
            decision.can_acknowledge = not decision._get_cannot_acknowledge_reason()
            decision.can_register_delivery = (
                not decision._get_cannot_register_delivery_reason()
            )

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.onchange("decision_text", "reasons")
    def _onchange_health_words(self):
        """A soft warning when a free text names health data."""
        return self._health_warning("decision_text", "reasons")

    @api.constrains("date_issued", "date_notified")
    def _check_notified_after_issue(self):
        for decision in self:
            if (
                decision.date_notified
                and decision.date_issued
                and decision.date_notified < decision.date_issued
            ):
                raise ValidationError(
                    self.env._(
                        "Decision %(name)s cannot have reached the employee "
                        "(%(notified)s) before it was issued (%(issued)s).",
                        name=decision.display_name,
                        notified=format_date(self.env, decision.date_notified),
                        issued=format_date(self.env, decision.date_issued),
                    )
                )

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

    @api.constrains("signatory_id", "company_id", "employee_id")
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
            # Nobody decides in their own case. (sudo: the employee's user, an
            # id compared; plain users cannot read hr.employee.)
            if decision.signatory_id == decision.sudo().employee_id.user_id:
                raise ValidationError(
                    self.env._(
                        "%(user)s cannot sign a decision about themselves: choose "
                        "another authorised signatory.",
                        user=decision.signatory_id.name,
                    )
                )

    @api.constrains("employee_id", *LINK_FIELDS)
    def _check_links_same_employee(self):
        """Issuing a decision acts on its origin and on the decision it
        corrects: each must be about the decision's own employee."""
        # sudo: ids compared only; the user may not read the linked records.
        for decision in self.sudo():
            for fname in LINK_FIELDS:
                linked = decision[fname]
                if linked and linked.employee_id != decision.employee_id:
                    raise ValidationError(
                        self.env._(
                            "The %(field)s of “%(name)s” is not about "
                            "%(employee)s: a decision only acts on records of "
                            "its own employee.",
                            field=self._fields[fname]._description_string(self.env),
                            name=decision.display_name,
                            employee=decision.employee_id.name,
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
        # super() (workflow mixin) refuses every field the user's role may not
        # give, also through the caller's own defaults, before anything is
        # written.
        decisions = super().create(vals_list)
        if not self.env.su:
            decisions._check_can_prepare()
        decisions.activity_update()
        return decisions

    def write(self, vals):
        self._check_write_allowed(vals)
        result = super().write(vals)
        if not self.env.su and {"employee_id", "company_id"} & set(vals):
            # The record rules are checked before a write only: a manager may
            # move a draft to another member of the team, not beyond it (a
            # value refused, like a constraint: the field itself is theirs).
            self._check_can_prepare_for(self.employee_id, error=UserError)
        return result

    def _check_write_allowed(self, vals):
        fnames = {fname for fname in vals if not fname.startswith(FREE_PREFIXES)}
        if not fnames or self._retention_destroying():
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

    @api.ondelete(at_uninstall=False)
    def _unlink_except_issued(self):
        if self._retention_destroying():
            # Locked records leave only through the retention run.
            return
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
    @api.model
    def _prepares_for(self, employee, user=None):
        """Does ``user`` prepare decisions about ``employee`` as their manager?

        Their manager or department manager, in the managers' group: the
        record rules give that group the team's decisions (a manager outside
        it could not read the draft it prepared).
        """
        user = user or self.env.user
        return user.has_group(MANAGER_GROUP) and self._is_manager_of(employee, user)

    @api.model
    def _discard_manager_outside_group(self, roles):
        """A manager outside the managers' group prepares no decisions (see
        ``_prepares_for``)."""
        if "manager" in roles and not self.env.user.has_group(MANAGER_GROUP):
            roles.discard("manager")
        return roles

    def _policy_roles(self):
        roles = self._discard_manager_outside_group(super()._policy_roles())
        user = self.env.user
        if self.signatory_id == user and self.company_id._goede_gesprek_is_signatory(
            user
        ):
            roles.add("signatory")
        return roles

    @api.model
    def _policy_roles_create(self, vals):
        return self._discard_manager_outside_group(super()._policy_roles_create(vals))

    def _check_can_prepare(self):
        self._check_can_prepare_for(self.employee_id)

    @api.model
    def _check_can_prepare_for(self, employees, error=AccessError):
        if self._is_hr():
            return
        for employee in employees:
            if not self._prepares_for(employee):
                raise error(
                    self.env._(
                        "Only HR or the manager of %(employee)s can prepare a "
                        "decision for them.",
                        employee=employee.name,
                    )
                )

    def _sudo_without_defaults(self):
        """These records as the superuser, without the caller's ``default_*``
        context keys: under sudo they would fill any field the values leave
        out (a state, a number, a correction link, a public letter)."""
        return self.with_env(self.env(su=True, context=clean_context(self.env.context)))

    @api.model
    def _create_from_origin(self, vals_list):
        """Create the draft decisions an origin's prepare action asks for.

        The origin links are workflow fields: no role gives them to
        ``create`` over RPC. The origins' prepare actions (agreement,
        appraisal, objection, hours request) call this private method after
        their own ``_check_can_*``; it checks again that the user prepares
        decisions about these employees. The links must be about the same
        employee (``_check_links_same_employee``).
        """
        if isinstance(vals_list, dict):
            vals_list = [vals_list]
        self._check_can_prepare_for(
            self.env["hr.employee"].browse([vals["employee_id"] for vals in vals_list])
        )
        # sudo: the origin link is a workflow field; rights checked above and
        # by the origin's prepare action. Without the caller's default_* keys:
        # under sudo they would set any field (a correction link, a state).
        return self._sudo_without_defaults().create(vals_list).with_env(self.env)

    # ------------------------------------------------------------------
    # Issue
    # ------------------------------------------------------------------
    action_issue = step_action("issue")

    def _get_cannot_issue_reason(self):
        """Why the current user cannot issue this decision (the exception
        its guard raises), or None."""
        self.ensure_one()
        user = self.env.user
        if self.state != "draft":
            return UserError(
                self.env._(
                    "Decision %(name)s has already been issued.",
                    name=self.name,
                )
            )
        if not self.signatory_id:
            return UserError(
                self.env._(
                    "“%(name)s” has no signatory: choose one of the company's "
                    "authorised signatories before issuing.",
                    name=self.display_name,
                )
            )
        if not self.company_id._goede_gesprek_is_signatory(user):
            return AccessError(
                self.env._(
                    "Only an authorised signatory of %(company)s can issue "
                    "decisions; you are not one.",
                    company=self.company_id.name,
                )
            )
        if self.signatory_id != user:
            return AccessError(
                self.env._(
                    "“%(name)s” is to be signed by %(signatory)s; only they "
                    "can issue it.",
                    name=self.display_name,
                    signatory=self.signatory_id.name,
                )
            )
        return None

    def _check_can_issue(self):
        self.check_access("read")
        for decision in self:
            if error := decision._get_cannot_issue_reason():
                raise error
            decision._check_content_complete()
            decision._get_origin()._check_decision_issuable(decision)

    def _check_content_complete(self):
        self.ensure_one()
        name = self.display_name
        self._raise_first(
            [
                (
                    not (self.reasons or "").strip(),
                    _lt(
                        "“%(name)s” has no reasons. Every decision states why it "
                        "was taken; write the reasons before issuing.",
                        name=name,
                    ),
                ),
                (
                    not (self.decision_text or "").strip(),
                    _lt("“%(name)s” does not say what was decided yet.", name=name),
                ),
                (
                    not self.date_effective,
                    _lt(
                        "“%(name)s” has no effective date. Enter the date from "
                        "which the decision applies.",
                        name=name,
                    ),
                ),
                (
                    self.is_temporary and not (self.date_end or self.date_evaluation),
                    _lt(
                        "“%(name)s” is temporary: enter its end or evaluation date.",
                        name=name,
                    ),
                ),
                (
                    not self.applicable_route_id,
                    _lt(
                        "No dispute route applies to “%(name)s” (topic %(topic)s). "
                        "Configure one under Configuration > Dispute routes.",
                        name=name,
                        topic=self.topic_id.name,
                    ),
                ),
            ]
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

    def _letter_shows_private_address(self):
        """May the current reader see the employee's private address in the
        letter? Those who may read it on the employee: HR (``hr.group_hr_user``)
        and the employee themselves; and the system when it files the issued
        letter. Others (a manager's preview, a signatory outside HR) get the
        letter without it."""
        self.ensure_one()
        return (
            self.env.su
            or self.env.user.has_group("hr.group_hr_user")
            or self._is_employee()
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
        for decision in self:
            # The issue date is the company's date now (a legal date), never
            # the signatory's local one.
            today = decision._legal_today()
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
            decision._send_issued_notice()
        self.activity_update()

    def _send_issued_notice(self):
        """Tell the employee that their letter is there, in the regime's words
        and their language (mail_template_decision_issued)."""
        self.ensure_one()
        template = self.env.ref(
            "hr_goede_gesprek.mail_template_decision_issued", raise_if_not_found=False
        )
        # sudo: the signatory issued the decision (checked in _check_can_issue)
        # but may not read the employee's work contact nor post for them.
        decision_sudo = self.sudo()
        partner = decision_sudo.employee_id.work_contact_id
        if not template or not partner:
            return
        decision_sudo.message_post_with_source(
            template,
            subtype_xmlid="mail.mt_comment",
            message_type="comment",
        )

    def _next_number(self, on_date):
        self.ensure_one()
        # One sequence per company, created with the company (res.company);
        # restarting every year.
        return self.company_id._goede_gesprek_next_decision_number(on_date)

    def _attach_letter_to_personnel_file(self):
        """Render the letter once and freeze it in the personnel file."""
        self.ensure_one()
        return self.env["ir.actions.report"]._file_in_personnel_file(self)

    def _get_personnel_file_vals(self):
        """The issued letter is filed; a draft, or a letter rendered without
        the private address, never is (see ir_actions_report)."""
        self.ensure_one()
        if self.state == "draft" or not self._letter_shows_private_address():
            return None
        return {
            "name": self.letter_filename[:-4],
            "description": self.env._(
                "Decision %(name)s: %(subject)s",
                name=self.name,
                subject=self.subject,
            ),
        }

    def _get_personnel_file_reprint(self):
        """A reprint returns the letter as issued, to those who may read the
        private address in it; others get it rendered without the address
        (report.hr_goede_gesprek.report_decision), never filed."""
        self.ensure_one()
        if self.state == "draft":
            return None
        self.check_access("read")
        # Read access was checked just above; the letter lives on hr.employee,
        # which the employee and the manager cannot read. An issued decision
        # without one gets it now, frozen from then on (_get_letter renders
        # afresh, so this hook does not come back).
        attachment = self._get_letter()
        if not self._letter_shows_private_address():
            return None
        return attachment

    def _get_letter(self):
        """The issued decision's letter, as frozen in the personnel file.

        A decision that was issued without one (demo data, or a rendering that
        failed) gets it now, frozen from then on: it is never rendered again.
        Raises a translated UserError when the letter cannot be produced; then
        nothing was written.
        """
        self.ensure_one()
        if self.state == "draft":
            raise UserError(
                self.env._(
                    "“%(name)s” has not been issued: it has no letter yet.",
                    name=self.display_name,
                )
            )
        # sudo: the letter is filed on hr.employee (personnel file), which the
        # employee and the manager cannot read; the caller read the decision.
        attachment = self.sudo().attachment_id
        if attachment:
            return attachment
        try:
            with self.env.cr.savepoint():
                return self._attach_letter_to_personnel_file()
        except psycopg2.Error:
            raise  # a concurrent update: let the request be retried
        except Exception as error:  # noqa: BLE001 -- any rendering failure
            _logger.warning(
                "The letter of decision %s could not be made", self.id, exc_info=True
            )
            raise UserError(
                self.env._(
                    "The letter of decision %(name)s could not be produced right "
                    "now, so nothing was recorded. Please try again later or "
                    "contact HR.",
                    name=self.display_name,
                )
            ) from error

    def _freeze_missing_letters(self):
        """Give every issued decision of ``self`` that has none its letter.

        Called at demo load (decisions created in an issued state, as the core
        demo does) and safe to call again: a letter that cannot be made now is
        made on its first request instead.
        """
        for decision in self.filtered(lambda d: d.state != "draft"):
            try:
                decision._get_letter()
            except UserError as error:
                _logger.warning("No letter for decision %s yet: %s", decision.id, error)
        return True

    # ------------------------------------------------------------------
    # Portal (/my/decisions): the employee's own issued decisions
    # ------------------------------------------------------------------
    @api.model
    def _get_portal_domain(self, user=None):
        """The decisions addressed to ``user``; drafts never (one SQL query)."""
        return [*super()._get_portal_domain(user), ("state", "!=", "draft")]

    def _check_portal_readable(self):
        """Portal pages show a decision only to its employee, never a draft."""
        self.check_access("read")
        for decision in self:
            if not decision._is_employee() or decision.state == "draft":
                raise AccessError(self.env._("This decision is not addressed to you."))

    # ------------------------------------------------------------------
    # Notification: acknowledgement or registered delivery
    # ------------------------------------------------------------------
    def action_acknowledge(self):
        """The employee acknowledges receipt (backend or portal)."""
        self._check_can_acknowledge()
        self._do_notify(None, "portal")
        return True

    def _get_cannot_acknowledge_reason(self):
        self.ensure_one()
        if not self._is_employee():
            return AccessError(
                self.env._(
                    "Only the employee concerned acknowledges receipt of "
                    "decision %(name)s.",
                    name=self.name,
                )
            )
        return self._get_not_issued_reason()

    def _check_can_acknowledge(self):
        self.check_access("read")
        self._raise_cannot("acknowledge")

    def action_register_delivery(self, date_delivered=None):
        """HR registers the day the letter reached the employee."""
        self._check_can_register_delivery(date_delivered)
        self._do_notify(fields.Date.to_date(date_delivered), "delivery")
        return True

    def _get_cannot_register_delivery_reason(self):
        self.ensure_one()
        if not self._is_hr():
            return AccessError(
                self.env._("Only HR registers the delivery of a decision.")
            )
        return self._get_not_issued_reason()

    def _check_can_register_delivery(self, date_delivered=None):
        self.check_access("read")
        for decision in self:
            if error := decision._get_cannot_register_delivery_reason():
                raise error
            today = decision._legal_today()
            delivered = fields.Date.to_date(date_delivered) or today
            if delivered > today or delivered < decision.date_issued:
                raise UserError(
                    self.env._(
                        "The delivery date of %(name)s must lie between its issue "
                        "date (%(issued)s) and today.",
                        name=decision.name,
                        issued=format_date(self.env, decision.date_issued),
                    )
                )

    def _get_not_issued_reason(self):
        self.ensure_one()
        if self.state != "issued":
            return UserError(
                self.env._(
                    "Decision %(name)s is not waiting for notification.",
                    name=self.display_name,
                )
            )
        return None

    def _do_notify(self, date_notified, channel):
        """Record receipt on ``date_notified``; ``None``: today, the company's
        date (a legal date, never the user's local one nor before the issue).

        No receipt without the letter: it is obtained (made once if it is
        missing) before anything is written.
        """
        for decision in self:
            decision._get_letter()
        for decision in self:
            # Rights checked by the caller; the notification is a workflow field.
            decision.sudo().write(
                {
                    "state": "notified",
                    "date_notified": date_notified
                    or max(
                        decision._legal_today(),
                        decision.date_issued or date.min,
                    ),
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
    # record, working as the reminder user (see tools/cron.py).
    _cron_mark_final = api.model(cron_entry("_batch_mark_final"))

    @api.model
    def _batch_mark_final(self, batch_size=200):
        """Decisions whose term passed without an objection become final."""
        todo = self.search(
            [("state", "=", "notified")]
            # The term ends at the end of its last day in the company's calendar.
            + self._legal_today_domain("term_end", "<"),
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
        return correction._get_form_action()

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
        # Without the caller's default_* keys: they would fill the fields the
        # copy leaves out (state, number).
        correction = self._sudo_without_defaults().copy(
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

    def _get_form_action(self):
        """The window action that opens this decision's form: where a
        correction or a decision prepared from its origin is written."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_print_letter(self):
        self.check_access("read")
        for decision in self.filtered(lambda d: d.state != "draft"):
            # An issued decision prints its frozen letter (made now if missing).
            decision._get_letter()
        return self.env.ref("hr_goede_gesprek.action_report_decision").report_action(
            self
        )

    # ------------------------------------------------------------------
    # Business: the next step (the hint on the form)
    # ------------------------------------------------------------------
    def _get_next_step_hint(self):
        self.ensure_one()
        _ = self.env._
        if self.state == "draft":
            if self.can_issue:
                return _(
                    "Next: you check the letter and issue the decision; the "
                    "employee then confirms receipt."
                )
            if not self.signatory_id:
                return _(
                    "Next: choose an authorised signatory, who checks and "
                    "issues the decision."
                )
            return _(
                "Next: the signatory, %(user)s, checks and issues the decision.",
                user=self.signatory_id.name,
            )
        if self.state == "issued":
            if self.can_acknowledge:
                return _(
                    "Next: open the letter and confirm you received it; the "
                    "%(term)s starts the day after.",
                    term=self.regime_term_label.lower(),
                )
            return _(
                "Next: the employee confirms receipt, or HR registers the "
                "delivery; then the %(term)s starts.",
                term=self.regime_term_label.lower(),
            )
        if self.state == "notified":
            return _(
                "Next: the %(term)s runs until %(date)s; if the employee does "
                "not disagree in time, the decision becomes final.",
                term=self.regime_term_label.lower(),
                date=format_date(self.env, self.term_end),
            )
        if self.state == "disputed":
            return _(
                "Next: HR handles the %(dispute)s and decides on it.",
                dispute=self.regime_dispute_label.lower(),
            )
        if self.state == "final":
            return _("Final: the term passed; the decision stands.")
        return _("Superseded: a newer decision replaces this one.")

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
                # A portal employee confirms in the portal; HR registers a
                # delivery on paper (the HR responsible, else the creator).
                user = (
                    employee_user
                    if employee_user and not employee_user.share
                    else decision.company_id._goede_gesprek_hr_user(
                        decision.sudo().employee_id
                    )
                    or decision.create_uid
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

    # --- portal actions (called by controllers/) ---
    def portal_acknowledge(self):
        """The employee opens the letter in the portal: receipt is recorded
        (only once the letter exists, see ``_do_notify``)."""
        self._check_can_acknowledge()
        # sudo: a portal user may not post on the decision's chatter
        # themselves; sudo keeps the uid, so the receipt is registered by the
        # employee, on the company's date.
        self.sudo()._do_notify(None, "portal")
        return True
