# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import tagged

from .common import GoedeGesprekCase

# Measured budgets (warm caches); the same for 5 and 20 records, 8 and 40 rows.
PREVIOUS_BUDGET = 1
NAME_BUDGET = 6
LIST_BUDGET = 4
CREATE_BUDGET = 19


@tagged("post_install", "-at_install")
class TestPerformance(GoedeGesprekCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        employees = cls.env["hr.employee"].create(
            [
                {"name": f"Employee {i}", "parent_id": cls.emp_manager.id}
                for i in range(20)
            ]
        )
        vals = []
        for employee in employees:
            for month in (1, 4):
                vals.append(
                    {
                        "employee_id": employee.id,
                        "date_start": f"2026-{month:02d}-15 10:00:00",
                    }
                )
        cls.conversations = cls.Conversation.create(vals)
        # The January ones are done (history without the workflow).
        cls.conversations.filtered(lambda c: c.date_start.month == 1).sudo().write(
            {"state": "done"}
        )
        cls.april = cls.conversations.filtered(lambda c: c.date_start.month == 4)

    def _count_previous(self, records, budget):
        records = records.with_user(self.user_officer)
        records.employee_id.mapped("name")  # warm the employees
        self.env.invalidate_all()
        records.mapped("employee_id")
        with self.assertQueryCount(budget):
            previous = records.mapped("previous_conversation_id")
        self.assertEqual(len(previous), len(records))

    def test_previous_conversation_5(self):
        self._count_previous(self.april[:5], PREVIOUS_BUDGET)

    def test_previous_conversation_20(self):
        self._count_previous(self.april, PREVIOUS_BUDGET)

    def _count_name(self, records, budget):
        records = records.with_user(self.user_manager)
        records._compute_name()  # warm up (languages, formats, user)
        records.employee_id.invalidate_recordset(["name"])
        with self.assertQueryCount(budget):
            records._compute_name()
        self.assertTrue(all("Employee" in name for name in records.mapped("name")))

    def test_name_5(self):
        self._count_name(self.april[:5], NAME_BUDGET)

    def test_name_20(self):
        self._count_name(self.april, NAME_BUDGET)

    def _count_list(self, limit):
        Conversation = self.Conversation.with_user(self.user_manager)
        spec = {
            "name": {},
            "employee_id": {"fields": {"display_name": {}}},
            "date_start": {},
            "state": {},
            "report_locked": {},
        }
        Conversation.web_search_read([], spec, limit=limit)  # warm up
        self.env.invalidate_all()
        with self.assertQueryCount(LIST_BUDGET):
            result = Conversation.web_search_read([], spec, limit=limit)
        self.assertEqual(len(result["records"]), limit)

    def test_list_8(self):
        self._count_list(8)

    def test_list_40(self):
        self._count_list(40)

    def _count_create(self, lines):
        Conversation = self.Conversation.with_user(self.user_employee)
        vals = {
            "employee_id": self.emp_employee.id,
            "agenda_line_ids": [
                Command.create({"name": f"Item {i}"}) for i in range(lines)
            ],
        }
        Conversation.create(dict(vals))  # warm up
        with self.assertQueryCount(CREATE_BUDGET):
            conversation = Conversation.create(dict(vals))
            conversation.flush_recordset()
        self.assertEqual(len(conversation.agenda_line_ids), lines)

    def test_create_10_lines(self):
        self._count_create(10)

    def test_create_50_lines(self):
        self._count_create(50)
