# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A level of an appraisal scale (see ``hr.goede.gesprek.appraisal.scale``):
configuration, changed by HR administrators only."""

from odoo import fields, models

from .hr_goede_gesprek_legal_mixin import configuration_policy

LEVEL_FIELDS = frozenset({"name", "sequence", "description"})


class HrGoedeGesprekAppraisalScaleLevel(models.Model):
    _name = "hr.goede.gesprek.appraisal.scale.level"
    _description = "Appraisal scale level"
    _inherit = ["hr.goede.gesprek.workflow.mixin"]
    _order = "scale_id, sequence, id"
    # A level stays on the scale it was created on: appraisals were
    # established on that scale.
    _policy_create, _policy_write, _policy_unlink = configuration_policy(
        LEVEL_FIELDS, create_only={"scale_id"}
    )
    _policy_state_field = None
    _policy_employee_field = None

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    scale_id = fields.Many2one(
        "hr.goede.gesprek.appraisal.scale", required=True, ondelete="cascade"
    )
    description = fields.Text(translate=True)
