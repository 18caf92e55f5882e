# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A part of a 360° feedback request that only the system writes: a
respondent or an answer.

Users hold read-only ACLs on it and no role writes a field (each model
declares an empty policy); the roles on it are those on its request, plus
"respondent" for the colleague it is about.
"""

from odoo import api, fields, models

from ..tools.declarations import system_policy

# The fields only the system reads (tokens, who gave which answer).
SYSTEM = "base.group_system"


class HrGoedeGesprekFeedbackPartMixin(models.AbstractModel):
    _name = "hr.goede.gesprek.feedback.part.mixin"
    _inherit = ["hr.goede.gesprek.workflow.mixin"]
    _description = "360° feedback: a part of a request"
    # Only the system makes, changes and removes parts; no role writes one.
    _policy_create, _policy_write, _policy_unlink = system_policy()

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    request_id = fields.Many2one(
        "hr.goede.gesprek.feedback.request",
        required=True,
        ondelete="cascade",
        index=True,
    )

    # ------------------------------------------------------------------
    # Business: policy roles
    # ------------------------------------------------------------------
    def _get_respondent_user(self):
        """The colleague's user this part is about (sudo record)."""
        raise NotImplementedError

    def _policy_roles(self):
        self.ensure_one()
        roles = self.sudo().request_id._get_child_roles(self.env)
        if self.sudo()._get_respondent_user() == self.env.user:
            roles.add("respondent")
        return roles

    @api.model
    def _policy_roles_create(self, vals):
        Request = self.env["hr.goede.gesprek.feedback.request"]
        return Request.browse(vals.get("request_id") or [])._get_child_roles(self.env)
