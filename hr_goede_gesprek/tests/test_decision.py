# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import activities_of_type
from .common_legal import LegalCase


@tagged("post_install", "-at_install")
class TestDecision(LegalCase):
    def _assert_refused_to(self, users, error, message, act):
        """``act(user)`` raises ``error`` matching ``message`` for each user."""
        for user in users:
            with self.subTest(user=user.login), self.assertRaisesRegex(error, message):
                act(user)

    def test_issue_numbers_files_and_freezes(self):
        decision = self._draft()
        self.assertEqual(decision.state, "draft")
        self.assertEqual(decision.name, "/")
        self.assertEqual(decision.applicable_route_id, self.route_reconsideration)
        self.assertTrue(decision.with_user(self.user_director).can_issue)
        self.assertFalse(decision.with_user(self.user_manager).can_issue)
        with freeze_time("2026-03-02"):
            decision.with_user(self.user_director).action_issue()
        self.assertEqual(decision.state, "issued")
        self.assertEqual(decision.name, "BES/2026/0001")
        self.assertEqual(decision.date_issued, date(2026, 3, 2))
        self.assertEqual(decision.issued_by_id, self.user_director)
        self.assertEqual(decision.route_id, self.route_reconsideration)
        self.assertIn("6 weeks", decision.dispute_clause)
        self.assertIn(self.route_reconsideration.addressee, decision.dispute_clause)
        self.assertNotIn("{", decision.dispute_clause)
        attachment = decision.attachment_id
        self.assertEqual(attachment.res_model, "hr.employee")
        self.assertEqual(attachment.res_id, self.emp_employee.id)
        self.assertIn(b"Your performance was very good.", attachment.raw)
        self.assertIn(b"BES/2026/0001", attachment.raw)
        # The next one continues; a new year starts again.
        second = self._issued(day="2026-06-01")
        self.assertEqual(second.name, "BES/2026/0002")
        third = self._issued(day="2027-01-04")
        self.assertEqual(third.name, "BES/2027/0001")

    def test_numbering_per_company(self):
        self._issued()
        other_company = self.env["res.company"].create({"name": "Other municipality"})
        other_company.goede_gesprek_signatory_ids = [
            Command.set(self.user_director.ids)
        ]
        decision = self._other_company_decision(other_company)
        with freeze_time("2026-03-03"):
            decision.with_user(self.user_director).with_company(
                other_company
            ).action_issue()
        self.assertEqual(decision.name, "BES/2026/0001")

    def test_bad_input_is_refused_and_nothing_is_lost(self):
        director = self.user_director
        cases = [
            ({"reasons": "   "}, ValidationError, "no reasons"),
            ({"reasons": False}, ValidationError, "no reasons"),
            ({"date_effective": False}, ValidationError, "no effective date"),
            ({"decision_text": ""}, ValidationError, "does not say"),
            ({"is_temporary": True}, ValidationError, "temporary"),
            ({"signatory_id": False}, UserError, "no signatory"),
        ]
        for vals, error, message in cases:
            with self.subTest(vals=vals):
                decision = self._draft(**vals)
                # Without a signatory, the signatory cannot even see the draft.
                issuer = director if decision.signatory_id else self.user_officer
                with self.assertRaisesRegex(error, message):
                    decision.with_user(issuer).action_issue()
                self.assertEqual(decision.state, "draft")
                self.assertEqual(decision.name, "/")
                self.assertEqual(decision.subject, "Salary step")

    def test_only_the_authorised_signatory_issues(self):
        decision = self._draft()
        self._assert_refused_to(
            (self.user_manager, self.user_officer, self.user_admin),
            AccessError,
            "authorised signatory",
            lambda user: decision.with_user(user).action_issue(),
        )
        # Even an authorised signatory cannot sign in someone else's name.
        self.company.goede_gesprek_signatory_ids |= self.user_officer
        with self.assertRaisesRegex(AccessError, "to be signed by Dirk Director"):
            decision.with_user(self.user_officer).action_issue()
        # A non-authorised user cannot be chosen as signatory.
        with self.assertRaisesRegex(ValidationError, "not an authorised signatory"):
            decision.signatory_id = self.user_manager
        self.assertEqual(decision.state, "draft")

    def test_issued_decision_is_immutable(self):
        editors = (self.user_manager, self.user_officer, self.user_director)
        decision = self._issued()
        self._assert_refused_to(
            editors,
            UserError,
            "can no longer be changed",
            lambda user: setattr(decision.with_user(user), "reasons", "Other reasons"),
        )
        # Not even the superuser, not even through the workflow's fields.
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            decision.sudo().write({"reasons": "Other reasons", "amount": 10})
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            decision.with_user(self.user_officer).write({"state": "draft"})
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            decision.sudo().unlink()
        self.assertEqual(decision.reasons, "Your performance was very good.")
        # A chatter message is still possible.
        decision.with_user(self.user_officer).message_post(body="Noted")

    def test_workflow_fields_are_not_writable(self):
        decision = self._draft()
        with self.assertRaises(AccessError):
            decision.with_user(self.user_officer).write({"state": "issued"})
        with self.assertRaises(AccessError):
            decision.with_user(self.user_officer).write({"name": "BES/2026/9999"})
        with self.assertRaises(AccessError):
            self._draft(user=self.user_officer, state="final")

    def test_correction_supersedes(self):
        decision = self._notified()
        action = decision.with_user(self.user_officer).action_correct()
        correction = self.Decision.browse(action["res_id"])
        self.assertEqual(correction.supersedes_id, decision)
        self.assertEqual(correction.state, "draft")
        with self.assertRaisesRegex(UserError, "already being prepared"):
            decision.with_user(self.user_officer).action_correct()
        correction.with_user(self.user_officer).reasons = "Corrected reasons"
        with freeze_time("2026-03-05"):
            correction.with_user(self.user_director).action_issue()
        self.assertEqual(decision.state, "superseded")
        self.assertEqual(decision.superseded_by_id, correction)
        self.assertEqual(correction.name, "BES/2026/0002")
        self.assertIn(b"BES/2026/0001", correction.attachment_id.raw)

    def test_route_follows_regime_sector_topic_and_date(self):
        Route = self.env["hr.goede.gesprek.dispute.route"]
        committee = self.env.ref("hr_goede_gesprek.dispute_route_committee")
        youth = self.env.ref("hr_goede_gesprek.dispute_route_youth_care")
        awb = self.env.ref("hr_goede_gesprek.dispute_route_awb_objection")
        job = self.env.ref("hr_goede_gesprek.legal_topic_job_evaluation")
        on = date(2026, 3, 2)
        self.assertEqual(Route._find_route(self.company, job, on), committee)
        self.assertEqual(
            Route._find_route(self.company, self.topic_salary, on),
            self.route_reconsideration,
        )
        # Own additions to the committee's remit.
        committee.topic_ids |= self.topic_salary
        self.assertEqual(
            Route._find_route(self.company, self.topic_salary, on), committee
        )
        # Validity dates: the committee route ended.
        committee.date_to = date(2026, 1, 1)
        self.assertEqual(
            Route._find_route(self.company, job, on), self.route_reconsideration
        )
        self.company.goede_gesprek_sector = "youth_care"
        self.assertEqual(Route._find_route(self.company, job, on), youth)
        self.company.goede_gesprek_legal_regime = "public"
        self.assertEqual(Route._find_route(self.company, job, on), awb)
        decision = self._issued()
        self.assertEqual(decision.route_id, awb)
        self.assertIn("BES/2026/0001", decision.dispute_clause)
        self.assertIn("bezwaar", decision.dispute_clause)

    def test_no_route_no_issue(self):
        self.env["hr.goede.gesprek.dispute.route"].search([]).active = False
        decision = self._draft()
        with self.assertRaisesRegex(ValidationError, "No dispute route"):
            decision.with_user(self.user_director).action_issue()

    def test_agreement_with_legal_consequence_needs_its_decision(self):
        conversation = self._done()
        agreement = self.env["hr.goede.gesprek.agreement"].create(
            {
                "name": "Work 32 instead of 36 hours",
                "conversation_id": conversation.id,
                "has_legal_consequence": True,
                "legal_topic_id": self.env.ref(
                    "hr_goede_gesprek.legal_topic_hours_less"
                ).id,
            }
        )
        agreement.with_user(self.user_employee).action_confirm()
        agreement.with_user(self.user_manager).action_confirm()
        self.assertEqual(agreement.state, "agreed")
        with self.assertRaisesRegex(UserError, "once its decision has been issued"):
            agreement.with_user(self.user_employee).action_mark_done()
        with self.assertRaises(AccessError):
            agreement.with_user(self.user_employee).action_prepare_decision()
        action = agreement.with_user(self.user_manager).action_prepare_decision()
        decision = self.Decision.browse(action["res_id"])
        self.assertEqual(decision.origin_type, "agreement")
        self.assertEqual(decision.conversation_id, conversation)
        with self.assertRaisesRegex(UserError, "once its decision has been issued"):
            agreement.with_user(self.user_employee).action_mark_done()
        decision.with_user(self.user_manager).write(
            {
                "reasons": "Fits the team's planning.",
                "date_effective": "2026-05-01",
                "signatory_id": self.user_director.id,
            }
        )
        with freeze_time("2026-03-20"):
            decision.with_user(self.user_director).action_issue()
            agreement.with_user(self.user_employee).action_mark_done()
        self.assertEqual(agreement.state, "done")
        # An agreement without legal consequences is closed as before.
        plain = self.env["hr.goede.gesprek.agreement"].create(
            {"name": "Read a book", "conversation_id": conversation.id}
        )
        plain.with_user(self.user_employee).action_confirm()
        plain.with_user(self.user_manager).action_confirm()
        plain.with_user(self.user_employee).action_mark_done()
        self.assertEqual(plain.state, "done")

    def test_activities(self):
        decision = self._draft()
        sign = "hr_goede_gesprek.mail_activity_type_sign_decision"
        ack = "hr_goede_gesprek.mail_activity_type_acknowledge_decision"
        self.assertEqual(activities_of_type(decision, sign).user_id, self.user_director)
        with freeze_time("2026-03-02"):
            decision.with_user(self.user_director).action_issue()
        self.assertFalse(activities_of_type(decision, sign))
        self.assertEqual(activities_of_type(decision, ack).user_id, self.user_employee)
        with freeze_time("2026-03-03"):
            decision.with_user(self.user_employee).action_acknowledge()
        self.assertFalse(decision.activity_ids)

    def test_cron_is_batched(self):
        decisions = self._notified() | self._notified()
        with freeze_time("2026-06-01"):
            worker = self.Decision.with_user(self.env.ref("hr_goede_gesprek.user_cron"))
            self.assertEqual(worker._batch_mark_final(batch_size=1), (1, 1))
            self.Decision._cron_mark_final(batch_size=1)
        self.assertEqual(set(decisions.mapped("state")), {"final"})
        cron = self.env.ref("hr_goede_gesprek.ir_cron_decision_mark_final")
        self.assertEqual(cron.code, "model._cron_mark_final()")
