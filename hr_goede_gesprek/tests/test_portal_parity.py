# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Portal parity (issue 13): hours requests, proposing agreements, the
information at hand, the choices, own rewards and the prepare page; each
route and model method per role, and another employee's record refused."""

from datetime import timedelta
from urllib.parse import urlsplit

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common_portal import XSS, GoedeGesprekPortalCase


@tagged("post_install", "-at_install", "goede_gesprek_portal")
class TestPortalParity(GoedeGesprekPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.conversation.partner_employee_ids = cls.emp_manager
        cls.conversation_other.partner_employee_ids = cls.emp_manager
        cls.start = fields.Date.today() + relativedelta(months=3)

    def _request_of(self, employee, **vals):
        return self.HoursRequest.create(
            {
                "employee_id": employee.id,
                "date_start": self.start,
                "hours_current": 32,
                "hours_requested": 24,
                **vals,
            }
        )

    def _reward_of(self, employee, name, amount=150):
        return self.Reward.create(
            {
                "name": name,
                "reason": "Extra effort",
                "employee_id": employee.id,
                "amount_net": amount,
            }
        )

    # ------------------------------------------------------------------
    # Hours requests
    # ------------------------------------------------------------------
    def test_hours_request_model(self):
        HoursRequest = self.HoursRequest.with_user(self.user_portal)
        request = HoursRequest._portal_request_hours(
            {"date_start": self.start, "hours_current": 32, "hours_requested": 28}
        )
        self.assertEqual(request.employee_id, self.emp_portal)
        self.assertEqual(request.state, "submitted")
        self.assertEqual(request.request_date, fields.Date.today())
        self.assertEqual(
            request.decision_deadline, self.start - relativedelta(months=1)
        )
        self.assertFalse(request.is_late)
        # Read as the user: their own only.
        self.assertEqual(HoursRequest.search([]), request)
        other = self._request_of(self.emp_other)
        with self.assertRaises(AccessError):
            other.with_user(self.user_portal).portal_withdraw()
        self.assertEqual(other.state, "draft")
        request.portal_withdraw()
        self.assertEqual(request.state, "withdrawn")

    def test_hours_request_bad_input_changes_nothing(self):
        HoursRequest = self.HoursRequest.with_user(self.user_portal)
        count = self.HoursRequest.search_count([])
        yesterday = fields.Date.today() - timedelta(days=1)
        for vals, error in (
            ({"date_start": self.start, "state": "granted"}, AccessError),
            ({"date_start": self.start, "request_date": "2020-01-01"}, AccessError),
            ({"date_start": self.start, "decision_ids": [(5,)]}, AccessError),
            ({"hours_requested": 20}, UserError),
            ({"date_start": self.start}, UserError),
            ({"date_start": yesterday, "hours_requested": 8}, ValidationError),
        ):
            with self.subTest(vals=vals), self.assertRaises(error):
                HoursRequest._portal_request_hours(vals)
        self.assertEqual(self.HoursRequest.search_count([]), count)
        # The employee is always the user's own, never another's.
        request = HoursRequest._portal_request_hours(
            {
                "employee_id": self.emp_other.id,
                "date_start": self.start,
                "hours_requested": 8,
            }
        )
        self.assertEqual(request.employee_id, self.emp_portal)
        self.assertFalse(
            self.HoursRequest.search([("employee_id", "=", self.emp_other.id)])
        )

    def test_hours_request_late_shows_the_warning(self):
        self.authenticate("ggp_portal", "ggp_portal")
        start = fields.Date.today() + timedelta(days=20)
        response = self._post(
            "/my/hours/new",
            {
                "date_start": start.isoformat(),
                "hours_current": "36",
                "hours_requested": "32,5",
            },
            page="/my/hours/new",
        )
        request = self.HoursRequest.search([("employee_id", "=", self.emp_portal.id)])
        self.assertEqual(request.hours_requested, 32.5)
        self.assertTrue(request.is_late)
        self.assertTrue(urlsplit(response.url).path.endswith(f"/my/hours/{request.id}"))
        self.assertIn("o_gg_hours_late", response.text)
        self.assertIn("o_gg_hours_terms", response.text)

    def test_hours_request_routes(self):
        self.authenticate("ggp_portal", "ggp_portal")
        response = self.url_open("/my/hours/new")
        self.assertIn("o_gg_hours_terms", response.text)
        self.assertIn("deemed granted", response.text)
        response = self._post(
            "/my/hours/new",
            {
                "date_start": self.start.isoformat(),
                "hours_current": "32",
                "hours_requested": "24",
                "schedule_change": XSS,
            },
            page="/my/hours/new",
        )
        request = self.HoursRequest.search([("employee_id", "=", self.emp_portal.id)])
        self.assertEqual(request.state, "submitted")
        self.assertIn("o_gg_hours_deemed", response.text)
        # The page confirms what happened and what comes next.
        self.assertIn("Your request is submitted", response.text)
        self.assertNotIn("<script>alert", response.text)
        self.assertIn(request.name, self.url_open("/my/hours").text)
        # Bad input: a clear error on the form, nothing created.
        response = self._post(
            "/my/hours/new",
            {"date_start": "tomorrow", "hours_requested": "x"},
            page="/my/hours/new",
        )
        self.assertIn("o_gg_portal_error", response.text)
        self.assertIn("not a valid date", response.text)
        self.assertEqual(
            self.HoursRequest.search_count([("employee_id", "=", self.emp_portal.id)]),
            1,
        )
        # Another employee's request: no page, no withdrawal.
        other = self._request_of(self.emp_other, schedule_change="Otto's secret")
        response = self.url_open(f"/my/hours/{other.id}")
        self.assertNotIn("Otto's secret", response.text)
        self.assertNotIn("Otto", self.url_open("/my/hours").text)
        self._post(f"/my/hours/{other.id}/withdraw", page="/my/hours")
        self.assertEqual(other.state, "draft")
        response = self._post(
            f"/my/hours/{request.id}/withdraw", page=f"/my/hours/{request.id}"
        )
        self.assertEqual(request.state, "withdrawn")
        self.assertIn("Your request is withdrawn", response.text)

    def test_hours_request_internal_employee_keeps_the_backend_rules(self):
        """The portal method serves internal employees the same way."""
        request = self.HoursRequest.with_user(self.user_internal)._portal_request_hours(
            {"date_start": self.start, "hours_requested": 20}
        )
        self.assertEqual(request.employee_id, self.emp_internal)
        with self.assertRaises(AccessError):
            request.with_user(self.user_portal).portal_withdraw()

    # ------------------------------------------------------------------
    # Proposing an agreement
    # ------------------------------------------------------------------
    def test_propose_agreement_model(self):
        Agreement = self.Agreement.with_user(self.user_portal)
        agreement = Agreement._portal_propose(
            {"name": " Mower course ", "kind": "development", "owner": "both"},
            self.conversation.id,
        )
        self.assertEqual(agreement.name, "Mower course")
        self.assertEqual(agreement.conversation_id, self.conversation)
        self.assertEqual(agreement.employee_id, self.emp_portal)
        self.assertEqual(agreement.state, "proposed")
        self.assertFalse(agreement.employee_confirmed)
        # The employee confirms as the backend allows; the manager too.
        agreement.portal_confirm()
        agreement.with_user(self.user_manager).action_confirm()
        self.assertEqual(agreement.state, "agreed")
        # Standalone: about the user's own employee.
        standalone = Agreement._portal_propose({"name": "Walk more"})
        self.assertEqual(standalone.employee_id, self.emp_portal)
        self.assertFalse(standalone.conversation_id)

    def test_propose_agreement_refused(self):
        Agreement = self.Agreement.with_user(self.user_portal)
        count = self.Agreement.search_count([])
        cases = [
            ({"name": "Other's"}, self.conversation_other.id, AccessError),
            (
                {"name": "Sneaky", "employee_confirmed": True},
                self.conversation.id,
                AccessError,
            ),
            ({"name": "Sneaky", "state": "agreed"}, False, AccessError),
            ({"name": "  "}, self.conversation.id, UserError),
            ({"name": "Bad kind", "kind": "salary"}, self.conversation.id, UserError),
            ({"name": "Gone"}, 999999, Exception),
        ]
        for vals, conversation_id, error in cases:
            with self.subTest(vals=vals), self.assertRaises(error):
                Agreement._portal_propose(vals, conversation_id)
        self.assertEqual(self.Agreement.search_count([]), count)
        # The agreement is always about the user's own employee.
        agreement = Agreement._portal_propose(
            {"name": "Mine", "employee_id": self.emp_other.id}, self.conversation.id
        )
        self.assertEqual(agreement.employee_id, self.emp_portal)
        # A locked (done) conversation takes no new agreements.
        self.conversation.sudo().write({"state": "cancelled"})
        with self.assertRaises(UserError):
            Agreement._portal_propose({"name": "Late"}, self.conversation.id)

    def test_propose_agreement_routes(self):
        self.authenticate("ggp_portal", "ggp_portal")
        url = f"/my/agreements/new?conversation_id={self.conversation.id}"
        response = self.url_open(url)
        self.assertIn("o_gg_agreement_form", response.text)
        response = self._post(
            "/my/agreements/new",
            {
                "name": "Course on the new mower",
                "conversation_id": str(self.conversation.id),
                "deadline": (fields.Date.today() + timedelta(days=30)).isoformat(),
                "kind": "development",
            },
            page=url,
        )
        agreement = self.Agreement.search([("name", "=", "Course on the new mower")])
        self.assertEqual(agreement.conversation_id, self.conversation)
        self.assertTrue(urlsplit(response.url).path.endswith(agreement.access_url))
        # Another employee's conversation: nothing, back to /my.
        response = self._post(
            "/my/agreements/new",
            {"name": "On Otto", "conversation_id": str(self.conversation_other.id)},
            page="/my/agreements/new",
        )
        self.assertFalse(self.Agreement.search([("name", "=", "On Otto")]))
        self.assertTrue(urlsplit(response.url).path.endswith("/my"))
        self.assertTrue(
            self.url_open(
                f"/my/agreements/new?conversation_id={self.conversation_other.id}"
            ).url.endswith("/my")
        )
        # Bad input: the translated error on the form.
        response = self._post(
            "/my/agreements/new",
            {"name": "X", "deadline": "soon"},
            page="/my/agreements/new",
        )
        self.assertIn("not a valid date", response.text)
        self.assertFalse(self.Agreement.search([("name", "=", "X")]))

    # ------------------------------------------------------------------
    # The choices and the information at hand
    # ------------------------------------------------------------------
    def test_choices_model(self):
        conversation = self.conversation.with_user(self.user_portal)
        self.assertEqual(
            conversation._portal_choice_fields(),
            {"chair", "report_author", "privacy_sharing", "privacy_reason"},
        )
        conversation.portal_update_choices(
            {
                "chair": "partner",
                "report_author": "employee",
                "privacy_sharing": "agreements",
                "privacy_reason": " The coach ",
            }
        )
        self.assertEqual(self.conversation.chair, "partner")
        self.assertEqual(self.conversation.report_author, "employee")
        self.assertEqual(self.conversation.privacy_reason, "The coach")
        # Bad value: a clear error, nothing changed.
        with self.assertRaises(UserError):
            conversation.portal_update_choices(
                {"chair": "nobody", "privacy_sharing": "summary"}
            )
        self.assertEqual(self.conversation.privacy_sharing, "agreements")
        # Once planned the report author is fixed (the declared policy).
        self.conversation.date_start = fields.Datetime.now() + timedelta(days=3)
        self.conversation.with_user(self.user_manager).action_plan()
        self.assertNotIn("report_author", conversation._portal_choice_fields())
        with self.assertRaises(AccessError):
            conversation.portal_update_choices({"report_author": "partner"})
        self.assertEqual(self.conversation.report_author, "employee")
        # The same value sent along is no change.
        conversation.portal_update_choices(
            {"report_author": "employee", "chair": "employee"}
        )
        self.assertEqual(self.conversation.chair, "employee")
        # Another employee's conversation.
        with self.assertRaises(AccessError):
            self.conversation_other.with_user(self.user_portal).portal_update_choices(
                {"chair": "partner"}
            )
        self.assertEqual(self.conversation_other.chair, "employee")

    def test_choices_and_at_hand_routes(self):
        job = self.env["hr.job"].create(
            {"name": "Gardener", "description": "<p>Keeps the parks green.</p>"}
        )
        self.emp_portal.job_id = job
        earlier = self.Agreement.create(
            {"name": "Earlier open agreement", "employee_id": self.emp_portal.id}
        )
        self.authenticate("ggp_portal", "ggp_portal")
        url = self.conversation.access_url
        response = self.url_open(url)
        self.assertIn("o_gg_choices_form", response.text)
        self.assertIn("Keeps the parks green.", response.text)
        self.assertIn(earlier.name, response.text)
        self._post(
            f"{url}/choices",
            {"chair": "partner", "privacy_sharing": "summary"},
            page=url,
        )
        self.assertEqual(self.conversation.chair, "partner")
        self.assertEqual(self.conversation.privacy_sharing, "summary")
        response = self._post(f"{url}/choices", {"chair": "boss"}, page=url)
        self.assertIn("not a valid choice", response.text)
        self.assertEqual(self.conversation.chair, "partner")
        other_url = self.conversation_other.access_url
        self._post(f"{other_url}/choices", {"chair": "partner"}, page=url)
        self.assertEqual(self.conversation_other.chair, "employee")

    # ------------------------------------------------------------------
    # Rewards
    # ------------------------------------------------------------------
    def test_rewards_read_only(self):
        own = self._reward_of(self.emp_portal, "Crisis weekend", 120)
        other = self._reward_of(self.emp_other, "Bonus of Otto", 999)
        Reward = self.Reward.with_user(self.user_portal)
        self.assertEqual(Reward.search([]), own)
        with self.assertRaises(AccessError):
            other.with_user(self.user_portal).check_access("read")
        with self.assertRaises(AccessError):
            own.with_user(self.user_portal).write({"amount_net": 5000})
        with self.assertRaises(AccessError):
            Reward.create(
                {
                    "name": "Self",
                    "reason": "x",
                    "employee_id": self.emp_portal.id,
                    "amount_net": 1,
                }
            )
        self.authenticate("ggp_portal", "ggp_portal")
        response = self.url_open("/my/rewards")
        self.assertIn("Crisis weekend", response.text)
        self.assertNotIn("Otto", response.text)
        response = self.url_open(f"/my/rewards/{own.id}")
        self.assertIn("o_gg_reward_net", response.text)
        self.assertIn("120", response.text)
        response = self.url_open(f"/my/rewards/{other.id}")
        self.assertNotIn("Bonus of Otto", response.text)
        self.assertTrue(urlsplit(response.url).path.endswith("/my"))

    # ------------------------------------------------------------------
    # The prepare page
    # ------------------------------------------------------------------
    def test_prepare_page(self):
        earlier = self.Agreement.create(
            {"name": "Earlier open agreement", "employee_id": self.emp_portal.id}
        )
        feedback = self.Request.create(
            {
                "name": "Routes",
                "employee_id": self.emp_portal.id,
                "deadline": fields.Date.today() + timedelta(days=10),
                "question_ids": [(0, 0, {"name": "What goes well?", "sequence": 1})],
                "respondent_ids": [(0, 0, {"name": "Henk", "email": "h@example.com"})],
            }
        )
        feedback.with_user(self.user_portal).action_send()
        respondent = feedback.respondent_ids
        self.env["hr.goede.gesprek.feedback.answer"].sudo().create(
            {
                "request_id": feedback.id,
                "respondent_id": respondent.id,
                "question_id": feedback.question_ids.id,
                "answer": "Clear routes",
                "shared_with_manager": True,
            }
        )
        self.authenticate("ggp_portal", "ggp_portal")
        response = self.url_open("/my/prepare")
        prepare = f"{self.conversation.access_url}/prepare"
        self.assertTrue(urlsplit(response.url).path.endswith(prepare))
        for text in (
            earlier.name,
            "Clear routes",
            "o_gg_prepare_card",
            "o_gg_agreement_form",
        ):
            self.assertIn(text, response.text)
        # Put the shared feedback on the agenda; propose an agreement there.
        self._post(
            f"{prepare}/agenda",
            {"name": "What goes well?", "description": "Clear routes"},
            page=prepare,
        )
        self.assertEqual(self.conversation.agenda_line_ids.name, "What goes well?")
        self.assertEqual(self.conversation.agenda_line_ids.author, "employee")
        response = self._post(
            "/my/agreements/new",
            {
                "name": "Plan routes together",
                "conversation_id": str(self.conversation.id),
                "back": "prepare",
            },
            page=prepare,
        )
        self.assertTrue(urlsplit(response.url).path.endswith(prepare))
        self.assertEqual(self.conversation.agreement_ids.name, "Plan routes together")
        # Another employee's conversation: no page, no agenda item.
        other = f"{self.conversation_other.access_url}/prepare"
        response = self.url_open(other)
        self.assertNotIn("Secret room of Otto", response.text)
        self._post(f"{other}/agenda", {"name": "Hijack"}, page=prepare)
        self.assertFalse(self.conversation_other.agenda_line_ids)
        # An empty item: the clear error on the page, nothing added.
        response = self._post(f"{prepare}/agenda", {"name": " "}, page=prepare)
        self.assertIn("o_gg_portal_error", response.text)
        self.assertEqual(len(self.conversation.agenda_line_ids), 1)

    def test_prepare_without_conversation(self):
        self.conversation.sudo().state = "cancelled"
        self.authenticate("ggp_portal", "ggp_portal")
        response = self.url_open("/my/prepare")
        self.assertIn("o_gg_prepare_none", response.text)

    def test_prepare_values_as_another_user(self):
        with self.assertRaises(AccessError):
            self.conversation_other.with_user(self.user_portal)._portal_prepare_values()

    def test_new_lists_need_login(self):
        for url in ("/my/hours", "/my/rewards", "/my/prepare", "/my/agreements/new"):
            response = self.url_open(url)
            self.assertIn("/web/login", response.url, url)

    def test_home_counters(self):
        self._request_of(self.emp_portal)
        self._reward_of(self.emp_portal, "Crisis weekend")
        self._reward_of(self.emp_other, "Bonus of Otto")
        self.authenticate("ggp_portal", "ggp_portal")
        response = self.url_open(
            "/my/counters",
            data='{"jsonrpc": "2.0", "method": "call", "params": {"counters": '
            '["goede_gesprek_hours_count", "goede_gesprek_reward_count"]}}',
            headers={"Content-Type": "application/json"},
        )
        result = response.json()["result"]
        self.assertEqual(result["goede_gesprek_hours_count"], 1)
        self.assertEqual(result["goede_gesprek_reward_count"], 1)


@tagged("post_install", "-at_install", "goede_gesprek_portal")
class TestPortalParityPerformance(GoedeGesprekPortalCase):
    """The new pages cost the same number of queries for 5 or 50 records."""

    def _fill(self, count):
        env = self.env(
            context=dict(self.env.context, tracking_disable=True, mail_notrack=True)
        )
        start = fields.Date.today() + relativedelta(months=3)
        Hours = env["hr.goede.gesprek.hours.request"]
        missing = count - Hours.search_count([("employee_id", "=", self.emp_portal.id)])
        Hours.create(
            [
                {
                    "employee_id": self.emp_portal.id,
                    "date_start": start + timedelta(days=i),
                    "hours_requested": 20,
                }
                for i in range(missing)
            ]
        )
        env["hr.goede.gesprek.reward"].create(
            [
                {
                    "name": f"Reward {i}",
                    "reason": "Effort",
                    "employee_id": self.emp_portal.id,
                    "amount_net": 10,
                }
                for i in range(missing)
            ]
        )
        env["hr.goede.gesprek.agreement"].create(
            [
                {"name": f"Earlier agreement {i}", "employee_id": self.emp_portal.id}
                for i in range(missing)
            ]
        )

    def test_new_pages_constant(self):
        self.authenticate("ggp_portal", "ggp_portal")
        urls = ("/my/hours", "/my/rewards", f"{self.conversation.access_url}/prepare")
        self._assert_pages_flat(urls, self._fill, 5, 50)

    def test_prompt_from_the_prepare_page(self):
        """A portal employee's prompt (no activity for them) is a notice on the
        prepare page, put on the agenda with one click; another's is not."""
        trigger = self.env.ref("hr_goede_gesprek.trigger_feedback_shared")
        Prompt = self.env["hr.goede.gesprek.trigger.prompt"]

        def prompt_for(user, employee, name):
            return Prompt.create(
                {
                    "trigger_id": trigger.id,
                    "res_model": "hr.goede.gesprek",
                    "res_id": self.conversation.id,
                    "user_id": user.id,
                    "employee_id": employee.id,
                    "side": "employee",
                    "name": name,
                }
            )

        own = prompt_for(self.user_portal, self.emp_portal, "Routes feedback")
        other = prompt_for(
            self.user_portal_other, self.emp_other, "Otto's secret prompt"
        )
        self.authenticate("ggp_portal", "ggp_portal")
        prepare = f"{self.conversation.access_url}/prepare"
        page = self.url_open(prepare).text
        self.assertIn("o_gg_prepare_prompt", page)
        self.assertIn("Routes feedback", page)
        self.assertNotIn("Otto's secret prompt", page)
        lines = len(self.conversation.agenda_line_ids)
        self._post(f"/my/prompts/{other.id}/agenda", page=prepare)
        self.assertEqual(other.state, "open", "another's prompt: nothing changes")
        self.assertEqual(len(self.conversation.agenda_line_ids), lines)
        response = self._post(f"/my/prompts/{own.id}/agenda", page=prepare)
        self.assertNotEqual(own.state, "open")
        self.assertEqual(len(self.conversation.agenda_line_ids), lines + 1)
        self.assertIn("The topic is on the agenda", response.text)
