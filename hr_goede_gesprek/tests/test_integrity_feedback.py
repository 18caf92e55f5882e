# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""360° feedback, attacked over RPC by the users who would try.

Eva asks for feedback; her manager Maria, her colleague Otto (also one of the
respondents, with an account), HR officer Hanna and HR administrator Anton try
what an ordinary login allows: ``search_read``/``read`` anything, ``write`` and
``create`` with any values and context. None of them may

- read a respondent's secret link: not on the respondent, not in a mail, a
  message or an attachment, not even the requester who sent the invitations;
- learn who answered an anonymous request, or read its answers before the
  threshold; the manager reads only what was shared, once anonymity allows;
- write an answer, a respondent's state or a shared flag but through the
  token page (once, before the deadline) and the requester's own actions;
- find the feedback in the personnel file.
"""

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import GoedeGesprekCase

TODAY = "2026-03-01"
DEADLINE = "2026-03-20"
ATTACK_CONTEXT = {
    "default_state": "answered",
    "default_shared_with_manager": True,
    "default_model": "hr.goede.gesprek.feedback.respondent",
    "default_res_id": 1,
    "default_author_id": False,
    "default_partner_ids": [],
    "default_recipient_ids": [],
    "mail_notify_force_send": True,
    "tracking_disable": True,
}


@tagged("post_install", "-at_install")
class TestIntegrityFeedback(GoedeGesprekCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_other.email = "otto@example.com"
        cls.emp_other.work_email = "otto@example.com"
        cls.users = {
            "requester": cls.user_employee,
            "manager": cls.user_manager,
            "colleague": cls.user_other,
            "hr": cls.user_officer,
            "admin": cls.user_admin,
            "portal": cls.user_portal,
        }

    # ------------------------------------------------------------------
    # Helpers: every step as the user who takes it in real life
    # ------------------------------------------------------------------
    def _request(self, anonymous=False, externals=4, send=True):
        """Eva's request: Otto (a colleague with an account) and externals."""
        Request = self.Request.with_user(self.user_employee)
        respondents = [("Otto Other", "otto@example.com")] + [
            (f"Ext {i}", f"ext{i}@example.com") for i in range(externals)
        ]
        with freeze_time(TODAY):
            employee = Request._check_can_create_request()
            vals = {
                "name": "My first year",
                "deadline": DEADLINE,
                "anonymous": anonymous,
            }
            questions = ["What went well?", "What could be better?"]
            Request._check_request_values(employee, vals, questions, respondents)
            request = Request._do_create_request(employee, vals, questions, respondents)
            if send:
                request.with_context(**ATTACK_CONTEXT).action_send()
        return request.with_env(self.env)

    def _answer(self, respondent, user=None, text=None):
        """What the token page does, for the visitor ``user`` (default: an
        anonymous visitor, the public user)."""
        user = user or self.env.ref("base.public_user")
        respondent_sudo = respondent.with_user(user).sudo()
        token = respondent.sudo().access_token
        with freeze_time("2026-03-05"):
            self.assertEqual(respondent_sudo._check_token(token), "ok")
            respondent_sudo._do_answer(
                {
                    question.id: text or f"Answer of {respondent.name}"
                    for question in respondent.request_id.question_ids
                }
            )

    def _tokens(self, request):
        return request.respondent_ids.sudo().mapped("access_token")

    def _snapshot(self, request):
        request = request.sudo()
        return (
            request.read(["state", "answers_visible", "anonymous", "deadline"]),
            request.respondent_ids.read(
                ["state", "answered_date", "reminder_date", "access_token", "email"]
            ),
            request.answer_ids.read(["answer", "shared_with_manager", "shared_date"]),
            request.question_ids.read(["name", "sequence"]),
        )

    def _assert_leaks_nothing(self, user, secrets):
        """``user`` finds none of ``secrets`` in mails, messages, attachments."""
        for secret in secrets:
            for model, fname in (
                ("mail.message", "body"),
                ("mail.mail", "body_html"),
                ("ir.attachment", "index_content"),
                ("ir.attachment", "name"),
            ):
                Model = self.env[model].with_user(user)
                try:
                    found = Model.search_read([(fname, "ilike", secret)], ["id"])
                except AccessError:
                    found = []
                self.assertFalse(found, f"{user.login} finds {secret} in {model}")

    # ------------------------------------------------------------------
    # Secrets leak sideways: the answer links
    # ------------------------------------------------------------------
    def test_requester_cannot_read_the_links_she_sent(self):
        """Eva sends the invitations (with a context that tries to become a
        recipient of the mails, or to link them to a record she reads); the
        mails are queued, yet neither she nor anyone else but the system finds
        a token or a link in any record she can read."""
        request = self._request()
        tokens = self._tokens(request)
        self.assertEqual(len(set(tokens)), 5)
        mails = self.env["mail.mail"].search(
            [("body_html", "ilike", "/feedback/respond/")]
        )
        self.assertEqual(len(mails), 5, "one invitation per respondent")
        for mail in mails:
            self.assertFalse(mail.model)
            self.assertFalse(mail.res_id)
            self.assertTrue(mail.auto_delete)
            self.assertFalse(mail.recipient_ids)
            self.assertNotEqual(mail.author_id, self.user_employee.partner_id)
            self.assertNotEqual(mail.create_uid, self.user_employee)
            self.assertFalse(mail.mail_message_id.partner_ids)
        self.assertEqual(
            sorted(mails.mapped("email_to")),
            sorted(request.respondent_ids.mapped("email")),
        )
        for user in self.users.values():
            self._assert_leaks_nothing(user, [*tokens, "/feedback/respond/"])
        # Not by id either: the messages are nobody's to read.
        for user in (self.user_employee, self.user_manager, self.user_other):
            for message in mails.mail_message_id:
                with self.assertRaises(AccessError):
                    message.with_user(user).read(["body"])
            with self.assertRaises(AccessError):
                mails[0].with_user(user).read(["body_html"])
        # The respondents' tokens are not readable, searchable or orderable.
        respondents = request.respondent_ids.with_user(self.user_employee)
        with self.assertRaises(AccessError):
            respondents.read(["access_token"])
        with self.assertRaises(AccessError):
            self.Respondent.with_user(self.user_employee).search(
                [("access_token", "=", tokens[0])]
            )
        with self.assertRaises(AccessError):
            self.Respondent.with_user(self.user_employee).search(
                [], order="access_token"
            )
        self.assertNotIn(
            "access_token",
            self.Respondent.with_user(self.user_employee).fields_get(),
        )
        # Once sent, the mails and their messages are gone.
        mails.send()
        self.assertFalse(mails.exists())
        self.assertFalse(
            self.env["mail.message"].search([("body", "ilike", "/feedback/respond/")])
        )

    def test_reminders_leak_no_link(self):
        request = self._request(externals=2)
        self._answer(request.respondent_ids[1])
        self.env["mail.mail"].search([]).unlink()
        with freeze_time("2026-03-18"):
            self.Request._cron_feedback_reminders()
        mails = self.env["mail.mail"].search(
            [("body_html", "ilike", "/feedback/respond/")]
        )
        self.assertEqual(len(mails), 2, "the two who did not answer")
        self.assertFalse(any(mails.mapped("model")))
        tokens = self._tokens(request)
        for user in self.users.values():
            self._assert_leaks_nothing(user, [*tokens, "/feedback/respond/"])

    def test_a_colleague_answering_logged_in_leaves_no_name(self):
        """Otto answers while logged in: nothing he creates carries his login."""
        request = self._request(anonymous=True)
        otto = request.respondent_ids.filtered(lambda r: r.user_id == self.user_other)
        self.assertTrue(otto)
        self._answer(otto, user=self.user_other)
        answers = request.answer_ids
        self.assertEqual(len(answers), 2)
        self.assertNotIn(self.user_other, answers.mapped("create_uid"))
        self.assertNotIn(self.user_other, answers.mapped("write_uid"))
        self.assertNotEqual(otto.write_uid, self.user_other)
        note = request.message_ids.filtered(lambda m: "New feedback" in str(m.body))
        self.assertTrue(note)
        self.assertNotIn(self.user_other, note.mapped("create_uid"))
        self.assertNotIn(self.user_other.partner_id, note.mapped("author_id"))

    # ------------------------------------------------------------------
    # Anonymity
    # ------------------------------------------------------------------
    def _assert_reads_no_answers(self, user, request):
        Answer = self.Answer.with_user(user)
        self.assertFalse(Answer.search_read([], ["answer"]))
        self.assertFalse(Answer.search_count([("request_id", "=", request.id)]))
        self.assertFalse(Answer.read_group([], ["request_id"], ["request_id"]))
        for answer in request.answer_ids:
            with self.assertRaises(AccessError):
                answer.with_user(user).read(["answer"])

    def _assert_reads_no_respondent_state(self, user, request):
        Respondent = self.Respondent.with_user(user)
        self.assertFalse(Respondent.search_read([], ["state", "answered_date"]))
        self.assertFalse(Respondent.search_count([("state", "=", "answered")]))
        for respondent in request.respondent_ids:
            with self.assertRaises(AccessError):
                respondent.with_user(user).read(["state"])
        if request.with_user(user).has_access("read"):
            self.assertFalse(request.with_user(user).respondent_ids)

    def test_anonymous_before_and_after_the_threshold(self):
        request = self._request(anonymous=True)
        as_eva = request.with_user(self.user_employee)
        for respondent in request.respondent_ids[:2]:
            self._answer(respondent)
        # Two answers: Eva reads how many answered, not what or who.
        self.assertEqual(as_eva.answered_count, 2)
        self.assertEqual(as_eva.respondent_count, 5)
        self.assertFalse(as_eva.answers_visible)
        self.assertFalse(as_eva.read(["answer_ids"])[0]["answer_ids"])
        for user in (self.user_employee, self.user_manager, self.user_officer):
            self._assert_reads_no_answers(user, request)
            self._assert_reads_no_respondent_state(user, request)
        # Sharing is refused, as the requester and through any write.
        answer = request.answer_ids[0]
        before = self._snapshot(request)
        with self.assertRaises(AccessError):
            answer.with_user(self.user_employee).action_share_with_manager()
        with self.assertRaises(UserError):
            as_eva._check_can_share_answer(answer)
        with self.assertRaises(AccessError):
            answer.with_user(self.user_employee).write({"shared_with_manager": True})
        self.assertEqual(self._snapshot(request), before)

        # The third answer: Eva reads the answers, without names; still not who.
        self._answer(request.respondent_ids[2])
        self.assertTrue(as_eva.answers_visible)
        answers = self.Answer.with_user(self.user_employee).search_read(
            [("request_id", "=", request.id)], ["answer", "respondent_label"]
        )
        self.assertEqual(len(answers), 6)
        self.assertEqual(
            {a["respondent_label"] for a in answers}, {"Anonymous respondent"}
        )
        self._assert_reads_no_respondent_state(self.user_employee, request)
        with self.assertRaises(AccessError):
            self.Answer.with_user(self.user_employee).search_read(
                [("request_id", "=", request.id)], ["respondent_id"]
            )
        with self.assertRaises(AccessError):
            self.Answer.with_user(self.user_employee).search(
                [("respondent_id.name", "=", "Otto Other")]
            )
        with self.assertRaises(AccessError):
            self.Answer.with_user(self.user_employee).read_group(
                [], ["respondent_id"], ["respondent_id"]
            )
        # The manager still reads nothing, until Eva shares one answer.
        self._assert_reads_no_answers(self.user_manager, request)
        answer = request.answer_ids[0]
        with self.assertRaises(AccessError):
            answer.with_user(self.user_manager).action_share_with_manager()
        answer.with_user(self.user_employee).action_share_with_manager()
        seen = self.Answer.with_user(self.user_manager).search_read(
            [], ["answer", "respondent_label"]
        )
        self.assertEqual([a["id"] for a in seen], answer.ids)
        self.assertEqual(seen[0]["respondent_label"], "Anonymous respondent")
        self._assert_reads_no_respondent_state(self.user_manager, request)
        # HR and colleagues read nothing.
        for user in (self.user_officer, self.user_other, self.user_admin):
            self.assertFalse(self.Answer.with_user(user).search([]))

    def test_named_request_shows_who_answered_only_to_the_requester(self):
        request = self._request(anonymous=False, externals=1)
        self._answer(request.respondent_ids[1])
        rows = self.Respondent.with_user(self.user_employee).search_read(
            [("request_id", "=", request.id)], ["name", "state"]
        )
        self.assertEqual(
            [(r["name"], r["state"]) for r in rows],
            [("Otto Other", "pending"), ("Ext 0", "answered")],
        )
        self.assertEqual(
            self.Answer.with_user(self.user_employee)
            .search([])
            .mapped("respondent_label"),
            ["Ext 0", "Ext 0"],
        )
        # Not the link between a respondent and their answers.
        with self.assertRaises(AccessError):
            request.respondent_ids.with_user(self.user_employee).read(["answer_ids"])
        for user in (self.user_manager, self.user_officer, self.user_other):
            self._assert_reads_no_answers(user, request)
            self.assertFalse(self.Respondent.with_user(user).search([]))

    # ------------------------------------------------------------------
    # Answers only through the token page, once, before the deadline
    # ------------------------------------------------------------------
    @mute_logger("odoo.models")
    def test_nobody_writes_answers_or_states_directly(self):
        request = self._request(anonymous=False, externals=3)
        for respondent in request.respondent_ids[1:]:
            self._answer(respondent)
        answer = request.answer_ids[0]
        otto = request.respondent_ids[0]
        before = self._snapshot(request)
        attacks = [
            (answer, {"answer": "Rewritten"}),
            (answer, {"shared_with_manager": True}),
            (answer, {"shared_date": "2026-03-06 10:00:00"}),
            (answer, {"request_id": self._request(send=False).id}),
            (otto, {"state": "answered"}),
            (otto, {"answered_date": "2026-03-06 10:00:00"}),
            (otto, {"email": "eva@example.com"}),
            (otto, {"access_token": "known"}),
            (request, {"state": "draft"}),
            (request, {"anonymous": True}),
            (request, {"deadline": "2027-01-01"}),
            (request, {"answers_visible": False}),
            (request.question_ids[0], {"name": "Another question"}),
        ]
        for user in (self.user_employee, self.user_other, self.user_manager):
            for record, vals in attacks:
                with self.subTest(user=user.login, model=record._name, vals=vals):
                    with self.assertRaises(AccessError):
                        record.with_user(user).with_context(**ATTACK_CONTEXT).write(
                            vals
                        )
        for user in (self.user_employee, self.user_other, self.user_admin):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.Answer.with_user(user).with_context(**ATTACK_CONTEXT).create(
                    {
                        "request_id": request.id,
                        "respondent_id": otto.id,
                        "question_id": request.question_ids[0].id,
                        "answer": "Forged",
                    }
                )
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.Respondent.with_user(user).create(
                    {"request_id": request.id, "name": "Me", "email": "me@example.com"}
                )
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                answer.with_user(user).unlink()
        self.assertEqual(self._snapshot(request), before)

    def test_the_link_works_once_before_the_deadline(self):
        request = self._request(externals=1)
        respondent = request.respondent_ids[1]
        self._answer(respondent, text="First")
        before = self._snapshot(request)
        respondent_sudo = respondent.sudo()
        with freeze_time("2026-03-06"), self.assertRaises(UserError):
            respondent_sudo._do_answer({request.question_ids[0].id: "Second"})
        self.assertEqual(self._snapshot(request), before)
        late = request.respondent_ids[0].sudo()
        with freeze_time("2026-03-21"):
            self.assertEqual(late._check_token(late.access_token), "expired")
            with self.assertRaises(UserError):
                late._do_answer({request.question_ids[0].id: "Late"})
        self.assertEqual(self._snapshot(request), before)
        # A closed request takes no more answers either.
        request.with_user(self.user_employee).action_close()
        with freeze_time("2026-03-06"):
            self.assertEqual(late._check_token(late.access_token), "expired")
            with self.assertRaises(UserError):
                late._do_answer({request.question_ids[0].id: "Closed"})
        self.assertEqual(request.answer_ids.mapped("answer"), ["First", "First"])

    def test_only_the_requester_moves_her_request(self):
        request = self._request(send=False)
        for user in (self.user_manager, self.user_other, self.user_officer):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError), freeze_time(TODAY):
                    request.with_user(user).action_send()
                with self.assertRaises(AccessError):
                    request.with_user(user).action_close()
        self.assertEqual(request.state, "draft")
        self.assertFalse(
            self.env["mail.mail"].search([("email_to", "=", "ext0@example.com")])
        )
        with self.assertRaises(UserError):
            request.with_user(self.user_employee).action_close()
        self.assertEqual(request.state, "draft")

    # ------------------------------------------------------------------
    # Questions, links, personnel file
    # ------------------------------------------------------------------
    def test_catalogue_only_for_the_hr_administrator(self):
        Question = self.Question.with_user(self.user_admin)
        question = Question.create({"name": "What should I learn next?"})
        question.write({"sequence": 3, "active": False})
        with self.assertRaises(AccessError):
            self.Question.with_user(self.user_officer).create({"name": "Mine"})
        # The administrator's own request: its questions are frozen for him too.
        with freeze_time(TODAY):
            admin_employee = self.env["hr.employee"].create(
                {"name": "Anton Admin", "user_id": self.user_admin.id}
            )
            Request = self.Request.with_user(self.user_admin)
            request = Request._do_create_request(
                admin_employee,
                {"name": "Mine", "deadline": DEADLINE},
                ["What went well?"],
                [("Jan", "jan@example.com")],
            )
        with self.assertRaises(AccessError):
            request.question_ids.with_user(self.user_admin).write({"name": "Other"})
        with self.assertRaises(AccessError):
            Question.create({"name": "Sneaked in", "request_id": request.id})
        with self.assertRaises(AccessError):
            question.with_user(self.user_admin).write({"request_id": request.id})
        self.assertEqual(request.question_ids.mapped("name"), ["What went well?"])

    def test_links_belong_to_the_same_employee(self):
        foreign = self._new(employee=self.emp_other)
        request = self._request(send=False)
        with self.assertRaises(ValidationError):
            request.sudo().conversation_id = foreign
        other = self._request(send=False)
        with self.assertRaises(ValidationError):
            self.Answer.sudo().create(
                {
                    "request_id": request.id,
                    "respondent_id": other.respondent_ids[0].id,
                    "question_id": request.question_ids[0].id,
                    "answer": "Crossed",
                }
            )

    def test_nothing_goes_into_the_personnel_file(self):
        request = self._request(externals=3)
        for respondent in request.respondent_ids:
            self._answer(respondent, text=f"Secret opinion of {respondent.name}")
        request.answer_ids[0].with_user(self.user_employee).action_share_with_manager()
        request.with_user(self.user_employee).action_close()
        employee_docs = [
            ("res_model", "=", "hr.employee"),
            ("res_id", "=", self.emp_employee.id),
        ]
        self.assertFalse(self.env["ir.attachment"].search(employee_docs))
        self.assertFalse(
            self.env["mail.message"].search(
                [
                    ("model", "=", "hr.employee"),
                    ("res_id", "=", self.emp_employee.id),
                    ("body", "ilike", "Secret opinion"),
                ]
            )
        )
        self.assertFalse(
            self.env["mail.message"].search([("body", "ilike", "Secret opinion")]),
            "the answers are in no message or mail",
        )
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("index_content", "ilike", "Secret opinion")]
            )
        )

    def test_policy_is_declared(self):
        # Directly or through the employee or feedback part mixin.
        workflow_models = self.env.registry.descendants(
            ["hr.goede.gesprek.workflow.mixin"], "_inherit"
        )
        for model in (self.Request, self.Respondent, self.Answer, self.Question):
            with self.subTest(model=model._name):
                self.assertIn(model._name, workflow_models)
                self.assertIsNotNone(model._policy_create)
                self.assertIsNotNone(model._policy_write)
        request = self._request(send=False)
        otto = request.respondent_ids.filtered(lambda r: r.user_id == self.user_other)
        self.assertIn(
            "requester", request.with_user(self.user_employee)._policy_roles()
        )
        self.assertIn("respondent", otto.with_user(self.user_other)._policy_roles())
        self.assertEqual(
            otto.with_user(self.user_admin)._policy_roles(), {"hr", "admin"}
        )
        catalogue = self.Question.search([("request_id", "=", False)], limit=1)
        self.assertIn("catalogue", catalogue.with_user(self.user_admin)._policy_roles())
        self.assertNotIn(
            "catalogue",
            request.question_ids[0].with_user(self.user_admin)._policy_roles(),
        )
        self.assertEqual(
            request.respondent_ids[0].with_user(self.user_other)._policy_write_fields(),
            set(),
        )
        self.assertEqual(
            request.with_user(self.user_employee)._policy_write_fields(), set()
        )
