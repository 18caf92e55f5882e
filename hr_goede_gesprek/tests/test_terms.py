# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged

from ..tools import legal_terms
from .common_legal import LegalCase


@tagged("post_install", "-at_install")
class TestTermFunctions(TransactionCase):
    def test_easter(self):
        self.assertEqual(legal_terms.easter_sunday(2024), date(2024, 3, 31))
        self.assertEqual(legal_terms.easter_sunday(2025), date(2025, 4, 20))
        self.assertEqual(legal_terms.easter_sunday(2026), date(2026, 4, 5))
        self.assertEqual(legal_terms.easter_sunday(2038), date(2038, 4, 25))

    def test_holidays_of_the_algemene_termijnenwet(self):
        holidays = legal_terms.dutch_public_holidays(2026)
        self.assertEqual(
            sorted(holidays),
            [
                date(2026, 1, 1),  # Nieuwjaarsdag
                date(2026, 4, 6),  # tweede Paasdag
                date(2026, 4, 27),  # Koningsdag
                date(2026, 5, 5),  # Bevrijdingsdag
                date(2026, 5, 14),  # Hemelvaartsdag
                date(2026, 5, 25),  # tweede Pinksterdag
                date(2026, 12, 25),
                date(2026, 12, 26),
            ],
        )
        # Good Friday is not a general holiday under the Atw.
        self.assertNotIn(date(2026, 4, 3), holidays)
        # King's Day on a Sunday moves to the Saturday before (2031).
        self.assertIn(date(2031, 4, 26), legal_terms.dutch_public_holidays(2031))
        self.assertNotIn(date(2031, 4, 27), legal_terms.dutch_public_holidays(2031))

    def test_term_end(self):
        cases = [
            # notified, weeks, last day of the term
            (date(2026, 3, 2), 6, date(2026, 4, 13)),  # Monday -> Monday
            (date(2026, 3, 21), 6, date(2026, 5, 4)),  # ends Sat -> Monday
            (date(2026, 3, 22), 6, date(2026, 5, 4)),  # ends Sun -> Monday
            (date(2026, 3, 16), 6, date(2026, 4, 28)),  # King's Day (Mon) -> Tue
            (date(2026, 3, 14), 6, date(2026, 4, 28)),  # Sat, Sun, King's Day
            (date(2026, 3, 24), 6, date(2026, 5, 6)),  # Liberation Day -> Wed
            (date(2026, 2, 23), 6, date(2026, 4, 7)),  # Easter Monday -> Tue
            (date(2026, 2, 20), 6, date(2026, 4, 3)),  # Good Friday counts
            (date(2026, 4, 2), 6, date(2026, 5, 15)),  # Ascension (Thu) -> Fri
            (date(2026, 11, 13), 6, date(2026, 12, 28)),  # Christmas + weekend
            (date(2025, 11, 20), 6, date(2026, 1, 2)),  # New Year's Day -> Fri
            (date(2026, 3, 2), 4, date(2026, 3, 30)),  # other lengths
        ]
        for notified, weeks, expected in cases:
            with self.subTest(notified=notified, weeks=weeks):
                self.assertEqual(legal_terms.term_end(notified, weeks), expected)
        self.assertFalse(legal_terms.term_end(False, 6))

    def test_placeholders_are_not_evaluated(self):
        render = legal_terms.render_placeholders
        self.assertEqual(
            render(
                "Within {term_weeks} weeks to {addressee}.",
                {"term_weeks": 6, "addressee": "HR"},
            ),
            "Within 6 weeks to HR.",
        )
        # No attribute or index access, no evaluation: left as typed.
        for template in ("{addressee.__class__}", "{addressee[0]}", "{0}", "{}"):
            self.assertEqual(render(template, {"addressee": "HR"}), template)
        self.assertEqual(render("{unknown}", {}), "{unknown}")
        self.assertEqual(
            legal_terms.unknown_placeholders("{a} {term_weeks}", ["term_weeks"]), ["a"]
        )


@tagged("post_install", "-at_install")
class TestDecisionTerm(LegalCase):
    def test_term_runs_from_the_day_after_notification(self):
        decision = self._issued(day="2026-03-12")
        self.assertFalse(decision.term_end)
        # Notified on Saturday 14 March: 6 weeks end on Saturday 25 April,
        # then Sunday and King's Day (Monday 27 April): Tuesday 28 April.
        with freeze_time("2026-03-14"):
            decision.with_user(self.user_employee).action_acknowledge()
        self.assertEqual(decision.state, "notified")
        self.assertEqual(decision.notification_channel, "portal")
        self.assertEqual(decision.term_start, date(2026, 3, 15))
        self.assertEqual(decision.term_end, date(2026, 4, 28))
        self.assertEqual(decision.term_weeks, 6)
        with freeze_time("2026-04-28"):
            self.Decision._cron_mark_final()
        self.assertEqual(decision.state, "notified", "the last day still counts")
        with freeze_time("2026-04-29"):
            self.Decision._cron_mark_final()
        self.assertEqual(decision.state, "final")

    def test_route_term_is_configuration(self):
        self.route_reconsideration.term_weeks = 4
        decision = self._notified(day="2026-03-02")
        self.assertEqual(decision.term_weeks, 4)
        self.assertEqual(decision.term_end, date(2026, 3, 30))
        self.assertIn("4", decision.dispute_clause)
        # Changing the route later does not change an issued decision.
        self.route_reconsideration.term_weeks = 8
        self.assertEqual(decision.term_weeks, 4)

    def test_delivery_registered_by_hr(self):
        decision = self._issued(day="2026-03-02")
        with freeze_time("2026-03-10"):
            decision.with_user(self.user_officer).action_register_delivery("2026-03-04")
        self.assertEqual(decision.notification_channel, "delivery")
        self.assertEqual(decision.date_notified, date(2026, 3, 4))
        self.assertEqual(decision.term_end, date(2026, 4, 15))

    def test_clause_placeholder_validation(self):
        with self.assertRaisesRegex(ValidationError, r"\{weeks\}"):
            self.route_reconsideration.clause = "Within {weeks} weeks."
