# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common_portal import GoedeGesprekPortalCase


@tagged("post_install", "-at_install", "goede_gesprek_portal")
class TestPortalTour(GoedeGesprekPortalCase):
    def test_portal_employee_prepares_signs_and_agrees(self):
        conversation = self.conversation
        conversation.date_start = fields.Datetime.now() + timedelta(days=7)
        self.start_tour(
            conversation.access_url,
            "hr_goede_gesprek_portal_prepare",
            login="ggp_portal",
        )
        self.assertEqual(
            conversation.agenda_line_ids.sorted("sequence").mapped("name"),
            ["My training wishes", "Working with the new mower"],
        )
        self.assertTrue(conversation.agenda_line_ids.topic_id)
        self.assertTrue(conversation.agenda_shared_date)
        # Later: the conversation took place; the manager wrote the report.
        conversation.with_user(self.user_manager).action_plan()
        conversation.sudo().date_start = fields.Datetime.now() - timedelta(hours=2)
        conversation.report_author = "partner"
        conversation.with_user(self.user_manager).action_hold()
        conversation.with_user(self.user_manager).report_summary = "<p>Good talk.</p>"
        conversation.with_user(self.user_manager).action_submit_report()
        agreement = self.env["hr.goede.gesprek.agreement"].create(
            {"name": "Mower course", "conversation_id": conversation.id}
        )
        self.start_tour(
            conversation.access_url, "hr_goede_gesprek_portal_sign", login="ggp_portal"
        )
        self.assertEqual(conversation.employee_sign_mode, "agreed")
        self.assertEqual(conversation.employee_signed_by_id, self.user_portal)
        self.assertTrue(conversation.employee_signature)
        self.assertTrue(agreement.employee_confirmed)

    def test_external_answers_and_employee_shares(self):
        feedback = self.env["hr.goede.gesprek.feedback.request"].create(
            {
                "name": "Mowing routes",
                "employee_id": self.emp_portal.id,
                "deadline": fields.Date.today() + timedelta(days=10),
                "question_ids": [
                    (0, 0, {"name": "What goes well?", "sequence": 1}),
                    (0, 0, {"name": "What could be better?", "sequence": 2}),
                ],
                "respondent_ids": [
                    (0, 0, {"name": "Henk", "email": "henk@example.com"}),
                ],
            }
        )
        feedback.with_user(self.user_portal).action_send()
        respondent = feedback.respondent_ids
        self.start_tour(
            f"/feedback/respond/{respondent.id}/{respondent.sudo().access_token}",
            "hr_goede_gesprek_feedback_respond",
        )
        self.assertEqual(respondent.state, "answered")
        self.assertEqual(len(feedback.answer_ids), 2)
        self.start_tour(
            feedback.access_url, "hr_goede_gesprek_feedback_share", login="ggp_portal"
        )
        shared = feedback.answer_ids.filtered("shared_with_manager")
        self.assertEqual(shared.answer, "You plan the routes very well.")
        self.start_tour(
            "/odoo/action-hr_goede_gesprek.hr_goede_gesprek_feedback_answer_action_shared",
            "hr_goede_gesprek_feedback_manager",
            login="ggp_manager",
        )
        seen = (
            self.env["hr.goede.gesprek.feedback.answer"]
            .with_user(self.user_manager)
            .search([])
        )
        self.assertEqual(seen, shared)
