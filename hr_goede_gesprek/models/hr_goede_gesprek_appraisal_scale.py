# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Appraisal scales are local rules (works council consent): records with validity.

Configuration: only HR administrators change it (declared policy below, in line
with the ACLs). A level in use by an appraisal or an objection cannot be deleted
(``ondelete="restrict"`` there): archive the scale instead.
"""

from odoo import fields, models

from .hr_goede_gesprek_legal_mixin import configuration_policy

SCALE_FIELDS = frozenset(
    {
        "name",
        "sequence",
        "active",
        "company_id",
        "legal_basis",
        "date_from",
        "date_to",
        "level_ids",
    }
)


class HrGoedeGesprekAppraisalScale(models.Model):
    _name = "hr.goede.gesprek.appraisal.scale"
    _description = "Appraisal scale"
    _inherit = ["hr.goede.gesprek.workflow.mixin"]
    _order = "sequence, id"
    _policy_create, _policy_write, _policy_unlink = configuration_policy(SCALE_FIELDS)
    _policy_state_field = None
    _policy_employee_field = None

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True)
    legal_basis = fields.Char(
        help="The local rule the appraisal rests on, printed in the decision.",
        translate=True,
    )
    date_from = fields.Date(string="Valid from")
    date_to = fields.Date(string="Valid until")
    level_ids = fields.One2many(
        "hr.goede.gesprek.appraisal.scale.level", "scale_id", string="Levels"
    )
