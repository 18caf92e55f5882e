# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import activities_of_type
from .common_legal import LegalCase, hold_appraisal, plan_appraisal


@tagged("post_install", "-at_install")
class TestAppraisal(LegalCase):
    def _requested(self):
        with freeze_time("2026-02-02"):
            return (
                self.Appraisal.with_user(self.user_employee)
                .create(
                    {
                        "employee_id": self.emp_employee.id,
                        "request_reason": "I want a formal record of my work.",
                    }
                )
                .with_env(self.env)
            )

    def _established(self):
        return hold_appraisal(
            self._requested(),
            self.user_manager,
            report="<p>We discussed the year and the usual topics.</p>",
            reasons="Reliable, on time, helpful to colleagues.",
            duration=1.5,
        )

    def _decided(self, notified="2026-02-20"):
        appraisal = self._established()
        decision = appraisal.decision_id
        decision.signatory_id = self.user_director
        with freeze_time("2026-02-18"):
            decision.with_user(self.user_director).action_issue()
        with freeze_time(notified):
            decision.with_user(self.user_employee).action_acknowledge()
        return appraisal

    def test_deleting_planned_appraisal_removes_event(self):
        appraisal = plan_appraisal(self._requested(), self.user_manager, duration=1.5)
        event = appraisal.calendar_event_id
        self.assertTrue(event)
        appraisal.with_user(self.user_officer).unlink()
        self.assertFalse(event.exists())

    def test_full_flow_without_objection(self):
        appraisal = self._requested()
        self.assertEqual(appraisal.state, "requested")
        self.assertEqual(appraisal.manager_user_id, self.user_manager)
        self.assertEqual(appraisal.next_manager_user_id, self.user_director)
        self.assertTrue(appraisal.topic_ids, "the usual topics are on the list")
        plan = "hr_goede_gesprek.mail_activity_type_plan_appraisal"
        self.assertEqual(activities_of_type(appraisal, plan).user_id, self.user_manager)
        with self.assertRaisesRegex(AccessError, "Only the manager"):
            appraisal.with_user(self.user_employee).action_plan()
        with self.assertRaisesRegex(UserError, "date and time"):
            appraisal.with_user(self.user_manager).action_plan()
        appraisal = self._decided()
        self.assertTrue(appraisal.calendar_event_id)
        self.assertEqual(
            appraisal.calendar_event_id.partner_ids,
            self.emp_employee.work_contact_id | self.emp_manager.work_contact_id,
        )
        decision = appraisal.decision_id
        self.assertEqual(appraisal.state, "decided")
        self.assertEqual(decision.origin_type, "appraisal")
        self.assertIn("Good", decision.decision_text)
        self.assertEqual(decision.reasons, "Reliable, on time, helpful to colleagues.")
        self.assertEqual(decision.term_end, date(2026, 4, 3))
        # The employee adds their view within the term.
        with freeze_time("2026-03-01"):
            appraisal.with_user(self.user_employee).employee_view = "I agree."
        self.assertEqual(appraisal.employee_view_date, date(2026, 3, 1))
        with freeze_time("2026-03-01"), self.assertRaises(AccessError):
            appraisal.with_user(self.user_manager).employee_view = "Not mine"
        with freeze_time("2026-04-04"):
            with self.assertRaisesRegex(UserError, "until its term ends"):
                appraisal.with_user(self.user_employee).employee_view = "Late"
            self.Decision._cron_mark_final()
        self.assertEqual(decision.state, "final")
        self.assertEqual(appraisal.state, "final")

    def test_establish_needs_report_level_and_reasons(self):
        appraisal = self._requested()
        manager = appraisal.with_user(self.user_manager)
        manager.date_planned = "2026-02-16 10:00:00"
        manager.action_plan()
        manager.action_hold()
        with self.assertRaisesRegex(UserError, "Write the report"):
            manager.action_establish()
        manager.report = "<p>Report</p>"
        with self.assertRaisesRegex(UserError, "Choose the appraisal"):
            manager.action_establish()
        manager.level_id = self.level_good
        with self.assertRaisesRegex(ValidationError, "reasons"):
            manager.action_establish()
        # The declared policy: the level is the manager's (or HR's), not the
        # employee's.
        with self.assertRaisesRegex(AccessError, "may not change .* Appraisal"):
            appraisal.with_user(self.user_employee).write(
                {"level_id": self.level_very_good.id}
            )
        self.assertEqual(appraisal.level_id, self.level_good)
        other_scale = self.env["hr.goede.gesprek.appraisal.scale"].create(
            {"name": "Three points", "level_ids": [(0, 0, {"name": "Fine"})]}
        )
        with self.assertRaisesRegex(ValidationError, "not a level of the scale"):
            manager.level_id = other_scale.level_ids

    def test_countersignature(self):
        self.company.goede_gesprek_appraisal_countersign = True
        appraisal = self._established()
        self.assertEqual(appraisal.state, "to_countersign")
        self.assertFalse(appraisal.decision_ids)
        with self.assertRaisesRegex(AccessError, "next-level manager"):
            appraisal.with_user(self.user_manager).action_countersign()
        # The next-level manager reads the appraisal (access item 8).
        self.assertTrue(appraisal.with_user(self.user_director).has_access("read"))
        with freeze_time("2026-02-17"):
            appraisal.with_user(self.user_director).action_countersign()
        self.assertEqual(appraisal.state, "established")
        self.assertEqual(appraisal.countersigned_by_id, self.user_director)
        self.assertEqual(appraisal.countersigned_date, date(2026, 2, 17))
        self.assertEqual(len(appraisal.decision_ids), 1)

    def test_objection_after_the_term_is_refused(self):
        appraisal = self._decided(notified="2026-02-20")
        decision = appraisal.decision_id
        self.assertEqual(decision.term_end, date(2026, 4, 3))
        with freeze_time("2026-04-06"):
            with self.assertRaisesRegex(UserError, "ended on 04/03/2026"):
                self.Objection.with_user(self.user_employee).create(
                    {"decision_id": decision.id, "grounds": "Too harsh."}
                )
            with self.assertRaisesRegex(UserError, "too late"):
                appraisal.with_user(self.user_employee).action_object()
        self.assertFalse(self.Objection.search([("decision_id", "=", decision.id)]))
        self.assertEqual(decision.state, "notified")

    def test_objection_rejected(self):
        appraisal = self._decided()
        decision = appraisal.decision_id
        with freeze_time("2026-03-10"):
            with self.assertRaisesRegex(AccessError, "Only the employee concerned"):
                self.Objection.with_user(self.user_manager).create(
                    {"decision_id": decision.id, "grounds": "On her behalf"}
                )
            with self.assertRaisesRegex(ValidationError, "grounds"):
                self.Objection.with_user(self.user_employee).create(
                    {"decision_id": decision.id, "grounds": "  "}
                )
            action = appraisal.with_user(self.user_employee).action_object()
            objection = (
                self.Objection.with_user(self.user_employee)
                .with_context(**action["context"])
                .create({"grounds": "My project results were not taken into account."})
            ).with_env(self.env)
        self.assertEqual(objection.decision_id, decision)
        self.assertEqual(objection.filed_by_id, self.user_employee)
        self.assertEqual(decision.state, "disputed")
        self.assertEqual(appraisal.state, "objected")
        # The cron leaves a disputed decision alone.
        with freeze_time("2026-06-01"):
            self.Decision._cron_mark_final()
        self.assertEqual(decision.state, "disputed")
        # Hearing and committee advice are optional steps for HR.
        with self.assertRaisesRegex(AccessError, "Only HR"):
            objection.with_user(self.user_employee).action_schedule_hearing()
        hr = objection.with_user(self.user_officer)
        hr.hearing_date = "2026-03-20 10:00:00"
        hr.action_schedule_hearing()
        self.assertEqual(objection.state, "hearing")
        with self.assertRaisesRegex(UserError, "cannot take this step"):
            hr.action_schedule_hearing()
        hr.committee_advice = "The appraisal is well founded."
        with self.assertRaisesRegex(UserError, "Choose the outcome"):
            hr.action_prepare_decision()
        hr.outcome = "rejected"
        with self.assertRaisesRegex(ValidationError, "reasons"):
            hr.action_prepare_decision()
        hr.outcome_reasons = "The results were taken into account; see the report."
        action = hr.action_prepare_decision()
        on_objection = self.Decision.browse(action["res_id"])
        self.assertEqual(on_objection.origin_type, "objection")
        self.assertIn("rejected", on_objection.decision_text)
        with freeze_time("2026-04-01"):
            on_objection.with_user(self.user_director).action_issue()
        self.assertEqual(objection.state, "decided")
        self.assertEqual(decision.state, "final")
        self.assertEqual(appraisal.state, "final")
        self.assertEqual(on_objection.state, "issued")
        self.assertEqual(appraisal.level_id, self.level_good)

    def test_objection_upheld_with_revised_appraisal(self):
        appraisal = self._decided()
        decision = appraisal.decision_id
        with freeze_time("2026-03-10"):
            # HR may file on the employee's behalf.
            objection = (
                self.Objection.with_user(self.user_officer)
                .create({"decision_id": decision.id, "grounds": "Filed by HR for Eva."})
                .with_env(self.env)
            )
        hr = objection.with_user(self.user_officer)
        hr.write(
            {
                "outcome": "partly",
                "outcome_reasons": "The project results weigh more.",
                "revised_level_id": self.level_very_good.id,
            }
        )
        on_objection = self.Decision.browse(hr.action_prepare_decision()["res_id"])
        self.assertIn("Very good", on_objection.decision_text)
        with freeze_time("2026-04-01"):
            on_objection.with_user(self.user_director).action_issue()
        self.assertEqual(decision.state, "superseded")
        self.assertEqual(decision.superseded_by_id, on_objection)
        self.assertEqual(appraisal.level_id, self.level_very_good)
        self.assertEqual(appraisal.state, "final")

    def test_withdraw_objection(self):
        appraisal = self._decided()
        decision = appraisal.decision_id
        with freeze_time("2026-03-10"):
            objection = self.Objection.with_user(self.user_employee).create(
                {"decision_id": decision.id, "grounds": "Second thoughts."}
            )
            objection.action_withdraw()
        self.assertEqual(objection.state, "withdrawn")
        self.assertEqual(decision.state, "notified")
        self.assertEqual(appraisal.state, "decided")

    def test_evidence_pack(self):
        # A signed conversation in the period, with an agreement done on time.
        conversation = self._done()
        agreement = self.env["hr.goede.gesprek.agreement"].create(
            {
                "name": "Lead the spring project",
                "conversation_id": conversation.id,
                "deadline": "2026-06-01",
            }
        )
        agreement.with_user(self.user_employee).action_confirm()
        agreement.with_user(self.user_manager).action_confirm()
        with freeze_time("2026-05-01"):
            agreement.with_user(self.user_employee).action_mark_done()
        outside = self._new(employee=self.emp_other)
        with freeze_time("2026-07-01"):
            appraisal = self.Appraisal.with_user(self.user_employee).create(
                {"employee_id": self.emp_employee.id}
            )
        self.assertEqual(appraisal.period_start, date(2025, 7, 1))
        self.assertIn(conversation, appraisal.evidence_conversation_ids)
        self.assertNotIn(outside, appraisal.evidence_conversation_ids)
        self.assertEqual(appraisal.evidence_agreement_ids, agreement)
        self.assertEqual(appraisal.evidence_agreements_done, 1)
        self.assertEqual(appraisal.evidence_agreements_on_time, 1)
        # Batched: several appraisals, one search per evidence model.
        second = self.Appraisal.create(
            {"employee_id": self.emp_other.id, "period_start": "2025-01-01"}
        )
        both = (appraisal | second).with_env(self.env)
        both.invalidate_recordset()
        with self.assertQueryCount(__system__=5):
            both.mapped("evidence_agreements_done")

    def test_only_employee_manager_or_hr_request(self):
        with self.assertRaises(AccessError):
            self.Appraisal.with_user(self.user_other).create(
                {"employee_id": self.emp_employee.id}
            )
        appraisal = self._requested()
        appraisal.with_user(self.user_employee).action_cancel()
        self.assertEqual(appraisal.state, "cancelled")
