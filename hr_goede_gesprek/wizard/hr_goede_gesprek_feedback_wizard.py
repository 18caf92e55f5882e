# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Ask for 360° feedback from the backend.

The backend counterpart of the portal page ``/my/feedback/new``: it collects
the same input and hands it to the same model steps, as the user:
``_check_can_create_request`` (the request is always for the user's own
employee), ``_prepare_questions``, ``_check_request_values``, then
``_do_create_request`` and, to send, ``_check_can_send`` + ``_do_send``.
Nothing here uses sudo: the wizard's ``action_*`` methods are callable over RPC
by every internal user, so all rights are decided by those model guards.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.hr_goede_gesprek_health_guard_mixin import health_onchange


class HrGoedeGesprekFeedbackWizard(models.TransientModel):
    _name = "hr.goede.gesprek.feedback.wizard"
    _inherit = ["hr.goede.gesprek.health.guard.mixin"]
    _description = "Ask for 360° Feedback"

    # ------------------------------------------------------------------
    # Default methods
    # ------------------------------------------------------------------
    @api.model
    def _default_deadline(self):
        return self.env["hr.goede.gesprek.feedback.request"]._default_deadline()

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    name = fields.Char(string="Subject", required=True)
    intro = fields.Text(
        string="Message to respondents",
        help="What you ask feedback about, and why.",
    )
    deadline = fields.Date(required=True, default=lambda self: self._default_deadline())
    anonymous = fields.Boolean(
        help="Answers are shown without names, and only once at least three "
        "respondents answered.",
    )
    conversation_id = fields.Many2one(
        "hr.goede.gesprek",
        string="For the conversation",
        domain="[('employee_user_id', '=', uid)]",
        help="Optional: one of your own conversations this feedback prepares.",
    )
    catalogue_question_ids = fields.Many2many(
        "hr.goede.gesprek.feedback.question",
        relation="hr_gg_feedback_wizard_question_rel",
        column1="wizard_id",
        column2="question_id",
        string="Questions from the catalogue",
        domain="[('request_id', '=', False)]",
    )
    own_questions = fields.Text(
        string="Your own questions",
        help="One question per line.",
    )
    colleague_ids = fields.Many2many(
        "hr.employee.public",
        relation="hr_gg_feedback_wizard_colleague_rel",
        column1="wizard_id",
        column2="employee_id",
        string="Colleagues",
        domain="[('user_id', '!=', uid)]",
        help="Colleagues receive the request at their work e-mail address.",
    )
    external_line_ids = fields.One2many(
        "hr.goede.gesprek.feedback.wizard.line",
        "wizard_id",
        string="Other respondents",
    )

    _onchange_health_words = health_onchange("intro", "own_questions")

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_create_draft(self):
        return self._open_request(self._create_request(send=False))

    def action_create_and_send(self):
        return self._open_request(self._create_request(send=True))

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    def _get_respondents(self):
        """(name, email) of the chosen colleagues, then of the other lines."""
        self.ensure_one()
        if missing := self.colleague_ids.filtered(lambda c: not c.work_email):
            raise UserError(
                self.env._(
                    "%(name)s has no work e-mail address. Add them under "
                    "Other respondents with an address instead.",
                    name=missing[0].name,
                )
            )
        respondents = [(c.name, c.work_email.strip()) for c in self.colleague_ids]
        for line in self.external_line_ids:
            email = (line.email or "").strip()
            respondents.append(((line.name or "").strip() or email, email))
        return respondents

    def _create_request(self, send):
        """The portal's steps, in the same order and as the user."""
        self.ensure_one()
        Request = self.env["hr.goede.gesprek.feedback.request"]
        employee = Request._check_can_create_request()
        questions = Request._prepare_questions(
            self.catalogue_question_ids.ids, self.own_questions
        )
        respondents = self._get_respondents()
        vals = {
            "name": (self.name or "").strip(),
            "intro": (self.intro or "").strip() or False,
            "deadline": self.deadline,
            "anonymous": self.anonymous,
            "conversation_id": self.conversation_id.id,
        }
        Request._check_request_values(employee, vals, questions, respondents)
        # A refusal while creating (an invalid address) or sending leaves
        # nothing behind, as in the portal.
        with self.env.cr.savepoint():
            request = Request._do_create_request(employee, vals, questions, respondents)
            if send:
                request._check_can_send()
                request._do_send()
        return request

    def _open_request(self, request):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Feedback request"),
            "res_model": request._name,
            "res_id": request.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }
