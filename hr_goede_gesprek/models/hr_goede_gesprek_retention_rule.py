# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Retention rules (bewaartermijnen): how long each kind of document of the
addon is kept, counted from which event, and what happens then.

Rules are data, never code: shipped as ``noupdate`` records with their
source (the AP guideline, the Selectielijst gemeenten, the fiscal retention
duty) and validity dates, edited by HR administrators. Every document of the
addon stores the destroy date its rule gives (the retention mixin); the
scheduled action ``_cron_destroy_due`` destroys what is due.
"""

from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError

from ..tools.retention import START_EVENTS
from .hr_goede_gesprek_catalogue_mixin import CATALOGUE_FIELDS
from .hr_goede_gesprek_dispute_route import SECTORS
from .hr_goede_gesprek_legal_mixin import configuration_policy

# document type: the model that carries it, in the order the scheduled action
# destroys them (what refers to a document goes before it: an objection before
# its decision, a decision before the appraisal or request it decides).
DOCUMENT_MODELS = {
    "objection": "hr.goede.gesprek.objection",
    "decision": "hr.goede.gesprek.decision",
    "appraisal": "hr.goede.gesprek.appraisal",
    "hours_request": "hr.goede.gesprek.hours.request",
    "reward": "hr.goede.gesprek.reward",
    "feedback": "hr.goede.gesprek.feedback.request",
    "agreement": "hr.goede.gesprek.agreement",
    "conversation": "hr.goede.gesprek",
}
DOCUMENT_TYPES = [
    ("conversation", "Conversation (report and agenda)"),
    ("agreement", "Agreement"),
    ("appraisal", "Appraisal"),
    ("decision", "Decision"),
    ("objection", "Objection"),
    ("hours_request", "Hours request"),
    ("reward", "Reward"),
    ("feedback", "360° feedback request and answers"),
]
ACTIONS = [
    ("delete", "Delete"),
    ("anonymise", "Anonymise (statistics survive)"),
]
RULE_FIELDS = CATALOGUE_FIELDS | frozenset(
    {
        "document_type",
        "start_event",
        "term_years",
        "term_months",
        "action",
        "source",
        "sector",
        "valid_from",
        "valid_to",
        "note",
    }
)


class HrGoedeGesprekRetentionRule(models.Model):
    _name = "hr.goede.gesprek.retention.rule"
    _inherit = ["hr.goede.gesprek.catalogue.mixin"]
    _description = "Retention rule"
    _policy_create, _policy_write, _policy_unlink = configuration_policy(RULE_FIELDS)

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    sequence = fields.Integer(
        help="When several rules apply, a rule of the company wins over a shared "
        "one, a rule of the company's sector over one for all sectors; then the "
        "lowest sequence.",
    )
    document_type = fields.Selection(DOCUMENT_TYPES, required=True, index=True)
    start_event = fields.Selection(
        START_EVENTS,
        required=True,
        default="employment_end",
        help="The term counts from this event: the employee's departure date, "
        "the document's completion (done, issued, decided, closed) or its "
        "payment (rewards).",
    )
    term_years = fields.Integer(string="Term (years)", default=2)
    term_months = fields.Integer(string="Term (months)")
    action = fields.Selection(
        ACTIONS,
        required=True,
        default="delete",
        help="Delete the record with its attachments, messages and calendar "
        "event; or anonymise it: its texts, messages, attachments and event go, "
        "its dates, state, department and type stay for the statistics.",
    )
    source = fields.Char(
        required=True,
        translate=True,
        help="Where the term comes from, e.g. the AP guideline or the "
        "Selectielijst gemeenten.",
    )
    sector = fields.Selection(SECTORS, required=True, default="all")
    company_id = fields.Many2one(help="Empty: applies to every company.")
    valid_from = fields.Date(
        help="The rule applies to records whose start event falls on or after "
        "this day. Empty: always."
    )
    valid_to = fields.Date(string="Valid until")
    note = fields.Text()

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("term_years", "term_months")
    def _check_term(self):
        for rule in self:
            if rule.term_years < 0 or rule.term_months < 0:
                raise ValidationError(
                    self.env._(
                        "The retention term of “%(name)s” cannot be negative.",
                        name=rule.name,
                    )
                )
            if not rule.term_years and not rule.term_months:
                raise ValidationError(
                    self.env._(
                        "The retention rule “%(name)s” needs a term of at least "
                        "one month.",
                        name=rule.name,
                    )
                )

    @api.constrains("valid_from", "valid_to")
    def _check_validity(self):
        for rule in self:
            if rule.valid_from and rule.valid_to and rule.valid_to < rule.valid_from:
                raise ValidationError(
                    self.env._(
                        "The retention rule “%(name)s” cannot end before it starts.",
                        name=rule.name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        rules = super().create(vals_list)
        rules._retention_rules_changed(set(rules.mapped("document_type")))
        return rules

    def write(self, vals):
        types = set(self.mapped("document_type"))
        result = super().write(vals)
        self._retention_rules_changed(types | set(self.mapped("document_type")))
        return result

    def unlink(self):
        types = set(self.mapped("document_type"))
        result = super().unlink()
        self._retention_rules_changed(types)
        return result

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    @api.model
    @tools.ormcache("document_type")
    def _retention_rule_data(self, document_type):
        """The active rules of ``document_type`` as plain tuples, cached: the
        documents compute their destroy date without a query per batch."""
        # sudo: the rules decide every user's documents' destroy date; plain
        # users may not read them.
        rules = (
            self.sudo()
            .with_context(active_test=True)
            .search_fetch(
                [("document_type", "=", document_type)],
                [
                    "company_id",
                    "sector",
                    "start_event",
                    "term_years",
                    "term_months",
                    "valid_from",
                    "valid_to",
                    "sequence",
                ],
                order="sequence, id",
            )
        )
        return tuple(
            (
                rule.id,
                rule.company_id.id,
                rule.sector,
                rule.start_event,
                rule.term_years,
                rule.term_months,
                rule.valid_from,
                rule.valid_to,
                rule.sequence,
            )
            for rule in rules
        )

    def _retention_rules_changed(self, document_types):
        """A rule changed: forget the cached rules and recompute the destroy
        dates of the documents of those types."""
        self.env.registry.clear_cache()
        for document_type in document_types:
            model = self.env[DOCUMENT_MODELS[document_type]]
            # sudo: every document of the type follows the rules, whoever
            # changes them (HR administrators, by the ACL).
            records = model.sudo().with_context(active_test=False).search([])
            self.env.add_to_compute(model._fields["retention_date"], records)
            self.env.add_to_compute(model._fields["retention_rule_id"], records)

    # ------------------------------------------------------------------
    # Cron
    # ------------------------------------------------------------------
    @api.model
    def _cron_destroy_due(self, batch_size=200):
        """Destroy one batch of the documents that are due (their destroy date
        passed, no legal hold, not yet anonymised), model by model in the order
        of DOCUMENT_MODELS, and report the progress so the scheduler calls it
        again while work remains. A second run finds nothing to do."""
        today = fields.Date.context_today(self)
        done = 0
        for model_name in DOCUMENT_MODELS.values():
            if done >= batch_size:
                break
            # sudo: the scheduled action destroys every company's documents;
            # nobody's rights decide what the law says must go.
            model = self.env[model_name].sudo().with_context(active_test=False)
            due = model.search(
                model._retention_due_domain(today), limit=batch_size - done
            )
            done += len(due._retention_destroy_batch("cron"))
        remaining = sum(
            self.env[model_name]
            .sudo()
            .with_context(active_test=False)
            .search_count(self.env[model_name]._retention_due_domain(today))
            for model_name in DOCUMENT_MODELS.values()
        )
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return done
