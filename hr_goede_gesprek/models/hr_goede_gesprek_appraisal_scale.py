# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Appraisal scales are local rules (works council consent): records with validity."""

from odoo import fields, models


class HrGoedeGesprekAppraisalScale(models.Model):
    _name = "hr.goede.gesprek.appraisal.scale"
    _description = "Appraisal scale"
    _order = "sequence, id"

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


class HrGoedeGesprekAppraisalScaleLevel(models.Model):
    _name = "hr.goede.gesprek.appraisal.scale.level"
    _description = "Appraisal scale level"
    _order = "scale_id, sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    scale_id = fields.Many2one(
        "hr.goede.gesprek.appraisal.scale", required=True, ondelete="cascade"
    )
    description = fields.Text(translate=True)
