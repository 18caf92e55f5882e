# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""An answer of 360° feedback: private to the employee until they share it
with their manager (see ``hr_goede_gesprek_feedback_request``)."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .hr_goede_gesprek_feedback_part_mixin import SYSTEM
from .hr_goede_gesprek_health_guard_mixin import health_onchange


class HrGoedeGesprekFeedbackAnswer(models.Model):
    _name = "hr.goede.gesprek.feedback.answer"
    _description = "360° Feedback Answer"
    _inherit = [
        "hr.goede.gesprek.feedback.part.mixin",
        "hr.goede.gesprek.health.guard.mixin",
    ]
    _order = "request_id, question_sequence, id"
    # Made by _do_answer (the token page) only; shared or made private again
    # by the requester through action_share_with_manager / action_make_private
    # (_do_share_answer). Roles: "employee"/"requester", "manager", "hr",
    # "admin", and "respondent" for a colleague on their own answer; none
    # writes a field (the part mixin's empty policy).
    _policy_state_field = None

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    employee_id = fields.Many2one(related="request_id.employee_id", store=True)
    # The respondent's identity: hidden from everyone but the system, so that
    # an anonymous request cannot be traced back through the backend.
    respondent_id = fields.Many2one(
        "hr.goede.gesprek.feedback.respondent",
        required=True,
        ondelete="cascade",
        index=True,
        groups=SYSTEM,
    )
    respondent_label = fields.Char(
        string="From", compute="_compute_respondent_label", compute_sudo=True
    )
    question_id = fields.Many2one(
        "hr.goede.gesprek.feedback.question", required=True, ondelete="cascade"
    )
    question_sequence = fields.Integer(related="question_id.sequence", store=True)
    question = fields.Text(related="question_id.name", string="Question text")
    answer = fields.Text(required=True)
    shared_with_manager = fields.Boolean(
        default=False,
        help="Private by default: only the employee sees the answer until they "
        "share it with their manager.",
    )
    shared_date = fields.Datetime(readonly=True)

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("request_id.anonymous", "respondent_id.name")
    def _compute_respondent_label(self):
        for answer in self:
            if answer.request_id.anonymous:
                answer.respondent_label = self.env._("Anonymous respondent")
            else:
                answer.respondent_label = answer.respondent_id.name

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    _onchange_health_words = health_onchange("answer")

    @api.constrains("respondent_id", "request_id")
    def _check_respondent_request(self):
        for answer in self.sudo():
            if answer.respondent_id.request_id != answer.request_id:
                raise ValidationError(
                    self.env._(
                        "An answer belongs to the request its respondent was "
                        "asked for."
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_share_with_manager(self):
        return self._set_shared(True)

    def action_make_private(self):
        return self._set_shared(False)

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    def _get_respondent_user(self):
        return self.respondent_id.user_id

    def _set_shared(self, shared):
        for answer in self:
            answer.request_id._check_can_share_answer(answer)
            answer.request_id._do_share_answer(answer, shared)
        return True
