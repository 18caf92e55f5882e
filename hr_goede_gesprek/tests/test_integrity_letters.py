# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Decision letters over RPC: no receipt without the letter, the frozen letter
is never replaced nor rendered again."""

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.models import check_method_name
from odoo.tests import tagged

from .common_legal import LegalCase

REFUSED = (AccessError, UserError, ValidationError)


@tagged("post_install", "-at_install")
class TestIntegrityLetters(LegalCase):
    def _forced_issued(self):
        """As superuser, an issued decision without its letter (old demo data)."""
        decision = self.Decision.create(
            {
                "employee_id": self.emp_employee.id,
                "topic_id": self.topic_salary.id,
                "subject": "Forced",
                "decision_text": "Forced text.",
                "reasons": "Forced reasons.",
                "date_effective": "2026-04-01",
                "name": "BES/2025/8001",
                "state": "issued",
                "date_issued": "2026-03-02",
                "route_id": self.route_reconsideration.id,
                "term_weeks": 6,
            }
        )
        self.assertFalse(decision.attachment_id)
        return decision

    def _break_letter_template(self):
        view = self.env.ref("hr_goede_gesprek.report_decision")
        view.arch = '<t t-name="hr_goede_gesprek.report_decision"><t t-out="1/0"/></t>'

    def _letters(self):
        return self.env["ir.attachment"].search_count(
            [("res_model", "=", "hr.employee"), ("res_id", "=", self.emp_employee.id)]
        )

    def test_no_receipt_without_the_letter(self):
        decision = self._forced_issued()
        self._break_letter_template()
        with freeze_time("2026-03-04"):
            with self.assertRaisesRegex(UserError, "could not be produced"):
                decision.with_user(self.user_employee).action_acknowledge()
            with self.assertRaisesRegex(UserError, "could not be produced"):
                decision.with_user(self.user_officer).action_register_delivery()
        self.assertEqual(decision.state, "issued")
        self.assertFalse(decision.date_notified)
        self.assertFalse(decision.notification_channel)
        self.assertFalse(decision.attachment_id)
        self.assertEqual(self._letters(), 0)

    def test_receipt_makes_the_missing_letter_once(self):
        decision = self._forced_issued()
        with freeze_time("2026-03-04"):
            decision.with_user(self.user_employee).action_acknowledge()
        letter = decision.attachment_id
        self.assertTrue(letter)
        self.assertIn(b"Forced text.", letter.raw)
        self.assertEqual(decision.state, "notified")
        # Printing again returns that letter: it is never rendered again.
        self._break_letter_template()
        decision.with_user(self.user_employee).action_print_letter()
        self.assertEqual(decision.attachment_id, letter)
        self.assertEqual(self._letters(), 1)

    def test_print_reuses_the_frozen_letter(self):
        decision = self._issued()
        letter = decision.attachment_id
        count = self._letters()
        for user in (self.user_employee, self.user_manager, self.user_officer):
            with self.subTest(user=user.name):
                decision.with_user(user).action_print_letter()
                self.assertEqual(decision.attachment_id, letter)
                self.assertEqual(self._letters(), count)

    def test_letter_and_receipt_cannot_be_forged(self):
        decision = self._issued()
        letter = decision.attachment_id
        fake = self.env["ir.attachment"].create(
            {"name": "fake.pdf", "raw": b"%PDF fake", "res_model": False}
        )
        for user in (self.user_employee, self.user_manager, self.user_officer):
            for vals in (
                {"attachment_id": fake.id},
                {"attachment_id": False},
                {"date_notified": "2026-03-01", "state": "notified"},
                {"date_issued": "2026-01-01"},
            ):
                with self.subTest(user=user.name, vals=vals):
                    refused = False
                    try:
                        with self.env.cr.savepoint():
                            decision.with_user(user).write(vals)
                    except REFUSED:
                        refused = True
                    self.assertTrue(refused, f"{user.name} could write {vals}")
        self.assertEqual(decision.attachment_id, letter)
        self.assertEqual(decision.state, "issued")
        self.assertFalse(decision.date_notified)
        # The steps that make or file a letter are not callable over RPC.
        for name in ("_get_letter", "_freeze_missing_letters", "_do_notify"):
            with self.subTest(method=name), self.assertRaises(AccessError):
                check_method_name(name)
