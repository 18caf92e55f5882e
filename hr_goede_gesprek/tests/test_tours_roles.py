# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One day of each demo role, from the start screen (needs the demo data,
which the test command always installs)."""

from odoo import Command
from odoo.tests import HttpCase, tagged

TODO_URL = "/odoo/action-hr_goede_gesprek.hr_goede_gesprek_todo_action"


@tagged("post_install", "-at_install")
class TestToursRoles(HttpCase):
    def _demo(self, xmlid):
        return self.env.ref(f"hr_goede_gesprek.{xmlid}")

    def test_employee_prepares_and_signs(self):
        prepare = self._demo("conversation_todo_prepare_demo")
        report = self._demo("conversation_todo_sign_demo")
        self.start_tour(TODO_URL, "hr_goede_gesprek_day_employee", login="employee")
        self.assertEqual(
            prepare.agenda_line_ids.mapped("name"),
            ["De volgende planningsronde leiden"],
        )
        self.assertTrue(prepare.agenda_shared_date)
        self.assertEqual(report.state, "done")
        self.assertEqual(report.employee_sign_mode, "seen")

    def test_manager_plans_holds_and_signs(self):
        requested = self._demo("conversation_todo_requested_demo")
        to_hold = self._demo("conversation_todo_hold_demo")
        report = self._demo("conversation_report_demo")
        self.start_tour(TODO_URL, "hr_goede_gesprek_day_manager", login="manager")
        self.assertEqual(requested.state, "planned")
        self.assertEqual(to_hold.state, "held")
        self.assertEqual(report.state, "done")

    def test_hr_approves_a_reward_and_issues_a_decision(self):
        hr = self._demo("user_hr_officer_demo")
        decision = self._demo("decision_draft_demo")
        # The demo's signatory is the administrator: here HR signs.
        decision.company_id.goede_gesprek_signatory_ids = [Command.link(hr.id)]
        decision.signatory_id = hr
        reward = self.env["hr.goede.gesprek.reward"].search(
            [("state", "=", "proposed")]
        )
        self.assertEqual(len(reward), 1)
        self.start_tour(TODO_URL, "hr_goede_gesprek_day_hr", login="hr_officer")
        self.assertEqual(reward.state, "approved")
        self.assertEqual(decision.state, "issued")
        self.assertTrue(decision.attachment_id)

    def test_portal_employee_opens_a_letter_and_objects(self):
        decision = self._demo("decision_issued_demo")
        self.start_tour("/my", "hr_goede_gesprek_day_portal", login="portal_employee")
        # Received (the letter was opened), then disputed by the objection.
        self.assertTrue(decision.date_notified)
        self.assertEqual(decision.state, "disputed")
        self.assertEqual(
            decision.objection_ids.mapped("grounds"),
            ["De periodiek past niet bij mijn werk."],
        )
