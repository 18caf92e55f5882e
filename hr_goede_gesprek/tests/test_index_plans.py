# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Every list a role opens can be read off an index, whatever the table's size.

The demo-size tables of a test are too small for the planner to prefer an
index, so each query is planned with sequential scans switched off: where a
plan still holds a ``Seq Scan`` of one of the addon's tables (or of
``hr_employee``), no index can serve the query and it would scan the whole
table at scale. The queries are the ORM's own: the record rules of the user,
the default order and the limit of a list (80). ``make bench-scale`` measures
the same screens on 50,000 employees.
"""

import re
from datetime import timedelta

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import SQL

from .common import GoedeGesprekCase

DOCUMENTS = [
    "hr.goede.gesprek",
    "hr.goede.gesprek.agreement",
    "hr.goede.gesprek.decision",
    "hr.goede.gesprek.reward",
    "hr.goede.gesprek.reward.budget",
    "hr.goede.gesprek.appraisal",
    "hr.goede.gesprek.objection",
    "hr.goede.gesprek.hours.request",
    "hr.goede.gesprek.feedback.request",
]
SEQ_SCAN = re.compile(r"Seq Scan on (\w+)")


@tagged("post_install", "-at_install")
class TestIndexPlans(GoedeGesprekCase):
    def _seq_scans(self, query, *select):
        """The big tables a plan of ``query`` (an ORM Query) scans in full."""
        tables = {self.env[m]._table for m in DOCUMENTS} | {"hr_employee"}
        self.env.cr.execute("SET LOCAL enable_seqscan = off")
        try:
            self.env.cr.execute(SQL("EXPLAIN %s", query.select(*select)))
            plan = "\n".join(row[0] for row in self.env.cr.fetchall())
        finally:
            self.env.cr.execute("SET LOCAL enable_seqscan = on")
        return {t for t in SEQ_SCAN.findall(plan) if t in tables}, plan

    def test_lists_per_role_use_indexes(self):
        """The 80 newest documents of every model, for every internal role."""
        for user in (self.user_employee, self.user_manager, self.user_officer):
            for model in DOCUMENTS:
                Model = self.env[model].with_user(user)
                if not Model.has_access("read"):
                    continue
                with self.subTest(user=user.login, model=model):
                    query = Model._search([], limit=80, order=Model._order)
                    scans, plan = self._seq_scans(query)
                    self.assertFalse(scans, plan)

    def test_group_by_state_uses_indexes(self):
        """The kanban columns of the employee and the manager."""
        for user in (self.user_employee, self.user_manager):
            Conversation = self.Conversation.with_user(user)
            with self.subTest(user=user.login):
                query = Conversation._search([])
                state = SQL.identifier(Conversation._table, "state")
                query.groupby = state
                scans, plan = self._seq_scans(query, state, SQL("COUNT(*)"))
                self.assertFalse(scans, plan)

    def test_portal_lists_use_indexes(self):
        """The /my pages: the portal domain under the portal user's rules."""
        for model in ("hr.goede.gesprek", "hr.goede.gesprek.agreement"):
            Model = self.env[model].with_user(self.user_portal)
            with self.subTest(model=model):
                query = Model._search(Model._get_portal_domain(), limit=20)
                scans, plan = self._seq_scans(query)
                self.assertFalse(scans, plan)

    def test_coverage_uses_an_index(self):
        """HR: employees without a held conversation in the last 12 months."""
        Employee = self.env["hr.employee"].with_user(self.user_officer)
        query = Employee._search([("no_goede_gesprek_since", "=", "2026-01-01")])
        scans, plan = self._seq_scans(query, SQL("COUNT(*)"))
        self.assertFalse(scans, plan)
        # The count reads the coverage index, in one range (at scale an
        # index-only scan: make bench-scale; a tiny table may add the heap).
        self.assertIn("hr_employee_goede_gesprek_coverage_index", plan)
        self.assertIn("Index Cond: (goede_gesprek_coverage_date <", plan)

    def test_coverage_counts_held_conversations_only(self):
        """The stored date follows the conversation's state: planned is not
        held, held is, cancelled again is not."""
        Employee = self.env["hr.employee"].with_user(self.user_officer)
        domain = [("id", "=", self.emp_employee.id)]
        none = [*domain, ("last_goede_gesprek_date", "=", False)]
        none_since = [*domain, ("no_goede_gesprek_since", "=", "2100-01-01")]
        conversation = self._planned()
        self.assertEqual(Employee.search(none), self.emp_employee)
        self.assertEqual(Employee.search(none_since), self.emp_employee)
        conversation.with_user(self.user_employee).action_hold()
        self.assertFalse(Employee.search(none))
        self.assertEqual(
            self.emp_employee.goede_gesprek_coverage_date, conversation.date_start
        )
        day = conversation.date_start.date()
        since_that_day = [*domain, ("no_goede_gesprek_since", "=", day)]
        self.assertFalse(Employee.search(since_that_day), "held that day")
        since_next_day = [*domain, ("no_goede_gesprek_since", "=", day + timedelta(1))]
        self.assertEqual(Employee.search(since_next_day), self.emp_employee)
        self.assertEqual(
            self.emp_employee.goede_gesprek_last_held_date, conversation.date_start
        )
        later = [*domain, ("last_goede_gesprek_date", ">", conversation.date_start)]
        self.assertFalse(Employee.search(later))

    def test_manager_columns_follow_the_organisation(self):
        """A new manager reads the team's conversations at once; the old one
        no longer does (the stored manager users follow hr.employee)."""
        conversation = self._new()
        new_boss_user = self.user_other
        self.user_other.groups_id |= self.env.ref(
            "hr_goede_gesprek.group_goede_gesprek_manager"
        )
        Conversation = self.Conversation.with_user(new_boss_user)
        self.assertFalse(Conversation.search([("id", "=", conversation.id)]))
        self.emp_employee.parent_id = self.emp_other
        self.assertEqual(
            conversation.employee_manager_user_id, self.user_other, "stored follows"
        )
        found = Conversation.search([("id", "=", conversation.id)])
        self.assertEqual(found, conversation)
        # The department's manager (Maria) still reads it; moving the employee
        # out of the department takes that away unless she is a partner.
        self.assertEqual(conversation.department_manager_user_id, self.user_manager)
        self.emp_employee.department_id = False
        self.assertFalse(conversation.department_manager_user_id)

    def test_partner_user_search_refuses_other_operators(self):
        with self.assertRaises(UserError):
            self.Conversation.search([("conversation_partner_user_ids", "in", [1, 2])])
        as_partner = [("conversation_partner_user_ids", "in", [self.user_manager.id])]
        before = self.Conversation.search(as_partner)
        conversation = self._new()
        self.assertIn(conversation, self.Conversation.search(as_partner))
        self.assertNotIn(conversation, before)
        # The rules evaluate it in Python too (filtered_domain on create).
        self.assertEqual(conversation.filtered_domain(as_partner), conversation)
