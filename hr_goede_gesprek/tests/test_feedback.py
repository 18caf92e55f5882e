# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_portal import XSS, GoedeGesprekPortalCase


@tagged("post_install", "-at_install", "goede_gesprek_portal")
class TestFeedback(GoedeGesprekPortalCase):
    def _request(self, employee=None, n=3, anonymous=False, deadline="2026-04-01"):
        employee = employee or self.emp_portal
        request = self.Request.create(
            {
                "name": "Feedback on my work",
                "employee_id": employee.id,
                "deadline": deadline,
                "anonymous": anonymous,
                "question_ids": [(0, 0, {"name": "What went well?"})],
                "respondent_ids": [
                    (0, 0, {"name": f"Ext {i}", "email": f"ext{i}@example.com"})
                    for i in range(n)
                ],
            }
        )
        with freeze_time("2026-03-01"):
            request.with_user(employee.user_id).action_send()
        return request

    def _answer_url(self, respondent):
        return f"/feedback/respond/{respondent.id}/{respondent.sudo().access_token}"

    def test_portal_create_and_send(self):
        self.authenticate("ggp_portal", "ggp_portal")
        catalogue = self.env.ref("hr_goede_gesprek.feedback_question_strengths")
        with freeze_time("2026-03-01"):
            response = self._post(
                "/my/feedback/new",
                {
                    "name": "My project",
                    "deadline": "2026-03-20",
                    "catalogue_ids": str(catalogue.id),
                    "own_questions": "How was my planning?\n\n",
                    "respondents": "Jan <jan@example.com>\nann@example.com",
                    "anonymous": "1",
                    "send": "1",
                },
                page="/my/feedback/new",
            )
        request = self.Request.search([("employee_id", "=", self.emp_portal.id)])
        self.assertEqual(len(request), 1)
        self.assertTrue(
            response.url.endswith(f"{request.access_url}?message=feedback_sent")
        )
        self.assertIn("o_gg_portal_message", response.text)
        self.assertEqual(request.state, "sent")
        self.assertTrue(request.anonymous)
        self.assertEqual(
            request.question_ids.mapped("name"),
            [catalogue.name, "How was my planning?"],
        )
        self.assertEqual(
            request.respondent_ids.mapped("email"),
            ["jan@example.com", "ann@example.com"],
        )
        # Each respondent gets their link in a mail linked to no record: a
        # message on the respondent would show the link to the requester.
        mails = self.env["mail.mail"].search(
            [("email_to", "in", ["jan@example.com", "ann@example.com"])]
        )
        self.assertEqual(len(mails), 2)
        self.assertFalse(any(mails.mapped("model")))
        self.assertIn("/feedback/respond/", mails[0].body_html)

    def test_portal_create_refusals(self):
        """The rules the backend wizard shares: nothing is created."""
        self.authenticate("ggp_portal", "ggp_portal")
        valid = {
            "name": "My project",
            "deadline": "2026-03-20",
            "own_questions": "How was my planning?",
            "respondents": "Jan <jan@example.com>",
            "send": "1",
        }
        for change, message in (
            ({"respondents": "jan@example.com\nJan <JAN@example.com>"}, "twice"),
            ({"own_questions": ""}, "at least one question"),
            ({"respondents": ""}, "one respondent"),
            ({"deadline": "2026-03-01"}, "deadline in the future"),
            ({"name": " "}, "a subject"),
        ):
            with self.subTest(message=message), freeze_time("2026-03-01"):
                response = self._post(
                    "/my/feedback/new",
                    dict(valid, **change),
                    page="/my/feedback/new",
                )
                self.assertIn(message, response.text)
        self.assertFalse(
            self.Request.search([("employee_id", "=", self.emp_portal.id)])
        )

    def test_token_page_single_use(self):
        request = self._request()
        respondent = request.respondent_ids[0]
        url = self._answer_url(respondent)
        question = request.question_ids
        with freeze_time("2026-03-05"):
            page = self.url_open(url)
            self.assertEqual(page.status_code, 200)
            self.assertIn("What went well?", page.text)
            self._post(url, {f"answer_{question.id}": XSS}, page=url)
            self.assertEqual(respondent.state, "answered")
            self.assertEqual(request.answer_ids.answer, XSS)
            again = self.url_open(url)
            self.assertEqual(again.status_code, 200)
            self.assertIn('data-status="answered"', again.text)
            self.assertNotIn("What went well?", again.text)
        self.assertEqual(len(request.answer_ids), 1)

    def test_token_wrong_expired(self):
        request = self._request()
        respondent = request.respondent_ids[0]
        with freeze_time("2026-03-05"):
            for url in (
                f"/feedback/respond/{respondent.id}/wrong-token",
                f"/feedback/respond/{request.respondent_ids[1].id}/"
                f"{respondent.sudo().access_token}",
                "/feedback/respond/999999/abc",
            ):
                response = self.url_open(url)
                self.assertEqual(response.status_code, 404, url)
                self.assertIn('data-status="invalid"', response.text)
                self.assertNotIn("What went well?", response.text)
        with freeze_time("2026-04-02"):
            response = self.url_open(self._answer_url(respondent))
            self.assertEqual(response.status_code, 200)
            self.assertIn('data-status="expired"', response.text)
            response = self._post(
                self._answer_url(respondent),
                {f"answer_{request.question_ids.id}": "late"},
                page="/web/login",
            )
            self.assertIn('data-status="expired"', response.text)
        self.assertFalse(request.answer_ids)

    def _answer_all(self, request, count, start=0):
        question = request.question_ids
        # Before the deadline: the link works until then, once.
        with freeze_time("2026-03-05"):
            for respondent in request.respondent_ids[start:count]:
                respondent.sudo()._do_answer(
                    {question.id: f"Answer of {respondent.name}"}
                )

    def test_sharing_and_privacy(self):
        request = self._request()
        self._answer_all(request, 2)
        first, second = request.answer_ids
        # Manager and HR see nothing before sharing.
        Answer = self.env["hr.goede.gesprek.feedback.answer"]
        self.assertFalse(Answer.with_user(self.user_manager).search([]))
        self.assertFalse(Answer.with_user(self.user_officer).search([]))
        with self.assertRaises(AccessError):
            first.with_user(self.user_manager).answer  # noqa: B018
        # Only the requester may share.
        with self.assertRaises(AccessError):
            first.with_user(self.user_manager).action_share_with_manager()
        with self.assertRaises(AccessError):
            first.with_user(self.user_portal_other).action_share_with_manager()
        self.authenticate("ggp_portal", "ggp_portal")
        page = self.url_open(request.access_url).text
        self.assertIn("Answer of Ext 0", page)
        self._post(
            f"/my/feedback/{request.id}/answer/{first.id}/share",
            {"share": "1"},
            page=request.access_url,
        )
        self.assertTrue(first.shared_with_manager)
        self.assertFalse(second.shared_with_manager)
        seen = Answer.with_user(self.user_manager).search([])
        self.assertEqual(seen, first)
        self.assertEqual(seen.answer, "Answer of Ext 0")
        self.assertFalse(Answer.with_user(self.user_officer).search([]))
        self.assertFalse(Answer.with_user(self.user_internal).search([]))
        # Raw answers never reach the personnel file.
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", "hr.employee"), ("res_id", "=", self.emp_portal.id)]
        )
        self.assertFalse(attachments)
        # Another portal employee cannot see or act on it.
        self.authenticate("ggp_other", "ggp_other")
        response = self.url_open(request.access_url)
        self.assertNotIn("Answer of", response.text)
        self._post(
            f"/my/feedback/{request.id}/answer/{second.id}/share", {"share": "1"}
        )
        self.assertFalse(second.shared_with_manager)

    def test_anonymity_threshold(self):
        request = self._request(anonymous=True, n=4)
        self._answer_all(request, 2)
        self.assertFalse(request.answers_visible)
        with self.assertRaises(UserError):
            request.with_user(self.user_portal)._check_can_share_answer(
                request.answer_ids[0]
            )
        self.authenticate("ggp_portal", "ggp_portal")
        page = self.url_open(request.access_url).text
        self.assertIn("o_gg_answers_hidden", page)
        self.assertNotIn("Answer of", page)
        # The third respondent (each link works once).
        self._answer_all(request, 3, start=2)
        self.assertTrue(request.answers_visible)
        page = self.url_open(request.access_url).text
        self.assertIn("Answer of Ext 2", page)
        self.assertEqual(
            set(request.answer_ids.mapped("respondent_label")), {"Anonymous respondent"}
        )
        # The respondent behind an answer is not readable by the manager.
        with self.assertRaises(AccessError):
            request.answer_ids[0].with_user(self.user_manager).respondent_id  # noqa: B018

    def test_cron_reminders(self):
        request = self._request(deadline="2026-03-10")
        self._answer_all(request, 1)
        Mail = self.env["mail.mail"]
        before = Mail.search_count([])
        with freeze_time("2026-03-03"):
            self.Request._cron_feedback_reminders()
            self.assertEqual(Mail.search_count([]), before)
        with freeze_time("2026-03-08"):
            self.Request._cron_feedback_reminders()
            self.assertEqual(Mail.search_count([]), before + 2)
            self.Request._cron_feedback_reminders()
            self.assertEqual(Mail.search_count([]), before + 2, "idempotent")
        with freeze_time("2026-03-11"):
            self.Request._cron_feedback_reminders()
        self.assertEqual(request.state, "closed")
        self.assertEqual(request.deadline, date(2026, 3, 10))

    def test_requests_are_private(self):
        request = self._request()
        self.assertFalse(self.Request.with_user(self.user_portal_other).search([]))
        self.assertFalse(self.Request.with_user(self.user_manager).search([]))
        self.assertEqual(self.Request.with_user(self.user_portal).search([]), request)
        with self.assertRaises(AccessError):
            request.with_user(self.user_portal_other).action_close()
