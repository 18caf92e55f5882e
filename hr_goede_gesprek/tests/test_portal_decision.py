# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Decisions in the employee portal: letter, receipt, objection; IDOR, CSRF, XSS."""

import logging
import shutil
from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common_legal import hold_appraisal, issue_with_letter
from .common_portal import XSS, GoedeGesprekPortalCase

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install", "goede_gesprek_portal")
class TestPortalDecision(GoedeGesprekPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._set_up_formal_layer()
        cls.topic = cls.env.ref("hr_goede_gesprek.legal_topic_salary_step")
        with freeze_time("2026-03-02"):
            cls.decision = cls._issue(cls.emp_portal, "Salary step for Kees")
            cls.decision_other = cls._issue(cls.emp_other, "Secret step of Otto")
        cls.draft = cls._draft(cls.emp_portal, "Draft plan for Kees")

    @classmethod
    def _draft(cls, employee, subject):
        return cls.Decision.with_user(cls.user_manager).create(
            {
                "employee_id": employee.id,
                "topic_id": cls.topic.id,
                "subject": subject,
                "decision_text": f"Text of {subject}",
                "reasons": "Good work.",
                "date_effective": "2026-04-01",
                "signatory_id": cls.user_manager.id,
            }
        )

    @classmethod
    def _issue(cls, employee, subject):
        decision = cls._draft(employee, subject)
        decision.action_issue()
        return decision.with_env(cls.env)

    def _url(self, decision, suffix=""):
        return f"/my/decisions/{decision.id}{suffix}"

    # ------------------------------------------------------------------
    def test_list_and_detail(self):
        self.authenticate("ggp_portal", "ggp_portal")
        page = self.url_open("/my/decisions").text
        self.assertIn("Salary step for Kees", page)
        self.assertNotIn("Secret step of Otto", page)
        self.assertNotIn("Draft plan for Kees", page)
        page = self.url_open(self._url(self.decision)).text
        self.assertIn("Text of Salary step for Kees", page)
        self.assertIn("o_gg_decision_open", page)

    def test_opening_the_letter_records_receipt_once(self):
        self.authenticate("ggp_portal", "ggp_portal")
        url = self._url(self.decision)
        # A GET never records receipt (no cross-site side effect).
        response = self.url_open(self._url(self.decision, "/letter"))
        self.assertNotIn("Content-Disposition", response.headers)
        self.assertEqual(self.decision.state, "issued")
        with freeze_time("2026-03-04"):
            response = self._post(self._url(self.decision, "/open"), page=url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response.headers.get("Content-Disposition", ""))
        self.assertIn(b"Salary step for Kees", response.content)
        self.assertEqual(self.decision.state, "notified")
        self.assertEqual(self.decision.date_notified, date(2026, 3, 4))
        self.assertEqual(self.decision.term_start, date(2026, 3, 5))
        self.assertEqual(self.decision.notification_channel, "portal")
        self.assertEqual(self.decision.notification_registered_by_id, self.user_portal)
        with freeze_time("2026-03-10"):  # opening again changes nothing
            self._post(self._url(self.decision, "/open"), page=url)
        self.assertEqual(self.decision.date_notified, date(2026, 3, 4))

    # ------------------------------------------------------------------
    # No receipt without the letter (the letter is in the same response)
    # ------------------------------------------------------------------
    def _forced(self, state, subject):
        """As superuser, a decision created in an issued state without its
        letter, as the demo data used to be."""
        values = {
            "employee_id": self.emp_portal.id,
            "topic_id": self.topic.id,
            "subject": subject,
            "decision_text": f"Text of {subject}",
            "reasons": "Good work.",
            "date_effective": "2026-04-01",
            "name": f"BES/2025/8{self.Decision.search_count([]):03d}",
            "state": state,
            "date_issued": "2026-03-02",
            "route_id": self.decision.route_id.id,
            "term_weeks": 6,
        }
        if state != "issued":
            values.update(date_notified="2026-03-03", notification_channel="delivery")
        decision = self.env["hr.goede.gesprek.decision"].create(values)
        self.assertFalse(decision.attachment_id)
        return decision

    def _break_letter_template(self):
        """Rendering the letter now fails (as a broken wkhtmltopdf would)."""
        view = self.env.ref("hr_goede_gesprek.report_decision")
        arch = view.arch
        view.arch = '<t t-name="hr_goede_gesprek.report_decision"><t t-out="1/0"/></t>'
        return lambda: setattr(view, "arch", arch)

    def _receipts(self, decision):
        return decision.message_ids.filtered(
            lambda m: "Notified on" in str(m.body or "")
        )

    def test_open_carries_the_real_pdf_and_records_receipt_once(self):
        if not shutil.which("wkhtmltopdf"):
            self.skipTest("wkhtmltopdf is needed")
        decision = self._draft(self.emp_portal, "Real letter for Kees").with_env(
            self.env
        )
        letter = issue_with_letter(decision, self.user_manager)
        self.assertEqual(letter.mimetype, "application/pdf")
        self.authenticate("ggp_portal", "ggp_portal")
        url = self._url(decision)
        with freeze_time("2026-03-04"):
            response = self._post(
                self._url(decision, "/open"), page=url, allow_redirects=False
            )
        # The receipt and the letter come in one response.
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response.headers.get("Content-Disposition", ""))
        self.assertTrue(response.content.startswith(b"%PDF"))
        self.assertEqual(response.content, letter.raw)
        self.assertEqual(decision.state, "notified")
        self.assertEqual(decision.date_notified, date(2026, 3, 4))
        self.assertEqual(len(self._receipts(decision)), 1)
        with freeze_time("2026-03-10"):  # opening again: the letter, nothing more
            response = self._post(self._url(decision, "/open"), page=url)
        self.assertEqual(response.content, letter.raw)
        self.assertEqual(decision.date_notified, date(2026, 3, 4))
        self.assertEqual(len(self._receipts(decision)), 1)
        self.assertEqual(decision.attachment_id, letter)

    def test_no_receipt_when_the_letter_cannot_be_delivered(self):
        decision = self._forced("issued", "Unrenderable letter")
        received = self._forced("notified", "Unrenderable received letter")
        restore = self._break_letter_template()
        self.authenticate("ggp_portal", "ggp_portal")
        url = self._url(decision)
        with freeze_time("2026-03-04"):
            response = self._post(self._url(decision, "/open"), page=url)
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("Content-Disposition", response.headers)
        self.assertTrue(response.url.endswith(url), response.url)
        self.assertIn("o_gg_portal_error", response.text)
        self.assertIn("could not be produced", response.text)
        self.assertEqual(decision.state, "issued")
        self.assertFalse(decision.date_notified)
        self.assertFalse(decision.attachment_id)
        self.assertFalse(self._receipts(decision))
        # "Download the letter" on a received decision: a clear page, no 404.
        response = self.url_open(self._url(received, "/letter"))
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("Content-Disposition", response.headers)
        self.assertIn("could not be produced", response.text)
        self.assertFalse(received.attachment_id)
        # Once the letter can be made, it comes with the receipt.
        restore()
        with freeze_time("2026-03-05"):
            response = self._post(self._url(decision, "/open"), page=url)
        self.assertIn("attachment", response.headers.get("Content-Disposition", ""))
        self.assertEqual(response.content, decision.attachment_id.raw)
        self.assertEqual(decision.date_notified, date(2026, 3, 5))
        self.assertEqual(len(self._receipts(decision)), 1)

    def test_missing_letter_is_made_on_first_request_then_frozen(self):
        decision = self._forced("issued", "Letter made late")
        received = self._forced("notified", "Received letter made late")
        self.authenticate("ggp_portal", "ggp_portal")
        url = self._url(decision)
        with freeze_time("2026-03-04"):
            response = self._post(self._url(decision, "/open"), page=url)
        letter = decision.attachment_id
        self.assertTrue(letter)
        self.assertEqual(letter.res_model, "hr.employee")
        self.assertIn("attachment", response.headers.get("Content-Disposition", ""))
        self.assertIn(b"Text of Letter made late", response.content)
        self.assertEqual(response.content, letter.raw)
        self.assertEqual(decision.date_notified, date(2026, 3, 4))
        response = self.url_open(self._url(received, "/letter"))
        self.assertIn(b"Text of Received letter made late", response.content)
        received_letter = received.attachment_id
        self.assertTrue(received_letter)
        # Frozen: even when the letter could no longer be rendered, the same
        # letter comes back.
        self._break_letter_template()
        for target, frozen in ((decision, letter), (received, received_letter)):
            response = self.url_open(self._url(target, "/letter"))
            self.assertEqual(response.content, frozen.raw)
            self.assertEqual(target.attachment_id, frozen)

    def test_demo_decisions_have_their_letters(self):
        demo = self.env.ref("hr_goede_gesprek.decision_issued_demo", False)
        if not demo:
            self.skipTest("demo data not loaded")
        decisions = self.env["hr.goede.gesprek.decision"].search(
            [("state", "!=", "draft"), ("name", "=like", "BES/%/9%")]
        )
        self.assertGreaterEqual(len(decisions), 6)
        for decision in decisions:
            with self.subTest(decision=decision.name):
                self.assertTrue(decision.attachment_id)
        self.assertEqual(demo.state, "issued")
        letter = demo.attachment_id
        # Kees works in Dutch (demo); _receipts reads the English receipt.
        self.env.ref("hr_goede_gesprek.user_portal_employee_demo").lang = "en_US"
        self.authenticate("portal_employee", "portal_employee")
        response = self._post(
            self._url(demo, "/open"), page=self._url(demo), allow_redirects=False
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, letter.raw)
        self.assertEqual(demo.state, "notified")
        self.assertEqual(len(self._receipts(demo)), 1)

    def test_page_shows_the_company_dates(self):
        """Issued at 00:30 in Brussels (23:30 UTC) by a signatory there, opened
        by an employee whose clock says UTC: both dates are 2 December."""
        self.env.company.partner_id.tz = "Europe/Brussels"
        self.user_manager.tz = "Europe/Brussels"
        self.user_portal.tz = "UTC"
        decision = self._draft(self.emp_portal, "Late evening decision").with_env(
            self.env
        )
        self.authenticate("ggp_portal", "ggp_portal")
        with freeze_time("2026-12-01 23:30:00"):
            decision.with_user(self.user_manager).action_issue()
            url = self._url(decision)
            self._post(self._url(decision, "/open"), page=url)
            page = self.url_open(url).text
        self.assertEqual(decision.date_issued, date(2026, 12, 2))
        self.assertEqual(decision.date_notified, date(2026, 12, 2))
        self.assertIn("12/02/2026", page)
        self.assertNotIn("12/01/2026", page)

    def test_idor_other_employee_and_drafts(self):
        self.authenticate("ggp_portal", "ggp_portal")
        for target in (self.decision_other, self.draft):
            for suffix in ("", "/letter", "?access_token=bad"):
                response = self.url_open(self._url(target, suffix))
                self.assertNotIn("Secret step of Otto", response.text)
                self.assertNotIn("Draft plan for Kees", response.text)
                self.assertNotIn(b"%PDF", response.content)
                self.assertTrue(response.url.endswith("/my"), response.url)
            for suffix in ("/open", "/object"):
                self._post(
                    self._url(target, suffix), {"grounds": "Not mine"}, page="/my"
                )
        self.assertEqual(self.decision_other.state, "issued")
        self.assertFalse(self.decision_other.objection_ids)
        self.assertEqual(self.url_open("/my/decisions/999999").url[-3:], "/my")
        # The manager (internal, not the employee) cannot acknowledge in the portal.
        self.authenticate("ggp_manager", "ggp_manager")
        self._post(self._url(self.decision, "/open"))
        self.assertEqual(self.decision.state, "issued")

    def test_list_needs_login_and_csrf(self):
        response = self.url_open("/my/decisions")
        self.assertIn("/web/login", response.url)
        self.authenticate("ggp_portal", "ggp_portal")
        response = self.url_open(self._url(self.decision, "/open"), data={"x": "1"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.decision.state, "issued")

    def test_objection_within_and_after_the_term(self):
        self.authenticate("ggp_portal", "ggp_portal")
        url = self._url(self.decision)
        with freeze_time("2026-03-04"):
            self._post(self._url(self.decision, "/open"), page=url)
        term_end = self.decision.term_end
        with freeze_time("2026-03-05"):
            self._post(self._url(self.decision, "/object"), {"grounds": " "}, page=url)
            self.assertFalse(self.decision.objection_ids, "grounds are required")
            self._post(self._url(self.decision, "/object"), {"grounds": XSS}, page=url)
            objection = self.decision.objection_ids
            self.assertEqual(len(objection), 1)
            self.assertEqual(objection.filed_by_id, self.user_portal)
            self.assertEqual(self.decision.state, "disputed")
            page = self.url_open(url).text
        self.assertNotIn(XSS, page)
        self.assertIn("&lt;script&gt;", page)
        # Backend: the grounds are plain text (escaped by the web client);
        # tracking and notes do not turn them into markup.
        for message in objection.message_ids:
            self.assertNotIn("<script", str(message.body))
        self.assertEqual(objection.grounds, XSS)
        self.assertTrue(term_end)

    def test_objection_after_the_term_gives_the_end_date(self):
        self.authenticate("ggp_portal", "ggp_portal")
        url = self._url(self.decision)
        with freeze_time("2026-03-04"):
            self._post(self._url(self.decision, "/open"), page=url)
        late = self.decision.term_end.replace(year=self.decision.term_end.year + 1)
        with freeze_time(late):
            token_page = self.url_open(url).text
            self.assertIn("o_gg_term_passed", token_page)
            self.assertNotIn("o_gg_decision_object", token_page)
            # The refusal (with the end date) comes back on the decision page.
            page = self._post(
                self._url(self.decision, "/object"), {"grounds": "Late"}, page=url
            ).text
        self.assertFalse(self.decision.objection_ids)
        self.assertIn("o_gg_portal_error", page)
        self.assertIn(str(self.decision.term_end.year), page)

    def test_tour_object(self):
        """In a browser: a portal employee files an objection within the term."""
        self.decision.with_user(self.user_portal)._check_can_acknowledge()
        self.decision.with_user(self.user_portal).sudo()._do_notify(
            date.today(), "portal"
        )
        self.start_tour(
            self._url(self.decision),
            "hr_goede_gesprek_portal_object",
            login="ggp_portal",
        )
        self.assertEqual(
            self.decision.objection_ids.grounds, "My work was better than this."
        )
        self.assertEqual(self.decision.state, "disputed")

    def test_letter_html_escapes_payloads(self):
        with freeze_time("2026-03-02"):
            decision = self._draft(self.emp_portal, XSS)
            decision.reasons = XSS
            decision.action_issue()
        html = decision.sudo().attachment_id.raw.decode()
        self.assertNotIn("<script>", html)
        self.assertIn("&lt;script&gt;", html)

    # ------------------------------------------------------------------
    def _fill(self, count):
        existing = self.Decision.search_count(
            [("employee_id", "=", self.emp_portal.id), ("state", "!=", "draft")]
        )
        missing = count - existing
        if missing <= 0:
            return
        env = self.env(
            context=dict(self.env.context, tracking_disable=True, mail_notrack=True)
        )
        # As superuser: the workflow fields of already-issued decisions.
        env["hr.goede.gesprek.decision"].create(
            [
                {
                    "employee_id": self.emp_portal.id,
                    "topic_id": self.topic.id,
                    "subject": f"Bulk {i}",
                    "name": f"BES/2025/{i:04d}",
                    "state": "notified",
                    "date_issued": "2025-01-02",
                    "date_notified": "2025-01-03",
                    "term_weeks": 6,
                    "route_id": self.decision.route_id.id,
                }
                for i in range(missing)
            ]
        )

    def test_list_queries_constant(self):
        self.authenticate("ggp_portal", "ggp_portal")
        self._assert_pages_flat(["/my/decisions"], self._fill, 10, 500)
        self.assertIn("o_gg_decision_row", self.url_open("/my/decisions").text)

    def test_counter_one_query(self):
        self._fill(20)
        self.authenticate("ggp_portal", "ggp_portal")
        base, _result = self._counter_queries(["goede_gesprek_count"])
        full, result = self._counter_queries(
            ["goede_gesprek_count", "goede_gesprek_decision_count"]
        )
        _logger.info("/my decision counter: %s queries", full - base)
        self.assertEqual(result["goede_gesprek_decision_count"], 20)
        self.assertLessEqual(full - base, 1)


@tagged("post_install", "-at_install", "goede_gesprek_portal")
class TestPortalAppraisal(GoedeGesprekPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._set_up_formal_layer(goede_gesprek_appraisal_countersign=False)
        cls.appraisal_other = cls.Appraisal.create(
            {"employee_id": cls.emp_other.id, "request_reason": "Secret of Otto"}
        )

    def test_request_an_appraisal(self):
        self.authenticate("ggp_portal", "ggp_portal")
        response = self._post(
            "/my/appraisals/request", {"request_reason": XSS}, page="/my/appraisals"
        )
        appraisal = self.Appraisal.search([("employee_id", "=", self.emp_portal.id)])
        self.assertEqual(len(appraisal), 1)
        self.assertEqual(appraisal.state, "requested")
        self.assertEqual(appraisal.create_uid, self.user_portal)
        self.assertEqual(appraisal.manager_user_id, self.user_manager)
        self.assertTrue(
            response.url.endswith(
                f"/my/appraisals/{appraisal.id}?message=appraisal_requested"
            )
        )
        self.assertNotIn(XSS, response.text)
        self.assertIn("&lt;script&gt;", response.text)
        # The view (zienswijze) only once a decision is issued, within its term.
        page = self._post(
            f"/my/appraisals/{appraisal.id}/view",
            {"employee_view": "My view"},
            page=f"/my/appraisals/{appraisal.id}",
        ).text
        self.assertIn("o_gg_portal_error", page)
        self.assertFalse(appraisal.employee_view)

    def test_view_within_the_term_from_the_portal(self):
        """Request in the portal -> decision -> open the letter -> add a view."""
        self.authenticate("ggp_portal", "ggp_portal")
        with freeze_time("2026-02-02"):
            self._post("/my/appraisals/request", page="/my/appraisals")
        appraisal = self.Appraisal.search([("employee_id", "=", self.emp_portal.id)])
        hold_appraisal(appraisal, self.user_manager)
        decision = appraisal.decision_id
        decision.signatory_id = self.user_manager
        with freeze_time("2026-02-18"):
            decision.with_user(self.user_manager).action_issue()
        url = f"/my/appraisals/{appraisal.id}"
        with freeze_time("2026-02-20"):
            # The model allows the view from the issue on (as in the backend).
            self.assertIn("o_gg_appraisal_view_submit", self.url_open(url).text)
            self._post(
                f"/my/decisions/{decision.id}/open", page=f"/my/decisions/{decision.id}"
            )
            self.assertEqual(decision.state, "notified")
            page = self._post(f"{url}/view", {"employee_view": XSS}, page=url).text
        self.assertEqual(appraisal.employee_view, XSS)
        self.assertEqual(appraisal.employee_view_date, date(2026, 2, 20))
        self.assertNotIn(XSS, page)
        self.assertIn("&lt;script&gt;", page)
        late = decision.term_end.replace(year=decision.term_end.year + 1)
        with freeze_time(late):
            self.assertNotIn("o_gg_appraisal_view_submit", self.url_open(url).text)
            page = self._post(f"{url}/view", {"employee_view": "Late"}, page=url).text
        self.assertIn("o_gg_portal_error", page)
        self.assertEqual(appraisal.employee_view, XSS)

    def test_tour_request_appraisal(self):
        self.start_tour(
            "/my/appraisals",
            "hr_goede_gesprek_portal_request_appraisal",
            login="ggp_portal",
        )
        appraisal = self.Appraisal.search([("employee_id", "=", self.emp_portal.id)])
        self.assertEqual(appraisal.request_reason, "I want my work on record.")

    def test_idor_and_csrf(self):
        self.authenticate("ggp_portal", "ggp_portal")
        url = f"/my/appraisals/{self.appraisal_other.id}"
        for suffix in ("", "?access_token=bad"):
            response = self.url_open(url + suffix)
            self.assertNotIn("Secret of Otto", response.text)
            self.assertTrue(response.url.endswith("/my"), response.url)
        self._post(f"{url}/view", {"employee_view": "hijack"})
        self.assertFalse(self.appraisal_other.employee_view)
        response = self.url_open("/my/appraisals/request", data={"x": "1"})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(
            self.Appraisal.search([("employee_id", "=", self.emp_portal.id)])
        )
        page = self.url_open("/my/appraisals").text
        self.assertNotIn("Secret of Otto", page)

    def test_list_queries_constant(self):
        self.authenticate("ggp_portal", "ggp_portal")

        def fill(size):
            existing = self.Appraisal.search_count(
                [("employee_id", "=", self.emp_portal.id)]
            )
            self.Appraisal.with_context(
                tracking_disable=True, mail_notrack=True
            ).create(
                [{"employee_id": self.emp_portal.id} for _i in range(size - existing)]
            )

        self._assert_pages_flat(["/my/appraisals"], fill, 10, 500)

    def test_counter(self):
        self.Appraisal.create({"employee_id": self.emp_portal.id})
        self.authenticate("ggp_portal", "ggp_portal")
        names = ["goede_gesprek_count", "goede_gesprek_appraisal_count"]
        self._json("/my/counters", {"counters": names[:1]})
        before = self.cr.sql_log_count
        self._json("/my/counters", {"counters": names[:1]})
        base = self.cr.sql_log_count - before
        self._json("/my/counters", {"counters": names})
        before = self.cr.sql_log_count
        result = self._json("/my/counters", {"counters": names})["result"]
        full = self.cr.sql_log_count - before
        self.assertEqual(result["goede_gesprek_appraisal_count"], 1)
        self.assertLessEqual(full - base, 1)
