# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two real database connections approving for one employee at the same time.

A TransactionCase cursor is a single transaction that is never committed, and in
test mode ``registry.cursor()`` hands out cursors on that same transaction, so real
concurrency needs connections of their own (``sql_db.db_connect``). They see only
committed data: they work on the employee Odoo's ``hr`` creates for the
administrator, in a year nobody uses (2099), and remove their budget row after.
"""

import threading

import psycopg2.errors

from odoo import api
from odoo.exceptions import UserError
from odoo.sql_db import db_connect
from odoo.tests import TransactionCase, tagged

YEAR = 2099


@tagged("post_install", "-at_install", "concurrency")
class TestRewardConcurrency(TransactionCase):
    def _env(self, cr):
        cr.transaction = api.Transaction(self.registry)
        return api.Environment(cr, api.SUPERUSER_ID, {})

    def _cursor(self):
        return db_connect(self.env.cr.dbname).cursor()

    def _cleanup(self, employee_id):
        with self._cursor() as cr:
            cr.execute(
                "DELETE FROM hr_goede_gesprek_reward_budget "
                "WHERE employee_id = %s AND year = %s",
                (employee_id, YEAR),
            )

    def test_two_cursors_cannot_pass_the_cap(self):
        employee = self.env.ref("hr.employee_admin", raise_if_not_found=False)
        if not employee:
            self.skipTest("needs hr's administrator employee (committed data)")
        employee_id = employee.id
        self._cleanup(employee_id)
        try:
            # EUR 600 approved and committed, then two EUR 300 approvals at once.
            with self._cursor() as cr:
                env = self._env(cr)
                env["hr.goede.gesprek.reward.budget"]._apply(
                    env["hr.employee"].browse(employee_id), YEAR, 600.0
                )
            cr_a, cr_b = self._cursor(), self._cursor()
            env_a, env_b = self._env(cr_a), self._env(cr_b)
            # Both transactions take their snapshot before either approves.
            for cr in (cr_a, cr_b):
                cr.execute("SELECT 1")
            outcome = {}

            def approve_b():
                try:
                    env_b["hr.goede.gesprek.reward.budget"]._apply(
                        env_b["hr.employee"].browse(employee_id), YEAR, 300.0
                    )
                    cr_b.commit()
                    outcome["b"] = "approved"
                except psycopg2.errors.SerializationFailure:
                    cr_b.rollback()
                    outcome["b"] = "serialisation failure"
                except UserError:
                    cr_b.rollback()
                    outcome["b"] = "refused"

            env_a["hr.goede.gesprek.reward.budget"]._apply(
                env_a["hr.employee"].browse(employee_id), YEAR, 300.0
            )
            thread = threading.Thread(target=approve_b)
            thread.start()
            thread.join(1.0)
            self.assertTrue(thread.is_alive(), "B waits for A's row lock")
            cr_a.commit()
            thread.join(10)
            self.assertFalse(thread.is_alive())
            # Under REPEATABLE READ, B cannot update a row changed after its
            # snapshot: Odoo retries such a request from the start ...
            self.assertEqual(outcome["b"], "serialisation failure")
            # ... and the retry meets the CHECK constraint with a clear message.
            with self.assertRaisesRegex(UserError, "100"):
                env_b["hr.goede.gesprek.reward.budget"]._apply(
                    env_b["hr.employee"].browse(employee_id), YEAR, 300.0
                )
            cr_b.rollback()
            cr_a.execute(
                "SELECT used_amount FROM hr_goede_gesprek_reward_budget "
                "WHERE employee_id = %s AND year = %s",
                (employee_id, YEAR),
            )
            self.assertEqual(cr_a.fetchone()[0], 900.0)
            cr_a.close()
            cr_b.close()
        finally:
            self._cleanup(employee_id)
