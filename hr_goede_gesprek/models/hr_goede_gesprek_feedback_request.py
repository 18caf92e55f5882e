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

import uuid
from datetime import timedelta

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import clean_context, consteq, email_normalize

from .hr_goede_gesprek_workflow_mixin import ANY_STATE

ANONYMITY_THRESHOLD = 3
REMINDER_DAYS = 3
DEFAULT_DEADLINE_DAYS = 14
# What the HR administrator maintains of the question catalogue.
CATALOGUE_FIELDS = frozenset({"name", "sequence", "active"})
# The fields only the system reads (tokens, who gave an answer).
SYSTEM = "base.group_system"


def _request_roles(request, env):
    """The roles of ``env``'s user on ``request``, the parent of a question,
    respondent or answer (sudo: only reads the link; the roles are the user's)."""
    request = request.sudo().exists()
    return request.with_env(env)._policy_roles() if request else set()


class HrGoedeGesprekFeedbackRequest(models.Model):
    _name = "hr.goede.gesprek.feedback.request"
    _description = "360° Feedback Request"
    _inherit = ["mail.thread", "portal.mixin", "hr.goede.gesprek.workflow.mixin"]
    _order = "create_date desc, id desc"
    _check_company_auto = True
    # Nobody creates, changes or deletes a request directly (read-only ACLs):
    # _do_create_request makes it, _do_send and _do_close move it on. Roles on
    # it: "requester" (the employee who asks, also a portal employee),
    # "manager" (reads what was shared), "hr", "admin"; none writes a field.
    _policy_create = {}
    _policy_write = {}
    _policy_unlink = {}

    name = fields.Char(string="Subject", required=True, tracking=True)
    intro = fields.Text(
        string="Message to respondents",
        help="What you ask feedback about, and why.",
    )
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, ondelete="cascade", check_company=True
    )
    employee_user_id = fields.Many2one(related="employee_id.user_id", store=True)
    # Stored, so that portal domains never search hr.employee as the user.
    employee_work_contact_id = fields.Many2one(
        related="employee_id.work_contact_id", store=True, string="Employee contact"
    )
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
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("sent", "Sent"),
            ("closed", "Closed"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
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

    @api.constrains("conversation_id", "employee_id")
    def _check_conversation_employee(self):
        for request in self.sudo():
            conversation = request.conversation_id
            if conversation and conversation.employee_id != request.employee_id:
                raise ValidationError(
                    self.env._(
                        "The feedback request “%(name)s” can only prepare a "
                        "conversation of %(employee)s.",
                        name=request.name,
                        employee=request.employee_id.name,
                    )
                )

    def _compute_access_url(self):
        for request in self:
            request.access_url = f"/my/feedback/{request.id}"

    @api.model
    def _get_portal_domain(self, user=None):
        user = user or self.env.user
        return [
            "|",
            ("employee_user_id", "=", user.id),
            "&",
            ("employee_user_id", "=", False),
            ("employee_work_contact_id", "=", user.partner_id.id),
        ]

    # ------------------------------------------------------------------
    # Who
    # ------------------------------------------------------------------
    def _is_requester(self, user=None):
        self.ensure_one()
        user = user or self.env.user
        # sudo: portal users cannot read hr.employee; identities are compared.
        employee = self.sudo().employee_id
        return bool(
            employee.user_id == user
            or (
                not employee.user_id
                and employee.work_contact_id
                and employee.work_contact_id == user.partner_id
            )
        )

    def _policy_roles(self):
        roles = super()._policy_roles()
        if self._is_requester():
            roles.add("requester")
        return roles

    def _check_requester(self):
        self.check_access("read")
        for request in self:
            if not request._is_requester():
                raise AccessError(
                    self.env._(
                        "Only the employee who asked for feedback can do this on "
                        "“%(name)s”.",
                        name=request.name,
                    )
                )

    # ------------------------------------------------------------------
    # Create (portal and backend wizard), send, close
    # ------------------------------------------------------------------
    @api.model
    def _default_deadline(self):
        return fields.Date.add(
            fields.Date.context_today(self), days=DEFAULT_DEADLINE_DAYS
        )

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

    def action_send(self):
        self._check_can_send()
        self._do_send()
        return True

    def _check_can_send(self):
        self._check_requester()
        today = fields.Date.context_today(self)
        for request in self:
            if request.state != "draft":
                raise UserError(
                    self.env._("“%(name)s” was already sent.", name=request.name)
                )
            if not request.question_ids or not request.respondent_ids:
                raise UserError(
                    self.env._(
                        "Add at least one question and one respondent to "
                        "“%(name)s” before sending it.",
                        name=request.name,
                    )
                )
            if request.deadline < today:
                raise UserError(
                    self.env._(
                        "The deadline of “%(name)s” has passed.", name=request.name
                    )
                )

    def _do_send(self):
        template = self.env.ref("hr_goede_gesprek.mail_template_feedback_request")
        # sudo: the respondents' tokens and mails are managed by the system
        # once the employee's rights were checked (_check_can_send).
        requests_sudo = self.sudo()
        requests_sudo.respondent_ids._send_link_mail(template)
        requests_sudo.write({"state": "sent"})
        return True

    def action_close(self):
        self._check_can_close()
        self._do_close()
        return True

    def _check_can_close(self):
        self._check_requester()
        for request in self:
            if request.state != "sent":
                raise UserError(
                    self.env._(
                        "Only a request that waits for answers can be closed; "
                        "“%(name)s” does not.",
                        name=request.name,
                    )
                )

    def _do_close(self):
        # sudo: the state is the workflow's; the requester was checked in
        # _check_can_close, the cron closes what passed its deadline.
        self.sudo().filtered(lambda r: r.state == "sent").write({"state": "closed"})

    # ------------------------------------------------------------------
    # Share an answer with the manager
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

    # --- portal actions (called by controllers/) ---
    @api.model
    def _parse_respondents(self, text):
        """The (name, email) pairs of ``text``: one respondent per line, as
        "Name <address>" or a bare address (that is then the name too)."""
        from odoo.tools.mail import email_split_tuples

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
        from odoo.exceptions import MissingError

        self.ensure_one()
        self._check_requester()
        # sudo: the answer is checked against the request by the guard.
        answer = self.env["hr.goede.gesprek.feedback.answer"].sudo().browse(answer_id)
        if not answer.exists():
            raise MissingError(self.env._("This answer does not exist."))
        self._check_can_share_answer(answer)
        return self._do_share_answer(answer, share)


class HrGoedeGesprekFeedbackQuestion(models.Model):
    _name = "hr.goede.gesprek.feedback.question"
    _description = "360° Feedback Question"
    _inherit = ["hr.goede.gesprek.workflow.mixin"]
    _order = "sequence, id"
    # The HR administrator keeps the catalogue (role "catalogue": the admin
    # group, on a question without request). A request's questions are copied
    # into it by _do_create_request and then frozen: respondents answer them.
    _policy_create = {"catalogue": CATALOGUE_FIELDS}
    _policy_write = {ANY_STATE: {"catalogue": CATALOGUE_FIELDS}}
    _policy_unlink = {ANY_STATE: {"catalogue"}}
    _policy_state_field = None
    _policy_employee_field = None

    name = fields.Text(string="Question", required=True, translate=True)
    sequence = fields.Integer(default=10)
    request_id = fields.Many2one(
        "hr.goede.gesprek.feedback.request",
        ondelete="cascade",
        index=True,
        help="Empty: a question of the catalogue that employees can choose.",
    )
    active = fields.Boolean(default=True)

    def _policy_roles(self):
        self.ensure_one()
        request = self.sudo().request_id
        if request:
            return _request_roles(request, self.env)
        roles = super()._policy_roles()
        if self._is_hr_admin():
            roles.add("catalogue")
        return roles

    @api.model
    def _policy_roles_create(self, vals):
        Request = self.env["hr.goede.gesprek.feedback.request"]
        if vals.get("request_id"):
            return _request_roles(Request.browse(vals["request_id"]), self.env)
        roles = super()._policy_roles_create(vals)
        if self._is_hr_admin():
            roles.add("catalogue")
        return roles


class HrGoedeGesprekFeedbackRespondent(models.Model):
    _name = "hr.goede.gesprek.feedback.respondent"
    _description = "360° Feedback Respondent"
    _inherit = ["hr.goede.gesprek.workflow.mixin"]
    _order = "id"
    # Made with the request (_do_create_request); the token, state and dates
    # are the system's (_send_link_mail, _do_remind, _do_answer). Roles: those
    # on the request, plus "respondent" for a colleague on their own record;
    # none writes a field.
    _policy_create = {}
    _policy_write = {}
    _policy_unlink = {}
    _policy_employee_field = None

    request_id = fields.Many2one(
        "hr.goede.gesprek.feedback.request",
        required=True,
        ondelete="cascade",
        index=True,
    )
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

    @api.constrains("email")
    def _check_email(self):
        for respondent in self:
            if not email_normalize(respondent.email or ""):
                raise ValidationError(
                    self.env._(
                        "“%(email)s” is not a valid e-mail address.",
                        email=respondent.email,
                    )
                )

    def _policy_roles(self):
        self.ensure_one()
        roles = _request_roles(self.sudo().request_id, self.env)
        if self.sudo().user_id == self.env.user:
            roles.add("respondent")
        return roles

    @api.model
    def _policy_roles_create(self, vals):
        Request = self.env["hr.goede.gesprek.feedback.request"]
        return _request_roles(Request.browse(vals.get("request_id") or []), self.env)

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

    def _do_remind(self, template):
        """Send the reminder once (``reminder_date`` marks it); by the cron."""
        self._send_link_mail(template)
        # sudo: the reminder date is the system's bookkeeping.
        self.sudo().write({"reminder_date": fields.Datetime.now()})

    # ------------------------------------------------------------------
    # The token page
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


class HrGoedeGesprekFeedbackAnswer(models.Model):
    _name = "hr.goede.gesprek.feedback.answer"
    _description = "360° Feedback Answer"
    _inherit = ["hr.goede.gesprek.workflow.mixin"]
    _order = "request_id, question_sequence, id"
    # Made by _do_answer (the token page) only; shared or made private again
    # by the requester through action_share_with_manager / action_make_private
    # (_do_share_answer). Roles: "employee"/"requester", "manager", "hr",
    # "admin", and "respondent" for a colleague on their own answer; none
    # writes a field.
    _policy_create = {}
    _policy_write = {}
    _policy_unlink = {}
    _policy_state_field = None

    request_id = fields.Many2one(
        "hr.goede.gesprek.feedback.request",
        required=True,
        ondelete="cascade",
        index=True,
    )
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

    @api.depends("request_id.anonymous", "respondent_id.name")
    def _compute_respondent_label(self):
        for answer in self:
            if answer.request_id.anonymous:
                answer.respondent_label = self.env._("Anonymous respondent")
            else:
                answer.respondent_label = answer.respondent_id.name

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

    def _policy_roles(self):
        self.ensure_one()
        roles = _request_roles(self.sudo().request_id, self.env)
        if self.sudo().respondent_id.user_id == self.env.user:
            roles.add("respondent")
        return roles

    @api.model
    def _policy_roles_create(self, vals):
        Request = self.env["hr.goede.gesprek.feedback.request"]
        return _request_roles(Request.browse(vals.get("request_id") or []), self.env)

    def action_share_with_manager(self):
        return self._set_shared(True)

    def action_make_private(self):
        return self._set_shared(False)

    def _set_shared(self, shared):
        for answer in self:
            answer.request_id._check_can_share_answer(answer)
            answer.request_id._do_share_answer(answer, shared)
        return True
