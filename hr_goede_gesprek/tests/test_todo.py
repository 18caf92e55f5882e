# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The start screen "My to-dos": what each role sees, that it opens the
records, that nobody sees another's items, and its query budget."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import GROUP_MANAGER, new_user_employee
from .common_legal import LegalCase

# Exactly one count query per item the user's roles show (employee 5,
# manager 5, HR 7; an HR officer is a manager too), nothing per record.
BUDGETS = {"gg_employee": 5, "gg_manager": 10, "gg_officer": 17}


@tagged("post_install", "-at_install")
class TestTodo(LegalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Todo = cls.env["hr.goede.gesprek.todo"]

    def _counts(self, user):
        groups = self.Todo.with_user(user).get_todos()
        return {
            group["role"]: {item["key"]: item["count"] for item in group["items"]}
            for group in groups
        }

    def _nonzero(self, user):
        return {
            key: count
            for items in self._counts(user).values()
            for key, count in items.items()
            if count
        }

    def test_employee_sees_what_to_prepare_sign_confirm_and_open(self):
        self._new(name="To prepare")
        report = self._in_report(name="To sign")
        report.with_user(self.user_manager)._do_sign("partner", "agreed")
        self.env["hr.goede.gesprek.agreement"].with_user(self.user_manager).create(
            {"name": "Course", "conversation_id": report.id}
        )
        self._issued()
        self.assertEqual(list(self._counts(self.user_employee)), ["employee"])
        self.assertEqual(
            self._nonzero(self.user_employee),
            {"prepare": 1, "employee_sign": 1, "confirm": 1, "open_letter": 1},
        )
        # Signed: the report leaves the list.
        report.with_user(self.user_employee)._do_sign("employee", "seen")
        self.assertNotIn("employee_sign", self._nonzero(self.user_employee))

    def test_manager_sees_the_team_to_plan_hold_sign_and_follow_up(self):
        self._new(name="To plan")
        self._held(name="Held")
        report = self._in_report(name="Report")
        self.env["hr.goede.gesprek.agreement"].with_user(self.user_manager).create(
            {"name": "Course", "conversation_id": report.id, "deadline": "2026-01-10"}
        ).with_user(self.user_employee).portal_confirm()
        self.env["hr.goede.gesprek.agreement"].search(
            [("conversation_id", "=", report.id)]
        ).with_user(self.user_manager).portal_confirm()
        planned = self._planned(name="Planned")
        self.assertEqual(list(self._counts(self.user_manager)), ["employee", "manager"])
        counts = self._nonzero(self.user_manager)
        self.assertEqual(counts.get("plan"), 1)
        self.assertEqual(counts.get("hold"), 1)
        self.assertEqual(counts.get("partner_sign"), 1)
        self.assertEqual(counts.get("follow_up"), 1)
        # The manager's own to-dos as an employee are theirs only.
        self.assertNotIn("prepare", counts)
        action = self.Todo.with_user(self.user_manager).action_open_todo("hold")
        self.assertEqual(action["res_id"], planned.id)
        self.assertEqual(action["views"], [(False, "form")])

    def test_another_manager_sees_nothing_of_this_team(self):
        self._new(name="To plan")
        self._in_report(name="Report")
        stranger, _employee = new_user_employee(
            self.env, "gg_stranger", "Stan Stranger", GROUP_MANAGER
        )
        self.assertEqual(self._nonzero(stranger), {})
        self.assertEqual(self._nonzero(self.user_other), {})

    def test_hr_sees_approvals_terms_and_coverage(self):
        # HR sees the whole company (demo data included): count what is added.
        before = self._counts(self.user_officer)["hr"]
        self._draft()
        self._issued()
        self._hours_request()
        counts = self._counts(self.user_officer)
        self.assertEqual(list(counts)[-1], "hr")
        self.assertEqual(counts["hr"]["decision_issue"] - before["decision_issue"], 1)
        self.assertEqual(counts["hr"]["hours_request"] - before["hours_request"], 1)
        self.assertGreaterEqual(counts["hr"]["coverage"], 3)
        action = self.Todo.with_user(self.user_officer).action_open_todo("coverage")
        self.assertEqual(action["res_model"], "hr.employee")
        self.assertEqual(action["views"], [(False, "list"), (False, "form")])
        # HR's items are not the employee's.
        self.assertNotIn("hr", self._counts(self.user_employee))

    def test_open_refuses_unknown_and_foreign_items(self):
        Todo = self.Todo.with_user(self.user_employee)
        for key in ("coverage", "plan", "nothing", ["prepare"], None):
            with self.subTest(key=key), self.assertRaises(UserError):
                Todo.action_open_todo(key)

    def test_query_budget(self):
        self._new(name="To plan")
        self._in_report(name="Report")
        self._draft()
        for user in (self.user_employee, self.user_manager, self.user_officer):
            Todo = self.Todo.with_user(user)
            Todo.get_todos()  # warm the group and ACL caches
            self.env.invalidate_all()
            with (
                self.subTest(user=user.login),
                self.assertQueryCount(BUDGETS[user.login]),
            ):
                Todo.get_todos()
