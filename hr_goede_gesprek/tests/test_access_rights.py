# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import GoedeGesprekCase

PUBLIC_ACTIONS = (
    "action_plan",
    "action_share_agenda",
    "action_hold",
    "action_submit_report",
    "action_open_sign_wizard",
    "action_cancel",
    "action_open_reschedule_wizard",
    "action_amend",
    "action_print_report",
    "action_reset_to_preparing",
)


@tagged("post_install", "-at_install", "access_rights")
class TestAccessRights(GoedeGesprekCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own = cls.Conversation.with_user(cls.user_employee).create(
            {"employee_id": cls.emp_employee.id, "location": "Canteen"}
        )
        cls.own = cls.own.with_env(cls.env)
        # With an HR adviser as partner: the manager only reads it (team).
        cls.with_adviser = cls.Conversation.create(
            {
                "employee_id": cls.emp_employee.id,
                "partner_employee_ids": [Command.set(cls.emp_officer.ids)],
            }
        )
        cls.line = cls.env["hr.goede.gesprek.agenda.line"].create(
            {"conversation_id": cls.own.id, "name": "Career"}
        )

    def _visible(self, user):
        return self.Conversation.with_user(user).search(
            [("id", "in", (self.own | self.with_adviser).ids)]
        )

    def test_read_matrix(self):
        both = self.own | self.with_adviser
        self.assertEqual(self._visible(self.user_employee), both)
        self.assertEqual(self._visible(self.user_manager), both)
        self.assertEqual(self._visible(self.user_officer), both)
        self.assertEqual(self._visible(self.user_admin), both)
        self.assertFalse(self._visible(self.user_other))
        for user in (self.user_other, self.user_portal):
            with self.assertRaises(AccessError):
                self.own.with_user(user).read(["name", "report_summary"])
            with self.assertRaises(AccessError):
                self.line.with_user(user).read(["name"])

    def test_other_employee_sees_nothing_of_80(self):
        self.Conversation.create(
            [{"employee_id": self.emp_employee.id} for _i in range(80)]
        )
        found = self.Conversation.with_user(self.user_other).search_count(
            [("employee_id", "=", self.emp_employee.id)]
        )
        self.assertEqual(found, 0)

    def test_write_matrix(self):
        self.own.with_user(self.user_employee).location = "Garden"
        self.own.with_user(self.user_manager).location = "Office"
        self.own.with_user(self.user_officer).location = "HR room"
        with self.assertRaises(AccessError):
            self.own.with_user(self.user_other).location = "Mine"
        # The manager reads the team's conversations but only edits their own.
        self.with_adviser.with_user(self.user_manager).read(["name"])
        with self.assertRaises(AccessError):
            self.with_adviser.with_user(self.user_manager).location = "Office"
        self.with_adviser.with_user(self.user_officer).location = "HR room"
        with self.assertRaises(AccessError):
            self.own.with_user(self.user_employee).employee_id = self.emp_other

    def test_create_matrix(self):
        Conversation = self.Conversation
        Conversation.with_user(self.user_employee).create(
            {"employee_id": self.emp_employee.id}
        )
        Conversation.with_user(self.user_manager).create(
            {"employee_id": self.emp_other.id}
        )
        Conversation.with_user(self.user_officer).create(
            {"employee_id": self.emp_other.id}
        )
        with self.assertRaises(AccessError):
            Conversation.with_user(self.user_other).create(
                {
                    "employee_id": self.emp_employee.id,
                    "partner_employee_ids": [Command.set(self.emp_other.ids)],
                }
            )
        with self.assertRaises(AccessError):
            Conversation.with_user(self.user_portal).create(
                {"employee_id": self.emp_employee.id}
            )

    def test_unlink_matrix(self):
        for user in (self.user_employee, self.user_manager, self.user_other):
            with self.assertRaises(AccessError):
                self.own.with_user(user).unlink()
        self.own.with_user(self.user_officer).unlink()
        self.assertFalse(self.own.exists())

    def test_agenda_lines(self):
        Line = self.env["hr.goede.gesprek.agenda.line"]
        Line.with_user(self.user_manager).create(
            {"conversation_id": self.own.id, "name": "Team"}
        )
        self.line.with_user(self.user_employee).notes = "Prepare examples"
        with self.assertRaises(AccessError):
            Line.with_user(self.user_other).create(
                {"conversation_id": self.own.id, "name": "Gossip"}
            )
        with self.assertRaises(AccessError):
            self.line.with_user(self.user_other).unlink()
        manager_line = Line.create(
            {"conversation_id": self.with_adviser.id, "name": "Private"}
        )
        manager_line.with_user(self.user_manager).read(["name"])
        with self.assertRaises(AccessError):
            manager_line.with_user(self.user_manager).notes = "Mine"
        manager_line.with_user(self.user_officer).notes = "HR"

    def test_topics(self):
        Topic = self.env["hr.goede.gesprek.topic"]
        topic = Topic.create({"name": "Energy"})
        other_company = self.env["res.company"].create({"name": "Other town"})
        private = Topic.create({"name": "Core values", "company_id": other_company.id})
        for user in (self.user_employee, self.user_portal, self.user_officer):
            self.assertEqual(
                Topic.with_user(user).search([("id", "in", (topic | private).ids)]),
                topic,
            )
            with self.assertRaises(AccessError):
                topic.with_user(user).name = "Changed"
        topic.with_user(self.user_admin).name = "Talents and energy"

    def test_multi_company(self):
        other_company = self.env["res.company"].create({"name": "Other town"})
        self.user_officer.company_ids = [Command.link(other_company.id)]
        employee_b = self.env["hr.employee"].create(
            {"name": "Bert Elsewhere", "company_id": other_company.id}
        )
        conversation_b = self.Conversation.create(
            {"employee_id": employee_b.id, "company_id": other_company.id}
        )
        officer = self.Conversation.with_user(self.user_officer).with_context(
            allowed_company_ids=[self.company.id]
        )
        self.assertFalse(officer.search([("id", "=", conversation_b.id)]))
        self.assertTrue(
            officer.with_context(
                allowed_company_ids=[self.company.id, other_company.id]
            ).search([("id", "=", conversation_b.id)])
        )
        with self.assertRaises(AccessError):
            conversation_b.with_user(self.user_manager).read(["name"])

    def test_actions_by_outsiders_raise(self):
        for action in PUBLIC_ACTIONS:
            for user in (self.user_other, self.user_portal):
                with self.subTest(action=action, user=user.login):
                    with self.assertRaises(AccessError):
                        getattr(self.own.with_user(user), action)()

    def test_actions_by_team_manager_not_partner_raise(self):
        for action in PUBLIC_ACTIONS:
            if action == "action_print_report":
                continue  # reading is allowed: the state check answers
            with self.subTest(action=action):
                with self.assertRaises(AccessError):
                    getattr(self.with_adviser.with_user(self.user_manager), action)()

    def test_wizards_recheck_rights(self):
        wizard = (
            self.env["hr.goede.gesprek.cancel"]
            .with_user(self.user_other)
            .create({"conversation_id": self.own.id, "reason": "x"})
        )
        with self.assertRaises(AccessError):
            wizard.action_confirm()
        self.assertEqual(self.own.state, "preparing")
        reschedule = (
            self.env["hr.goede.gesprek.reschedule"]
            .with_user(self.user_other)
            .create(
                {
                    "conversation_id": self.own.id,
                    "date_start": "2026-05-01 10:00:00",
                    "reason": "x",
                }
            )
        )
        with self.assertRaises(AccessError):
            reschedule.action_confirm()
