# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The formal layer's scheduled actions: as the reminder user, once, batched."""

from datetime import timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.hr_goede_gesprek.models import hr_goede_gesprek_objection
from odoo.addons.hr_goede_gesprek.models.hr_goede_gesprek_decision import (
    HrGoedeGesprekDecision,
)
from odoo.addons.mail.models.mail_thread import MailThread

from .common_cron import CronCaseMixin
from .common_legal import LegalCase


@tagged("post_install", "-at_install")
class TestCronLegal(CronCaseMixin, LegalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cron_user = cls.env.ref("hr_goede_gesprek.user_cron")
        cls.company.write(
            {
                "goede_gesprek_objection_weeks": 8,
                "goede_gesprek_hr_user_id": cls.user_officer.id,
            }
        )

    # ------------------------------------------------------------------
    # Decisions: final when the term passed
    # ------------------------------------------------------------------
    def test_mark_final_once_at_the_right_moment(self):
        decision = self._notified(notified="2026-03-03")
        term_end = decision.term_end
        with freeze_time(term_end):
            self._as_cron("hr.goede.gesprek.decision")._cron_mark_final()
        self.assertEqual(decision.state, "notified", "the last day still counts")
        with freeze_time(term_end + timedelta(days=1)):
            self._as_cron("hr.goede.gesprek.decision")._cron_mark_final()
            self.assertEqual(decision.state, "final")
            self.assertEqual(decision.write_uid, self.cron_user, "worked as user_cron")
            messages = len(decision.message_ids)
            count = self._measure(
                self._as_cron("hr.goede.gesprek.decision")._cron_mark_final
            )
        self.assertEqual(len(decision.message_ids), messages, "rerun: nothing new")
        self.assertLessEqual(count, 10)

    def test_mark_final_bad_record_does_not_stop_batch(self):
        good = self._notified()
        bad = self._notified()
        self._run_past_a_broken_record(
            "2026-06-01",
            self._as_cron("hr.goede.gesprek.decision")._cron_mark_final,
            (HrGoedeGesprekDecision, "_do_mark_final"),
            lambda records: bad in records,
        )
        self.assertEqual(good.state, "final")
        self.assertEqual(bad.state, "notified")
        with freeze_time("2026-06-02"):  # retried the next day
            self._as_cron("hr.goede.gesprek.decision")._cron_mark_final()
        self.assertEqual(bad.state, "final")

    def test_mark_final_queries_independent_of_batch_size(self):
        worker = self.env["hr.goede.gesprek.decision"].with_user(self.cron_user)
        self._assert_batch_queries_flat(
            "mark final",
            self._notified,
            worker._batch_mark_final,
            "2026-06-01",
            (2, 3, 9),
            lambda decisions, size: self.assertEqual(
                set(decisions.mapped("state")), {"final"}
            ),
        )

    # ------------------------------------------------------------------
    # Hours requests: deemed granted after the deadline
    # ------------------------------------------------------------------
    def _request(self, request_date="2026-02-01", date_start="2026-05-01"):
        # The request date is the workflow's: the day the employee files it.
        with freeze_time(request_date):
            request = self.Hours.with_user(self.user_employee).create(
                {
                    "employee_id": self.emp_employee.id,
                    "date_start": date_start,
                    "hours_current": 36,
                    "hours_requested": 32,
                }
            )
            request.action_submit()
        return request.with_env(self.env)

    def test_deemed_granted_once(self):
        request = self._request()  # decision deadline 2026-04-01
        warn = self.env.ref("hr_goede_gesprek.mail_activity_type_hours_deadline")
        self.assertTrue(
            request.activity_ids.filtered(lambda a: a.activity_type_id == warn)
        )
        with freeze_time("2026-04-01"):
            self._as_cron("hr.goede.gesprek.hours.request")._cron_deemed_granted()
        self.assertEqual(request.state, "submitted")
        with freeze_time("2026-04-02"):
            self._as_cron("hr.goede.gesprek.hours.request")._cron_deemed_granted()
            self.assertEqual(request.state, "deemed_granted")
            self.assertEqual(request.write_uid, self.cron_user)
            self.assertFalse(request.activity_ids)
            notes = request.message_ids.filtered(lambda m: "deemed" in str(m.body))
            self.assertEqual(len(notes), 1)
            self._as_cron("hr.goede.gesprek.hours.request")._cron_deemed_granted()
        notes = request.message_ids.filtered(lambda m: "deemed" in str(m.body))
        self.assertEqual(len(notes), 1, "rerun the same day: nothing new")

    def test_deemed_granted_bad_record_does_not_stop_batch(self):
        good = self._request()
        bad = self._request()
        self._run_past_a_broken_record(
            "2026-04-02",
            self._as_cron("hr.goede.gesprek.hours.request")._cron_deemed_granted,
            (MailThread, "_message_log_batch"),
            lambda records, *args, **kwargs: (
                records._name == bad._name and bad in records
            ),
        )
        self.assertEqual(good.state, "deemed_granted")
        self.assertEqual(bad.state, "submitted")

    def test_deemed_granted_queries_independent_of_batch_size(self):
        worker = self.Hours.with_user(self.cron_user)
        self._assert_batch_queries_flat(
            "deemed granted",
            self._request,
            worker._batch_deemed_granted,
            "2026-04-02",
            (2, 3, 9),
            lambda requests, size: self.assertEqual(
                set(requests.mapped("state")), {"deemed_granted"}
            ),
        )

    # ------------------------------------------------------------------
    # Objections without a decision after N weeks
    # ------------------------------------------------------------------
    def _objection(self, received="2026-03-05"):
        decision = self._notified()
        with freeze_time(received):
            objection = self.Objection.with_user(self.user_employee).create(
                {"decision_id": decision.id, "grounds": "I disagree"}
            )
        return objection.with_env(self.env)

    def _overdue_activities(self, objections):
        return self._activities(
            objections, "hr_goede_gesprek.mail_activity_type_objection_overdue"
        )

    def test_objection_overdue_reminds_hr_once(self):
        objection = self._objection()  # received 2026-03-05; 8 weeks: 2026-04-30
        cron = self._as_cron("hr.goede.gesprek.objection")
        with freeze_time("2026-04-29"):
            cron._cron_objection_overdue()
        self.assertFalse(self._overdue_activities(objection))
        with freeze_time("2026-04-30"):
            cron._cron_objection_overdue()
            activity = self._overdue_activities(objection)
            self.assertEqual(len(activity), 1)
            self.assertEqual(activity.user_id, self.user_officer)
            self.assertEqual(str(objection.overdue_reminder_date), "2026-04-30")
            self.assertEqual(objection.write_uid, self.cron_user)
            rerun = self._measure(cron._cron_objection_overdue)
        with freeze_time("2026-05-20"):
            cron._cron_objection_overdue()
        self.assertEqual(len(self._overdue_activities(objection)), 1, "only once")
        self.assertLessEqual(rerun, 10)

    def test_objection_overdue_setting_and_default_hr(self):
        self.company.goede_gesprek_hr_user_id = False
        self.company.goede_gesprek_objection_weeks = 2
        objection = self._objection()
        with freeze_time("2026-03-19"):
            self._as_cron("hr.goede.gesprek.objection")._cron_objection_overdue()
        self.assertEqual(
            self._overdue_activities(objection).user_id,
            self.company._goede_gesprek_hr_user(),
        )
        self.assertTrue(self._overdue_activities(objection).user_id)

    def test_objection_decided_or_withdrawn_not_reminded(self):
        objection = self._objection()
        objection.with_user(self.user_employee).action_withdraw()
        with freeze_time("2026-06-01"):
            self._as_cron("hr.goede.gesprek.objection")._cron_objection_overdue()
        self.assertFalse(self._overdue_activities(objection))

    def test_objection_overdue_bad_record_does_not_stop_batch(self):
        good = self._objection()
        bad = self._objection()
        self._run_past_a_broken_record(
            "2026-06-01",
            self._as_cron("hr.goede.gesprek.objection")._cron_objection_overdue,
            (hr_goede_gesprek_objection, "_activities"),
            lambda env, model, vals_list: any(
                vals["res_id"] == bad.id for vals in vals_list
            ),
        )
        self.assertEqual(len(self._overdue_activities(good)), 1)
        self.assertFalse(self._overdue_activities(bad))
        self.assertFalse(bad.overdue_reminder_date)
        with freeze_time("2026-06-02"):
            self._as_cron("hr.goede.gesprek.objection")._cron_objection_overdue()
        self.assertEqual(len(self._overdue_activities(bad)), 1)

    def test_objection_overdue_queries_independent_of_batch_size(self):
        worker = self.Objection.with_user(self.cron_user)
        self._assert_batch_queries_flat(
            "objection overdue",
            self._objection,
            worker._batch_objection_overdue,
            "2026-06-01",
            (2, 2, 6),
            lambda objections, size: self.assertEqual(
                len(self._overdue_activities(objections)), size
            ),
        )

    def test_scheduled_actions_run_like_the_scheduler(self):
        self._assert_scheduled_actions_run_like_the_scheduler(
            ("decision_mark_final", "hours_request_deemed_granted", "objection_overdue")
        )
