# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Days the government declares equal to public holidays (Atw art. 3(2)):
terms, constraints, rights and the cost of reading them."""

from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..tools import legal_terms
from .common_legal import HolidayCase

# Notified on Monday 2 March 2026, a term of 6 weeks ends on Monday 13 April.
NOTIFIED = "2026-03-02"
PLAIN_END = date(2026, 4, 13)


@tagged("post_install", "-at_install")
class TestHolidayTerms(HolidayCase):
    def test_functions_take_extra_days(self):
        extra = frozenset({PLAIN_END, date(2026, 4, 14)})
        self.assertEqual(legal_terms.term_end(date(2026, 3, 2), 6), PLAIN_END)
        self.assertEqual(
            legal_terms.term_end(date(2026, 3, 2), 6, extra), date(2026, 4, 15)
        )
        self.assertFalse(legal_terms.is_working_day(PLAIN_END, extra))
        # A configured day on a weekend changes nothing (the weekend moves it).
        self.assertEqual(
            legal_terms.next_working_day(date(2026, 4, 11), extra), date(2026, 4, 15)
        )

    def test_term_ending_on_a_configured_day_runs_on(self):
        self._day("2026-04-13", legal_basis="Royal Decree (test)")
        decision = self._notified(day=NOTIFIED)
        self.assertEqual(decision.term_end, date(2026, 4, 14))
        # The employee may still object on the configured day's next day.
        with freeze_time("2026-04-14"):
            objection = self.Objection.with_user(self.user_employee).create(
                {"decision_id": decision.id, "grounds": "Filed on the last day."}
            )
        self.assertEqual(objection.decision_id.state, "disputed")

    def test_consecutive_configured_days(self):
        self._day("2026-04-13")
        self._day("2026-04-14", name="Second day")
        self.assertEqual(self._notified(day=NOTIFIED).term_end, date(2026, 4, 15))

    def test_archived_day_does_not_count(self):
        day = self._day("2026-04-13")
        self.assertIn(PLAIN_END, self.Holiday._extra_holidays())
        day.active = False
        self.assertNotIn(PLAIN_END, self.Holiday._extra_holidays())
        self.assertEqual(self._notified(day=NOTIFIED).term_end, PLAIN_END)
        day.active = True
        self.assertIn(PLAIN_END, self.Holiday._extra_holidays())

    def test_deleted_and_moved_days(self):
        day = self._day("2026-04-13")
        day.date = "2026-04-15"
        self.assertEqual(self.Holiday._extra_holidays(), frozenset({date(2026, 4, 15)}))
        day.unlink()
        self.assertEqual(self.Holiday._extra_holidays(), frozenset())

    def test_terms_already_computed_stay(self):
        """An issued letter and its term are not recomputed for a day added
        later; only terms computed from then on change."""
        earlier = self._notified(day=NOTIFIED)
        self.assertEqual(earlier.term_end, PLAIN_END)
        self._day("2026-04-13")
        earlier.invalidate_recordset()
        self.assertEqual(earlier.term_end, PLAIN_END)
        later = self._notified(day=NOTIFIED)
        self.assertEqual(later.term_end, date(2026, 4, 14))
        self.assertEqual(earlier.term_end, PLAIN_END)

    def test_portal_acknowledgement_uses_the_days(self):
        """As the portal controller does: the model's check as the portal
        user, then the step with sudo (the portal has no access to the days)."""
        emp_portal = self.env["hr.employee"].create(
            {
                "name": "Piet Portal",
                "user_id": self.user_portal.id,
                "parent_id": self.emp_manager.id,
            }
        )
        self._day("2026-04-13")
        decision = self._issued(day=NOTIFIED, employee_id=emp_portal.id)
        with freeze_time(NOTIFIED):
            as_portal = decision.with_user(self.user_portal)
            as_portal._check_can_acknowledge()
            as_portal.sudo()._do_notify(date(2026, 3, 2), "portal")
        self.assertEqual(decision.term_end, date(2026, 4, 14))
        self.assertEqual(as_portal.term_end, date(2026, 4, 14))


@tagged("post_install", "-at_install")
class TestHolidayConstraints(HolidayCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.day = cls._day("2026-04-13", legal_basis="KB")

    def test_duplicate_date_refused(self):
        with self.assertRaisesRegex(
            ValidationError, r"04/13/2026 is already listed as “Declared equal”\."
        ):
            self.Holiday.create({"date": "2026-04-13", "name": "Again"})
        other = self.Holiday.create({"date": "2026-04-14", "name": "Other"})
        with self.assertRaisesRegex(ValidationError, "04/13/2026 is already listed"):
            other.date = "2026-04-13"
        with self.assertRaisesRegex(ValidationError, "is given twice"):
            self.Holiday.create(
                [
                    {"date": "2026-04-15", "name": "One"},
                    {"date": "2026-04-15", "name": "Two"},
                ]
            )

    def test_duplicate_of_an_archived_day_refused(self):
        self.day.active = False
        with self.assertRaisesRegex(ValidationError, "archived: restore that day"):
            self.Holiday.create({"date": "2026-04-13", "name": "Again"})

    @mute_logger("odoo.sql_db")
    def test_database_refuses_duplicates_too(self):
        # Past the check (as a concurrent transaction would be): the unique index.
        with self.assertRaises(Exception) as caught:
            self.env.cr.execute(
                "INSERT INTO hr_goede_gesprek_holiday (date, name, active) "
                "VALUES ('2026-04-13', 'Raw', true)"
            )
        self.assertIn("date_unique", str(caught.exception))

    def test_weekend_refused(self):
        with self.assertRaisesRegex(
            ValidationError, r"04/11/2026 is a Saturday: a term that ends on a Saturday"
        ):
            self.Holiday.create({"date": "2026-04-11", "name": "Saturday"})
        with self.assertRaisesRegex(ValidationError, "is a Sunday"):
            self.day.date = "2026-04-12"

    def test_statutory_holiday_refused(self):
        cases = [
            ("2026-04-27", "King's Day"),
            ("2026-04-06", "Easter Monday"),
            ("2026-05-14", "Ascension Day"),
            ("2026-12-25", "Christmas Day"),
            ("2027-01-01", "New Year's Day"),
        ]
        for day, name in cases:
            with (
                self.subTest(day=day),
                self.assertRaisesRegex(
                    ValidationError,
                    f"is {name}, already a general public holiday under the "
                    "Algemene termijnenwet",
                ),
            ):
                self.Holiday.create({"date": day, "name": "Pointless"})
        # Good Friday is no Atw holiday: it can be declared equal.
        self.Holiday.create({"date": "2026-04-03", "name": "Good Friday 2026"})

    def test_messages_in_dutch(self):
        self.env["res.lang"]._activate_lang("nl_NL")
        self.env["ir.module.module"]._load_module_terms(
            ["hr_goede_gesprek"], ["nl_NL"], overwrite=True
        )
        Holiday = self.Holiday.with_context(lang="nl_NL")
        with self.assertRaisesRegex(ValidationError, "zaterdag"):
            Holiday.create({"date": "2026-04-11", "name": "Zaterdag"})
        with self.assertRaisesRegex(ValidationError, "Koningsdag"):
            Holiday.create({"date": "2026-04-27", "name": "Koningsdag"})
        with self.assertRaisesRegex(ValidationError, "staat al in de lijst"):
            Holiday.create({"date": "2026-04-13", "name": "Dubbel"})


@tagged("post_install", "-at_install", "access_rights")
class TestHolidayAccess(HolidayCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.day = cls._day("2026-04-13")

    def test_admin_manages_the_days(self):
        Holiday = self.Holiday.with_user(self.user_admin)
        day = Holiday.create({"date": "2026-04-14", "name": "By the admin"})
        day.write({"name": "Renamed", "legal_basis": "KB", "active": False})
        self.assertEqual(day.name, "Renamed")
        day.unlink()
        self.assertFalse(day.exists())
        self.assertTrue(self.day.with_user(self.user_admin).read(["date"]))

    def test_others_only_read(self):
        for user in (
            self.user_officer,
            self.user_manager,
            self.user_employee,
            self.user_director,
        ):
            with self.subTest(user=user.login):
                Holiday = self.Holiday.with_user(user)
                self.assertEqual(Holiday.search([]), self.day)
                self.assertEqual(self.day.with_user(user).date, date(2026, 4, 13))
                with self.assertRaises(AccessError):
                    Holiday.create({"date": "2026-04-14", "name": "Not allowed"})
                with self.assertRaises(AccessError):
                    self.day.with_user(user).write({"name": "Not allowed"})
                with self.assertRaises(AccessError):
                    self.day.with_user(user).unlink()

    def test_portal_has_no_access_but_terms_use_the_days(self):
        Holiday = self.Holiday.with_user(self.user_portal)
        with self.assertRaises(AccessError):
            Holiday.search([])
        with self.assertRaises(AccessError):
            self.day.with_user(self.user_portal).read(["date"])
        with self.assertRaises(AccessError):
            Holiday.create({"date": "2026-04-14", "name": "Not allowed"})
        # The term computation reads them for everyone.
        self.assertEqual(Holiday._extra_holidays(), frozenset({date(2026, 4, 13)}))


@tagged("post_install", "-at_install")
class TestHolidayQueries(HolidayCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._day("2026-04-13")
        vals = {
            "employee_id": cls.emp_employee.id,
            "topic_id": cls.topic_salary.id,
            "subject": "Salary step",
            "decision_text": "One extra step.",
            "reasons": "Good work.",
            "date_effective": "2026-04-01",
            "signatory_id": cls.user_director.id,
        }
        # Only the term computation is measured: draft decisions given a
        # notification date directly (fixture, as superuser).
        cls.decisions = cls.Decision.sudo().create([vals] * 20).with_env(cls.env)
        cls.decisions.sudo().write({"date_notified": NOTIFIED, "term_weeks": 6})

    def _stale(self, decisions):
        """Empty the stored terms in the database (as before a recomputation)
        and queue their computation: the flush computes and stores them."""
        self.env.cr.execute(
            "UPDATE hr_goede_gesprek_decision SET term_start = NULL, term_end = NULL "
            "WHERE id IN %s",
            [tuple(decisions.ids)],
        )
        decisions.invalidate_recordset()
        for fname in ("term_start", "term_end"):
            self.env.add_to_compute(self.Decision._fields[fname], decisions)

    def _term_queries(self, decisions):
        """Queries to compute and store the terms of ``decisions``."""
        self._stale(decisions)
        before = self.cr.sql_log_count
        decisions.flush_recordset(["term_start", "term_end"])
        count = self.cr.sql_log_count - before
        self.assertEqual(set(decisions.mapped("term_end")), {date(2026, 4, 14)})
        return count

    def test_cached_days_cost_no_query(self):
        self.env.registry.clear_cache()
        with self.assertQueryCount(1):
            self.Holiday._extra_holidays()
        with self.assertQueryCount(0):
            for _i in range(50):
                self.Holiday.with_user(self.user_employee)._extra_holidays()

    def test_term_computation_does_not_grow_with_the_records(self):
        self.env.registry.clear_cache()
        cold_one = self._term_queries(self.decisions[:1])
        warm_one = self._term_queries(self.decisions[:1])
        warm_all = self._term_queries(self.decisions)
        # Read the decisions, store their terms: 2 queries for 1 or 20.
        self.assertEqual(warm_one, 2)
        self.assertEqual(warm_all, warm_one)
        # The days cost one query more when the cache is cold, whatever N.
        self.assertEqual(cold_one, warm_one + 1)
        self.env.registry.clear_cache()
        self._stale(self.decisions)
        # flush=False: the flush below is what is measured.
        with self.assertQueryCount(3, flush=False):  # days, decisions, update
            self.decisions.flush_recordset(["term_start", "term_end"])
        self.assertEqual(set(self.decisions.mapped("term_end")), {date(2026, 4, 14)})
