# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Integrity of the formal layer: appraisal, scale, objection, hours request.

Each test is an attack by a user with an ordinary login (any values, any
context, as over RPC): it asserts the refusal and that nothing changed.
"""

from datetime import date

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_legal import LegalCase, hold_appraisal


class FormalCase(LegalCase):
    def _requested(self, employee_user=None):
        with freeze_time("2026-02-02"):
            return (
                self.Appraisal.with_user(employee_user or self.user_employee)
                .create({"employee_id": self.emp_employee.id})
                .with_env(self.env)
            )

    def _held(self):
        return hold_appraisal(self._requested(), self.user_manager, establish=False)

    def _established(self):
        appraisal = self._held()
        with freeze_time("2026-02-16 12:00:00"):
            appraisal.with_user(self.user_manager).action_establish()
        return appraisal

    def _decided(self):
        appraisal = self._established()
        decision = appraisal.decision_id
        decision.signatory_id = self.user_director
        with freeze_time("2026-02-18"):
            decision.with_user(self.user_director).action_issue()
        with freeze_time("2026-02-20"):
            decision.with_user(self.user_employee).action_acknowledge()
        return appraisal

    def _assert_write_refused(self, record, vals, message):
        """Writing ``vals`` on ``record`` (in its env) raises the
        ValidationError ``message``; the cache is then read again from the
        database, for the caller to check that nothing changed."""
        with self.assertRaisesRegex(ValidationError, message):
            with self.env.cr.savepoint():
                record.write(vals)
        record.invalidate_recordset()

    def _snapshot(self, record, fnames):
        record.invalidate_recordset()
        return {fname: record[fname] for fname in fnames}


@tagged("post_install", "-at_install", "access_rights")
class TestObjectionIntegrity(FormalCase):
    """An objection was created as superuser with whatever the employee sent."""

    HR_VALUES = {
        "outcome": "upheld",
        "committee_advice": "The committee advises to uphold it.",
        "hearing_notes": "Everybody agreed with Eva.",
        "hearing_date": "2026-03-01 10:00:00",
        "advice_date": "2026-03-02",
        "outcome_reasons": "Eva is right.",
        "state": "decided",
        "overdue_reminder_date": "2026-03-03",
    }

    def setUp(self):
        super().setUp()
        self.appraisal = self._decided()
        self.decision = self.appraisal.decision_id

    def _assert_nothing_filed(self):
        self.assertFalse(
            self.Objection.search([("decision_id", "=", self.decision.id)])
        )
        self.assertEqual(self.decision.state, "notified")
        self.assertEqual(self.appraisal.state, "decided")
        self.assertEqual(self.appraisal.level_id, self.level_good)

    def test_employee_gives_only_what_an_objector_gives(self):
        Objection = self.Objection.with_user(self.user_employee)
        base = {"decision_id": self.decision.id, "grounds": "I disagree."}
        attacks = dict(
            self.HR_VALUES,
            revised_level_id=self.level_very_good.id,
            date_received="2026-02-21",  # earlier than today: within the term
            filed_by_id=self.user_officer.id,
            outcome_decision_id=self.decision.id,
        )
        with freeze_time("2026-03-10"):
            for fname, value in attacks.items():
                with self.subTest(field=fname), self.assertRaises(AccessError):
                    Objection.create(dict(base, **{fname: value}))
                self._assert_nothing_filed()
            objection = Objection.create(base).with_env(self.env)
        # What the workflow sets: received today, by the employee, nothing else.
        self.assertEqual(objection.date_received, date(2026, 3, 10))
        self.assertEqual(objection.state, "received")
        self.assertEqual(objection.filed_by_id, self.user_employee)
        for fname in self.HR_VALUES:
            if fname != "state":
                self.assertFalse(objection[fname], fname)
        self.assertFalse(objection.revised_level_id)
        self.assertEqual(self.appraisal.state, "objected")

    def test_employee_cannot_inject_defaults(self):
        """Context defaults and personal defaults are values the caller sends."""
        Objection = self.Objection.with_user(self.user_employee)
        base = {"decision_id": self.decision.id, "grounds": "I disagree."}
        with freeze_time("2026-03-10"):
            for key, value in (
                ("default_outcome", "upheld"),
                ("default_revised_level_id", self.level_very_good.id),
                ("default_date_received", "2026-02-21"),
                ("default_state", "decided"),
            ):
                with self.subTest(key=key), self.assertRaises(AccessError):
                    Objection.with_context(**{key: value}).create(base)
                self._assert_nothing_filed()
                # Even repeating the injected value in the values.
                fname = key.removeprefix("default_")
                with self.subTest(key=key, repeated=True):
                    with self.assertRaises(AccessError):
                        Objection.with_context(**{key: value}).create(
                            dict(base, **{fname: value})
                        )
                self._assert_nothing_filed()
            self.env["ir.default"].with_user(self.user_employee).set(
                self.Objection._name, "outcome", "upheld", user_id=True
            )
            with self.assertRaises(AccessError):
                Objection.create(base)
            self._assert_nothing_filed()

    def test_hr_registers_the_day_a_paper_objection_came_in(self):
        with freeze_time("2026-03-10"):
            # Not the outcome on filing.
            with self.assertRaises(AccessError):
                self.Objection.with_user(self.user_officer).create(
                    {
                        "decision_id": self.decision.id,
                        "grounds": "By letter.",
                        "outcome": "upheld",
                    }
                )
            self._assert_nothing_filed()
            objection = self.Objection.with_user(self.user_officer).create(
                {
                    "decision_id": self.decision.id,
                    "grounds": "By letter.",
                    "date_received": "2026-03-02",
                }
            )
        self.assertEqual(objection.date_received, date(2026, 3, 2))
        self.assertEqual(len(self.decision.objection_ids), 1)

    def test_only_hr_handles_and_the_outcome_freezes(self):
        with freeze_time("2026-03-10"):
            objection = self.Objection.with_user(self.user_employee).create(
                {"decision_id": self.decision.id, "grounds": "I disagree."}
            )
        objection = objection.with_env(self.env)
        for user in (self.user_employee, self.user_manager, self.user_other):
            for fname, value in dict(
                self.HR_VALUES, revised_level_id=self.level_very_good.id
            ).items():
                with self.subTest(user=user.login, field=fname):
                    before = self._snapshot(objection, [fname])
                    with self.assertRaises(AccessError):
                        objection.with_user(user).write({fname: value})
                    self.assertEqual(self._snapshot(objection, [fname]), before)
        hr = objection.with_user(self.user_officer)
        hr.write(
            {
                "outcome": "rejected",
                "outcome_reasons": "The report is well founded.",
                "committee_advice": "Reject.",
            }
        )
        # HR cannot set the workflow's fields either.
        for fname, value in (
            ("state", "decided"),
            ("outcome_decision_id", self.decision.id),
            ("filed_by_id", self.user_officer.id),
            ("date_received", "2026-03-01"),
            ("grounds", "Other grounds"),
        ):
            with self.subTest(field=fname), self.assertRaises(AccessError):
                hr.write({fname: value})
        self.assertEqual(objection.state, "received")
        on_objection = self.Decision.browse(hr.action_prepare_decision()["res_id"])
        self.assertIn("rejected", on_objection.decision_text)
        # The letter says rejected: the outcome no longer changes.
        for vals in (
            {"outcome": "upheld"},
            {"revised_level_id": self.level_very_good.id},
            {"outcome_reasons": "Changed my mind."},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                hr.write(vals)
        self.assertEqual(objection.outcome, "rejected")
        self.assertFalse(objection.revised_level_id)
        with freeze_time("2026-04-01"):
            on_objection.with_user(self.user_director).action_issue()
        self.assertEqual(self.appraisal.level_id, self.level_good)
        self.assertEqual(self.appraisal.state, "final")
        with self.assertRaises(AccessError):
            hr.write({"committee_advice": "Too late"})
        with self.assertRaises(AccessError):
            hr.unlink()
        self.assertTrue(objection.exists())

    def test_links_belong_to_the_same_employee(self):
        with freeze_time("2026-03-10"):
            objection = self.Objection.with_user(self.user_employee).create(
                {"decision_id": self.decision.id, "grounds": "I disagree."}
            )
        objection = objection.with_env(self.env)
        other = self._issued(employee_id=self.emp_other.id)
        other_scale = self.env["hr.goede.gesprek.appraisal.scale"].create(
            {"name": "Three points", "level_ids": [(0, 0, {"name": "Fine"})]}
        )
        # Even the workflow (sudo) cannot link records of another employee.
        self._assert_write_refused(
            objection.sudo(),
            {"outcome_decision_id": other.id},
            "employee of the contested",
        )
        # Nor a level of another scale.
        self._assert_write_refused(
            objection.with_user(self.user_officer),
            {"revised_level_id": other_scale.level_ids.id},
            "scale of the appraisal",
        )
        self.assertFalse(objection.outcome_decision_id)
        self.assertFalse(objection.revised_level_id)
        # A decision that is no appraisal's cannot revise an appraisal.
        plain = self._notified()
        with freeze_time("2026-03-10"):
            objection = self.Objection.with_user(self.user_employee).create(
                {"decision_id": plain.id, "grounds": "Not this step."}
            )
        self._assert_write_refused(
            objection.with_user(self.user_officer),
            {"revised_level_id": self.level_very_good.id},
            "against an appraisal",
        )
        self.assertFalse(objection.revised_level_id)


@tagged("post_install", "-at_install", "access_rights")
class TestHoursRequestIntegrity(FormalCase):
    def _submitted(self, **vals):
        return self._hours_request(**vals)

    def test_employee_cannot_change_the_answer_after_a_refusal(self):
        request = self._submitted()
        manager = request.with_user(self.user_manager)
        manager.write({"answer": "refuse", "answer_reasons": "Fridays are full."})
        decision = self.Decision.browse(manager.action_prepare_decision()["res_id"])
        # Once the decision is drafted, the answer is the letter's.
        for user in (self.user_manager, self.user_officer):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                request.with_user(user).write({"answer": "grant"})
        decision.signatory_id = self.user_director
        with freeze_time("2026-03-20"):
            decision.with_user(self.user_director).action_issue()
        self.assertEqual(request.state, "refused")
        for vals in (
            {"answer": "grant"},
            {"answer_reasons": False},
            {"state": "granted"},
            {"hours_requested": 20},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                request.with_user(self.user_employee).write(vals)
        request.invalidate_recordset()
        self.assertEqual(request.answer, "refuse")
        self.assertEqual(request.answer_reasons, "Fridays are full.")
        self.assertEqual(request.state, "refused")
        self.assertEqual(request.hours_requested, 32)
        self.assertIn("refused", decision.decision_text)

    def test_only_the_manager_or_hr_answer(self):
        request = self._submitted()
        for user in (self.user_employee, self.user_other):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                request.with_user(user).write({"answer": "grant"})
        self.assertFalse(request.answer)
        request.with_user(self.user_officer).write({"answer": "grant"})
        self.assertEqual(request.answer, "grant")

    def test_workflow_dates_are_the_workflow_s(self):
        # A backdated request would look timely (and be deemed granted).
        with freeze_time("2026-03-15"):
            for vals in (
                {"request_date": "2026-02-01"},
                {"state": "submitted"},
                {"submitted_date": "2026-02-01"},
                {"deemed_granted_date": "2026-04-02"},
                {"answer": "grant"},
            ):
                with self.subTest(vals=vals), self.assertRaises(AccessError):
                    self.Hours.with_user(self.user_employee).create(
                        {
                            "employee_id": self.emp_employee.id,
                            "date_start": "2026-05-01",
                            **vals,
                        }
                    )
            with self.assertRaises(AccessError):
                self.Hours.with_user(self.user_employee).with_context(
                    default_request_date="2026-02-01"
                ).create(
                    {"employee_id": self.emp_employee.id, "date_start": "2026-05-01"}
                )
        self.assertFalse(
            self.Hours.search([("employee_id", "=", self.emp_employee.id)])
        )
        # A draft made early counts from its submission.
        with freeze_time("2026-02-01"):
            request = self.Hours.with_user(self.user_employee).create(
                {"employee_id": self.emp_employee.id, "date_start": "2026-05-01"}
            )
            with self.assertRaises(AccessError):
                request.write({"request_date": "2026-01-01"})
        with freeze_time("2026-03-15"):
            request.action_submit()
        self.assertEqual(request.request_date, date(2026, 3, 15))
        self.assertTrue(request.is_late)

    def test_hr_registers_a_paper_request(self):
        with freeze_time("2026-02-10"):
            request = self.Hours.with_user(self.user_officer).create(
                {
                    "employee_id": self.emp_employee.id,
                    "request_date": "2026-02-01",
                    "date_start": "2026-05-01",
                }
            )
            request.action_submit()
        self.assertEqual(request.request_date, date(2026, 2, 1))
        self.assertFalse(request.is_late)

    def test_decisions_are_about_the_same_employee(self):
        request = self._submitted()
        request.with_user(self.user_manager).write({"answer": "grant"})
        request.with_user(self.user_manager).action_prepare_decision()
        self._assert_write_refused(
            request.sudo(), {"employee_id": self.emp_other.id}, "who made the request"
        )
        self.assertEqual(request.employee_id, self.emp_employee)


@tagged("post_install", "-at_install", "access_rights")
class TestAppraisalIntegrity(FormalCase):
    WORKFLOW_VALUES = {
        "state": "final",
        "countersign_required": True,
        "established_date": "2026-02-01",
        "countersigned_date": "2026-02-01",
        "employee_view_date": "2026-02-01",
    }

    def _workflow_values(self):
        return dict(
            self.WORKFLOW_VALUES,
            established_by_id=self.user_manager.id,
            countersigned_by_id=self.user_director.id,
            level_id=self.level_very_good.id,
        )

    def test_request_gives_no_workflow_field(self):
        Appraisal = self.Appraisal.with_user(self.user_employee)
        with freeze_time("2026-02-02"):
            for fname, value in self._workflow_values().items():
                with self.subTest(field=fname), self.assertRaises(AccessError):
                    Appraisal.create(
                        {"employee_id": self.emp_employee.id, fname: value}
                    )
                with self.subTest(default=fname), self.assertRaises(AccessError):
                    Appraisal.with_context(**{f"default_{fname}": value}).create(
                        {"employee_id": self.emp_employee.id}
                    )
            # The request's content is the employee's; the planning the manager's.
            with self.assertRaises(AccessError):
                Appraisal.create(
                    {
                        "employee_id": self.emp_employee.id,
                        "date_planned": "2026-02-16 10:00:00",
                    }
                )
            with self.assertRaisesRegex(AccessError, "Only Eva Employee"):
                self.Appraisal.with_user(self.user_other).create(
                    {"employee_id": self.emp_employee.id}
                )
        self.assertFalse(
            self.Appraisal.search([("employee_id", "=", self.emp_employee.id)])
        )

    def test_level_and_workflow_fields_only_through_actions(self):
        self.company.goede_gesprek_appraisal_countersign = True
        appraisal = self._held()
        fnames = list(self._workflow_values())
        # Nobody writes the workflow fields, not even the manager or HR.
        for user in (self.user_employee, self.user_manager, self.user_officer):
            for fname, value in self._workflow_values().items():
                if fname == "level_id" and user != self.user_employee:
                    continue  # the manager (and HR) set the level while held
                with self.subTest(user=user.login, field=fname):
                    before = self._snapshot(appraisal, fnames)
                    with self.assertRaises(AccessError):
                        appraisal.with_user(user).write({fname: value})
                    self.assertEqual(self._snapshot(appraisal, fnames), before)
        with freeze_time("2026-02-16 12:00:00"):
            appraisal.with_user(self.user_manager).action_establish()
        self.assertEqual(appraisal.state, "to_countersign")
        # Established: the level is frozen, also for the manager and HR.
        for user in (self.user_manager, self.user_officer, self.user_director):
            for vals in (
                {"level_id": self.level_very_good.id},
                {"reasons": "Other reasons"},
                {"countersigned_by_id": user.id},
                {"state": "established"},
            ):
                with self.subTest(user=user.login, vals=vals):
                    with self.assertRaises(AccessError):
                        appraisal.with_user(user).write(vals)
        self.assertEqual(appraisal.level_id, self.level_good)
        self.assertEqual(appraisal.state, "to_countersign")
        self.assertFalse(appraisal.countersigned_by_id)
        # The countersignature: the next-level manager, by the action only.
        with self.assertRaises(AccessError):
            appraisal.with_user(self.user_manager).action_countersign()
        with freeze_time("2026-02-17"):
            appraisal.with_user(self.user_director).action_countersign()
        self.assertEqual(appraisal.countersigned_by_id, self.user_director)

    def test_employee_view_only_within_the_term(self):
        appraisal = self._requested()
        with self.assertRaisesRegex(UserError, "until its term ends"):
            appraisal.with_user(self.user_employee).write({"employee_view": "Early"})
        self.assertFalse(appraisal.employee_view)
        appraisal = self._decided()
        with freeze_time("2026-03-01"):
            with self.assertRaises(AccessError):
                appraisal.with_user(self.user_manager).write({"employee_view": "Mine"})
            # The view on its own: no workflow field along with it.
            with self.assertRaises(AccessError):
                appraisal.with_user(self.user_employee).write(
                    {"employee_view": "I agree.", "employee_view_date": "2026-02-01"}
                )
            with self.assertRaises(AccessError):
                appraisal.with_user(self.user_employee).write(
                    {"employee_view": "I agree.", "level_id": self.level_very_good.id}
                )
            self.assertFalse(appraisal.employee_view)
            appraisal.with_user(self.user_employee).write({"employee_view": "I agree."})
        self.assertEqual(appraisal.employee_view_date, date(2026, 3, 1))
        with freeze_time("2026-04-04"):  # the term ended on 2026-04-03
            with self.assertRaisesRegex(UserError, "until its term ends"):
                appraisal.with_user(self.user_employee).write({"employee_view": "Late"})
        self.assertEqual(appraisal.employee_view, "I agree.")
        self.assertEqual(appraisal.employee_view_date, date(2026, 3, 1))

    def test_decisions_are_about_the_same_employee(self):
        appraisal = self._established()
        self._assert_write_refused(
            appraisal.sudo(),
            {"employee_id": self.emp_other.id},
            "the employee appraised",
        )
        self.assertEqual(appraisal.employee_id, self.emp_employee)
        # HR moves a request to another employee only while requested.
        requested = self._requested()
        with self.assertRaises(AccessError):
            appraisal.with_user(self.user_officer).write(
                {"employee_id": self.emp_other.id}
            )
        requested.with_user(self.user_officer).write({"employee_id": self.emp_other.id})
        self.assertEqual(requested.manager_user_id, self.user_manager)

    def test_scale_is_hr_administrators_configuration(self):
        scale = self.level_good.scale_id
        for user in (self.user_employee, self.user_manager, self.user_officer):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    scale.with_user(user).write({"legal_basis": "Mine"})
                with self.assertRaises(AccessError):
                    self.level_good.with_user(user).write({"name": "Excellent"})
                with self.assertRaises(AccessError):
                    self.env["hr.goede.gesprek.appraisal.scale"].with_user(user).create(
                        {"name": "Mine"}
                    )
        self.assertNotEqual(scale.legal_basis, "Mine")
        self.assertEqual(self.level_good.name, "Good")
        admin = self.level_good.with_user(self.user_admin)
        admin.write({"description": "Meets every expectation."})
        # A level stays on its scale: appraisals were established on it.
        other = self.env["hr.goede.gesprek.appraisal.scale"].create({"name": "Other"})
        with self.assertRaises(AccessError):
            admin.write({"scale_id": other.id})
        self.assertEqual(self.level_good.scale_id, scale)
        # A level in use is not deleted (archive the scale instead).
        self._established()
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                admin.unlink()
        self.assertTrue(self.level_good.exists())
