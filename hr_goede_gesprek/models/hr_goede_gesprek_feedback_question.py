# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A question of 360° feedback: in the catalogue (no request) or frozen in a
request (see ``hr_goede_gesprek_feedback_request``)."""

from odoo import api, fields, models

from .hr_goede_gesprek_health_guard_mixin import health_onchange
from .hr_goede_gesprek_workflow_mixin import ANY_STATE

# What the HR administrator maintains of the question catalogue.
CATALOGUE_FIELDS = frozenset({"name", "sequence", "active"})


class HrGoedeGesprekFeedbackQuestion(models.Model):
    _name = "hr.goede.gesprek.feedback.question"
    _description = "360° Feedback Question"
    _inherit = [
        "hr.goede.gesprek.workflow.mixin",
        "hr.goede.gesprek.health.guard.mixin",
    ]
    _order = "sequence, id"
    # The HR administrator keeps the catalogue (role "catalogue": the admin
    # group, on a question without request). A request's questions are copied
    # into it by _do_create_request and then frozen: respondents answer them.
    _policy_create = {"catalogue": CATALOGUE_FIELDS}
    _policy_write = {ANY_STATE: {"catalogue": CATALOGUE_FIELDS}}
    _policy_unlink = {ANY_STATE: {"catalogue"}}
    _policy_state_field = None
    _policy_employee_field = None

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    name = fields.Text(string="Question", required=True, translate=True)
    sequence = fields.Integer(default=10)
    request_id = fields.Many2one(
        "hr.goede.gesprek.feedback.request",
        ondelete="cascade",
        index=True,
        help="Empty: a question of the catalogue that employees can choose.",
    )
    active = fields.Boolean(default=True)

    _onchange_health_words = health_onchange("name")

    # ------------------------------------------------------------------
    # Business: policy roles
    # ------------------------------------------------------------------
    def _policy_roles(self):
        self.ensure_one()
        request = self.sudo().request_id
        if request:
            return request._get_child_roles(self.env)
        return self._catalogue_roles(super()._policy_roles())

    @api.model
    def _policy_roles_create(self, vals):
        if vals.get("request_id"):
            Request = self.env["hr.goede.gesprek.feedback.request"]
            return Request.browse(vals["request_id"])._get_child_roles(self.env)
        return self._catalogue_roles(super()._policy_roles_create(vals))

    @api.model
    def _catalogue_roles(self, roles):
        """The HR administrator keeps the catalogue."""
        if self._is_hr_admin():
            roles.add("catalogue")
        return roles
