# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Appraisal scales are local rules (works council consent): records with validity.

Configuration: only HR administrators change it (declared policy below, in line
with the ACLs). A level in use by an appraisal or an objection cannot be deleted
(``ondelete="restrict"`` there): archive the scale instead.
"""

from odoo import fields, models

from .hr_goede_gesprek_catalogue_mixin import CATALOGUE_FIELDS
from .hr_goede_gesprek_legal_mixin import configuration_policy

SCALE_FIELDS = CATALOGUE_FIELDS | {"legal_basis", "date_from", "date_to", "level_ids"}


class HrGoedeGesprekAppraisalScale(models.Model):
    _name = "hr.goede.gesprek.appraisal.scale"
    _description = "Appraisal scale"
    _inherit = ["hr.goede.gesprek.catalogue.mixin"]
    _policy_create, _policy_write, _policy_unlink = configuration_policy(SCALE_FIELDS)

    # Without the catalogue's help text.
    company_id = fields.Many2one(help=None)
    legal_basis = fields.Char(
        help="The local rule the appraisal rests on, printed in the decision.",
        translate=True,
    )
    date_from = fields.Date(string="Valid from")
    date_to = fields.Date(string="Valid until")
    level_ids = fields.One2many(
        "hr.goede.gesprek.appraisal.scale.level", "scale_id", string="Levels"
    )
