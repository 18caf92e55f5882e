# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The decision letter as a real PDF (wkhtmltopdf), read back with pdftotext."""

import shutil

from odoo.tests import HttpCase, tagged

from .common_legal import DECISION_REPORT, LegalCase, issue_with_letter, pdf_text


@tagged("post_install", "-at_install")
class TestDecisionLetterPdf(LegalCase, HttpCase):
    """An HttpCase: wkhtmltopdf fetches the report assets from the test server,
    which serves them on the test's cursor."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("nl_NL")
        cls.env["ir.module.module"]._load_module_terms(
            ["base", "web", "hr_goede_gesprek"], ["nl_NL"], overwrite=True
        )
        cls.emp_employee.work_contact_id.lang = "nl_NL"
        cls.emp_employee.write(
            {
                "private_street": "Dorpsstraat 1",
                "private_zip": "1234 AB",
                "private_city": "Utrecht",
            }
        )
        cls.company.partner_id.write({"street": "Stadhuisplein 1", "city": "Zeist"})

    def _pdf_text(self, content):
        self.assertTrue(content.startswith(b"%PDF"), "a real PDF was rendered")
        return pdf_text(content)

    def test_real_pdf_letter_in_dutch(self):
        if not shutil.which("wkhtmltopdf") or not shutil.which("pdftotext"):
            self.skipTest("wkhtmltopdf and pdftotext are needed")
        decision = self._draft(
            reasons="Uw inzet voor het project was uitstekend.",
            decision_text="U krijgt een extra periodiek.",
            has_financial_effect=True,
            amount=125.0,
            amount_basis="gross",
            amount_frequency="monthly",
            is_temporary=True,
            date_end="2026-12-31",
            signatory_function="Gemeentesecretaris",
        )
        attachment = issue_with_letter(decision, self.user_director)
        self.assertEqual(attachment.mimetype, "application/pdf")
        self.assertEqual(attachment.res_model, "hr.employee")
        self.assertEqual(attachment.name, "BES-2026-0001.pdf")
        text = self._pdf_text(attachment.raw)
        expected = [
            # letterhead and address block
            self.company.name,
            "Stadhuisplein 1",
            "Eva Employee",
            "Dorpsstraat 1",
            "1234 AB Utrecht",
            # reference, date, subject
            "Ons kenmerk",
            "BES/2026/0001",
            # Dutch long dates in the addressee's language
            "2 maart 2026",
            "Onderwerp",
            "Salary step",
            # the decision in the words of the (civil) regime, its reasons,
            # dates, basis and money
            decision.with_context(lang="nl_NL").regime_document_label,
            decision.with_context(lang="nl_NL").letter_salutation,
            "U krijgt een extra periodiek.",
            "Motivering",
            "Uw inzet voor het project was uitstekend.",
            "Ingangsdatum",
            "1 april 2026",
            "31 december 2026",
            "Rechtsgrond",
            "Cao Gemeenten, article 3.4",
            "125,00",
            "bruto",
            # the dispute clause of the route, in Dutch, placeholders filled in
            "binnen 6 weken",
            "heroverwegen",
            # signature block
            "Met vriendelijke groet",
            "Dirk Director",
            "Gemeentesecretaris",
        ]
        for fragment in expected:
            with self.subTest(fragment=fragment):
                self.assertIn(fragment, text)
        self.assertNotIn("{", text)
        self.assertNotIn("CONCEPT", text)
        # It grants money: never a "no financial consequences" line.
        no_effect = decision.with_context(lang="nl_NL").env._(
            "This has no financial consequences for you."
        )
        self.assertNotIn(no_effect, text)
        self.assertNotIn("02-03-2026", text)
        # A reprint returns the frozen letter, byte for byte.
        content, content_type = (
            self.env["ir.actions.report"]
            .with_user(self.user_employee)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(DECISION_REPORT, decision.ids)
        )
        self.assertEqual(content_type, "pdf")
        self.assertEqual(content, attachment.raw)
