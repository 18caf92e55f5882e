# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Decisions worded for the company's legal regime (civil / Awb public law):
backend labels per role, the objection, the issued mail, the letter (Dutch
long dates, formal salutation, financial consequences, signing line, logo)
and, as the demo's portal employee, the portal page and the real PDF.

The Dutch words are compared with the terms as the module translates them
(``env._`` in ``nl_NL``), so the tests hold before and after the Dutch
translations of the new source terms are merged into ``nl.po``.
"""

import base64
import shutil

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import file_open

from ..tools.regime_terms import REGIME_CODES, ROUTE_TERMS, TERM_KEYS, regime_terms
from .common_legal import ISSUE_DAY, LegalCase, issue_with_letter, pdf_text


def _english(regime, route_type=None):
    terms = regime_terms(regime, route_type)
    return {key: term._translate("en_US") for key, term in terms.items()}


@tagged("post_install", "-at_install", "goede_gesprek_regime")
class TestDecisionRegime(LegalCase):
    def _set_regime(self, regime):
        self.company.goede_gesprek_legal_regime = regime
        self.env.invalidate_all()

    # ------------------------------------------------------------------
    # The table
    # ------------------------------------------------------------------
    def test_terms_table_complete_and_civil_never_objects(self):
        for regime in REGIME_CODES:
            for route_type in ROUTE_TERMS[regime]:
                terms = _english(regime, route_type)
                self.assertEqual(set(terms), set(TERM_KEYS))
                self.assertTrue(all(terms.values()))
                if regime == "civil":
                    text = " ".join(terms.values()).lower()
                    self.assertNotIn("objection", text, (regime, route_type))
        # An objection route configured under civil law by mistake: civil words.
        self.assertEqual(
            _english("civil", "objection")["dispute_action"], "Ask for reconsideration"
        )
        self.assertEqual(_english("public")["dispute_action"], "Lodge an objection")
        self.assertEqual(_english("public")["document"], "Decision")
        self.assertEqual(_english("civil")["document"], "Written confirmation")
        self.assertEqual(
            _english("civil", "committee")["dispute_action"], "Submit a dispute"
        )

    def test_unknown_regime_refused(self):
        with self.assertRaises(ValueError):
            regime_terms("private")
        with self.assertRaises(ValueError), self.cr.savepoint():
            self.company.write({"goede_gesprek_legal_regime": "private"})
        self.assertEqual(self.company.goede_gesprek_legal_regime, "civil")

    def test_company_terms_follow_the_profile_and_the_route(self):
        self.assertEqual(
            self.company._goede_gesprek_terms()["document"], "Written confirmation"
        )
        self.assertEqual(
            self.company._goede_gesprek_terms(self.route_committee)["dispute_action"],
            "Submit a dispute",
        )
        self._set_regime("public")
        terms = self.company._goede_gesprek_terms()
        self.assertEqual(terms["document"], "Decision")
        self.assertEqual(terms["dispute_term"], "Objection term")
        # A route decides by its own regime (an issued decision keeps its words).
        self.assertEqual(
            self.company._goede_gesprek_terms(self.route_reconsideration)["dispute"],
            "Request for reconsideration",
        )

    # ------------------------------------------------------------------
    # Backend labels, per role
    # ------------------------------------------------------------------
    def test_labels_per_regime_per_role(self):
        draft = self._draft()
        self.assertEqual(draft.regime_document_label, "Written confirmation")
        self.assertEqual(draft.regime_dispute_action_label, "Ask for reconsideration")
        for user in (self.user_manager, self.user_officer, self.user_admin):
            with self.subTest(user=user.login):
                record = draft.with_user(user)
                self.assertEqual(record.regime_letter_label, "Decision (letter)")
                self.assertEqual(
                    record.regime_term_label, "Term to ask for reconsideration"
                )
        self._set_regime("public")
        for user in (self.user_manager, self.user_officer, self.user_admin):
            with self.subTest(user=user.login, regime="public"):
                record = draft.with_user(user)
                self.assertEqual(record.regime_document_label, "Decision")
                self.assertEqual(
                    record.regime_dispute_action_label, "Lodge an objection"
                )
                self.assertEqual(
                    record.regime_dispute_submit_label, "Lodge the objection"
                )
        # The employee reads the labels of their own issued decision; another
        # employee and a portal user outside it read nothing.
        with freeze_time(ISSUE_DAY):
            draft.with_user(self.user_director).action_issue()
        own = draft.with_user(self.user_employee)
        self.assertEqual(own.regime_document_label, "Decision")
        self.assertEqual(own.regime_disputes_label, "Objections")
        for user in (self.user_other, self.user_portal):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                draft.with_user(user).read(["regime_document_label"])

    def test_issued_decision_keeps_its_words(self):
        civil = self._issued()
        self._set_regime("public")
        self.assertEqual(civil.route_id, self.route_reconsideration)
        self.assertEqual(civil.regime_document_label, "Written confirmation")
        public = self._draft(subject="Another step")
        self.assertEqual(public.applicable_route_id, self.route_awb)
        self.assertEqual(public.regime_document_label, "Decision")

    def test_missing_route(self):
        """No route applies: the regime's default words, and no issue."""
        self._set_regime("public")
        self.route_awb.active = False
        draft = self._draft()
        self.assertFalse(draft.applicable_route_id)
        self.assertEqual(draft.regime_dispute_action_label, "Lodge an objection")
        with freeze_time(ISSUE_DAY), self.assertRaises(ValidationError):
            draft.with_user(self.user_director).action_issue()
        self.assertEqual(draft.state, "draft")

    def test_objection_words(self):
        decision = self._notified()
        with freeze_time("2026-03-05"):
            objection = self.Objection.with_user(self.user_employee).create(
                {"decision_id": decision.id, "grounds": "I disagree."}
            )
        self.assertEqual(objection.regime_dispute_label, "Request for reconsideration")
        # The name is stored in the language it was computed in (English, or
        # Dutch once nl_NL is loaded): the route's words either way.
        nl = objection.with_context(lang="nl_NL").regime_dispute_label
        self.assertIn(
            objection.name,
            {
                f"Request for reconsideration – {decision.name}",
                f"{nl} – {decision.name}",
            },
        )
        self.assertNotIn("objection", objection.name.lower())
        self.assertNotIn("bezwaar", objection.name.lower())
        self._set_regime("public")
        public = self._notified(subject="Public step")
        with freeze_time("2026-03-05"):
            objection = self.Objection.with_user(self.user_employee).create(
                {"decision_id": public.id, "grounds": "I object."}
            )
        nl = objection.with_context(lang="nl_NL").regime_dispute_label
        self.assertIn(
            objection.with_user(self.user_officer).name.split(" – ")[0],
            {"Objection", nl},
        )
        # The civil decision's hint names its own route, never an objection.
        hint = decision.with_user(self.user_officer)._get_next_step_hint()
        self.assertIn("request for reconsideration", hint)
        self.assertNotIn("objection", hint)

    # ------------------------------------------------------------------
    # The mail and the letter's texts
    # ------------------------------------------------------------------
    def test_issued_mail_in_the_regimes_words(self):
        decision = self._issued()
        partner = self.emp_employee.work_contact_id
        mail = decision.message_ids.filtered(lambda m: partner in m.partner_ids)
        self.assertEqual(len(mail), 1)
        self.assertIn("Written confirmation", mail.subject)
        self.assertIn("Ask for reconsideration", str(mail.body))
        self.assertNotIn("bjection", str(mail.body))
        self._set_regime("public")
        public = self._issued(subject="Public step")
        mail = public.message_ids.filtered(lambda m: partner in m.partner_ids)
        self.assertTrue(mail.subject.startswith("Decision "))
        self.assertIn("Lodge an objection", str(mail.body))

    def test_salutation_signing_line_and_financial_lines(self):
        # The demo data sets a signing line; start without one.
        self.company.goede_gesprek_signing_line = False
        draft = self._draft(amount=95.0, amount_frequency="monthly")
        self.assertEqual(draft.letter_salutation, "Dear Eva Employee,")
        self.emp_employee.gender = "female"
        draft.invalidate_recordset()
        self.assertEqual(draft.letter_salutation, "Dear Ms Eva Employee,")
        self.assertIn("per month", draft.letter_financial_text)
        self.assertIn("95.00", draft.letter_financial_text)
        self.assertNotIn("no financial", draft.letter_financial_text)
        self.assertEqual(
            draft.letter_signing_line, f"on behalf of {self.company.name},"
        )
        line = "The Municipal Executive,\non their behalf, by mandate,"
        self.company.goede_gesprek_signing_line = line
        draft.invalidate_recordset()
        self.assertEqual(draft.letter_signing_line, line)
        cut = self._draft(
            subject="Fewer hours", amount=-410.0, amount_frequency="monthly"
        )
        self.assertIn("goes down by", cut.letter_financial_text)
        self.assertIn("410.00", cut.letter_financial_text)
        self.assertNotIn("-", cut.letter_financial_text)
        plain = self._draft(subject="Nothing financial")
        self.assertEqual(
            plain.letter_financial_text, "This has no financial consequences for you."
        )

    def test_hours_change_is_a_financial_consequence(self):
        request = self._hours_request()
        request.with_user(self.user_manager).answer = "grant"
        decision = self.Decision.browse(
            request.with_user(self.user_manager).action_prepare_decision()["res_id"]
        )
        self.assertIn("from 36.0 to 32.0 hours", decision.letter_financial_text)
        self.assertNotIn("no financial", decision.letter_financial_text)

    def test_signing_line_is_company_configuration(self):
        before = self.company.goede_gesprek_signing_line
        for user in (self.user_officer, self.user_manager, self.user_employee):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.company.with_user(user).write(
                    {"goede_gesprek_signing_line": "Forged"}
                )
        self.assertEqual(self.company.goede_gesprek_signing_line, before)
        self.company.with_user(self.env.ref("base.user_admin")).write(
            {"goede_gesprek_signing_line": "Het dagelijks bestuur, bij mandaat,"}
        )
        self.assertEqual(
            self.company.goede_gesprek_signing_line,
            "Het dagelijks bestuur, bij mandaat,",
        )

    def test_letter_html_in_dutch(self):
        self.env["res.lang"]._activate_lang("nl_NL")
        self.emp_employee.work_contact_id.lang = "nl_NL"
        # Odoo's placeholder logo (the demo company has a logo of its own).
        self.company.logo = False
        decision = self._issued(is_temporary=True, date_end="2026-12-31")
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("hr_goede_gesprek.report_decision", decision.ids)[0]
            .decode()
        )
        nl = decision.with_context(lang="nl_NL")
        for fragment in (
            "2 maart 2026",
            "1 april 2026",
            "31 december 2026",
            nl.regime_document_label,
            nl.regime_opening,
            nl.letter_salutation,
        ):
            with self.subTest(fragment=fragment):
                self.assertIn(fragment, html)
        self.assertNotIn("Beste", html)
        # The company uses Odoo's placeholder logo: none printed.
        self.assertTrue(self.company.uses_default_logo)
        self.assertNotIn('alt="Logo"', html)
        # Its own logo is printed.
        with file_open("hr_goede_gesprek/static/description/icon.png", "rb") as icon:
            self.company.logo = base64.b64encode(icon.read())
        self.assertFalse(self.company.uses_default_logo)
        own = (
            self.env["ir.actions.report"]
            ._render_qweb_html("hr_goede_gesprek.report_decision", decision.ids)[0]
            .decode()
        )
        self.assertIn('alt="Logo"', own)

    def test_addressee_block_only_for_readers_of_the_address(self):
        self.emp_employee.write({"private_street": "Dorpsstraat 1"})
        decision = self._issued()
        Report = self.env["ir.actions.report"]
        for user, shown in (
            (self.user_officer, True),
            (self.user_admin, True),
            (self.user_employee, True),
            (self.user_manager, False),
            (self.user_director, False),
        ):
            with self.subTest(user=user.login):
                html = (
                    Report.with_user(user)
                    ._render_qweb_html(
                        "hr_goede_gesprek.report_decision", decision.ids
                    )[0]
                    .decode()
                )
                self.assertEqual("Dorpsstraat 1" in html, shown)
                self.assertEqual("Personal and confidential" in html, shown)


