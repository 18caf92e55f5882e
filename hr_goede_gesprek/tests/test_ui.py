# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, new_test_user, tagged

from .common import GROUP_MANAGER, new_employee


@tagged("post_install", "-at_install")
class TestUi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_manager = new_test_user(
            cls.env, login="tour_manager", groups=GROUP_MANAGER
        )
        cls.user_employee = new_test_user(
            cls.env, login="tour_employee", groups="base.group_user"
        )
        cls.emp_manager = new_employee(cls.env, "Tour Manager", cls.user_manager)
        cls.emp_employee = new_employee(
            cls.env, "Tour Employee", cls.user_employee, cls.emp_manager
        )

    def test_employee_creates_conversation(self):
        self.start_tour(
            "/odoo/action-hr_goede_gesprek.hr_goede_gesprek_action_my",
            "hr_goede_gesprek_tour",
            login="tour_employee",
        )
        conversation = self.env["hr.goede.gesprek"].search(
            [("employee_id", "=", self.emp_employee.id)]
        )
        self.assertEqual(len(conversation), 1)
        self.assertEqual(conversation.name, "Autumn conversation")
        self.assertEqual(conversation.location, "Walk in the park")
        self.assertEqual(
            conversation.agenda_line_ids.mapped("name"), ["Workload in the autumn"]
        )
        self.assertEqual(conversation.create_uid, self.user_employee)
