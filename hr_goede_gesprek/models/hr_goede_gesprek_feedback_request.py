# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""360° feedback: the employee asks colleagues and externals for feedback.

Respondents answer through a tokenised link (no login); the link works until
the deadline and only once. The employee alone reads the raw answers and
decides per answer whether their manager may see it (default: private). With
anonymity the answers show no names, and only once at least
``ANONYMITY_THRESHOLD`` respondents answered. Raw answers never go into the
personnel file: nothing here is attached to hr.employee.

Declared policy (``hr.goede.gesprek.workflow.mixin``). Nobody writes a request,
a respondent or an answer directly: users hold read-only ACLs and every change
is a step, ``action_*`` -> ``_check_can_*`` -> ``_do_*`` (sudo after the check):

========================  =====================================================
request                   made by ``_do_create_request`` (portal, wizard), sent
                          by ``_do_send``, closed by ``_do_close``
respondent                made with its request; ``access_token``, ``state``,
                          ``answered_date``, ``reminder_date`` are the system's
answer                    made by ``_do_answer`` (the token page only, once,
                          before the deadline); ``shared_with_manager`` and
                          ``shared_date`` by ``_do_share_answer`` (requester)
catalogue question        the HR administrator (role "catalogue"): text,
                          sequence, active; a request's questions are frozen
========================  =====================================================

