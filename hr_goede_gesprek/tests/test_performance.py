# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Query budgets of the issue, measured warm (metadata caches filled, record
cache empty, as in a fresh request) for every role that reads the list."""

import logging

from lxml import etree

from odoo import Command
from odoo.tests import tagged

from .common import GoedeGesprekCase

_logger = logging.getLogger(__name__)

# Budgets (warm caches): the same for 5 and 20 records, for 8 and 80 rows.
PREVIOUS_BUDGET = 1
NAME_BUDGET = 6
# The list read checks the record rules of the rows it read (Odoo's own
# check, no shortcut): the more rules bind a role, the more queries it takes
# (employee: own and partner rules; manager: also the team rule over the
# employees' managers and departments; HR: one rule that allows all).
# The manager's team rule compares columns stored on the conversation (no
# join of hr.employee and hr.department): one query fewer than before.
LIST_BUDGETS = {"gg_employee": 7, "gg_manager": 7, "gg_officer": 5}
# One query more than before: the employee's stored date of the last held
# conversation (the indexed column HR's coverage filter searches). One more
# for retention: the destroy date reads the employee's departure date (an HR
# field, so not in the employee user's own read of the employee).
CREATE_BUDGET = 20
CREATE_50_EXTRA = 2
ROWS = 80


@tagged("post_install", "-at_install")
class TestPerformance(GoedeGesprekCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        employees = cls.env["hr.employee"].create(
            [
                {
                    "name": f"Employee {i}",
                    "parent_id": cls.emp_manager.id,
                    "department_id": cls.department.id,
                }
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
        # The employee's own history: enough rows for the list of every role,
        # created as the employee (so with the activities they get).
        cls.Conversation.with_user(cls.user_employee).create(
            [
                {
                    "employee_id": cls.emp_employee.id,
                    "date_start": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d} 09:00:00",
                    "location": f"Room {i}",
                    "partner_employee_ids": [
                        Command.set((cls.emp_manager | cls.emp_officer).ids)
                        if i % 2
                        else Command.set(cls.emp_manager.ids)
                    ],
                }
                for i in range(ROWS)
            ]
        )

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

    # ------------------------------------------------------------------
    # List read, as the web client does it, per role
    # ------------------------------------------------------------------
    def _list_spec(self, Conversation):
        """The specification the web client sends for the real list view.

        Taken from the arch the user gets (fields hidden by ``groups`` are
        gone): relational fields ask for their display name, the activity
        widget for its dependencies.
        """
        view = self.env.ref("hr_goede_gesprek.hr_goede_gesprek_view_list")
        arch = Conversation.get_views([(view.id, "list")])["views"]["list"]["arch"]
        spec = {}
        for node in etree.fromstring(arch).iterchildren("field"):
            name = node.get("name")
            field = Conversation._fields[name]
            if node.get("widget") == "list_activity":
                spec[name] = {}
                spec.update(
                    {
                        "activity_exception_decoration": {},
                        "activity_exception_icon": {},
                        "activity_state": {},
                        "activity_summary": {},
                        "activity_type_icon": {},
                        "activity_type_id": {"fields": {"display_name": {}}},
                    }
                )
            elif field.relational:
                spec[name] = {"fields": {"display_name": {}}}
            else:
                spec[name] = {}
        self.assertIn("partner_names", spec)
        self.assertIn("department_id", spec)
        return spec

    def _check_list(self, user, domain):
        Conversation = self.Conversation.with_user(user)
        spec = self._list_spec(Conversation)
        counts = []
        for limit in (8, ROWS):
            Conversation.web_search_read(domain, spec, limit=limit)  # warm up
            self.env.invalidate_all()
            with self.assertQueryCount(LIST_BUDGETS[user.login]):
                count0 = self.cr.sql_log_count
                result = Conversation.web_search_read(domain, spec, limit=limit)
                counts.append(self.cr.sql_log_count - count0)
            self.assertEqual(len(result["records"]), limit)
            self.assertEqual(
                result["length"], self.Conversation.with_user(user).search_count(domain)
            )
        _logger.info(
            "List read as %s: %s queries for 8 and %s rows", user.login, counts, ROWS
        )
        # No query per row. Odoo's rule check reads the partners' users of the
        # rows it checks (the "partner" rule): one more query when the longer
        # list holds a partner the shorter one does not (an HR adviser).
        self.assertLessEqual(counts[1] - counts[0], 1, "80 rows cost more than 8")
        self.assertLessEqual(counts[0], counts[1])

    def test_list_employee(self):
        self._check_list(
            self.user_employee, [("employee_id", "=", self.emp_employee.id)]
        )

    def test_list_manager(self):
        self._check_list(self.user_manager, [])

    def test_list_officer(self):
        self._check_list(self.user_officer, [])

    # ------------------------------------------------------------------
    # Create, as the form's web_save does it
    # ------------------------------------------------------------------
    def _create_vals(self, lines):
        topic = self.env["hr.goede.gesprek.topic"].search([], limit=1)
        return {
            "employee_id": self.emp_employee.id,
            "date_start": "2026-06-01 10:00:00",
            "location": "Canteen",
            "agenda_line_ids": [
                Command.create(
                    {"name": f"Item {i}", "sequence": i, "topic_id": topic.id}
                )
                for i in range(lines)
            ],
            "agreement_ids": [
                Command.create({"name": f"Agreement {i}", "kind": "development"})
                for i in range(3)
            ],
        }

    def _measure_create(self, lines, budget):
        """Queries of one create as the employee, up to the commit: flushes
        and pre-commit work (tracking, bus) included, as assertQueryCount."""
        Conversation = self.Conversation.with_user(self.user_employee)
        Conversation.create(self._create_vals(lines))  # warm up
        self.env.flush_all()
        self.env.cr.flush()
        vals = self._create_vals(lines)
        with self.assertQueryCount(budget):
            count0 = self.cr.sql_log_count
            conversation = Conversation.create(vals)
            self.env.flush_all()
            self.env.cr.flush()
            count = self.cr.sql_log_count - count0
        self.assertEqual(len(conversation.agenda_line_ids), lines)
        self.assertEqual(len(conversation.agreement_ids), 3)
        # The audit trail stays: a creation message on the conversation and
        # on each agreement.
        self.assertTrue(conversation.message_ids)
        self.assertTrue(all(conversation.agreement_ids.mapped("message_ids")))
        return count

    def test_create_10_and_50_lines_with_agreements(self):
        count_10 = self._measure_create(10, CREATE_BUDGET)
        count_50 = self._measure_create(50, count_10 + CREATE_50_EXTRA)
        _logger.info(
            "Create with 3 agreements: %s queries with 10 lines, %s with 50",
            count_10,
            count_50,
        )