@tagged("post_install", "-at_install", "goede_gesprek_regime")
class TestDecisionRegimePortal(HttpCase):
    """As the demo's portal employee (Kees, login portal_employee): the portal
    page and the real PDF letter under each regime, in Dutch."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("base.main_company")
        cls.decision_demo = cls.env.ref(
            "hr_goede_gesprek.decision_issued_demo", raise_if_not_found=False
        )
        if not cls.decision_demo:
            return
        cls.env["res.lang"]._activate_lang("nl_NL")
        cls.employee = cls.env.ref("hr_goede_gesprek.employee_portal_demo")
        cls.employee.work_contact_id.lang = "nl_NL"
        cls.user_portal = cls.env.ref("hr_goede_gesprek.user_portal_employee_demo")
        cls.user_portal.lang = "nl_NL"

    def setUp(self):
        super().setUp()
        if not self.decision_demo:
            self.skipTest("needs the demo data")

    def _new_decision(self, subject):
        """A notified decision for Kees, issued by the administrator (a demo
        signatory) under the company's current regime."""
        hr_user = self.env.ref("hr_goede_gesprek.user_hr_officer_demo")
        decision = (
            self.env["hr.goede.gesprek.decision"]
            .with_user(hr_user)
            .create(
                {
                    "employee_id": self.employee.id,
                    "topic_id": self.env.ref(
                        "hr_goede_gesprek.legal_topic_salary_step"
                    ).id,
                    "subject": subject,
                    "decision_text": "Een extra periodiek.",
                    "reasons": "Goed werk.",
                    "date_effective": "2026-04-01",
                    "amount": 95.0,
                    "amount_frequency": "monthly",
                    "signatory_id": self.env.ref("base.user_admin").id,
                }
            )
        )
        decision = decision.with_env(self.env)
        attachment = issue_with_letter(decision, self.env.ref("base.user_admin"))
        with freeze_time(ISSUE_DAY):
            decision.with_user(self.user_portal).portal_acknowledge()
        return decision, attachment

    def _page(self, decision):
        self.authenticate("portal_employee", "portal_employee")
        with freeze_time("2026-03-05"):
            return self.url_open(f"/my/decisions/{decision.id}").text

    def test_demo_letter_under_each_regime(self):
        public = self.env.ref("hr_goede_gesprek.decision_public_law_demo")
        self.assertEqual(public.company_id.goede_gesprek_legal_regime, "public")
        self.assertEqual(public.regime_document_label, "Decision")
        self.assertEqual(public.regime_dispute_action_label, "Lodge an objection")
        self.assertTrue(public.attachment_id, "the demo letter is frozen")
        self.assertEqual(
            self.decision_demo.regime_document_label, "Written confirmation"
        )
        self.assertIn("bij mandaat", self.company.goede_gesprek_signing_line)

    def test_portal_and_letter_per_regime(self):
        self.company.goede_gesprek_legal_regime = "civil"
        page = self._page(self.decision_demo)
        nl = self.decision_demo.with_context(lang="nl_NL")
        self.assertIn(nl.regime_document_label, page)
        self.assertNotIn("bezwaar", page.lower())
        pdf_ok = shutil.which("wkhtmltopdf") and shutil.which("pdftotext")
        for regime in ("civil", "public"):
            with self.subTest(regime=regime):
                self.company.goede_gesprek_legal_regime = regime
                self.env.invalidate_all()
                decision, attachment = self._new_decision(f"Step ({regime})")
                nl = decision.with_context(lang="nl_NL")
                page = self._page(decision)
                for label in (
                    nl.regime_document_label,
                    nl.regime_dispute_action_label,
                    nl.regime_dispute_submit_label,
                    nl.regime_term_label,
                ):
                    self.assertIn(label, page)
                if regime == "civil":
                    self.assertNotIn("bezwaar", page.lower())
                    self.assertNotIn("Objection", page)
                if not pdf_ok:
                    continue
                text = pdf_text(attachment.raw)
                for fragment in (
                    nl.regime_document_label,
                    nl.regime_content_heading,
                    nl.letter_salutation,
                    nl.letter_signing_line,
                    "2 maart 2026",
                    "1 april 2026",
                    "95,00",
                ):
                    self.assertIn(" ".join(fragment.split()), text)
                self.assertNotIn("02-03-2026", text)
                if regime == "civil":
                    self.assertNotIn("bezwaar", text.lower())
                else:
                    self.assertIn("bezwaar", text.lower())
