# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Dispute routes: where and within which term an employee can contest a decision.

Routes are configuration (records with validity dates), never code: since the
Wnra (2020) most public employers are under civil law, and the route depends on
the regime, the sector and the topic of the decision.
"""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.legal_terms import render_placeholders, unknown_placeholders
from .hr_goede_gesprek_catalogue_mixin import CATALOGUE_FIELDS
from .hr_goede_gesprek_legal_mixin import configuration_policy

CLAUSE_PLACEHOLDERS = (
    "term_weeks",
    "addressee",
    "deadline",
    "decision_number",
    "employee",
    "route",
)
REGIMES = [("civil", "Civil law"), ("public", "Public law (Awb)")]
SECTORS = [
    ("all", "All sectors"),
    ("municipal", "Municipalities (Cao Gemeenten)"),
    ("youth_care", "Youth care (Cao Jeugdzorg)"),
    ("other", "Other"),
]


# Configuration: HR administrators keep it, everybody else only reads it (the
# declared policy of hr.goede.gesprek.workflow.mixin, agreeing with the ACL).
ROUTE_FIELDS = CATALOGUE_FIELDS | frozenset(
    {
        "route_type",
        "regime",
        "sector",
        "topic_ids",
        "addressee",
        "term_weeks",
        "clause",
        "date_from",
        "date_to",
    }
)


class HrGoedeGesprekDisputeRoute(models.Model):
    _name = "hr.goede.gesprek.dispute.route"
    _inherit = ["hr.goede.gesprek.catalogue.mixin"]
    _description = "Dispute route"
    _policy_create, _policy_write, _policy_unlink = configuration_policy(ROUTE_FIELDS)

    sequence = fields.Integer(
        help="When several routes apply, a route that names the topic wins over a "
        "route for all topics; then the lowest sequence.",
    )
    route_type = fields.Selection(
        [
            ("reconsideration", "Internal reconsideration"),
            ("committee", "Disputes committee"),
            ("objection", "Objection (Awb)"),
            ("other", "Other"),
        ],
        required=True,
        default="reconsideration",
    )
    company_id = fields.Many2one(help="Empty: available to every company.")
    regime = fields.Selection(REGIMES, required=True, default="civil")
    sector = fields.Selection(SECTORS, required=True, default="all")
    topic_ids = fields.Many2many(
        "hr.goede.gesprek.legal.topic",
        string="Topics",
        help="The topics this route covers (a committee's remit). Empty: all topics.",
    )
    addressee = fields.Char(
        required=True,
        translate=True,
        help="To whom the employee addresses the dispute.",
    )
    term_weeks = fields.Integer(
        string="Term (weeks)",
        default=6,
        required=True,
        help="Counted from the day after the decision reached the employee.",
    )
    clause = fields.Text(
        string="Clause text",
        required=True,
        translate=True,
        help="Printed in the decision letter. Placeholders: {term_weeks}, "
        "{addressee}, {deadline}, {decision_number}, {employee}, {route}.",
    )
    date_from = fields.Date(string="Valid from")
    date_to = fields.Date(string="Valid until")

    _sql_constraints = [
        (
            "term_weeks_positive",
            "CHECK(term_weeks > 0)",
            "The term of a dispute route must be at least one week.",
        ),
        (
            "dates_ordered",
            "CHECK(date_to IS NULL OR date_from IS NULL OR date_from <= date_to)",
            "A dispute route cannot end before it starts.",
        ),
    ]

    @api.constrains("clause")
    def _check_clause_placeholders(self):
        for route in self:
            unknown = unknown_placeholders(route.clause, CLAUSE_PLACEHOLDERS)
            if unknown:
                raise ValidationError(
                    self.env._(
                        "The clause of “%(route)s” uses unknown placeholders: "
                        "%(unknown)s. Allowed: %(allowed)s.",
                        route=route.name,
                        unknown=", ".join("{%s}" % name for name in unknown),
                        allowed=", ".join(
                            "{%s}" % name for name in CLAUSE_PLACEHOLDERS
                        ),
                    )
                )

    @api.model
    def _find_route(self, company, topic, on_date):
        """The route that applies to ``topic`` in ``company`` on ``on_date``."""
        domain = [
            ("company_id", "in", [False, company.id]),
            ("regime", "=", company.goede_gesprek_legal_regime or "civil"),
            ("sector", "in", ["all", company.goede_gesprek_sector or "other"]),
            "|",
            ("date_from", "=", False),
            ("date_from", "<=", on_date),
            "|",
            ("date_to", "=", False),
            ("date_to", ">=", on_date),
        ]
        # Routes are configuration every user may read; the decision's reader
        # need not be able to read the configuration menu.
        routes = self.sudo().search(domain)
        matching = routes.filtered(
            lambda r: not r.topic_ids or (topic and topic in r.topic_ids)
        )
        if not matching:
            return self.browse()
        best = min(
            matching,
            key=lambda r: (not r.topic_ids, not r.company_id, r.sequence, r.id),
        )
        return best.with_env(self.env)

    def _render_clause(self, values):
        self.ensure_one()
        values = dict(
            values,
            term_weeks=self.term_weeks,
            addressee=self.addressee or "",
            route=self.name or "",
        )
        return render_placeholders(self.clause, values)
