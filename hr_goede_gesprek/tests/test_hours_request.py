# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common_legal import LegalCase


@tagged("post_install", "-at_install")
class TestHoursRequest(LegalCase):
    def _request(self, request_date="2026-02-01", date_start="2026-05-01"):
        return self._hours_request(
            request_date, request_date=request_date, date_start=date_start
        )

    def test_deadlines(self):
        request = self._request()
        self.assertEqual(request.decision_deadline, date(2026, 4, 1))
        with self.assertRaisesRegex(UserError, "cannot take this step"):
            request.with_user(self.user_employee).action_submit()
        self.assertFalse(request.is_late)
        warn = self.env.ref("hr_goede_gesprek.mail_activity_type_hours_deadline")
        activity = request.activity_ids.filtered(lambda a: a.activity_type_id == warn)
        self.assertEqual(activity.user_id, self.user_manager)
        self.assertEqual(activity.date_deadline, date(2026, 3, 18))
        late = self._request(request_date="2026-03-15", date_start="2026-05-01")
        self.assertTrue(late.is_late)
        with self.assertRaisesRegex(ValidationError, "must lie after"):
            self._request(request_date="2026-03-15", date_start="2026-03-01")

    def test_refusal_needs_reasons_and_a_decision(self):
        request = self._request()
        manager = request.with_user(self.user_manager)
        manager.answer = "refuse"
        with self.assertRaisesRegex(ValidationError, "needs written reasons"):
            manager.action_prepare_decision()
        manager.answer_reasons = "The service desk cannot be staffed on Fridays."
        decision = self.Decision.browse(manager.action_prepare_decision()["res_id"])
        self.assertEqual(decision.origin_hours_request_id, request)
        self.assertEqual(decision.reasons, manager.answer_reasons)
        decision.signatory_id = self.user_director
        with freeze_time("2026-03-20"):
            decision.with_user(self.user_director).action_issue()
        self.assertEqual(request.state, "refused")

    def test_deemed_granted_after_the_deadline(self):
        request = self._request()
        manager = request.with_user(self.user_manager)
        manager.write({"answer": "refuse", "answer_reasons": "Too busy."})
        decision = self.Decision.browse(manager.action_prepare_decision()["res_id"])
        decision.signatory_id = self.user_director
        with freeze_time("2026-04-01"):
            self.env["hr.goede.gesprek.hours.request"]._cron_deemed_granted()
        self.assertEqual(request.state, "submitted", "the deadline day still counts")
        with freeze_time("2026-04-02"):
            self.env["hr.goede.gesprek.hours.request"]._cron_deemed_granted()
            self.assertEqual(request.state, "deemed_granted")
            self.assertTrue(request.deemed_granted)
            with self.assertRaisesRegex(UserError, "deemed granted"):
                decision.with_user(self.user_director).action_issue()
        self.assertEqual(decision.state, "draft")

    def test_late_request_is_not_deemed_granted(self):
        late = self._request(request_date="2026-03-15", date_start="2026-05-01")
        with freeze_time("2026-04-20"):
            self.env["hr.goede.gesprek.hours.request"]._cron_deemed_granted()
        self.assertEqual(late.state, "submitted")
        late.with_user(self.user_manager).answer = "grant"
        decision = self.Decision.browse(
            late.with_user(self.user_manager).action_prepare_decision()["res_id"]
        )
        decision.signatory_id = self.user_director
        with freeze_time("2026-04-20"):
            decision.with_user(self.user_director).action_issue()
        self.assertEqual(late.state, "granted")
        self.assertIn("32", decision.decision_text)
