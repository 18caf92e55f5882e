# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "goede_gesprek_portal")
class TestPortalParityTour(HttpCase):
    def test_demo_portal_employee_requests_hours_proposes_and_prepares(self):
        """Kees (portal only, demo) asks for other hours, prepares his next
        conversation from the prepare page and proposes an agreement there."""
        if not self.env.ref("hr_goede_gesprek.conversation_preparing_demo", False):
            self.skipTest("demo data not loaded")
        kees = self.env.ref("hr_goede_gesprek.employee_portal_demo")
        self.assertTrue(kees.user_id.share)
        # The conversation the prepare page opens: his next open one.
        conversation = (
            self.env["hr.goede.gesprek"]
            .with_user(kees.user_id)
            ._portal_next_conversation()
            .sudo()
        )
        self.assertTrue(conversation)
        HoursRequest = self.env["hr.goede.gesprek.hours.request"]
        before = HoursRequest.search([("employee_id", "=", kees.id)])
        lines_before = len(conversation.agenda_line_ids)
        self.start_tour(
            "/my", "hr_goede_gesprek_portal_parity", login="portal_employee"
        )
        new = HoursRequest.search([("employee_id", "=", kees.id)]) - before
        self.assertEqual(len(new), 1)
        self.assertEqual((new.state, new.hours_requested), ("submitted", 28))
        self.assertFalse(new.is_late)
        self.assertEqual(len(conversation.agenda_line_ids), lines_before + 2)
        self.assertIn(
            "Elke maand samen de maairoutes plannen",
            conversation.agenda_line_ids.mapped("name"),
        )
        agreement = conversation.agreement_ids.filtered(
            lambda a: a.name == "De cursus zitmaaier volgen"
        )
        self.assertEqual(agreement.state, "proposed")
        self.assertEqual(agreement.employee_id, kees)