Who reads what (record rules in ``security/hr_goede_gesprek_portal_security.xml``
and field ``groups``): the requester reads their requests, questions and the
respondents of a *named* request; answers only once ``answers_visible`` (named,
or the anonymity threshold reached). The respondents of an anonymous request
are never readable over RPC, so that their state and dates cannot tell who
answered. The manager reads the answers that were shared with them. Tokens,
and the link between an answer and its respondent, are readable by nobody but
the system; the invitation mails are linked to no record (see
``_send_link_mail``).
"""

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.tools import clean_context, email_normalize
from odoo.tools.mail import email_split_tuples

from ..tools.declarations import workflow_state
from .hr_goede_gesprek_health_guard_mixin import health_onchange
from .hr_goede_gesprek_workflow_mixin import step_action

ANONYMITY_THRESHOLD = 3
REMINDER_DAYS = 3
DEFAULT_DEADLINE_DAYS = 14


class HrGoedeGesprekFeedbackRequest(models.Model):
    _name = "hr.goede.gesprek.feedback.request"
    _description = "360° Feedback Request"
    _inherit = [
        "mail.thread",
        "portal.mixin",
        "hr.goede.gesprek.employee.mixin",
        "hr.goede.gesprek.hint.mixin",
        "hr.goede.gesprek.retention.mixin",
        "hr.goede.gesprek.health.guard.mixin",
    ]
    _retention_document_type = "feedback"
    _retention_closed_states = ("closed", "cancelled")
    _retention_completion_fields = ("deadline",)
    _order = "create_date desc, id desc"
    _check_company_auto = True
    # Nobody creates, changes or deletes a request directly (read-only ACLs):
    # _do_create_request makes it, _do_send and _do_close move it on. Roles on
    # it: "requester" (the employee who asks, also a portal employee),
    # "manager" (reads what was shared), "hr", "admin"; none writes a field.
    _policy_create = {}
    _policy_write = {}
    _policy_unlink = {}

    # ------------------------------------------------------------------
    # Default methods
    # ------------------------------------------------------------------
    @api.model
    def _default_deadline(self):
        return fields.Date.add(
            fields.Date.context_today(self), days=DEFAULT_DEADLINE_DAYS
        )

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    name = fields.Char(string="Subject", required=True, tracking=True)
    intro = fields.Text(
        string="Message to respondents",
        help="What you ask feedback about, and why.",
    )
    employee_id = fields.Many2one(ondelete="cascade")
    company_id = fields.Many2one(
        related="employee_id.company_id", store=True, index=True, precompute=True
    )
    conversation_id = fields.Many2one(
        "hr.goede.gesprek",
        string="For the conversation",
        check_company=True,
        index="btree_not_null",
    )
    deadline = fields.Date(required=True, tracking=True)
    anonymous = fields.Boolean(
        help="Answers are shown without names, and only once at least three "
        "respondents answered.",
    )
    state = workflow_state(
        [
            ("draft", "Draft"),
            ("sent", "Sent"),
            ("closed", "Closed"),
            ("cancelled", "Cancelled"),
        ],
        "draft",
    )
    question_ids = fields.One2many(
        "hr.goede.gesprek.feedback.question", "request_id", string="Questions"
    )
    respondent_ids = fields.One2many(
        "hr.goede.gesprek.feedback.respondent", "request_id", string="Respondents"
    )
    answer_ids = fields.One2many(
        "hr.goede.gesprek.feedback.answer", "request_id", string="Answers"
    )
    respondent_count = fields.Integer(compute="_compute_counts")
    answered_count = fields.Integer(compute="_compute_counts")
    # Stored: the record rules on answers read it, so that an anonymous
    # request's raw answers are not readable over RPC before the threshold.
    answers_visible = fields.Boolean(
        compute="_compute_answers_visible",
        store=True,
        help="False while an anonymous request has fewer than three answers.",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("respondent_ids.state")
    def _compute_counts(self):
        # sudo: the respondents of an anonymous request are not readable by
        # anyone; only their numbers are shown.
        for request in self:
            respondents = request.sudo().respondent_ids
            request.respondent_count = len(respondents)
            request.answered_count = len(
                respondents.filtered(lambda r: r.state == "answered")
            )

    @api.depends("respondent_ids.state", "anonymous")
    def _compute_answers_visible(self):
        for request in self:
            answered = request.sudo().respondent_ids.filtered(
                lambda r: r.state == "answered"
            )
            request.answers_visible = (
                not request.anonymous or len(answered) >= ANONYMITY_THRESHOLD
            )

    def _compute_access_url(self):
        for request in self:
            request.access_url = f"/my/feedback/{request.id}"

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    _onchange_health_words = health_onchange("intro")

    @api.constrains("conversation_id", "employee_id")
    def _check_conversation_employee(self):
        for request in self.sudo():
            conversation = request.conversation_id
            if conversation and conversation.employee_id != request.employee_id:
                message = self.env._(
                    "The feedback request “%(name)s” can only prepare a "
                    "conversation of %(employee)s.",
                    name=request.name,
                    employee=request.employee_id.name,
                )
                raise ValidationError(message)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    action_send = step_action("send")

    action_close = step_action("close")

    # ------------------------------------------------------------------
    # Actions from the portal (controllers/)
    # ------------------------------------------------------------------
    @api.model
    def _parse_respondents(self, text):
        """The (name, email) pairs of ``text``: one respondent per line, as
        "Name <address>" or a bare address (that is then the name too)."""
        respondents = []
        for line in (text or "").splitlines():
            if not line.strip():
                continue
            pairs = email_split_tuples(line)
            if not pairs:
                raise UserError(
                    self.env._(
                        "“%(line)s” has no valid e-mail address.", line=line.strip()
                    )
                )
            for name, email in pairs:
                respondents.append((name or email, email))
        return respondents

    @api.model
    def _portal_create_request(
        self, vals, catalogue_ids, own_questions, respondents, send=False
    ):
        """A request of the current user's employee from the portal form.

        :param vals: name, intro, deadline (text), anonymous
        :param respondents: the form's text, one respondent per line
        :param send: send it at once
        """
        employee = self._check_can_create_request()
        questions = self._prepare_questions(catalogue_ids, own_questions)
        respondents = self._parse_respondents(respondents)
        try:
            vals = dict(vals, deadline=fields.Date.to_date(vals.get("deadline")))
        except ValueError as error:
            raise UserError(self.env._("That is not a valid deadline.")) from error
        # The same rules as the backend wizard, as the user.
        self._check_request_values(employee, vals, questions, respondents)
        request = self._do_create_request(employee, vals, questions, respondents)
        if send:
            request.action_send()
        return request

    def portal_share_answer(self, answer_id, share):
        """Share one answer with the manager (or take it back)."""
        self.ensure_one()
        self._check_requester()
        # sudo: the answer is checked against the request by the guard.
        answer = self.env["hr.goede.gesprek.feedback.answer"].sudo().browse(answer_id)
        if not answer.exists():
            raise MissingError(self.env._("This answer does not exist."))
        self._check_can_share_answer(answer)
        return self._do_share_answer(answer, share)

    # ------------------------------------------------------------------
    # Business: who
    # ------------------------------------------------------------------
    def _policy_roles(self):
        roles = super()._policy_roles()
        if self._is_employee():
            roles.add("requester")
        return roles

    def _get_child_roles(self, env):
        """The roles of ``env``'s user on a question, respondent or answer of
        this request (sudo: only reads the link; the roles are the user's)."""
        request = self.sudo().exists()
        return request.with_env(env)._policy_roles() if request else set()

    def _check_requester(self):
        self.check_access("read")
        for request in self:
            if not request._is_employee():
                message = self.env._(
                    "Only the employee who asked for feedback can do this on "
                    "“%(name)s”.",
                    name=request.name,
                )
                raise AccessError(message)

    # ------------------------------------------------------------------
    # Business: create (portal and backend wizard)
    # ------------------------------------------------------------------
    @api.model
    def _prepare_questions(self, catalogue_ids, own_questions):
        """The question texts of a new request: the chosen catalogue
        questions (in catalogue order), then the own ones, one per line."""
        # sudo: the catalogue is reference data; only its texts are copied,
        # and only of catalogue questions (never another request's).
        texts = (
            self.env["hr.goede.gesprek.feedback.question"]
            .sudo()
            .search([("request_id", "=", False), ("id", "in", list(catalogue_ids))])
            .mapped("name")
        )
        texts += [
            line.strip() for line in (own_questions or "").splitlines() if line.strip()
        ]
        return texts

    @api.model
    def _check_can_create_request(self):
        employees = self.env["hr.goede.gesprek"]._get_user_employees()
        if not employees:
            raise AccessError(
                self.env._(
                    "Only employees can ask for feedback; your account is not "
                    "linked to an employee."
                )
            )
        return employees[:1]

    @api.model
    def _check_request_values(self, employee, vals, questions, respondents):
        """The rules for a new request, run as the user before
        ``_do_create_request``: the portal and the backend wizard share them.

        :param employee: the user's own employee (``_check_can_create_request``)
        :param vals: name, intro, deadline, anonymous, conversation_id
        :param questions: list of question texts
        :param respondents: list of (name, email) tuples
        """
        if not (vals.get("name") or "").strip():
            raise UserError(self.env._("Give your feedback request a subject."))
        deadline = fields.Date.to_date(vals.get("deadline"))
        if not deadline or deadline <= fields.Date.context_today(self):
            raise UserError(self.env._("Choose a deadline in the future."))
        if not questions or not respondents:
            raise UserError(self.env._("Add at least one question and one respondent."))
        # An invalid address is refused by the respondent's own constraint
        # (_check_email) when the request is created.
        seen = set()
        for _name, email in respondents:
            normalized = email_normalize(email or "")
            if normalized and normalized in seen:
                raise ValidationError(
                    self.env._(
                        "“%(email)s” is among the respondents twice.", email=email
                    )
                )
            seen.add(normalized)
        conversation = self.env["hr.goede.gesprek"].browse(
            vals.get("conversation_id") or []
        )
        # sudo: only compares the conversation's employee with the user's own;
        # a portal user cannot read hr.employee.
        if conversation and conversation.sudo().employee_id != employee:
            raise AccessError(
                self.env._(
                    "A feedback request can only be linked to one of your own "
                    "conversations."
                )
            )

    @api.model
    def _do_create_request(self, employee, vals, questions, respondents):
        """Create a draft request with its questions and respondents.

        :param questions: list of question texts
        :param respondents: list of (name, email) tuples
        """
        # Rights were checked in _check_can_create_request and the values in
        # _check_request_values: the request is the employee's own; portal
        # users have no create right on the model. The caller's default_*
        # context keys are dropped: they would reach the sudo create (state,
        # tokens) past those checks.
        env = self.env(context=clean_context(self.env.context), su=True)
        request = self.with_env(env).create(
            {
                **vals,
                "employee_id": employee.id,
                "question_ids": [
                    fields.Command.create({"name": text, "sequence": index})
                    for index, text in enumerate(questions)
                ],
                "respondent_ids": [
                    fields.Command.create({"name": name, "email": email})
                    for name, email in respondents
                ],
            }
        )
        return request.with_env(self.env)

    # ------------------------------------------------------------------
    # Business: send, close
    # ------------------------------------------------------------------
    def _raise_cannot(self, step):
        """The requester only; then the first reason why ``step`` fails:
        ``_get_cannot_<step>_reason`` (None, or a message) per request."""
        self._check_requester()
        for request in self:
            if reason := getattr(request, f"_get_cannot_{step}_reason")():
                raise UserError(reason)

    def _get_cannot_send_reason(self):
        """None, or why this request cannot be sent (its requester aside)."""
        self.ensure_one()
        if self.state != "draft":
            return self.env._("“%(name)s” was already sent.", name=self.name)
        if not self.question_ids or not self.respondent_ids:
            return self.env._(
                "Add at least one question and one respondent to "
                "“%(name)s” before sending it.",
                name=self.name,
            )
        if self.deadline < fields.Date.context_today(self):
            return self.env._("The deadline of “%(name)s” has passed.", name=self.name)
        return None

    def _check_can_send(self):
        self._raise_cannot("send")

    def _do_send(self):
        template = self.env.ref("hr_goede_gesprek.mail_template_feedback_request")
        # sudo: the respondents' tokens and mails are managed by the system
        # once the employee's rights were checked (_check_can_send).
        requests_sudo = self.sudo()
        requests_sudo.respondent_ids._send_link_mail(template)
        requests_sudo.write({"state": "sent"})
        return True

    def _get_cannot_close_reason(self):
        """None, or why this request cannot be closed (its requester aside)."""
        self.ensure_one()
        if self.state != "sent":
            return self.env._(
                "Only a request that waits for answers can be closed; "
                "“%(name)s” does not.",
                name=self.name,
            )
        return None

    def _check_can_close(self):
        self._raise_cannot("close")

    def _do_close(self):
        # sudo: the state is the workflow's; the requester was checked in
        # _check_can_close, the cron closes what passed its deadline.
        self.sudo().filtered(lambda r: r.state == "sent").write({"state": "closed"})

    # ------------------------------------------------------------------
    # Business: the next step (the hint on the form)
    # ------------------------------------------------------------------
    def _get_next_step_hint(self):
        self.ensure_one()
        _ = self.env._
        requester = self._is_employee()
        if self.state == "draft":
            if requester:
                return _("Next: you add questions and respondents, then send it.")
            return _("Next: the employee sends the request to the respondents.")
        if self.state == "sent":
            if requester:
                return _(
                    "Next: the respondents answer by the deadline; then you "
                    "close the request and read the answers."
                )
            return _(
                "Next: the respondents answer by the deadline; then the request "
                "closes."
            )
        if self.state == "closed":
            return _("Closed: the answers are in.")
        return _("Cancelled: nothing left to do.")

    # ------------------------------------------------------------------
    # Business: share an answer with the manager
    # ------------------------------------------------------------------
    def _check_can_share_answer(self, answer):
        self.ensure_one()
        self._check_requester()
        if answer.request_id != self:
            raise AccessError(self.env._("This answer belongs elsewhere."))
        if not self.answers_visible:
            raise UserError(
                self.env._(
                    "Anonymous answers can be shared once at least %(count)s "
                    "respondents answered.",
                    count=ANONYMITY_THRESHOLD,
                )
            )

    def _do_share_answer(self, answer, shared):
        # sudo: answers are written by the system; the employee's right to
        # decide was checked in _check_can_share_answer.
        answer.sudo().write(
            {
                "shared_with_manager": bool(shared),
                "shared_date": fields.Datetime.now() if shared else False,
            }
        )
        if shared:
            # Just-in-time prompts (issue 13): once per trigger and person.
            self.env["hr.goede.gesprek.trigger"]._fire("feedback_shared", self)
        return True

    # ------------------------------------------------------------------
    # Cron: reminders before the deadline, closing after it
    # ------------------------------------------------------------------
    @api.model
    def _cron_feedback_reminders(self, batch_size=100):
        """Remind respondents who did not answer, a few days before the
        deadline (once each); close requests whose deadline passed.

        Batched and idempotent (``reminder_date`` marks who was reminded); one
        savepoint per respondent so that one bad address does not stop the rest.
        """
        today = fields.Date.context_today(self)
        expired = self.search(
            [("state", "=", "sent"), ("deadline", "<", today)], limit=batch_size
        )
        expired._do_close()
        Respondent = self.env["hr.goede.gesprek.feedback.respondent"]
        domain = [
            ("request_id.state", "=", "sent"),
            ("state", "=", "pending"),
            ("reminder_date", "=", False),
            ("request_id.deadline", ">=", today),
            ("request_id.deadline", "<=", today + timedelta(days=REMINDER_DAYS)),
        ]
        respondents = Respondent.search(domain, limit=batch_size)
        template = self.env.ref("hr_goede_gesprek.mail_template_feedback_reminder")
        for respondent in respondents:
            with self.env.cr.savepoint():
                respondent._do_remind(template)
        remaining = Respondent.search_count(domain) + self.search_count(
            [("state", "=", "sent"), ("deadline", "<", today)]
        )
        self.env["ir.cron"]._notify_progress(
            done=len(respondents) + len(expired), remaining=remaining
        )
