# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Ask for 360° feedback from the backend (wizard).

The wizard runs the portal's model steps as the user: the request is always
for the user's own employee, bad input is refused with a clear message and
leaves nothing behind, and sending mails each respondent their own link.
"""

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import GoedeGesprekCase

TODAY = "2026-03-01"


@tagged("post_install", "-at_install")
class TestFeedbackWizard(GoedeGesprekCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.strengths = cls.env.ref("hr_goede_gesprek.feedback_question_strengths")
        cls.emp_other.work_email = "otto@example.com"
        cls.emp_no_email = cls.env["hr.employee"].create(
            {"name": "Nina No-mail", "work_email": False}
        )

    # ------------------------------------------------------------------
    def _public(self, employee):
        return self.env["hr.employee.public"].browse(employee.id)

    def _wizard(
        self,
        user=None,
        catalogue=True,
        own="How was my planning?\n\n",
        colleagues=(),
        externals=(("Jan de Boer", "jan@example.com"),),
        **values,
    ):
        """The wizard filled in through its form, as ``user``."""
        with freeze_time(TODAY):
            form = Form(self.Wizard.with_user(user or self.user_employee))
            form.name = "My first year"
            if catalogue:
                form.catalogue_question_ids.add(self.strengths)
            form.own_questions = own
            for employee in colleagues:
                form.colleague_ids.add(self._public(employee))
            for name, email in externals:
                with form.external_line_ids.new() as line:
                    line.name = name
                    line.email = email
            for field, value in values.items():
                setattr(form, field, value)
            return form.save()

    def _counts(self):
        return (
            self.Request.search_count([]),
            # The invitations: linked to no record, they hold the answer link.
            self.Mail.search_count([("body_html", "ilike", "/feedback/respond/")]),
        )

    def _assert_refused(self, wizard, exception, message, send=True):
        before = self._counts()
        with freeze_time(TODAY), self.assertRaises(exception) as caught:
            if send:
                wizard.action_create_and_send()
            else:
                wizard.action_create_draft()
        self.assertIn(message, str(caught.exception))
        self.assertEqual(self._counts(), before, "nothing was created")

    # ------------------------------------------------------------------
    # The employee asks for feedback about themselves
    # ------------------------------------------------------------------
    def test_defaults(self):
        with freeze_time(TODAY):
            form = Form(self.Wizard.with_user(self.user_employee))
        self.assertEqual(str(form.deadline), "2026-03-15", "as the portal: +14 days")
        self.assertFalse(form.anonymous)

    def test_create_draft(self):
        conversation = self._new()
        wizard = self._wizard(
            colleagues=[self.emp_other],
            intro="About the new project",
            anonymous=True,
            conversation_id=conversation,
        )
        mails_before = self._counts()[1]
        with freeze_time(TODAY):
            action = wizard.action_create_draft()
        request = self.Request.browse(action["res_id"])
        self.assertEqual(action["res_model"], request._name)
        self.assertEqual(request.employee_id, self.emp_employee)
        self.assertEqual(request.state, "draft")
        self.assertEqual(request.name, "My first year")
        self.assertEqual(request.intro, "About the new project")
        self.assertEqual(str(request.deadline), "2026-03-15")
        self.assertTrue(request.anonymous)
        self.assertEqual(request.conversation_id, conversation)
        self.assertEqual(
            request.question_ids.mapped("name"),
            [self.strengths.name, "How was my planning?"],
        )
        self.assertEqual(
            [(r.name, r.email) for r in request.respondent_ids],
            [("Otto Other", "otto@example.com"), ("Jan de Boer", "jan@example.com")],
        )
        self.assertEqual(request.respondent_ids[0].user_id, self.user_other)
        self.assertEqual(self._counts()[1], mails_before, "a draft mails nobody")
        # The employee reads it under their own rights, and sends it later.
        request = request.with_user(self.user_employee)
        self.assertEqual(request.respondent_count, 2)
        with freeze_time(TODAY):
            request.action_send()
        self.assertEqual(request.state, "sent")

    def test_create_and_send(self):
        wizard = self._wizard(
            colleagues=[self.emp_other],
            externals=[("", "ann@example.com")],
        )
        with freeze_time(TODAY):
            action = wizard.action_create_and_send()
        request = self.Request.browse(action["res_id"])
        self.assertEqual(request.employee_id, self.emp_employee)
        self.assertEqual(request.state, "sent")
        # A line without a name is addressed by its e-mail, as in the portal.
        self.assertEqual(
            request.respondent_ids.mapped("name"), ["Otto Other", "ann@example.com"]
        )
        for respondent in request.respondent_ids:
            mail = self.Mail.search([("email_to", "=", respondent.email)])
            self.assertEqual(len(mail), 1)
            self.assertFalse(mail.model, "linked to no record the employee reads")
            token = respondent.sudo().access_token
            self.assertTrue(token)
            self.assertIn(f"/feedback/respond/{respondent.id}/{token}", mail.body_html)
        tokens = request.respondent_ids.sudo().mapped("access_token")
        self.assertEqual(len(set(tokens)), 2, "one link per respondent")

    # ------------------------------------------------------------------
    # Who may use it
    # ------------------------------------------------------------------
    def test_portal_user_cannot_use_the_wizard(self):
        with self.assertRaises(AccessError):
            self.Wizard.with_user(self.user_portal).create(
                {"name": "Mine", "deadline": "2026-03-20"}
            )

    def test_wizard_of_another_user(self):
        """A wizard is its creator's: nobody else reads or runs it over RPC."""
        wizard = self._wizard(colleagues=[self.emp_other])
        line = wizard.external_line_ids
        before = self._counts()
        with freeze_time(TODAY), self.assertRaises(AccessError):
            wizard.with_user(self.user_other).action_create_and_send()
        with self.assertRaises(AccessError):
            line.with_user(self.user_other).read(["email"])
        self.assertFalse(
            self.Wizard.with_user(self.user_other).search([("id", "=", wizard.id)])
        )
        self.assertEqual(self._counts(), before)

    def test_user_without_employee(self):
        user = new_test_user(
            self.env, "gg_no_employee", groups="base.group_user", name="Nobody"
        )
        wizard = self._wizard(user=user)
        self._assert_refused(wizard, AccessError, "not linked to an employee")
        self._assert_refused(
            wizard, AccessError, "not linked to an employee", send=False
        )

    def test_officer_and_manager_ask_only_for_themselves(self):
        """Whatever the context says, the request is the user's own."""
        for user, employee in (
            (self.user_officer, self.emp_officer),
            (self.user_manager, self.emp_manager),
        ):
            with self.subTest(user=user.login):
                wizard = self._wizard(user=user).with_context(
                    default_employee_id=self.emp_employee.id,
                    default_state="sent",
                )
                with freeze_time(TODAY):
                    action = wizard.action_create_draft()
                request = self.Request.browse(action["res_id"])
                self.assertEqual(request.employee_id, employee)
                self.assertEqual(request.state, "draft")
                self.assertEqual(request.respondent_ids.state, "pending")

    def test_conversation_of_someone_else(self):
        foreign = self._new(employee=self.emp_other)
        wizard = self._wizard(user=self.user_manager, conversation_id=foreign)
        self._assert_refused(wizard, AccessError, "one of your own conversations")

    # ------------------------------------------------------------------
    # Bad input: the portal's rules, nothing created
    # ------------------------------------------------------------------
    def test_no_questions(self):
        wizard = self._wizard(catalogue=False, own="\n  \n")
        self._assert_refused(wizard, UserError, "at least one question")
        self._assert_refused(wizard, UserError, "at least one question", send=False)

    def test_no_respondents(self):
        wizard = self._wizard(externals=())
        self._assert_refused(wizard, UserError, "one respondent")
        self._assert_refused(wizard, UserError, "one respondent", send=False)

    def test_invalid_email(self):
        wizard = self._wizard(
            externals=[("Jan", "jan@example.com"), ("Piet", "piet-at-example")]
        )
        self._assert_refused(
            wizard, ValidationError, "“piet-at-example” is not a valid e-mail address"
        )
        self._assert_refused(
            wizard,
            ValidationError,
            "“piet-at-example” is not a valid e-mail address",
            send=False,
        )

    def test_deadline_not_in_the_future(self):
        for deadline in ("2026-02-20", TODAY):
            with self.subTest(deadline=deadline):
                wizard = self._wizard(deadline=deadline)
                self._assert_refused(wizard, UserError, "deadline in the future")
                self._assert_refused(
                    wizard, UserError, "deadline in the future", send=False
                )

    def test_duplicate_respondent(self):
        wizard = self._wizard(
            externals=[("Jan", "jan@example.com"), ("Jan again", "JAN@Example.com")]
        )
        self._assert_refused(wizard, ValidationError, "among the respondents twice")
        # A colleague also entered by hand.
        wizard = self._wizard(
            colleagues=[self.emp_other], externals=[("Otto", "otto@example.com")]
        )
        self._assert_refused(
            wizard, ValidationError, "among the respondents twice", send=False
        )

    def test_colleague_without_work_email(self):
        wizard = self._wizard(colleagues=[self.emp_no_email])
        self._assert_refused(wizard, UserError, "Nina No-mail has no work e-mail")

    def test_errors_are_translated(self):
        self.env["res.lang"]._activate_lang("nl_NL")
        self.env["ir.module.module"]._load_module_terms(
            ["hr_goede_gesprek"], ["nl_NL"], overwrite=True
        )
        wizard = self._wizard(colleagues=[self.emp_no_email]).with_context(lang="nl_NL")
        self._assert_refused(wizard, UserError, "Nina No-mail heeft geen")
        wizard = self._wizard(deadline="2026-02-20").with_context(lang="nl_NL")
        self._assert_refused(
            wizard, UserError, "Kies een uiterste datum in de toekomst"
        )
