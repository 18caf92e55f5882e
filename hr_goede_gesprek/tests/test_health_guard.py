# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""No health data: the configurable word list warns (softly) on every free
text, backend and portal; nothing is blocked and nothing is stored."""

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from ..tools.health import find_health_words
from .common import GoedeGesprekCase
from .common_portal import GoedeGesprekPortalCase

ONCHANGE_LOGGER = "odoo.tests.form.onchange"
# Free texts that are configuration (HR administrators' catalogues and
# messages), not about one employee: no warning there.
CONFIG_TEXTS = {
    ("hr.goede.gesprek.topic", "prompt"),
    ("hr.goede.gesprek.topic.group", "description"),
    ("hr.goede.gesprek.appraisal.scale.level", "description"),
    ("hr.goede.gesprek.dispute.route", "clause"),
    ("hr.goede.gesprek.trigger", "message"),
    ("hr.goede.gesprek.retention.rule", "note"),
}


@tagged("post_install", "-at_install")
class TestHealthGuard(GoedeGesprekCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Word = cls.env["hr.goede.gesprek.health.word"]

    # -- the matching rule ------------------------------------------------
    def test_tool_matches_word_starts(self):
        words = ["burn-out", "ziek", "arts"]
        self.assertEqual(
            find_health_words(["Na mijn ZIEKMELDING", "een Burn-out"], words),
            ["burn-out", "ziek"],
        )
        self.assertEqual(find_health_words(["Een taarts voor het team"], words), [])
        self.assertEqual(
            find_health_words(["<p>De <b>arts</b> zei</p>"], words, html=True),
            ["arts"],
        )
        self.assertEqual(find_health_words([False, ""], words), [])

    def test_shipped_words_dutch_and_english(self):
        names = set(self.Word.search([]).mapped("name"))
        for word in (
            "diagnose",
            "burn-out",
            "medicatie",
            "ziek",
            "ziekte",
            "arts",
            "bedrijfsarts",
            "therapie",
            "depressie",
            "diagnosis",
            "medication",
            "therapy",
        ):
            self.assertIn(word, names)

    # -- backend: a warning per model, none for clean text -----------------
    def _privacy_form(self):
        conversation = self._new()
        form = Form(conversation.with_user(self.user_employee))
        form.privacy_sharing = "agreements"
        return conversation, form

    def test_conversation_form_warns_and_saves(self):
        conversation, form = self._privacy_form()
        with self.assertLogs(ONCHANGE_LOGGER, "WARNING") as logs:
            form.privacy_reason = "De bedrijfsarts mag het weten"
        self.assertIn("bedrijfsarts", logs.output[-1])
        form.save()
        # nothing blocked, nothing stored about the warning
        self.assertEqual(conversation.privacy_reason, "De bedrijfsarts mag het weten")

    def test_conversation_form_clean_text_no_warning(self):
        conversation, form = self._privacy_form()
        with self.assertNoLogs(ONCHANGE_LOGGER, "WARNING"):
            form.privacy_reason = "De salarisadministratie, voor de uren"
        form.save()
        self.assertTrue(conversation.privacy_reason)

    def test_report_html_warns(self):
        conversation = self._held()
        warning = (
            conversation.with_user(self.user_employee)
            .new({"report_summary": "<p>Zij gebruikt <em>medicatie</em>.</p>"})
            ._onchange_health_words()
        )
        self.assertIn("medicatie", warning["warning"]["message"])
        self.assertEqual(warning["warning"]["type"], "notification")

    def test_every_model_warns(self):
        """One dirty and one clean text per model and field."""
        cases = {
            "hr.goede.gesprek": [
                "report_summary",
                "employee_view",
                "partner_view",
                "privacy_reason",
                "request_note",
            ],
            "hr.goede.gesprek.agenda.line": ["description", "notes"],
            "hr.goede.gesprek.agreement": ["description"],
            "hr.goede.gesprek.appraisal": [
                "request_reason",
                "report",
                "reasons",
                "employee_view",
            ],
            "hr.goede.gesprek.decision": ["decision_text", "reasons"],
            "hr.goede.gesprek.objection": [
                "grounds",
                "hearing_notes",
                "committee_advice",
                "outcome_reasons",
            ],
            "hr.goede.gesprek.hours.request": ["schedule_change", "answer_reasons"],
            "hr.goede.gesprek.reward": ["reason"],
            "hr.goede.gesprek.feedback.request": ["intro"],
            "hr.goede.gesprek.feedback.question": ["name"],
            "hr.goede.gesprek.feedback.answer": ["answer"],
            "hr.goede.gesprek.feedback.wizard": ["intro", "own_questions"],
            "hr.goede.gesprek.cancel": ["reason"],
            "hr.goede.gesprek.reschedule": ["reason"],
            "hr.goede.gesprek.reward.override": ["reason"],
            "hr.goede.gesprek.sign": ["view"],
            "hr.employee": ["goede_gesprek_exclusion_reason"],
            "hr.goede.gesprek.access.request": [
                "description",
                "extension_reason",
                "review_note",
            ],
            "hr.goede.gesprek.legal.hold": ["reason"],
        }
        for model, fnames in cases.items():
            for fname in fnames:
                with self.subTest(model=model, field=fname):
                    Model = self.env[model].with_user(self.user_employee)
                    dirty = Model.new({fname: "De bedrijfsarts adviseert therapie"})
                    result = dirty._onchange_health_words()
                    self.assertIn("bedrijfsarts", result["warning"]["message"])
                    self.assertIn("therapie", result["warning"]["message"])
                    clean = Model.new({fname: "Afspraak: een cursus plannen"})
                    self.assertIsNone(clean._onchange_health_words())

    def test_every_free_text_has_the_onchange(self):
        """A new free text without the warning fails here."""
        missing = []
        for name, Model in self.env.items():
            if not (name.startswith("hr.goede.gesprek") or name == "hr.employee"):
                continue
            if Model._abstract:
                continue
            for fname, field in Model._fields.items():
                if field.type not in ("text", "html") or field.compute or field.related:
                    continue
                if field.readonly or (name, fname) in CONFIG_TEXTS:
                    continue
                if name == "hr.employee" and not fname.startswith("goede_gesprek"):
                    continue
                methods = Model._onchange_methods.get(fname, ())
                if not any(m.__name__ == "_onchange_health_words" for m in methods):
                    missing.append(f"{name}.{fname}")
        self.assertFalse(missing, "free texts without the health-data warning")

    def test_archived_word_no_longer_warns(self):
        word = self.env.ref("hr_goede_gesprek.health_word_ziek")
        word.with_user(self.user_officer).active = False
        agreement = self.env["hr.goede.gesprek.agreement"].new(
            {"description": "Bij ziek weer thuiswerken"}
        )
        self.assertIsNone(agreement._onchange_health_words())

    # -- the list: only HR edits it ---------------------------------------
    def test_roles_on_the_list(self):
        word = self.Word.with_user(self.user_officer).create({"name": "  Zenuw "})
        self.assertEqual(word.name, "zenuw", "stored trimmed and in lower case")
        word.with_user(self.user_officer).name = "Zenuwen"
        self.assertEqual(word.name, "zenuwen")
        for user in (self.user_employee, self.user_manager):
            with self.subTest(user=user.login):
                self.assertTrue(word.with_user(user).name, "everyone reads it")
                with self.assertRaises(AccessError):
                    word.with_user(user).name = "other"
                with self.assertRaises(AccessError):
                    self.Word.with_user(user).create({"name": "eigen"})
                with self.assertRaises(AccessError):
                    word.with_user(user).unlink()
        with self.assertRaises(AccessError):
            word.with_user(self.user_portal).read(["name"])
        with self.assertRaises(AccessError):
            self.Word.with_user(self.user_portal).create({"name": "portaal"})
        self.Word.with_user(self.user_admin).create({"name": "hartklachten"})
        word.with_user(self.user_officer).unlink()
        self.assertFalse(word.exists())

    def test_bad_input(self):
        with self.assertRaises(ValidationError):
            self.Word.with_user(self.user_officer).create({"name": " a "})
        with self.assertRaises(ValidationError):
            self.Word.with_user(self.user_officer).create({"name": ""})
        # a word entered twice is harmless: it warns once
        self.Word.with_user(self.user_officer).create({"name": "ZIEK"})
        self.assertEqual(self.Word._get_words().count("ziek"), 1)


@tagged("post_install", "-at_install", "goede_gesprek_portal")
class TestHealthGuardPortal(GoedeGesprekPortalCase):
    def test_portal_page_carries_the_check_and_the_list(self):
        self.authenticate("ggp_portal", "ggp_portal")
        page = self.url_open(self.conversation.access_url)
        self.assertEqual(page.status_code, 200)
        self.assertIn('data-gg-health-check="1"', page.text)
        words = self.make_jsonrpc_request("/goede-gesprek/health-words")
        self.assertIn("burn-out", words)
        self.assertIn("ziek", words)
        # public too: the 360° respondent has no account
        self.authenticate(None, None)
        self.assertIn("ziek", self.make_jsonrpc_request("/goede-gesprek/health-words"))

    def test_portal_warning_tour(self):
        self.start_tour(
            self.conversation.access_url,
            "hr_goede_gesprek_health_guard",
            login="ggp_portal",
        )
        self.assertFalse(self.conversation.agenda_line_ids, "nothing was saved")
