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
    _inherit = ["hr.goede.gesprek.workflow.mixin"]
    _description = "Decision topic"
    _order = "sequence, id"
    _policy_create, _policy_write, _policy_unlink = configuration_policy(TOPIC_FIELDS)
    _policy_state_field = None
    _policy_employee_field = None

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    for_agreements = fields.Boolean(
        string="Agreement type",
        help="Offered as the type of an agreement with legal consequences.",
    )
    cao_remit = fields.Boolean(
        string="Cao disputes committee remit",
        help="A topic the Cao Gemeenten (art. 11.5) sends to the disputes committee.",
    )
    company_id = fields.Many2one("res.company", index=True)

    _sql_constraints = [
        (
            "code_company_unique",
            "unique(code, company_id)",
            "The code of a decision topic must be unique.",
        ),
    ]
