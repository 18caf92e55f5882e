# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Legal dates are dates of the company's calendar, stamped when the event
happens: never the acting user's local date nor the UTC date.

The company sits in Brussels. At 22:30 UTC it is 23:30 there (still the same
day); at 23:30 UTC it is 00:30 (already the next day). A signatory in Brussels
and an employee in UTC (or the other way round) must get the same dates, and
the receipt can never lie before the issue.
"""

from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common_legal import LegalCase, hold_appraisal

EVENING = "2026-12-01 22:30:00"  # 23:30 in Brussels: still 1 December
LATE = "2026-12-01 23:30:00"  # 00:30 in Brussels: already 2 December
DEC_1 = date(2026, 12, 1)
DEC_2 = date(2026, 12, 2)


@tagged("post_install", "-at_install")
class TestLegalDates(LegalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.partner_id.tz = "Europe/Brussels"
        cls.user_director.tz = "Europe/Brussels"
        cls.user_manager.tz = "Europe/Brussels"
        cls.user_employee.tz = "UTC"
        cls.user_officer.tz = "UTC"

    def test_company_time_zone_source(self):
        company = self.company
        self.assertEqual(company._goede_gesprek_tz().zone, "Europe/Brussels")
        self.assertEqual(
            company._goede_gesprek_date(datetime(2026, 12, 1, 22, 30)), DEC_1
        )
        self.assertEqual(
            company._goede_gesprek_date(datetime(2026, 12, 1, 23, 30)), DEC_2
        )
        # No time zone on the address: the working-time calendar's, else the
        # Netherlands'; never the user's.
        company.partner_id.tz = False
        company.resource_calendar_id.tz = "Europe/Lisbon"
        self.assertEqual(company._goede_gesprek_tz().zone, "Europe/Lisbon")
        company.resource_calendar_id = False
        self.assertEqual(
            company.with_user(self.user_employee)._goede_gesprek_tz().zone,
            "Europe/Amsterdam",
        )
        company.partner_id.tz = "Europe/Brussels"
        with freeze_time(LATE):
            for user in (self.user_employee, self.user_director, self.user_portal):
                with self.subTest(user=user.name):
                    today = company.with_user(user)._goede_gesprek_today()
                    self.assertEqual(today, DEC_2)

    def test_issue_and_receipt_are_company_dates(self):
        zones = [("Europe/Brussels", "UTC"), ("UTC", "Europe/Brussels")]
        for moment, expected in ((EVENING, DEC_1), (LATE, DEC_2)):
            for signatory_tz, employee_tz in zones:
                with self.subTest(at=moment, signatory=signatory_tz):
                    self.user_director.tz = signatory_tz
                    self.user_employee.tz = employee_tz
                    decision = self._draft()
                    with freeze_time(moment):
                        decision.with_user(self.user_director).action_issue()
                        decision.with_user(self.user_employee).action_acknowledge()
                    self.assertEqual(decision.date_issued, expected)
                    self.assertEqual(decision.date_notified, expected)
                    self.assertGreaterEqual(
                        decision.date_notified, decision.date_issued
                    )
                    self.assertEqual(
                        decision.term_start, date(2026, 12, expected.day + 1)
                    )

    def test_new_year_in_the_company_calendar(self):
        decision = self._draft()
        self.user_director.tz = "UTC"
        with freeze_time("2026-12-31 23:30:00"):  # 00:30 on 1 January in Brussels
            decision.with_user(self.user_director).action_issue()
        self.assertEqual(decision.date_issued, date(2027, 1, 1))
        self.assertTrue(decision.name.startswith("BES/2027/"), decision.name)

    def test_letter_shows_the_stored_dates_in_the_employees_language(self):
        self.env["res.lang"]._activate_lang("nl_NL")
        self.emp_employee.work_contact_id.lang = "nl_NL"
        decision = self._draft()
        with freeze_time(LATE):
            decision.with_user(self.user_director).action_issue()
        # Test mode renders the letter as HTML (no wkhtmltopdf): the same text.
        letter = decision.attachment_id.raw.decode()
        # The company's date, written out in Dutch as a letter does.
        self.assertIn("2 december 2026", letter)
        self.assertNotIn("1 december 2026", letter)

    def test_delivery_registered_by_hr_in_another_zone(self):
        decision = self._draft()
        with freeze_time(LATE):
            decision.with_user(self.user_director).action_issue()
            # For HR's clock (UTC) it is still 1 December; for the company it
            # is 2 December, the issue date: that day is not in the future.
            decision.with_user(self.user_officer).action_register_delivery("2026-12-02")
        self.assertEqual(decision.date_notified, DEC_2)
        decision = self._draft()
        with freeze_time(LATE):
            decision.with_user(self.user_director).action_issue()
            decision.with_user(self.user_officer).action_register_delivery()
        self.assertEqual(decision.date_notified, DEC_2)

    def test_receipt_never_before_issue(self):
        decision = self._issued(day=LATE)
        self.assertEqual(decision.date_issued, DEC_2)
        with self.assertRaisesRegex(ValidationError, "before it was issued"):
            # Even forced as superuser: the constraint holds.
            decision.write({"state": "notified", "date_notified": DEC_1})

    def test_objection_received_on_the_company_date(self):
        decision = self._issued(day=EVENING)
        with freeze_time(LATE):
            decision.with_user(self.user_employee).action_acknowledge()
            objection = (
                self.env["hr.goede.gesprek.objection"]
                .with_user(self.user_employee)
                .create({"decision_id": decision.id, "grounds": "Not fair."})
            )
        self.assertEqual(decision.date_issued, DEC_1)
        self.assertEqual(decision.date_notified, DEC_2)
        self.assertEqual(objection.date_received, DEC_2)

    def test_hours_request_dates(self):
        request = self._hours_request(LATE, date_start="2027-03-01")
        self.assertEqual(request.request_date, DEC_2)
        self.assertEqual(request.submitted_date, DEC_2)

    def test_term_ends_at_the_end_of_the_company_day(self):
        # The reminder user reads the clock in UTC: the company's day counts.
        self.env.ref("hr_goede_gesprek.user_cron").tz = "UTC"
        decision = self._issued(day=LATE)
        with freeze_time(LATE):
            decision.with_user(self.user_employee).action_acknowledge()
        # 2 December + 6 weeks: Wednesday 13 January 2027.
        self.assertEqual(decision.term_end, date(2027, 1, 13))
        with freeze_time("2027-01-13 22:30:00"):  # 23:30 in Brussels
            self.Decision._cron_mark_final()
        self.assertEqual(decision.state, "notified", "the last day still counts")
        with freeze_time("2027-01-13 23:30:00"):  # 00:30 on the 14th
            self.Decision._cron_mark_final()
        self.assertEqual(decision.state, "final")

    def test_appraisal_dates(self):
        self.user_manager.tz = "UTC"
        with freeze_time("2026-11-02 23:30:00"):
            appraisal = (
                self.env["hr.goede.gesprek.appraisal"]
                .with_user(self.user_employee)
                .create(
                    {"employee_id": self.emp_employee.id, "request_reason": "Please."}
                )
                .with_env(self.env)
            )
        self.assertEqual(appraisal.request_date, date(2026, 11, 3))
        hold_appraisal(
            appraisal,
            self.user_manager,
            held_at="2026-11-16 23:30:00",
            day="2026-11-03",
            date_planned="2026-11-16 10:00:00",
            duration=1.0,
        )
        self.assertEqual(appraisal.established_date, date(2026, 11, 17))
        decision = appraisal.decision_id.with_env(self.env)
        decision.signatory_id = self.user_director
        with freeze_time(EVENING):
            decision.with_user(self.user_director).action_issue()
            decision.with_user(self.user_employee).action_acknowledge()
        self.assertEqual(appraisal.state, "decided")
        with freeze_time(LATE):
            appraisal.with_user(self.user_employee).employee_view = "I agree."
        self.assertEqual(appraisal.employee_view_date, DEC_2)
