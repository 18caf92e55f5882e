# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time
from werkzeug.urls import url_encode

from odoo.exceptions import AccessError, MissingError, UserError
from odoo.tests import tagged

from .common_portal import XSS, GoedeGesprekPortalCase

SIGNATURE = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA"
    "60e6kgAAAABJRU5ErkJggg=="
)


@tagged("post_install", "-at_install", "goede_gesprek_portal")
class TestPortal(GoedeGesprekPortalCase):
    def test_home_counters(self):
        self.authenticate("ggp_portal", "ggp_portal")
        result = self._json(
            "/my/counters",
            {
                "counters": [
                    "goede_gesprek_count",
                    "goede_gesprek_agreement_count",
                    "goede_gesprek_feedback_count",
                ]
            },
        )["result"]
        self.assertEqual(result["goede_gesprek_count"], 1)
        self.assertEqual(result["goede_gesprek_agreement_count"], 0)
        self.assertEqual(result["goede_gesprek_feedback_count"], 0)
        home = self.url_open("/my")
        self.assertIn("/my/conversations", home.text)

    def test_list_shows_only_own(self):
        self.authenticate("ggp_portal", "ggp_portal")
        response = self.url_open("/my/conversations")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.conversation.name, response.text)
        self.assertNotIn("Otto Other", response.text)
        self.assertNotIn(self.conversation_other.access_url, response.text)

    def test_detail_and_idor(self):
        self.authenticate("ggp_portal", "ggp_portal")
        response = self.url_open(self.conversation.access_url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Canteen", response.text)
        for url in (
            self.conversation_other.access_url,
            f"{self.conversation_other.access_url}?access_token=wrong",
            f"{self.conversation_other.access_url}?report_type=pdf",
            "/my/conversations/999999",
        ):
            response = self.url_open(url)
            self.assertNotIn("Secret room of Otto", response.text, url)
            self.assertTrue(response.url.endswith("/my"), url)

    def test_work_contact_employee(self):
        """An employee without user is found through the work contact."""
        self.emp_other.write(
            {"user_id": False, "work_contact_id": self.user_portal_other.partner_id.id}
        )
        self.authenticate("ggp_other", "ggp_other")
        response = self.url_open(self.conversation_other.access_url)
        self.assertIn("Secret room of Otto", response.text)
        self.assertEqual(
            self.conversation_other.with_user(self.user_portal_other)._get_user_party(),
            "employee",
        )

    def test_post_without_csrf_is_refused(self):
        self.authenticate("ggp_portal", "ggp_portal")
        response = self.url_open(
            f"/my/conversations/{self.conversation.id}/agenda/add",
            data={"name": "No token"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.conversation.agenda_line_ids)

    def test_write_routes_on_other_conversation_refused(self):
        self.authenticate("ggp_portal", "ggp_portal")
        other = self.conversation_other
        for suffix, data in (
            ("details", {"location": "Hacked"}),
            ("agenda/add", {"name": "Hacked"}),
            ("plan", {}),
            ("share", {}),
            ("report", {"report_summary": "Hacked"}),
            ("view", {"view": "Hacked"}),
        ):
            response = self._post(f"/my/conversations/{other.id}/{suffix}", data)
            self.assertTrue(response.url.endswith("/my"), suffix)
        self.assertEqual(other.location, "Secret room of Otto")
        self.assertFalse(other.agenda_line_ids)
        self.assertEqual(other.state, "preparing")

    def test_portal_employee_runs_the_cycle(self):
        """Details, agenda, share, report, sign, agreement: all from the portal."""
        self.authenticate("ggp_portal", "ggp_portal")
        conversation = self.conversation
        url = conversation.access_url
        with freeze_time("2026-03-01 09:00:00"):
            self._post(
                f"{url}/details",
                {
                    "date_start": "2026-03-10T10:00",
                    "duration": "1.5",
                    "location": "Park",
                },
                page=url,
            )
            self.assertEqual(conversation.location, "Park")
            self.assertEqual(conversation.duration, 1.5)
            self.assertTrue(conversation.date_start)
            for name in ("Workload", "Training", "Holidays"):
                self._post(f"{url}/agenda/add", {"name": name}, page=url)
            lines = conversation.agenda_line_ids.sorted("sequence")
            self.assertEqual(lines.mapped("name"), ["Workload", "Training", "Holidays"])
            self.assertEqual(set(lines.mapped("author")), {"employee"})
            self._post(
                f"{url}/agenda/{lines[2].id}/move", {"direction": "up"}, page=url
            )
            self.assertEqual(
                conversation.agenda_line_ids.sorted("sequence").mapped("name"),
                ["Workload", "Holidays", "Training"],
            )
            self._post(
                f"{url}/agenda/{lines[1].id}/edit",
                {"name": "Training course", "description": "Pruning"},
                page=url,
            )
            self.assertEqual(lines[1].name, "Training course")
            self._post(f"{url}/agenda/{lines[0].id}/delete", page=url)
            self.assertEqual(len(conversation.agenda_line_ids), 2)
            self._post(f"{url}/plan", page=url)
            self.assertEqual(conversation.state, "planned")
            self._post(f"{url}/share", page=url)
            self.assertTrue(conversation.agenda_shared_date)
            # A planned date moves only through "reschedule" (with a reason).
            self._post(f"{url}/details", {"date_start": "2026-03-11T10:00"}, page=url)
            self.assertEqual(conversation.date_start.day, 10)
        with freeze_time("2026-03-10 12:00:00"):
            conversation.with_user(self.user_manager).action_hold()
            conversation.report_author = "employee"
            self._post(
                f"{url}/report",
                {"report_summary": "We talked.\nAll good.", "submit": "1"},
                page=url,
            )
            self.assertEqual(conversation.state, "report")
            self.assertIn("All good.", conversation.report_summary)
            self._post(f"{url}/view", {"view": "I agree."}, page=url)
            self.assertEqual(conversation.employee_view, "I agree.")
            page = self.url_open(url).text
            self.assertIn("o_gg_sign_agreed", page)
            token = self._csrf(url)
            # Without the CSRF token in the URL the signature is refused.
            result = self._json(
                f"{url}/sign/agreed", {"name": "Kees", "signature": SIGNATURE}
            )["result"]
            self.assertIn("error", result)
            self.assertFalse(conversation.employee_signed_date)
            result = self._json(
                f"{url}/sign/agreed?csrf_token={token}",
                {"name": "Kees", "signature": SIGNATURE},
            )["result"]
            self.assertTrue(result.get("force_refresh"), result)
            self.assertEqual(conversation.employee_sign_mode, "agreed")
            self.assertEqual(conversation.employee_signed_by_id, self.user_portal)
            self.assertTrue(conversation.employee_signature)
            # Signing twice is refused with a message.
            result = self._json(
                f"{url}/sign/seen?csrf_token={token}",
                {"name": "Kees", "signature": SIGNATURE},
            )["result"]
            self.assertIn("error", result)

    def test_agreements(self):
        agreement = self.env["hr.goede.gesprek.agreement"].create(
            {"name": "Pruning course", "conversation_id": self.conversation.id}
        )
        other = self.env["hr.goede.gesprek.agreement"].create(
            {
                "name": "Otto's secret raise",
                "conversation_id": self.conversation_other.id,
            }
        )
        self.authenticate("ggp_portal", "ggp_portal")
        listing = self.url_open("/my/agreements").text
        self.assertIn("Pruning course", listing)
        self.assertNotIn("secret raise", listing)
        response = self.url_open(other.access_url)
        self.assertNotIn("secret raise", response.text)
        self.assertTrue(response.url.endswith("/my"))
        self._post(f"/my/agreements/{other.id}/confirm")
        self.assertFalse(other.employee_confirmed)
        self._post(f"/my/agreements/{agreement.id}/confirm")
        self.assertTrue(agreement.employee_confirmed)
        self.assertEqual(agreement.state, "proposed")
        agreement.with_user(self.user_manager).action_confirm()
        self.assertEqual(agreement.state, "agreed")
        self._post(
            f"/my/agreements/{agreement.id}/progress",
            {"progress": "40", "note": "Booked the course"},
        )
        self.assertEqual(agreement.progress, 40)
        self._post(f"/my/agreements/{agreement.id}/progress", {"done": "1"})
        self.assertEqual(agreement.state, "done")
        second = self.env["hr.goede.gesprek.agreement"].create(
            {"name": "Work on Saturdays", "conversation_id": self.conversation.id}
        )
        self._post(f"/my/agreements/{second.id}/decline", {"reason": "Not for me"})
        self.assertEqual(second.state, "talk_again")
        self.assertEqual(second.decline_reason, "Not for me")

    def test_request_conversation(self):
        self.authenticate("ggp_portal", "ggp_portal")
        self.assertEqual(self.url_open("/my/conversations/request").status_code, 200)
        response = self._post(
            "/my/conversations/request",
            {"note": "About my workload"},
            page="/my/conversations/request",
        )
        requested = self.Conversation.search(
            [("employee_id", "=", self.emp_portal.id), ("requested_date", "!=", False)]
        )
        self.assertEqual(len(requested), 1)
        self.assertEqual(requested.state, "preparing")
        self.assertEqual(requested.partner_employee_ids, self.emp_manager)
        self.assertTrue(
            response.url.endswith(
                f"{requested.access_url}?message=conversation_requested"
            )
        )
        # What happened and what comes next, and the employee's own words.
        self.assertIn("o_gg_portal_message", response.text)
        self.assertEqual(requested.request_note, "About my workload")
        self.assertIn("About my workload", response.text)
        self.assertTrue(
            requested.activity_ids.filtered(lambda a: a.user_id == self.user_manager)
        )

    def test_request_needs_an_employee(self):
        self.emp_other.write(
            {
                "user_id": False,
                "work_contact_id": self.env["res.partner"].create({"name": "Otto"}).id,
            }
        )
        requested = self.Conversation.search([("requested_date", "!=", False)])
        self.authenticate("ggp_other", "ggp_other")
        response = self._post(
            "/my/conversations/request", {}, page="/my/conversations/request"
        )
        self.assertTrue(response.url.endswith("/my"))
        self.assertEqual(
            self.Conversation.search([("requested_date", "!=", False)]), requested
        )

    def test_internal_user_uses_the_portal(self):
        conversation = self.Conversation.create({"employee_id": self.emp_internal.id})
        self.authenticate("ggp_internal", "ggp_internal")
        url = conversation.access_url
        self._post(f"{url}/agenda/add", {"name": "Career"}, page=url)
        self.assertEqual(conversation.agenda_line_ids.name, "Career")
        self.assertIn(
            "Career", self.url_open("/my/conversations/%s" % conversation.id).text
        )

    def test_move_agenda_line(self):
        """The employee swaps an item with its neighbour; the items are
        numbered anew; the ends stay put; nobody else moves them."""
        Line = self.env["hr.goede.gesprek.agenda.line"]
        first, second, third = (
            Line.create(
                {"conversation_id": self.conversation.id, "name": name, "sequence": 10}
            )
            for name in ("First", "Second", "Third")
        )

        def order():
            lines = self.conversation.agenda_line_ids
            return lines.sorted(lambda line: (line.sequence, line.id)).mapped("name")

        as_employee = self.conversation.with_user(self.user_portal)
        as_employee.portal_move_agenda_line(third.id, "up")
        self.assertEqual(order(), ["First", "Third", "Second"])
        self.assertEqual((first + third + second).mapped("sequence"), [1, 2, 3])
        as_employee.portal_move_agenda_line(first.id, "up")
        as_employee.portal_move_agenda_line(second.id, "down")
        self.assertEqual(order(), ["First", "Third", "Second"])
        as_employee.portal_move_agenda_line(first.id, "down")
        self.assertEqual(order(), ["Third", "First", "Second"])
        elsewhere = Line.create(
            {"conversation_id": self.conversation_other.id, "name": "Elsewhere"}
        )
        with self.assertRaises(MissingError):
            as_employee.portal_move_agenda_line(elsewhere.id, "up")
        # A colleague of the same team, the manager (a partner, not the
        # employee), and a locked agenda: refused, nothing moves.
        for user in (self.user_portal_other, self.user_manager):
            with self.assertRaises(AccessError):
                self.conversation.with_user(user).portal_move_agenda_line(
                    second.id, "up"
                )
        self.env.cr.execute(
            "UPDATE hr_goede_gesprek SET state = 'done' WHERE id = %s",
            [self.conversation.id],
        )
        self.conversation.invalidate_recordset(["state"])
        with self.assertRaises(UserError):
            as_employee.portal_move_agenda_line(second.id, "up")
        self.assertEqual(order(), ["Third", "First", "Second"])


@tagged("post_install", "-at_install", "goede_gesprek_portal")
class TestPortalGuidance(GoedeGesprekPortalCase):
    """Every action confirms what happened; the /my cards count."""

    def test_actions_confirm_what_happened(self):
        self.authenticate("ggp_portal", "ggp_portal")
        url = self.conversation.access_url
        response = self._post(f"{url}/agenda/add", {"name": "Workload"}, page=url)
        self.assertTrue(response.url.endswith("?message=topic_added"), response.url)
        self.assertIn("o_gg_portal_message", response.text)
        self.assertIn("The topic is on the agenda.", response.text)
        # A refusal shows the error, not a confirmation, and changes nothing.
        line = self.conversation.agenda_line_ids
        response = self._post(f"{url}/agenda/add", {"name": ""}, page=url)
        self.assertIn("o_gg_portal_error", response.text)
        self.assertNotIn("o_gg_portal_message", response.text)
        self.assertEqual(self.conversation.agenda_line_ids, line)

    def test_only_known_messages_show(self):
        self.authenticate("ggp_portal", "ggp_portal")
        url = self.conversation.access_url
        for key in ("nothing", XSS, ""):
            with self.subTest(key=key):
                response = self.url_open(f"{url}?{url_encode({'message': key})}")
                self.assertEqual(response.status_code, 200)
                self.assertNotIn("o_gg_portal_message", response.text)
                self.assertNotIn(XSS, response.text)

    def test_home_cards_count_with_their_own_icons(self):
        self.authenticate("ggp_portal", "ggp_portal")
        response = self.url_open("/my")
        for name in ("conversations", "agreements", "feedback"):
            self.assertIn(
                f"/hr_goede_gesprek/static/src/img/portal-{name}.svg", response.text
            )
        self.assertIn('data-placeholder_count="goede_gesprek_count"', response.text)
        counters = self._json("/my/counters", {"counters": ["goede_gesprek_count"]})[
            "result"
        ]
        self.assertEqual(counters["goede_gesprek_count"], 1)

    def test_feedback_form_label(self):
        self.authenticate("ggp_portal", "ggp_portal")
        response = self.url_open("/my/feedback/new")
        self.assertIn(
            "Respondents (one per line: a name and an e-mail address)", response.text
        )
