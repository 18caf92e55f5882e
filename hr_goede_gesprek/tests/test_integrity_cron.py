# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Attacks on what the reminder crons write, as the users who would try them
over RPC: the markers on hr.employee, the exclusions, the public profile, and
the reward budgets the cron opens."""

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.hr_goede_gesprek.models.hr_employee import (
    DUE_WORKFLOW_FIELDS,
    EXCLUSION_FIELDS,
)

from .common import GoedeGesprekCase

MARKERS = {
    "goede_gesprek_due_stage": "hr",
    "goede_gesprek_due_for": "2030-01-01",
    "goede_gesprek_due_error_date": "2030-01-01",
}


@tagged("post_install", "-at_install")
class TestIntegrityCron(GoedeGesprekCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Employees app officer without the addon's HR officer group.
        cls.user_hr_clerk = new_test_user(
            cls.env, "gg_hr_clerk", groups="base.group_user,hr.group_hr_user"
        )
        cls.emp_employee.write(
            {
                "goede_gesprek_due_stage": "employee",
                "goede_gesprek_due_for": "2026-05-01",
            }
        )

    def _markers(self, employee):
        return employee.read(sorted(DUE_WORKFLOW_FIELDS | EXCLUSION_FIELDS))[0]

    def test_nobody_writes_the_reminder_markers(self):
        before = self._markers(self.emp_employee)
        for user in (self.user_officer, self.user_admin, self.user_hr_clerk):
            for fname, value in MARKERS.items():
                with self.subTest(user=user.login, field=fname):
                    employee = self.emp_employee.with_user(user)
                    with self.assertRaises(AccessError):
                        employee.write({fname: value})
                    # Nor with a context key that might look like a way in.
                    with self.assertRaises(AccessError):
                        employee.with_context(
                            goede_gesprek_no_follow=True, cron=True
                        ).write({fname: value})
        self.assertEqual(self._markers(self.emp_employee), before)
        # Clearing a marker silences nothing less: refused too.
        with self.assertRaises(AccessError):
            self.emp_employee.with_user(self.user_officer).write(
                {"goede_gesprek_due_stage": False}
            )
        self.assertEqual(self._markers(self.emp_employee), before)

    def test_markers_not_given_on_create(self):
        Employee = self.env["hr.employee"].with_user(self.user_officer)
        count = Employee.search_count([])
        with self.assertRaises(AccessError):
            Employee.create({"name": "Forged", "goede_gesprek_due_stage": "hr"})
        self.assertEqual(Employee.search_count([]), count)
        # The empty values a form sends along change nothing: accepted.
        employee = Employee.create(
            {
                "name": "New",
                "goede_gesprek_due_stage": False,
                "goede_gesprek_due_for": False,
            }
        )
        self.assertFalse(employee.goede_gesprek_due_stage)

    def test_form_save_with_current_values_passes(self):
        employee = self.emp_employee.with_user(self.user_officer)
        employee.write(
            {
                "goede_gesprek_due_stage": "employee",
                "goede_gesprek_due_for": "2026-05-01",
                "job_title": "Gardener",
            }
        )
        self.assertEqual(self.emp_employee.job_title, "Gardener")

    def test_only_officers_exclude(self):
        before = self._markers(self.emp_other)
        values = {
            "goede_gesprek_excluded": True,
            "goede_gesprek_exclusion_reason": "Seconded elsewhere",
        }
        with self.assertRaises(AccessError):
            self.emp_other.with_user(self.user_hr_clerk).write(values)
        self.assertEqual(self._markers(self.emp_other), before)
        self.emp_other.with_user(self.user_officer).write(values)
        self.assertTrue(self.emp_other.goede_gesprek_excluded)
        # Not copied to a new employee with the record.
        self.assertFalse(self.emp_other.copy().goede_gesprek_excluded)

    def test_employees_cannot_touch_their_own_markers(self):
        before = self._markers(self.emp_employee)
        employee = self.emp_employee.with_user(self.user_employee)
        for fname, value in MARKERS.items():
            with self.assertRaises(AccessError):
                employee.write({fname: value})
        self.assertEqual(self._markers(self.emp_employee), before)
        # The fields an employee edits on her own profile (res.users) stay
        # core's: none of ours is among them.
        Users = self.env["res.users"]
        ours = {
            name for name in self.env["hr.employee"]._fields if "goede_gesprek" in name
        }
        self.assertFalse(ours & set(Users.SELF_WRITEABLE_FIELDS))
        self.assertFalse(ours & set(Users.SELF_READABLE_FIELDS))

    def test_public_profile_readable_without_hr_rights(self):
        # What hr's TestSelfAccessProfile checks, with our fields.
        for user in (self.user_other, self.user_manager):
            employees = self.env["hr.employee"].with_user(user).search([])
            employees.read([])
        fields = self.env["hr.employee"]._fields
        self.assertEqual(fields["goede_gesprek_ids"].groups, "hr.group_hr_user")
        for fname in DUE_WORKFLOW_FIELDS | EXCLUSION_FIELDS:
            self.assertEqual(fields[fname].groups, "hr.group_hr_user")
        # The counters stay on the public profile and the HR form.
        self.Conversation.create({"employee_id": self.emp_employee.id})
        public = self.env["hr.employee.public"].with_user(self.user_employee)
        self.assertEqual(public.browse(self.emp_employee.id).goede_gesprek_count, 1)
        employee = self.emp_employee.with_user(self.user_officer)
        self.assertEqual(employee.goede_gesprek_count, 1)
        self.assertEqual(
            employee.action_open_goede_gesprek()["domain"],
            [("employee_id", "=", self.emp_employee.id)],
        )
        for model, user in (
            ("hr.employee", self.user_officer),
            ("hr.employee.public", self.user_employee),
        ):
            arch = self.env[model].with_user(user).get_views([(False, "form")])
            self.assertIn(
                "action_open_goede_gesprek", str(arch["views"]["form"]["arch"])
            )

    def test_cron_opens_budgets_through_the_orm(self):
        Budget = self.env["hr.goede.gesprek.reward.budget"]
        cron_user = self.env.ref("hr_goede_gesprek.user_cron")
        # One employee's row exists already (a first approval of the year).
        Budget._open(self.emp_other, 2031)
        with freeze_time("2031-03-01"):
            Budget.with_user(self.env.ref("base.user_root"))._cron_reward_limits()
        budgets = Budget.search([("year", "=", 2031)])
        self.assertIn(self.emp_employee, budgets.employee_id)
        self.assertEqual(
            len(budgets.filtered(lambda b: b.employee_id == self.emp_other)), 1
        )
        opened = budgets.filtered(lambda b: b.employee_id == self.emp_employee)
        self.assertEqual(opened.create_uid, cron_user)
        self.assertEqual(opened.cap, self.company.goede_gesprek_reward_cap)
        self.assertEqual((opened.used_amount, opened.override_amount), (0.0, 0.0))
        self.assertFalse(opened.share_warned or opened.summary_sent)
        # Nobody opens or edits a row over RPC, HR included.
        for user in (self.user_officer, self.user_employee):
            with self.assertRaises(AccessError):
                Budget.with_user(user).create(
                    {
                        "employee_id": self.emp_employee.id,
                        "company_id": self.company.id,
                        "year": 2032,
                        "cap": 99999,
                    }
                )
            with self.assertRaises(AccessError):
                opened.with_user(user).write({"summary_sent": True})
        self.assertFalse(opened.summary_sent)
