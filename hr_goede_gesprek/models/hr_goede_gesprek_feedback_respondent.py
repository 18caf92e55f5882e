# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A respondent of 360° feedback: who is asked, their secret answer link, and
the token page's steps (see ``hr_goede_gesprek_feedback_request``)."""

import uuid

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import clean_context, consteq, email_normalize

from .hr_goede_gesprek_feedback_part_mixin import SYSTEM


class HrGoedeGesprekFeedbackRespondent(models.Model):
    _name = "hr.goede.gesprek.feedback.respondent"
    _description = "360° Feedback Respondent"
    _inherit = ["hr.goede.gesprek.feedback.part.mixin"]
    _order = "id"
    # Made with the request (_do_create_request); the token, state and dates
    # are the system's (_send_link_mail, _do_remind, _do_answer). Roles: those
    # on the request, plus "respondent" for a colleague on their own record;
    # none writes a field (the part mixin's empty policy).
    _policy_employee_field = None

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    name = fields.Char(required=True)
    email = fields.Char(required=True)
    user_id = fields.Many2one(
        "res.users",
        string="Colleague",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        help="Set when the address belongs to a colleague's account.",
    )
    # The secret of the answer link: readable by the system only.
    access_token = fields.Char(
        copy=False, default=lambda self: str(uuid.uuid4()), groups=SYSTEM
    )
    state = fields.Selection(
        [("pending", "Waiting"), ("answered", "Answered")],
        default="pending",
        required=True,
        copy=False,
    )
    answered_date = fields.Datetime(copy=False, readonly=True)
    reminder_date = fields.Datetime(copy=False, readonly=True)
    # Who gave which answer: the system's only (see answer.respondent_id).
    answer_ids = fields.One2many(
        "hr.goede.gesprek.feedback.answer",
        "respondent_id",
        string="Answers",
        groups=SYSTEM,
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("email")
    def _compute_user_id(self):
        emails = {email_normalize(r.email) for r in self if r.email} - {False}
        users = (
            self.env["res.users"]
            .sudo()
            .search([("share", "=", False), ("email_normalized", "in", list(emails))])
            if emails
            else self.env["res.users"]
        )
        by_email = {user.email_normalized: user for user in users}
        for respondent in self:
            respondent.user_id = by_email.get(email_normalize(respondent.email or ""))

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("email")
    def _check_email(self):
        if invalid := self.filtered(lambda r: not email_normalize(r.email or "")):
            raise ValidationError(
                self.env._(
                    "“%(email)s” is not a valid e-mail address.",
                    email=invalid[0].email,
                )
            )

    # ------------------------------------------------------------------
    # Business: policy roles (see the feedback part mixin)
    # ------------------------------------------------------------------
    def _get_respondent_user(self):
        return self.user_id

    # ------------------------------------------------------------------
    # Business: the token page
    # ------------------------------------------------------------------
    def _check_token(self, token):
        """'ok', 'answered', 'expired' or 'invalid' for this respondent+token.

        Compares tokens in constant time; called on a sudo record by the
        public token route.
        """
        self.ensure_one()
        if not (
            token and self.access_token and consteq(str(self.access_token), str(token))
        ):
            return "invalid"
        return self._check_answerable()

    def _check_answerable(self):
        """'ok', 'answered' or 'expired': may this respondent answer now?"""
        self.ensure_one()
        if self.state == "answered":
            return "answered"
        request = self.request_id
        if request.state != "sent" or request.deadline < fields.Date.context_today(
            self
        ):
            return "expired"
        return "ok"

    def _do_answer(self, answers):
        """Record the answers {question_id: text} once; the link then stops.

        The token page calls it after ``_check_token``; it checks again that
        the link is unused and the request open, so that it is the only way
        in and works once, before the deadline. It runs as the superuser, not
        with sudo(): the answers, the respondent's new state and the note to
        the employee must not name a respondent who is logged in as their
        creator (anonymity), and the caller's context keys (``default_*``) do
        not reach what is created.
        """
        self.ensure_one()
        if self.sudo()._check_answerable() != "ok":
            raise UserError(
                self.env._(
                    "This feedback link was already used, or the request is "
                    "closed or past its deadline."
                )
            )
        root_env = self.env(user=SUPERUSER_ID, context=clean_context(self.env.context))
        respondent = self.with_env(root_env)
        request = respondent.request_id
        vals_list = []
        for question in request.question_ids:
            text = (answers.get(question.id) or "").strip()
            if text:
                vals_list.append(
                    {
                        "request_id": request.id,
                        "respondent_id": respondent.id,
                        "question_id": question.id,
                        "answer": text,
                    }
                )
        if not vals_list:
            raise UserError(self.env._("Answer at least one question."))
        # The state first: a second, concurrent answer waits for this row and
        # then fails on it (serialisation), so the link works once.
        respondent.write({"state": "answered", "answered_date": fields.Datetime.now()})
        respondent.env["hr.goede.gesprek.feedback.answer"].create(vals_list)
        # The employee is nudged; the answers themselves stay out of the mail.
        request.message_post(
            body=self.env._("New feedback arrived for “%(name)s”.", name=request.name),
            author_id=self.env.ref("base.partner_root").id,
            message_type="notification",
            subtype_xmlid="mail.mt_note",
            partner_ids=request.employee_id.work_contact_id.ids,
        )
        return True

    def _do_remind(self, template):
        """Send the reminder once (``reminder_date`` marks it); by the cron."""
        self._send_link_mail(template)
        # sudo: the reminder date is the system's bookkeeping.
        self.sudo().write({"reminder_date": fields.Datetime.now()})

    # ------------------------------------------------------------------
    # Mail: the answer link
    # ------------------------------------------------------------------
    def _get_answer_url(self):
        self.ensure_one()
        base = self.request_id.get_base_url()
        return f"{base}/feedback/respond/{self.id}/{self.sudo().access_token}"

    def _send_link_mail(self, template):
        """Queue ``template`` (the invitation or the reminder) for each
        respondent: it holds their secret link, so only the system can read it.

        - created by the superuser, not with sudo(): a mail.message can be read
          by its author and its creator, and the requester is neither;
        - linked to no record: a message on the respondent (the template's
          model) is readable by everyone who reads the respondent;
        - without the caller's ``default_*`` context keys, which would reach the
          mail (a recipient, a document);
        - deleted, with its message, once sent.
        """
        root_env = self.env(user=SUPERUSER_ID, context=clean_context(self.env.context))
        template_root = template.with_env(root_env)
        for respondent in self:
            template_root.send_mail(
                respondent.id,
                email_values={
                    "email_to": respondent.email,
                    "recipient_ids": [],
                    "model": False,
                    "res_id": False,
                    "auto_delete": True,
                },
            )
