# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import GoedeGesprekCase, new_employee

KIND = "hr_goede_gesprek.mail_act_trigger_prompt"


@tagged("post_install", "-at_install", "goede_gesprek_trigger")
class TestTrigger(GoedeGesprekCase):
    def _prompts(self, record):
        return self.Prompt.search(
            [("res_model", "=", record._name), ("res_id", "=", record.id)]
        )

    def _shared_request(self, employee):
        request = self.Request.create(
            {
                "name": "Feedback on my work",
                "employee_id": employee.id,
                "deadline": "2026-04-01",
                "question_ids": [(0, 0, {"name": "What went well?"})],
                "respondent_ids": [
                    (0, 0, {"name": f"Ext {i}", "email": f"ext{i}@example.com"})
                    for i in range(2)
                ],
            }
        )
        with freeze_time("2026-03-01"):
            request.with_user(employee.user_id).action_send()
        with freeze_time("2026-03-05"):
            for respondent in request.respondent_ids:
                respondent.sudo()._do_answer({request.question_ids.id: "Well done"})
        return request

    def test_feedback_shared_one_prompt_each_side(self):
        request = self._shared_request(self.emp_employee)
        first, second = request.answer_ids
        self.assertFalse(self._prompts(request))
        first.with_user(self.user_employee).action_share_with_manager()
        prompts = self._prompts(request)
        self.assertEqual(len(prompts), 2)
        self.assertEqual(
            {(p.side, p.user_id) for p in prompts},
            {("employee", self.user_employee), ("manager", self.user_manager)},
        )
        # Both sides are backend users: one activity each.
        activities = prompts.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(KIND)
        )
        self.assertEqual(activities.user_id, self.user_employee | self.user_manager)
        # Sharing more (or again) fires nothing new.
        second.with_user(self.user_employee).action_share_with_manager()
        first.with_user(self.user_employee).action_make_private()
        first.with_user(self.user_employee).action_share_with_manager()
        self.assertEqual(self._prompts(request), prompts)
        self.assertEqual(len(prompts.activity_ids), 2)

    def test_portal_employee_gets_a_notice(self):
        emp_portal = new_employee(
            self.env, "Piet Portal", self.user_portal, self.emp_manager
        )
        request = self._shared_request(emp_portal)
        request.answer_ids[0].with_user(self.user_portal).action_share_with_manager()
        prompts = self._prompts(request)
        self.assertEqual(len(prompts), 2)
        own = self.Prompt.with_user(self.user_portal)._portal_open_prompts()
        self.assertEqual(own, prompts.filtered(lambda p: p.side == "employee"))
        # A portal notice, no activity for a portal user.
        self.assertFalse(own.with_env(self.env).activity_ids)
        self.assertTrue(own.with_user(self.user_portal).message)
        # One click from the portal: on the agenda of the next conversation.
        conversation = self.Conversation.create({"employee_id": emp_portal.id})
        own.with_user(self.user_portal).action_put_on_agenda()
        self.assertEqual(own.state, "done")
        self.assertEqual(conversation.agenda_line_ids.author, "employee")
        self.assertFalse(self.Prompt.with_user(self.user_portal)._portal_open_prompts())

    def test_put_on_agenda(self):
        request = self._shared_request(self.emp_employee)
        request.answer_ids[0].with_user(self.user_employee).action_share_with_manager()
        prompts = self._prompts(request)
        mine = prompts.filtered(lambda p: p.side == "employee")
        theirs = prompts - mine
        # No open conversation: refused, nothing created.
        with self.assertRaises(UserError):
            mine.with_user(self.user_employee).action_put_on_agenda()
        self.assertEqual(mine.state, "open")
        self.assertFalse(
            self.Conversation.search(
                [("employee_id", "=", self.emp_employee.id)]
            ).agenda_line_ids
        )
        conversation = self._new()
        # Not someone else's prompt.
        with self.assertRaises(AccessError):
            theirs.with_user(self.user_employee).action_put_on_agenda()
        with self.assertRaises(AccessError):
            mine.with_user(self.user_other).action_put_on_agenda()
        mine.with_user(self.user_employee).action_put_on_agenda()
        self.assertEqual(mine.state, "done")
        self.assertEqual(mine.agenda_line_id.conversation_id, conversation)
        self.assertEqual(mine.agenda_line_id.author, "employee")
        self.assertFalse(mine.activity_ids)
        theirs.with_user(self.user_manager).action_put_on_agenda()
        self.assertEqual(len(conversation.agenda_line_ids), 2)
        # Once only.
        with self.assertRaises(UserError):
            mine.with_user(self.user_employee).action_put_on_agenda()
        self.assertEqual(len(conversation.agenda_line_ids), 2)

    def test_prompts_are_system_records(self):
        request = self._shared_request(self.emp_employee)
        request.answer_ids[0].with_user(self.user_employee).action_share_with_manager()
        prompt = self._prompts(request).filtered(lambda p: p.side == "employee")
        with self.assertRaises(AccessError):
            prompt.with_user(self.user_employee).write({"state": "done"})
        with self.assertRaises(AccessError):
            self.Prompt.with_user(self.user_employee).create(
                {
                    "trigger_id": prompt.trigger_id.id,
                    "res_model": "hr.goede.gesprek",
                    "res_id": 1,
                    "user_id": self.user_employee.id,
                    "employee_id": self.emp_employee.id,
                    "side": "employee",
                }
            )
        # Others do not read it; HR does.
        self.assertFalse(self.Prompt.with_user(self.user_other).search([]))
        self.assertEqual(
            self.Prompt.with_user(self.user_manager).search([]).user_id,
            self.user_manager,
        )
        self.assertEqual(len(self.Prompt.with_user(self.user_officer).search([])), 2)
        # Only HR configures triggers.
        with self.assertRaises(AccessError):
            prompt.trigger_id.with_user(self.user_manager).write({"active": False})
        prompt.trigger_id.with_user(self.user_officer).write({"active": False})

    def test_agreement_deadline_fires_once(self):
        agreement = self.Agreement.sudo().create(
            {
                "name": "Follow a course",
                "employee_id": self.emp_employee.id,
                "deadline": "2026-06-01",
                "state": "agreed",
                "owner": "both",
            }
        )
        with freeze_time("2026-06-01"):
            self.Agreement._cron_agreement_deadline()
        self.assertFalse(self._prompts(agreement))
        with freeze_time("2026-06-02"):
            self.Agreement._cron_agreement_deadline()
            self.Agreement._cron_agreement_deadline()
        prompts = self._prompts(agreement)
        self.assertEqual(prompts.user_id, self.user_employee | self.user_manager)
        self.assertEqual(len(prompts), 2)
        # Run again with the marker cleared: still once.
        agreement.sudo().deadline_reminder_date = False
        with freeze_time("2026-06-03"):
            self.Agreement._cron_agreement_deadline()
        self.assertEqual(self._prompts(agreement), prompts)

    def test_reflection_prompts_the_manager(self):
        conversation = self._in_report()
        conversation.with_user(self.user_employee).employee_view = "I felt heard."
        prompts = self._prompts(conversation)
        self.assertEqual(prompts.user_id, self.user_manager)
        conversation.with_user(self.user_employee).employee_view = "Even more."
        self.assertEqual(self._prompts(conversation), prompts)

    def test_inactive_and_other_company(self):
        self.env.ref("hr_goede_gesprek.trigger_feedback_shared").active = False
        request = self._shared_request(self.emp_employee)
        request.answer_ids[0].with_user(self.user_employee).action_share_with_manager()
        self.assertFalse(self._prompts(request))
        other = self.env["res.company"].create({"name": "Elsewhere"})
        self.env.ref("hr_goede_gesprek.trigger_feedback_shared").write(
            {"active": True, "company_id": other.id}
        )
        request.answer_ids[1].with_user(self.user_employee).action_share_with_manager()
        self.assertFalse(self._prompts(request))

    def test_bad_date_field(self):
        trigger = self.env.ref("hr_goede_gesprek.trigger_agreement_deadline")
        for bad in ("no_such_field", "name"):
            with self.assertRaises(ValidationError) as caught:
                trigger.with_user(self.user_officer).write({"date_field": bad})
            self.assertIn(bad, str(caught.exception))
        self.assertEqual(trigger.date_field, "deadline")
        with self.assertRaises(ValidationError):
            self.Trigger.with_user(self.user_officer).create(
                {
                    "name": "Shared",
                    "event": "feedback_shared",
                    "message": "Look",
                    "date_field": "deadline",
                }
            )
        trigger.with_user(self.user_officer).write({"date_field": "done_date"})
        self.assertEqual(trigger.date_field, "done_date")
