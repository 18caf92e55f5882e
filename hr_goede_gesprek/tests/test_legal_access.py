# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_legal import LegalCase


@tagged("post_install", "-at_install", "access_rights")
class TestLegalAccess(LegalCase):
    def test_decision_read_access(self):
        draft = self._draft()
        issued = self._issued()
        other = self._issued(employee_id=self.emp_other.id)

        def visible(user):
            return self.Decision.with_user(user).search(
                [("id", "in", (draft | issued | other).ids)]
            )

        # The employee reads their own issued decisions, never drafts.
        self.assertEqual(visible(self.user_employee), issued)
        self.assertEqual(visible(self.user_other), other)
        with self.assertRaises(AccessError):
            draft.with_user(self.user_employee).read(["reasons"])
        # The manager those of the team, drafts included; HR all.
        self.assertEqual(visible(self.user_manager), draft | issued | other)
        self.assertEqual(visible(self.user_officer), draft | issued | other)
        # The signatory the decisions they sign.
        self.assertEqual(visible(self.user_director), draft | issued | other)
        self.assertFalse(visible(self.user_portal))

    def test_decision_actions_check_the_caller(self):
        decision = self._issued()
        with self.assertRaisesRegex(AccessError, "Only the employee concerned"):
            decision.with_user(self.user_manager).action_acknowledge()
        with self.assertRaises(AccessError):
            decision.with_user(self.user_other).action_acknowledge()
        with self.assertRaisesRegex(AccessError, "Only HR registers"):
            decision.with_user(self.user_manager).action_register_delivery()
        with self.assertRaises(AccessError):
            decision.with_user(self.user_employee).action_correct()
        with self.assertRaises(AccessError):
            self._draft(user=self.user_other, employee_id=self.emp_employee.id)
        with self.assertRaises(AccessError):
            self._draft(user=self.user_employee)
        # The employee cannot write their own decision, not even its state.
        # AccessError is a UserError: immutability or rights, refused either way.
        with self.assertRaises(UserError):
            decision.with_user(self.user_employee).write({"state": "final"})

    def test_only_employee_or_hr_objects(self):
        decision = self._notified()
        Objection = self.env["hr.goede.gesprek.objection"]
        with freeze_time("2026-03-05"):
            for user in (self.user_other, self.user_manager, self.user_director):
                with self.subTest(user=user.login), self.assertRaises(AccessError):
                    Objection.with_user(user).create(
                        {"decision_id": decision.id, "grounds": "Not mine to file"}
                    )
            objection = Objection.with_user(self.user_employee).create(
                {"decision_id": decision.id, "grounds": "I disagree"}
            )
        # Employee reads their own objection; the other employee does not.
        self.assertTrue(objection.with_user(self.user_employee).has_access("read"))
        self.assertFalse(objection.with_user(self.user_other).has_access("read"))
        self.assertTrue(objection.with_user(self.user_manager).has_access("read"))
        with self.assertRaises(AccessError):
            objection.with_user(self.user_employee).write({"outcome": "upheld"})

    def test_appraisal_access(self):
        Appraisal = self.env["hr.goede.gesprek.appraisal"]
        appraisal = Appraisal.with_user(self.user_employee).create(
            {"employee_id": self.emp_employee.id}
        )
        self.assertTrue(appraisal.with_user(self.user_manager).has_access("read"))
        self.assertTrue(appraisal.with_user(self.user_director).has_access("read"))
        self.assertTrue(appraisal.with_user(self.user_officer).has_access("read"))
        self.assertFalse(appraisal.with_user(self.user_other).has_access("read"))
        self.assertFalse(appraisal.with_user(self.user_portal).has_access("read"))
        with self.assertRaises(AccessError):
            appraisal.with_user(self.user_employee).write({"state": "final"})

    @freeze_time("2026-02-01")
    def test_hours_request_access(self):
        Request = self.env["hr.goede.gesprek.hours.request"]
        request = Request.with_user(self.user_employee).create(
            {
                "employee_id": self.emp_employee.id,
                "request_date": "2026-02-01",
                "date_start": "2026-05-01",
                "hours_requested": 32,
            }
        )
        self.assertTrue(request.with_user(self.user_manager).has_access("read"))
        self.assertFalse(request.with_user(self.user_other).has_access("read"))
        with self.assertRaises(AccessError):
            Request.with_user(self.user_other).create(
                {
                    "employee_id": self.emp_employee.id,
                    "date_start": "2027-05-01",
                }
            )
        request.with_user(self.user_employee).action_submit()
        # The answer is the manager's or HR's (it used to be writable by the
        # employee: the declared policy refuses it now).
        with self.assertRaises(AccessError):
            request.with_user(self.user_employee).write({"answer": "grant"})
        self.assertFalse(request.answer)
        request.with_user(self.user_manager).write({"answer": "grant"})
        with self.assertRaisesRegex(AccessError, "manager or HR"):
            request.with_user(self.user_employee).action_prepare_decision()
