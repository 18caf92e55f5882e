# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Integrity of decisions, their letter and their configuration, tried by the
users who would attack them: every call is one an ordinary login can make
over RPC (any values, any context), and each test checks the refusal *and*
that nothing changed."""

import io
from contextlib import contextmanager

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_legal import DECISION_REPORT, ISSUE_DAY, LegalCase


@tagged("post_install", "-at_install", "access_rights")
class TestIntegrityDecision(LegalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Records about Otto, a colleague in the same team as Eva.
        cls.appraisal_other = cls.Appraisal.create({"employee_id": cls.emp_other.id})
        cls.hours_request_other = cls.Hours.create(
            {"employee_id": cls.emp_other.id, "date_start": "2027-06-01"}
        )

    @contextmanager
    def _refused(self, exception, regex=""):
        """The call is refused, and, as for an RPC call, what it did is rolled
        back (the savepoint inside; AccessError and ValidationError are
        UserErrors)."""
        with self.assertRaisesRegex(exception, regex), self.env.cr.savepoint():
            yield

    def _snapshot(self, decision):
        fnames = [
            "name",
            "state",
            "employee_id",
            "signatory_id",
            "reasons",
            "supersedes_id",
            "origin_appraisal_id",
            "origin_hours_request_id",
            "attachment_id",
        ]
        decision.invalidate_recordset()
        return decision.sudo().read(fnames)[0]

    # ------------------------------------------------------------------
    # Links to other records: the origin and the corrected decision
    # ------------------------------------------------------------------
    def test_origin_and_correction_links_are_not_given_over_rpc(self):
        """The manager may not point a new draft at an origin or at a decision
        to correct, not even of the same employee: the prepare and correct
        actions set these links."""
        issued_other = self._issued(employee_id=self.emp_other.id)
        issued_own = self._issued()
        count = self.Decision.search_count([])
        attacks = {
            "origin_appraisal_id": self.appraisal_other.id,
            "origin_hours_request_id": self.hours_request_other.id,
            "supersedes_id": issued_other.id,
        }
        for fname, value in attacks.items():
            for employee in (self.emp_employee, self.emp_other):
                with (
                    self.subTest(field=fname, employee=employee.name),
                    self._refused(AccessError, "You may not set"),
                ):
                    self._draft(employee_id=employee.id, **{fname: value})
        with self._refused(AccessError):
            self._draft(supersedes_id=issued_own.id)
        self.assertEqual(self.Decision.search_count([]), count)
        self.assertEqual(issued_other.state, "issued")
        self.assertEqual(self.appraisal_other.decision_ids, self.Decision)

    def test_links_are_not_smuggled_in_as_context_defaults(self):
        """``default_*`` context keys are the caller's too."""
        appraisal_own = self.env["hr.goede.gesprek.appraisal"].create(
            {"employee_id": self.emp_employee.id}
        )
        issued_own = self._issued()
        count = self.Decision.search_count([])
        for key, value in (
            ("default_origin_appraisal_id", appraisal_own.id),
            ("default_origin_appraisal_id", self.appraisal_other.id),
            ("default_supersedes_id", issued_own.id),
            ("default_state", "issued"),
            ("default_name", "BES/2026/0001"),
        ):
            with self.subTest(key=key, value=value), self._refused(UserError):
                self.Decision.with_user(self.user_manager).with_context(
                    **{key: value}
                ).create(
                    {
                        "employee_id": self.emp_employee.id,
                        "topic_id": self.topic_salary.id,
                        "subject": "Smuggled",
                    }
                )
        self.assertEqual(self.Decision.search_count([]), count)
        self.assertFalse(appraisal_own.decision_ids)

    def test_context_defaults_do_not_reach_the_workflow(self):
        """The workflow's own sudo steps ignore the caller's default_* keys."""
        issued = self._notified()
        action = (
            issued.with_user(self.user_officer)
            .with_context(default_state="final", default_name="BES/2026/0666")
            .action_correct()
        )
        correction = self.Decision.browse(action["res_id"])
        self.assertEqual(correction.state, "draft")
        self.assertEqual(correction.name, "/")
        # The letter is filed, never published.
        draft = self._draft()
        with freeze_time(ISSUE_DAY):
            draft.with_user(self.user_director).with_context(
                default_public=True
            ).action_issue()
        self.assertFalse(draft.attachment_id.sudo().public)
        # An origin's prepare action cannot be given a correction link.
        issued_other = self._issued(employee_id=self.emp_other.id)
        prepared = (
            self.Decision.with_user(self.user_manager)
            .with_context(default_supersedes_id=issued_other.id, default_state="issued")
            ._create_from_origin(
                {
                    "employee_id": self.emp_other.id,
                    "topic_id": self.topic_salary.id,
                    "subject": "Hours",
                    "origin_hours_request_id": self.hours_request_other.id,
                }
            )
        )
        self.assertFalse(prepared.supersedes_id)
        self.assertEqual(prepared.state, "draft")
        self.assertEqual(issued_other.state, "issued")

    def test_links_are_not_written_on_a_draft(self):
        issued_other = self._issued(employee_id=self.emp_other.id)
        draft = self._draft()
        before = self._snapshot(draft)
        attacks = {
            "origin_appraisal_id": self.appraisal_other.id,
            "origin_hours_request_id": self.hours_request_other.id,
            "supersedes_id": issued_other.id,
        }
        for user in (self.user_manager, self.user_officer, self.user_director):
            for fname, value in attacks.items():
                with (
                    self.subTest(user=user.login, field=fname),
                    self._refused(AccessError),
                ):
                    draft.with_user(user).write({fname: value})
        self.assertEqual(self._snapshot(draft), before)
        # Issuing the draft leaves Otto's decision alone.
        with freeze_time(ISSUE_DAY):
            draft.with_user(self.user_director).action_issue()
        self.assertEqual(issued_other.state, "issued")
        self.assertFalse(issued_other.superseded_by_id)

    def test_copy_cannot_smuggle_a_correction_link(self):
        issued_other = self._issued(employee_id=self.emp_other.id)
        draft = self._draft()
        count = self.Decision.search_count([])
        with self._refused(AccessError):
            draft.with_user(self.user_manager).copy({"supersedes_id": issued_other.id})
        self.assertEqual(self.Decision.search_count([]), count)
        self.assertEqual(issued_other.state, "issued")

    def test_links_must_be_about_the_same_employee(self):
        """Even code that runs as the superuser cannot link a decision to the
        records of another employee."""
        issued_other = self._issued(employee_id=self.emp_other.id)
        count = self.Decision.search_count([])
        base = {
            "employee_id": self.emp_employee.id,
            "topic_id": self.topic_salary.id,
            "subject": "Linked elsewhere",
        }
        for fname, value in {
            "origin_appraisal_id": self.appraisal_other.id,
            "origin_hours_request_id": self.hours_request_other.id,
            "supersedes_id": issued_other.id,
        }.items():
            with (
                self.subTest(field=fname),
                self._refused(ValidationError, "not about Eva Employee"),
            ):
                self.Decision.sudo().create(dict(base, **{fname: value}))
        self.assertEqual(self.Decision.search_count([]), count)
        # Nor can the employee of a linked draft be changed to someone else.
        correction = self.Decision.browse(
            self._issued().with_user(self.user_officer).action_correct()["res_id"]
        )
        with self._refused(ValidationError, "not about Otto Other"):
            correction.with_user(self.user_officer).employee_id = self.emp_other
        self.assertEqual(correction.employee_id, self.emp_employee)

    def test_prepare_from_origin_checks_the_preparer(self):
        """The origins' prepare actions go through ``_create_from_origin``,
        which checks again who prepares."""
        vals = {
            "employee_id": self.emp_other.id,
            "topic_id": self.topic_salary.id,
            "subject": "Hours",
            "origin_hours_request_id": self.hours_request_other.id,
        }
        count = self.Decision.search_count([])
        for user in (self.user_employee, self.user_other, self.user_director):
            with (
                self.subTest(user=user.login),
                self._refused(AccessError, "Only HR or the manager"),
            ):
                self.Decision.with_user(user)._create_from_origin(vals)
        self.assertEqual(self.Decision.search_count([]), count)
        decision = self.Decision.with_user(self.user_manager)._create_from_origin(vals)
        self.assertEqual(decision.origin_hours_request_id, self.hours_request_other)
        self.assertEqual(decision.create_uid, self.user_manager)

    def test_manager_keeps_a_draft_within_the_team(self):
        draft = self._draft()
        with self._refused(UserError, "Only HR or the manager of"):
            draft.with_user(self.user_manager).employee_id = self.emp_officer
        self.assertEqual(draft.employee_id, self.emp_employee)
        draft.with_user(self.user_manager).employee_id = self.emp_other
        self.assertEqual(draft.employee_id, self.emp_other)
        # Colleagues and the employee prepare nothing.
        for user in (self.user_other, self.user_employee):
            with self.subTest(user=user.login), self._refused(AccessError):
                self._draft(user=user)

    # ------------------------------------------------------------------
    # Signatories
    # ------------------------------------------------------------------
    def test_naming_oneself_signatory_does_not_make_one(self):
        draft = self._draft()
        before = self._snapshot(draft)
        for user in (self.user_manager, self.user_officer):
            with (
                self.subTest(user=user.login),
                self._refused(ValidationError, "not an authorised signatory"),
            ):
                draft.with_user(user).write({"signatory_id": user.id})
            with self._refused(ValidationError, "not an authorised"):
                self._draft(user=user, signatory_id=user.id)
            with self._refused(AccessError):
                draft.with_user(user).action_issue()
            self.assertFalse(draft.with_user(user).can_issue)
        # The workflow fields themselves are out of reach.
        with self._refused(AccessError):
            draft.with_user(self.user_manager).write(
                {"state": "issued", "issued_by_id": self.user_manager.id}
            )
        self.assertEqual(self._snapshot(draft), before)

    def test_a_former_signatory_no_longer_issues(self):
        draft = self._draft()
        self.company.goede_gesprek_signatory_ids = [Command.clear()]
        with self._refused(AccessError, "authorised signatory"):
            draft.with_user(self.user_director).action_issue()
        self.assertFalse(draft.with_user(self.user_director).can_issue)
        self.assertEqual(draft.state, "draft")
        self.assertEqual(draft.name, "/")

    def test_nobody_signs_in_their_own_case(self):
        """Dirk, a signatory, is Maria's manager: a decision about himself
        cannot name him as its signatory."""
        self.emp_director.parent_id = False
        with self._refused(ValidationError, "about themselves"):
            self._draft(user=self.user_officer, employee_id=self.emp_director.id)
        draft = self._draft(
            user=self.user_officer, employee_id=self.emp_director.id, signatory_id=False
        )
        with self._refused(ValidationError, "about themselves"):
            draft.with_user(self.user_officer).signatory_id = self.user_director
        self.assertFalse(draft.signatory_id)

    def test_the_signatory_completes_the_text_only(self):
        draft = self._draft()
        director = self.user_director
        draft.with_user(director).reasons = "Reasons checked by the signatory."
        self.assertEqual(draft.reasons, "Reasons checked by the signatory.")
        for vals in (
            {"employee_id": self.emp_other.id},
            {"signatory_id": False},
            {"name": "BES/2026/0042"},
        ):
            with self.subTest(vals=vals), self._refused(AccessError):
                draft.with_user(director).write(vals)
        self.assertEqual(draft.employee_id, self.emp_employee)
        self.assertEqual(draft.signatory_id, director)

    # ------------------------------------------------------------------
    # Issued decisions are final
    # ------------------------------------------------------------------
    def test_issued_decisions_change_through_the_workflow_only(self):
        decision = self._issued()
        before = self._snapshot(decision)
        attacks = [
            {"reasons": "Other reasons"},
            {"employee_id": self.emp_other.id},
            {"signatory_id": self.user_director.id, "amount": 99.0},
            {"state": "draft"},
            {"name": "BES/2026/0099"},
            {"date_notified": "2026-03-03", "notification_channel": "delivery"},
            {"supersedes_id": False, "attachment_id": False},
            {"objection_ids": [Command.create({"grounds": "Smuggled"})]},
        ]
        for user in (
            self.user_employee,
            self.user_manager,
            self.user_officer,
            self.user_admin,
            self.user_director,
        ):
            for vals in attacks:
                with (
                    self.subTest(user=user.login, vals=vals),
                    self._refused(UserError),
                ):
                    decision.with_user(user).write(vals)
            with (
                self.subTest(user=user.login),
                self._refused(UserError),
            ):
                decision.with_user(user).unlink()
        self.assertEqual(self._snapshot(decision), before)
        self.assertFalse(decision.objection_ids)

    # ------------------------------------------------------------------
    # Private data in the letter
    # ------------------------------------------------------------------
    def _letter_html(self, decision, user):
        html, _type = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render_qweb_html(DECISION_REPORT, decision.ids)
        )
        return html.decode()

    def test_preview_shows_the_private_address_only_to_who_may_read_it(self):
        self.emp_employee.write(
            {"private_street": "Geheimstraat 7", "private_city": "Utrecht"}
        )
        draft = self._draft()
        # Maria (manager) and Dirk (signatory) may not read private fields.
        for user in (self.user_manager, self.user_director):
            with self.subTest(user=user.login):
                html = self._letter_html(draft, user)
                self.assertIn("Eva Employee", html)
                self.assertNotIn("Geheimstraat", html)
                self.assertNotIn("Utrecht", html)
        self.assertIn("Geheimstraat 7", self._letter_html(draft, self.user_officer))
        with freeze_time(ISSUE_DAY):
            draft.with_user(self.user_director).action_issue()
        # The filed letter is addressed to the employee.
        self.assertIn(b"Geheimstraat 7", draft.attachment_id.raw)
        self.assertIn("Geheimstraat 7", self._letter_html(draft, self.user_employee))
        self.assertNotIn("Geheimstraat", self._letter_html(draft, self.user_manager))

    @mute_logger("odoo.addons.base.models.ir_actions_report")
    def test_frozen_letter_only_to_who_may_read_the_address(self):
        decision = self._issued()
        # What wkhtmltopdf would have filed (tests render HTML).
        letter = decision.attachment_id.sudo()
        letter.write({"raw": b"%PDF-1.4 frozen letter", "mimetype": "application/pdf"})
        report = self.env["ir.actions.report"]._get_report(DECISION_REPORT)
        for user, expected in (
            (self.user_employee, letter),
            (self.user_officer, letter),
            (self.user_manager, None),
            (self.user_director, None),
        ):
            with self.subTest(user=user.login):
                found = report.with_user(user).retrieve_attachment(
                    decision.with_user(user)
                )
                self.assertEqual(found or None, expected)
        # A copy rendered for the manager is never filed.
        streams = {decision.id: {"stream": io.BytesIO(b"copy"), "attachment": None}}
        vals_list = (
            self.env["ir.actions.report"]
            .with_user(self.user_manager)
            ._prepare_pdf_report_attachment_vals_list(report, streams)
        )
        self.assertEqual(vals_list, [])

    # ------------------------------------------------------------------
    # Decision numbers
    # ------------------------------------------------------------------
    def _sequences(self, company):
        return (
            self.env["ir.sequence"]
            .sudo()
            .search(
                [
                    ("code", "=", "hr.goede.gesprek.decision"),
                    ("company_id", "=", company.id),
                ]
            )
        )

    def test_a_new_company_is_numbered_before_its_first_decision(self):
        company = self.env["res.company"].create({"name": "New municipality"})
        sequence = self._sequences(company)
        self.assertEqual(len(sequence), 1)
        self.assertEqual(sequence.implementation, "no_gap")
        self.assertTrue(sequence.use_date_range)
        self.assertEqual(len(self._sequences(self.company)), 1)
        # The install/update step adds nothing that exists.
        self.env["res.company"]._goede_gesprek_ensure_decision_sequences()
        self.assertEqual(self._sequences(company), sequence)
        self.assertEqual(len(self._sequences(self.company)), 1)

    def test_numbering_uses_the_existing_sequence(self):
        sequence = self._sequences(self.company)
        all_sequences = self.env["ir.sequence"].sudo().search_count([])
        decision = self._issued()
        self.assertEqual(decision.name, "BES/2026/0001")
        self.assertEqual(self.env["ir.sequence"].sudo().search_count([]), all_sequences)
        self.assertEqual(self._sequences(self.company), sequence)
        # A lost sequence is not silently restarted: its numbers would repeat.
        sequence.unlink()
        draft = self._draft()
        with (
            freeze_time("2026-04-01"),
            self._refused(UserError, "numbering of .* is missing"),
        ):
            draft.with_user(self.user_director).action_issue()
        self.assertEqual(draft.state, "draft")
        self.assertEqual(draft.name, "/")
        self.assertFalse(self._sequences(self.company))

    def test_a_company_without_numbers_gets_its_sequence_back(self):
        """The safety net: a company that lost its sequence before its first
        decision gets exactly one, at its first decision."""
        company = self.env["res.company"].create(
            {
                "name": "Other municipality",
                "goede_gesprek_signatory_ids": [Command.set(self.user_director.ids)],
            }
        )
        self._sequences(company).unlink()
        decision = self._other_company_decision(company)
        with freeze_time(ISSUE_DAY):
            decision.with_user(self.user_director).with_company(company).action_issue()
        self.assertEqual(len(self._sequences(company)), 1)
        self.assertEqual(decision.name, "BES/2026/0001")

    # ------------------------------------------------------------------
    # Configuration: routes, topics, days declared holidays
    # ------------------------------------------------------------------
    def test_configuration_is_kept_by_hr_administrators(self):
        route = self.route_reconsideration
        topic = self.topic_salary
        holiday = self.env["hr.goede.gesprek.holiday"].create(
            {"date": "2027-03-03", "name": "Declared day"}
        )
        cases = [
            (route, {"term_weeks": 1}, "term_weeks", 6),
            (topic, {"code": "hacked"}, "code", topic.code),
            (holiday, {"name": "Hacked"}, "name", "Declared day"),
        ]
        for user in (
            self.user_employee,
            self.user_manager,
            self.user_officer,
            self.user_portal,
        ):
            for record, vals, fname, value in cases:
                with self.subTest(user=user.login, model=record._name):
                    with self._refused(AccessError):
                        record.with_user(user).write(vals)
                    with self._refused(AccessError):
                        record.with_user(user).unlink()
                    self.assertEqual(record[fname], value)
            with self.subTest(user=user.login), self._refused(AccessError):
                self.env["hr.goede.gesprek.holiday"].with_user(user).create(
                    {"date": "2027-03-10", "name": "Smuggled day"}
                )
        for record, vals, fname, _value in cases:
            record.with_user(self.user_admin).write(vals)
            self.assertEqual(record[fname], vals[fname])
