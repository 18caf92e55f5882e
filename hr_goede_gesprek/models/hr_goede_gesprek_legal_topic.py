# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .hr_goede_gesprek_legal_mixin import configuration_policy

# Configuration: HR administrators keep it, everybody else only reads it (the
# declared policy of hr.goede.gesprek.workflow.mixin, agreeing with the ACL).
TOPIC_FIELDS = frozenset(
    {"name", "code", "sequence", "active", "for_agreements", "cao_remit", "company_id"}
)


class HrGoedeGesprekLegalTopic(models.Model):
    """What a decision is about: the type of an agreement with legal
    consequences, an appraisal, an hours request, a decision on objection.

    Dispute routes list the topics they cover (a disputes committee's remit).
    """

    _name = "hr.goede.gesprek.legal.topic"
    _inherit = ["hr.goede.gesprek.catalogue.mixin"]
    _description = "Decision topic"
    _policy_create, _policy_write, _policy_unlink = configuration_policy(TOPIC_FIELDS)

    code = fields.Char(required=True)
    for_agreements = fields.Boolean(
        string="Agreement type",
        help="Offered as the type of an agreement with legal consequences.",
    )
    cao_remit = fields.Boolean(
        string="Cao disputes committee remit",
        help="A topic the Cao Gemeenten (art. 11.5) sends to the disputes committee.",
    )
    # Without the catalogue's help text.
    company_id = fields.Many2one(help=None)

    _sql_constraints = [
        (
            "code_company_unique",
            "unique(code, company_id)",
            "The code of a decision topic must be unique.",
        ),
    ]
