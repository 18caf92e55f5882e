# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import GoedeGesprekCaseB


@tagged("post_install", "-at_install")
@freeze_time("2026-06-15 12:00:00")
class TestEmployee(GoedeGesprekCaseB):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_conversation(date_start=datetime(2025, 9, 1, 9, 0), state="done")
        cls._create_conversation(date_start=datetime(2026, 2, 1, 9, 0), state="report")
        cls._create_conversation(
            date_start=datetime(2026, 3, 1, 9, 0), state="cancelled"
        )
        cls._create_conversation(date_start=datetime(2026, 5, 1, 9, 0), state="planned")
        cls._create_conversation(date_start=datetime(2026, 9, 1, 9, 0), state="planned")
        cls._create_conversation(
            date_start=datetime(2026, 7, 1, 9, 0), state="preparing"
        )
        held = cls._create_conversation(
            date_start=datetime(2026, 4, 1, 9, 0), state="held"
        )
        for state in ("proposed", "agreed", "talk_again", "done", "cancelled"):
            cls._create_agreement(held, state=state)
        cls._create_conversation(
            cls.emp_colleague, date_start=datetime(2024, 1, 1, 9, 0), state="done"
        )

    def test_counts_and_dates(self):
        employee = self.emp_employee
        self.assertEqual(employee.goede_gesprek_count, 6, "cancelled ones not counted")
        self.assertEqual(employee.last_goede_gesprek_date, datetime(2026, 4, 1, 9, 0))
        self.assertEqual(employee.next_goede_gesprek_date, datetime(2026, 7, 1, 9, 0))
        self.assertEqual(employee.goede_gesprek_open_agreement_count, 3)
        self.assertEqual(self.emp_manager.goede_gesprek_count, 0)
        self.assertFalse(self.emp_manager.last_goede_gesprek_date)
        action = employee.action_open_goede_gesprek()
        self.assertEqual(action["domain"], [("employee_id", "=", employee.id)])
        self.assertEqual(
            self.env["hr.goede.gesprek"].search(action["domain"]).employee_id, employee
        )

    def test_public_mirror_for_plain_user(self):
        public = (
            self.env["hr.employee.public"]
            .with_user(self.user_employee)
            .browse(self.emp_employee.id)
        )
        self.assertTrue(public.goede_gesprek_visible)
        self.assertEqual(public.goede_gesprek_count, 6)
        self.assertEqual(public.last_goede_gesprek_date, datetime(2026, 4, 1, 9, 0))
        self.assertEqual(public.next_goede_gesprek_date, datetime(2026, 7, 1, 9, 0))
        self.assertEqual(public.goede_gesprek_open_agreement_count, 3)
        action = public.action_open_goede_gesprek()
        self.assertEqual(action["res_model"], "hr.goede.gesprek")
        by_manager = (
            self.env["hr.employee.public"]
            .with_user(self.user_manager)
            .browse(self.emp_employee.id)
        )
        self.assertTrue(by_manager.goede_gesprek_visible)
        by_colleague = (
            self.env["hr.employee.public"]
            .with_user(self.user_colleague)
            .browse(self.emp_employee.id)
        )
        self.assertFalse(by_colleague.goede_gesprek_visible)

    def test_forms_show_the_smart_button(self):
        for model, user, field in (
            ("hr.employee.public", self.user_employee, "goede_gesprek_count"),
            ("hr.employee", self.user_officer, "last_goede_gesprek_date"),
        ):
            with self.subTest(model=model):
                arch = (
                    self.env[model]
                    .with_user(user)
                    .get_views([(False, "form")])["views"]["form"]["arch"]
                )
                self.assertIn('name="action_open_goede_gesprek"', arch)
                self.assertIn(f'name="{field}"', arch)

    def test_no_conversation_in_twelve_months(self):
        Employee = self.env["hr.employee"]
        ours = self.emp_employee | self.emp_colleague | self.emp_manager
        scope = [("id", "in", ours.ids)]
        domain = [
            "|",
            ("last_goede_gesprek_date", "=", False),
            ("last_goede_gesprek_date", "<", "2025-06-15"),
        ]
        self.assertEqual(
            Employee.search(scope + domain),
            self.emp_colleague | self.emp_manager,
            "last one in 2024, and never had one",
        )
        self.assertEqual(
            Employee.search(scope + [("last_goede_gesprek_date", ">=", "2026-01-01")]),
            self.emp_employee,
        )
        self.assertEqual(
            Employee.search(scope + [("last_goede_gesprek_date", "!=", False)]),
            self.emp_employee | self.emp_colleague,
        )
        with self.assertRaises(UserError):
            Employee.search([("last_goede_gesprek_date", "ilike", "2026")])
        # The coverage filter's own field: the same employees, one condition.
        self.assertEqual(
            Employee.search(scope + [("no_goede_gesprek_since", "=", "2025-06-15")]),
            self.emp_colleague | self.emp_manager,
        )
        for operator, value in (("<", "2025-06-15"), ("=", False), ("=", "soon")):
            with self.subTest(operator=operator, value=value):
                with self.assertRaisesRegex(UserError, "No conversation since"):
                    Employee.search([("no_goede_gesprek_since", operator, value)])

    def _make_employees(self, count):
        employees = self.env["hr.employee"].create(
            [{"name": f"Query employee {i}"} for i in range(count)]
        )
        for employee in employees:
            self._create_conversation(
                employee, date_start=datetime(2026, 4, 1, 9, 0), state="done"
            )
            self._create_agreement(
                self._create_conversation(
                    employee, date_start=datetime(2026, 8, 1, 9, 0), state="planned"
                )
            )
        return employees

    def _assert_stats_queries(self, count):
        employees = self._make_employees(count).with_user(self.user_officer)
        self.env.flush_all()
        fnames = [
            "goede_gesprek_count",
            "last_goede_gesprek_date",
            "next_goede_gesprek_date",
            "goede_gesprek_open_agreement_count",
        ]
        # warm up the caches of access rules and rights
        employees.read(fnames)
        self.env.invalidate_all()
        # one read of the employees, three grouped reads: whatever their number
        with self.assertQueryCount(4):
            values = employees.read(fnames)
        self.assertEqual({v["goede_gesprek_count"] for v in values}, {2})
        self.assertEqual({v["goede_gesprek_open_agreement_count"] for v in values}, {1})

    def test_smart_button_queries_5(self):
        self._assert_stats_queries(5)

    def test_smart_button_queries_20(self):
        self._assert_stats_queries(20)
