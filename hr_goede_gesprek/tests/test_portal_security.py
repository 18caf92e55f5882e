# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo import http
from odoo.tests import tagged

from odoo.addons.hr_goede_gesprek.controllers.main import GoedeGesprekFeedback
from odoo.addons.hr_goede_gesprek.controllers.portal import GoedeGesprekPortal
from odoo.addons.hr_goede_gesprek.controllers.portal_formal import (
    GoedeGesprekFormalPortal,
)

from .common_portal import XSS, GoedeGesprekPortalCase


@tagged("post_install", "-at_install", "goede_gesprek_portal")
class TestPortalSecurity(GoedeGesprekPortalCase):
    def _routes(self):
        for controller in (
            GoedeGesprekPortal,
            GoedeGesprekFormalPortal,
            GoedeGesprekFeedback,
        ):
            for name in dir(controller):
                method = getattr(controller, name)
                routing = getattr(method, "original_routing", None)
                endpoint = getattr(method, "original_endpoint", None)
                if routing and "hr_goede_gesprek" in endpoint.__module__:
                    yield name, routing

    def test_route_declarations(self):
        """Lists need a login; no route disables CSRF; one public write route."""
        routes = dict(self._routes())
        self.assertTrue(routes)
        public_writes = []
        for name, routing in routes.items():
            self.assertNotEqual(routing.get("csrf"), False, name)
            paths = routing["routes"]
            if any(
                p in ("/my/conversations", "/my/agreements", "/my/feedback")
                for p in paths
            ):
                self.assertEqual(routing["auth"], "user", name)
            methods = routing.get("methods") or []
            if routing.get("auth") == "public" and "POST" in methods:
                public_writes.append(name)
        self.assertEqual(public_writes, ["feedback_respond"])

    def test_lists_need_login(self):
        for url in ("/my/conversations", "/my/agreements", "/my/feedback"):
            response = self.url_open(url)
            self.assertIn("/web/login", response.url, url)

    def test_public_token_on_conversation(self):
        """A wrong token gives nothing; the right token lets read, never act."""
        url = self.conversation_other.access_url
        response = self.url_open(f"{url}?access_token=bad")
        self.assertNotIn("Secret room of Otto", response.text)
        token = self.conversation_other.sudo()._portal_ensure_token()
        response = self.url_open(f"{url}?access_token={token}")
        self.assertIn("Secret room of Otto", response.text)
        self.assertNotIn("o_gg_details_form", response.text)

    def test_record_rules_for_portal(self):
        Conversation = self.Conversation.with_user(self.user_portal)
        self.assertEqual(Conversation.search([]), self.conversation)
        with self.assertRaises(
            http.AccessError if hasattr(http, "AccessError") else Exception
        ):
            self.conversation.with_user(self.user_portal).write({"location": "x"})

    def test_xss_neutralised(self):
        """Payloads in every portal input show escaped in portal, backend, PDF."""
        self.authenticate("ggp_portal", "ggp_portal")
        conversation = self.conversation
        url = conversation.access_url
        agreement = self.env["hr.goede.gesprek.agreement"].create(
            {"name": "Course", "conversation_id": conversation.id}
        )
        with freeze_time("2026-03-01 09:00:00"):
            self._post(
                f"{url}/details",
                {
                    "date_start": "2026-03-10T10:00",
                    "location": XSS,
                    "companion_name": XSS,
                },
                page=url,
            )
            self._post(f"{url}/agenda/add", {"name": XSS, "description": XSS}, page=url)
            self._post(f"{url}/plan", page=url)
        self._post(f"/my/agreements/{agreement.id}/decline", {"reason": XSS})
        with freeze_time("2026-03-10 12:00:00"):
            conversation.with_user(self.user_manager).action_hold()
            conversation.report_author = "employee"
            self._post(
                f"{url}/report", {"report_summary": XSS, "submit": "1"}, page=url
            )
            self._post(f"{url}/view", {"view": XSS}, page=url)
        self.assertEqual(conversation.location, XSS)
        self.assertEqual(conversation.employee_view, XSS)
        self.assertNotIn("<script", conversation.report_summary)
        pages = [
            self.url_open(url).text,
            self.url_open("/my/conversations").text,
            self.url_open(agreement.access_url).text,
        ]
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            "hr_goede_gesprek.action_report_goede_gesprek", conversation.ids
        )
        pages.append(html.decode())
        # Backend: the form's fields are read as data (JSON), never as markup.
        data = conversation.with_user(self.user_manager).web_read(
            {"report_summary": {}, "location": {}, "employee_view": {}}
        )[0]
        self.assertNotIn("<script", data["report_summary"])
        self.assertNotIn("<img", data["report_summary"])
        for page in pages:
            self.assertNotIn('<script>alert("gg")', page)
            self.assertNotIn("<img src=x onerror", page)
            self.assertNotIn('<img src="x" onerror', page)
        self.assertIn("&lt;script&gt;", pages[0])
