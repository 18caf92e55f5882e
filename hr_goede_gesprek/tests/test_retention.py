# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Retention: rules as data, destroy dates, legal hold, the destruction run
(on every document type, twice), its log, the employee-deletion guard, access
per role and bad input."""

import logging
from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common_legal import LegalCase

_logger = logging.getLogger(__name__)

DEPARTURE = "2026-06-30"
# Every term has run: 2 years after the departure, 7 after the payment.
LATER = "2034-01-02"


@tagged("post_install", "-at_install", "retention")
class TestRetention(LegalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The shipped rules only (the demo data adds a company's own rule).
        demo = cls.env.ref(
            "hr_goede_gesprek.retention_rule_feedback_demo", raise_if_not_found=False
        )
        if demo:
            demo.active = False
        cls.rule_ap_decision = cls.env.ref("hr_goede_gesprek.retention_rule_decision")
        cls.rule_municipal_decision = cls.env.ref(
            "hr_goede_gesprek.retention_rule_decision_municipal"
        )
        cls.rule_conversation = cls.env.ref(
            "hr_goede_gesprek.retention_rule_conversation"
        )
        cls.rule_reward = cls.env.ref("hr_goede_gesprek.retention_rule_reward")

    # ------------------------------------------------------------------
    # Fixtures: one document of every type about Eva
    # ------------------------------------------------------------------
    def _documents(self):
        conversation = self._done()
        conversation.message_post(body="A note that names a colleague.")
        agreement = self.env["hr.goede.gesprek.agreement"].create(
            {
                "name": "Follow a course",
                "employee_id": self.emp_employee.id,
                "conversation_id": conversation.id,
            }
        )
        appraisal = self.Appraisal.create({"employee_id": self.emp_employee.id})
        decision = self._notified()
        with freeze_time("2026-03-10"):
            objection = self.Objection.create(
                {"decision_id": decision.id, "grounds": "I do not agree."}
            )
        hours = self._hours_request()
        reward = (
            self.env["hr.goede.gesprek.reward"]
            .sudo()
            .create(
                {
                    "name": "Project bonus",
                    "reason": "Delivered the project.",
                    "employee_id": self.emp_employee.id,
                    "amount_net": 100.0,
                    "date": "2026-03-01",
                }
            )
        )
        # As paid by payroll (the workflow is tested in test_reward).
        reward.write({"state": "paid", "payment_date": "2026-03-31"})
        feedback = self.Request.create(
            {
                "name": "Feedback on the project",
                "employee_id": self.emp_employee.id,
                "deadline": "2026-04-30",
            }
        )
        self.env["ir.attachment"].create(
            {
                "name": "personnel-file.pdf",
                "raw": b"%PDF-1.4 demo",
                "res_model": appraisal._name,
                "res_id": appraisal.id,
            }
        )
        return {
            "conversation": conversation,
            "agreement": agreement,
            "appraisal": appraisal,
            "decision": decision,
            "objection": objection,
            "hours_request": hours,
            "reward": reward,
            "feedback": feedback,
        }

    def _leave(self, employee=None, day=DEPARTURE):
        (employee or self.emp_employee).departure_date = day

    def _run(self, day=LATER):
        with freeze_time(day):
            return self.Rule._cron_destroy_due()

    # ------------------------------------------------------------------
    # Destroy dates
    # ------------------------------------------------------------------
    def test_destroy_date_from_departure(self):
        conversation = self._done()
        self.assertFalse(conversation.retention_date, "employed: no term runs yet")
        self._leave()
        self.assertEqual(conversation.retention_date, date(2028, 6, 30))
        self.assertEqual(conversation.retention_rule_id, self.rule_conversation)

    def test_destroy_date_sector_and_payment(self):
        """Municipalities keep decisions 10 years after issue (Selectielijst);
        other sectors 2 years after employment ends (AP guideline). Rewards: 7
        years after payment."""
        decision = self._issued()
        self.assertEqual(decision.retention_rule_id, self.rule_municipal_decision)
        self.assertEqual(decision.retention_date, date(2036, 3, 2))
        self.company.goede_gesprek_sector = "other"
        decision.invalidate_recordset()
        self.env.add_to_compute(decision._fields["retention_date"], decision)
        self.env.add_to_compute(decision._fields["retention_rule_id"], decision)
        self._leave()
        self.assertEqual(decision.retention_rule_id, self.rule_ap_decision)
        self.assertEqual(decision.retention_date, date(2028, 6, 30))
        reward = self._documents()["reward"]
        self.assertEqual(reward.retention_rule_id, self.rule_reward)
        self.assertEqual(reward.retention_date, date(2033, 3, 31))

    def test_rule_change_recomputes(self):
        conversation = self._done()
        self._leave()
        self.rule_conversation.with_user(self.user_admin).term_years = 3
        self.assertEqual(conversation.retention_date, date(2029, 6, 30))
        own = self.Rule.with_user(self.user_admin).create(
            {
                "name": "Own policy",
                "document_type": "conversation",
                "start_event": "employment_end",
                "term_years": 1,
                "term_months": 6,
                "company_id": self.company.id,
                "source": "Works council",
                "sequence": 50,
            }
        )
        self.assertEqual(conversation.retention_rule_id, own, "the company's wins")
        self.assertEqual(conversation.retention_date, date(2027, 12, 30))

    def test_validity_dates(self):
        conversation = self._done()
        self.rule_conversation.valid_to = "2025-12-31"
        self._leave()
        self.assertFalse(conversation.retention_date, "no rule valid in 2026")

    # ------------------------------------------------------------------
    # The run, on every document type, twice
    # ------------------------------------------------------------------
    def test_cron_every_type_twice(self):
        self.company.goede_gesprek_sector = "other"
        docs = self._documents()
        event = docs["conversation"].calendar_event_id
        self._leave()
        for kind, record in docs.items():
            self.assertTrue(record.retention_date, f"{kind} has a destroy date")
        self.assertEqual(self._run("2028-06-29"), 0, "not due before the day")
        logs_before = self.Log.search_count([])
        self.assertEqual(self._run(), 8)
        conversation = docs.pop("conversation")
        for kind, record in docs.items():
            self.assertFalse(record.exists(), f"{kind} is deleted")
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("res_model", "=", "hr.goede.gesprek.appraisal")]
            ),
            "the personnel-file PDF went with its record",
        )
        # The conversation is anonymised: statistics survive, content does not.
        self.assertTrue(conversation.exists())
        self.assertEqual(conversation.state, "done")
        self.assertEqual(conversation.department_id, self.department)
        self.assertEqual(conversation.conversation_type, "good")
        self.assertTrue(conversation.date_start)
        self.assertTrue(conversation.retention_anonymised_date)
        self.assertNotIn("project", conversation.report_summary)
        self.assertEqual(conversation.employee_view, "(anonymised)")
        self.assertFalse(conversation.location)
        self.assertFalse(conversation.employee_signature)
        self.assertFalse(conversation.calendar_event_id)
        self.assertFalse(event.exists())
        self.assertFalse(
            self.env["mail.message"].search(
                [("model", "=", "hr.goede.gesprek"), ("res_id", "=", conversation.id)]
            )
        )
        self.assertTrue(
            all(
                line.name == "(anonymised)" and not line.notes
                for line in conversation.agenda_line_ids
            )
        )
        logs = self.Log.search([], order="id desc", limit=8)
        self.assertEqual(self.Log.search_count([]) - logs_before, 8)
        self.assertEqual(
            set(logs.mapped("res_model")),
            {
                "hr.goede.gesprek",
                "hr.goede.gesprek.agreement",
                "hr.goede.gesprek.appraisal",
                "hr.goede.gesprek.decision",
                "hr.goede.gesprek.objection",
                "hr.goede.gesprek.hours.request",
                "hr.goede.gesprek.reward",
                "hr.goede.gesprek.feedback.request",
            },
        )
        log = logs.filtered(lambda entry: entry.res_model == "hr.goede.gesprek")
        self.assertEqual(log.action, "anonymise")
        self.assertEqual(log.record_count, 1)
        self.assertEqual(log.rule_id, self.rule_conversation)
        self.assertEqual(log.trigger, "cron")
        self.assertNotIn("Eva", " ".join(str(v) for v in log.read()[0].values()))
        # Twice in a row: nothing more to do, nothing logged.
        self.assertEqual(self._run(), 0)
        self.assertEqual(self.Log.search_count([]) - logs_before, 8)

    def test_legal_hold_skips(self):
        self.company.goede_gesprek_sector = "other"
        decision = self._issued()
        self._leave()
        wizard = Form(
            self.env["hr.goede.gesprek.legal.hold"]
            .with_user(self.user_officer)
            .with_context(active_model=decision._name, active_ids=decision.ids)
        )
        wizard.reason = "Court case pending"
        wizard.save().action_confirm()
        self.assertTrue(decision.legal_hold)
        self.assertIn("Court case pending", decision.message_ids[0].body)
        self.assertEqual(self._run(), 0)
        self.assertTrue(decision.exists())
        # Bad input: destroying it by hand is refused, nothing lost.
        with freeze_time(LATER), self.assertRaises(UserError):
            decision.with_user(self.user_admin).action_retention_destroy()
        with self.assertRaises(UserError):
            decision.sudo()._retention_destroy_batch("cron")
        self.assertTrue(decision.exists())
        # Lifted, with a reason: the next run destroys it.
        wizard = Form(
            self.env["hr.goede.gesprek.legal.hold"]
            .with_user(self.user_officer)
            .with_context(active_model=decision._name, active_ids=decision.ids)
        )
        self.assertEqual(wizard.mode, "lift")
        wizard.reason = "Case closed"
        wizard.save().action_confirm()
        self.assertFalse(decision.legal_hold)
        self.assertEqual(self._run(), 1)
        self.assertFalse(decision.exists())

    def test_legal_hold_reason_required(self):
        decision = self._issued()
        wizard = self.env["hr.goede.gesprek.legal.hold"].with_user(self.user_officer)
        with self.assertRaises(UserError):
            decision.with_user(self.user_officer)._do_legal_hold(True, "  ")
        blank = wizard.create(
            {"res_model": decision._name, "res_ids": str(decision.id), "reason": " "}
        )
        with self.assertRaises(UserError):
            blank.action_confirm()
        self.assertFalse(decision.legal_hold)

    def test_legal_hold_per_role(self):
        decision = self._issued()
        for user in (self.user_employee, self.user_manager, self.user_portal):
            with self.assertRaises(AccessError):
                decision.with_user(user).action_open_legal_hold()
            with self.assertRaises(AccessError):
                decision.with_user(user)._check_can_legal_hold()
        # Not over RPC: the hold is no role's field (an issued decision
        # refuses every change anyway).
        draft = self._draft()
        for record in (decision, draft):
            with self.assertRaises(UserError):
                record.with_user(self.user_officer).write({"legal_hold": True})
            with self.assertRaises(UserError):
                record.with_user(self.user_admin).write(
                    {"retention_date": "2020-01-01"}
                )
        with self.assertRaises(AccessError):
            draft.with_user(self.user_officer).write({"legal_hold": True})
        self.assertFalse(draft.legal_hold or decision.legal_hold)
        action = decision.with_user(self.user_officer).action_open_legal_hold()
        self.assertEqual(action["res_model"], "hr.goede.gesprek.legal.hold")
        # A model outside the documents is refused.
        wizard = (
            self.env["hr.goede.gesprek.legal.hold"]
            .with_user(self.user_officer)
            .create({"res_model": "res.partner", "res_ids": "1", "reason": "Attack"})
        )
        with self.assertRaises(UserError):
            wizard.action_confirm()

    def test_user_destroy_needs_admin_and_due(self):
        self.company.goede_gesprek_sector = "other"
        decision = self._issued()
        self._leave()
        with freeze_time(LATER), self.assertRaises(AccessError):
            decision.with_user(self.user_officer).action_retention_destroy()
        with freeze_time("2027-01-01"), self.assertRaises(UserError):
            decision.with_user(self.user_admin).action_retention_destroy()
        with self.assertRaises(AccessError):
            decision.with_user(self.user_admin)._retention_destroy_batch("user")
        with freeze_time(LATER):
            decision.with_user(self.user_admin).action_retention_destroy()
        self.assertFalse(decision.exists())
        log = self.Log.search([], order="id desc", limit=1)
        self.assertEqual((log.trigger, log.user_id), ("user", self.user_admin))

    # ------------------------------------------------------------------
    # Locked records leave only through the run
    # ------------------------------------------------------------------
    def test_expired_locked_unlink_refused(self):
        self.company.goede_gesprek_sector = "other"
        conversation = self._done()
        decision = self._issued()
        self._leave()
        with freeze_time(LATER):
            for record in (conversation, decision):
                self.assertLess(record.retention_date, date(2034, 1, 2))
                with self.assertRaises(UserError):
                    record.with_user(self.user_officer).unlink()
                with self.assertRaises(UserError):
                    record.sudo().unlink()
            with self.assertRaises(UserError):
                conversation.sudo().write({"report_summary": "<p>Rewritten</p>"})
        self.assertTrue(conversation.exists() and decision.exists())
        self.assertFalse(conversation.sudo()._retention_destroying())

    def test_employee_deletion_guard(self):
        conversation = self._done()
        self.emp_employee.action_archive()
        self.assertTrue(conversation.exists(), "archiving keeps the records")
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            self.emp_employee.unlink()
        self.assertTrue(conversation.exists())
        # Without locked records the employee can go (their drafts with them).
        newcomer = self.env["hr.employee"].create({"name": "Nina Newcomer"})
        self.Conversation.create({"employee_id": newcomer.id})
        newcomer.unlink()
        self.assertFalse(newcomer.exists())

    # ------------------------------------------------------------------
    # Access per role
    # ------------------------------------------------------------------
    def test_access_per_role(self):
        for user in (self.user_employee, self.user_manager, self.user_portal):
            with self.assertRaises(AccessError):
                self.Rule.with_user(user).search([])
            with self.assertRaises(AccessError):
                self.Log.with_user(user).search([])
        officer_rules = self.Rule.with_user(self.user_officer).search([])
        self.assertIn(self.rule_conversation, officer_rules)
        with self.assertRaises(AccessError):
            self.rule_conversation.with_user(self.user_officer).term_years = 1
        with self.assertRaises(AccessError):
            self.Log.with_user(self.user_officer).search([])
        # HR administrators keep the rules and read the log, never write it.
        self.rule_conversation.with_user(self.user_admin).term_years = 3
        self.assertEqual(self.rule_conversation.term_years, 3)
        self.Log.with_user(self.user_admin).search([])
        log = self.Log.sudo().create(
            {"res_model": "hr.goede.gesprek", "action": "delete", "trigger": "cron"}
        )
        with self.assertRaises(AccessError):
            log.with_user(self.user_admin).write({"record_count": 5})
        with self.assertRaises(AccessError):
            log.with_user(self.user_admin).unlink()
        with self.assertRaises(AccessError):
            self.Log.with_user(self.user_admin).create(
                {"res_model": "x", "action": "delete", "trigger": "user"}
            )
        # The forms: everyone sees the destroy date, HR the rule and the hold.
        for user, sees_rule in (
            (self.user_employee, False),
            (self.user_manager, False),
            (self.user_officer, True),
        ):
            arch = self.Conversation.with_user(user).get_views([(False, "form")])[
                "views"
            ]["form"]["arch"]
            self.assertIn('name="retention_date"', arch)
            self.assertEqual('name="retention_rule_id"' in arch, sees_rule)
            self.assertEqual('name="action_open_legal_hold"' in arch, sees_rule)
        cron = self.env.ref("hr_goede_gesprek.ir_cron_retention_destroy_due")
        self.assertEqual(cron.code, "model._cron_destroy_due()")
        # Every user sees their document's destroy date.
        conversation = self._done()
        self._leave()
        self.assertTrue(
            conversation.with_user(self.user_employee).read(["retention_date"])
        )

    # ------------------------------------------------------------------
    # Bad input: invalid rules
    # ------------------------------------------------------------------
    def test_invalid_rules(self):
        Rule = self.Rule.with_user(self.user_admin)
        base = {
            "name": "Bad",
            "document_type": "appraisal",
            "source": "Test",
        }
        with self.assertRaises(ValidationError):
            Rule.create({**base, "term_years": -1})
        with self.assertRaises(ValidationError):
            Rule.create({**base, "term_years": 0, "term_months": 0})
        with self.assertRaises(ValidationError):
            Rule.create(
                {
                    **base,
                    "term_years": 2,
                    "valid_from": "2026-01-01",
                    "valid_to": "2025-01-01",
                }
            )
        with self.assertRaises(ValidationError):
            self.rule_conversation.with_user(self.user_admin).term_months = -3

    # ------------------------------------------------------------------
    # Queries per batch: the same for 10 and 30 records
    # ------------------------------------------------------------------
    def _batch_queries(self, model, count, vals):
        employee = self.env["hr.employee"].create(
            {"name": f"Batch {count}", "departure_date": "2020-01-31"}
        )
        records = (
            self.env[model]
            .sudo()
            .create([dict(vals, employee_id=employee.id) for _i in range(count)])
        )
        for record in records:
            record.message_post(body="A message")
        self.env.flush_all()
        self.env.invalidate_all()
        records = records.browse(records.ids).sudo()
        start = self.cr.sql_log_count
        records._retention_destroy_batch("cron")
        self.env.flush_all()
        return self.cr.sql_log_count - start

    def _assert_batch_queries_flat(self, kind, model, vals):
        """A batch of 30 ``model`` records is destroyed in as many queries as
        one of 10 (after a warm-up batch of 3)."""
        self._batch_queries(model, 3, vals)  # warm-up
        few = self._batch_queries(model, 10, vals)
        many = self._batch_queries(model, 30, vals)
        _logger.info(
            "Retention batch (%s): %s queries for 10, %s for 30", kind, few, many
        )
        self.assertEqual(few, many, f"{kind}: {few} queries for 10, {many} for 30")

    def test_queries_per_batch_delete(self):
        vals = {"period_start": "2019-01-01", "period_end": "2019-12-31"}
        self._assert_batch_queries_flat("delete", "hr.goede.gesprek.appraisal", vals)

    def test_queries_per_batch_anonymise(self):
        vals = {
            "report_summary": "<p>Private</p>",
            "agenda_line_ids": [Command.create({"name": "Workload", "notes": "x"})],
        }
        self._assert_batch_queries_flat("anonymise", "hr.goede.gesprek", vals)
