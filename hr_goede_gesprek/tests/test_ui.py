# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestUi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_manager = new_test_user(
            cls.env,
            login="tour_manager",
            groups="base.group_user,hr_goede_gesprek.group_goede_gesprek_manager",
        )
        cls.user_employee = new_test_user(
            cls.env, login="tour_employee", groups="base.group_user"
        )
        cls.emp_manager = cls.env["hr.employee"].create(
            {"name": "Tour Manager", "user_id": cls.user_manager.id}
        )
        cls.emp_employee = cls.env["hr.employee"].create(
            {
                "name": "Tour Employee",
                "user_id": cls.user_employee.id,
                "parent_id": cls.emp_manager.id,
            }
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
