# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import BEFORE, PLANNED_AT, GoedeGesprekCase

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

    def test_list_read_applies_the_rules(self):
        spec = {"name": {}, "report_summary": {}}
        Conversation = self.Conversation.with_user(self.user_other)
        result = Conversation.web_search_read([], spec)
        self.assertFalse(
            {row["id"] for row in result["records"]}
            & set(self._visible(self.user_employee).ids)
        )
        # Reading the rows again after the list checks the rules again.
        with self.assertRaises(AccessError):
            self.own.with_user(self.user_other).web_read(spec)

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


# Roles of the matrix: the conversation ``own`` is Eva's (employee), with her
# manager Maria as partner and Carl as announced companion. Otto (other) is a
# colleague of the same team who takes no part in it.
ROLES = ("employee", "manager", "other", "companion", "officer", "admin", "portal")
R, W, C, U = "read", "write", "create", "unlink"
ALLOWED = {
    "conversation": {
        R: {"employee", "manager", "companion", "officer", "admin"},
        W: {"employee", "manager", "officer", "admin"},
        C: {"employee", "manager", "officer", "admin"},
        U: {"officer", "admin"},
    },
    "agenda_line": {
        R: {"employee", "manager", "companion", "officer", "admin"},
        W: {"employee", "manager", "officer", "admin"},
        C: {"employee", "manager", "officer", "admin"},
        U: {"employee", "manager", "officer", "admin"},
    },
    "agreement": {
        R: {"employee", "manager", "officer", "admin"},
        W: {"employee", "manager", "officer", "admin"},
        C: {"employee", "manager", "officer", "admin"},
        U: {"officer", "admin"},
    },
    "topic": {
        R: set(ROLES),
        W: {"admin"},
        C: {"admin"},
        U: {"admin"},
    },
    "topic_group": {
        R: set(ROLES),
        W: {"admin"},
        C: {"admin"},
        U: {"admin"},
    },
}
AGREEMENT_ACTIONS = (
    "action_confirm",
    "action_decline",
    "action_propose_again",
    "action_mark_done",
    "action_mark_not_done",
    "action_cancel",
)


@tagged("post_install", "-at_install", "access_rights")
class TestAccessMatrix(GoedeGesprekCase):
    """Every role x every model x read/write/create/unlink."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_companion = new_test_user(
            cls.env, "gg_companion", groups="base.group_user", name="Carl Companion"
        )
        cls.users = {
            "employee": cls.user_employee,
            "manager": cls.user_manager,
            "other": cls.user_other,
            "companion": cls.user_companion,
            "officer": cls.user_officer,
            "admin": cls.user_admin,
            "portal": cls.user_portal,
        }
        cls.own = cls.Conversation.with_user(cls.user_employee).create(
            {
                "employee_id": cls.emp_employee.id,
                "companion_name": "Carl Companion",
                "companion_user_id": cls.user_companion.id,
                "companion_announced": True,
                "agenda_line_ids": [Command.create({"name": "Workload"})],
                "agreement_ids": [Command.create({"name": "Take a course"})],
            }
        )
        cls.own = cls.own.with_env(cls.env)
        cls.line = cls.own.agenda_line_ids
        cls.agreement = cls.own.agreement_ids
        cls.topic_group = cls.env["hr.goede.gesprek.topic.group"].create(
            {"name": "Core values"}
        )
        # The group of the matrix stays empty: a group with topics is kept.
        cls.topic = cls.env["hr.goede.gesprek.topic"].create(
            {
                "name": "Trust",
                "group_id": cls.env["hr.goede.gesprek.topic.group"]
                .create({"name": "Our own"})
                .id,
            }
        )

    def _records(self, model):
        return {
            "conversation": self.own,
            "agenda_line": self.line,
            "agreement": self.agreement,
            "topic": self.topic,
            "topic_group": self.topic_group,
        }[model]

    def _create_vals(self, model):
        return {
            "conversation": {"employee_id": self.emp_employee.id},
            "agenda_line": {"conversation_id": self.own.id, "name": "Career"},
            "agreement": {"conversation_id": self.own.id, "name": "Coaching"},
            "topic": {"name": "Openness", "group_id": self.topic.group_id.id},
            "topic_group": {"name": "Our values"},
        }[model]

    def _write_vals(self, model):
        return {
            "conversation": {"location": "Town hall"},
            "agenda_line": {"notes": "Bring examples"},
            "agreement": {"description": "Before the summer"},
            "topic": {"prompt": "What does trust mean to you?"},
            "topic_group": {"name": "Values"},
        }[model]

    def _attempt(self, user, model, operation):
        """True if ``user`` may do it, False on AccessError; rolled back."""
        record = self._records(model).with_user(user)
        with self.env.cr.savepoint() as savepoint:
            try:
                if operation == R:
                    record.read(["display_name"])
                    record.invalidate_recordset()
                    record.read(list(self._write_vals(model)))
                elif operation == W:
                    record.write(self._write_vals(model))
                elif operation == C:
                    record.browse().create(self._create_vals(model))
                else:
                    record.unlink()
                self.env.flush_all()
                allowed = True
            except AccessError:
                allowed = False
            savepoint.rollback()
        self.env.invalidate_all()
        return allowed

    def test_matrix(self):
        for model, operations in ALLOWED.items():
            for operation, allowed_roles in operations.items():
                for role in ROLES:
                    with self.subTest(model=model, operation=operation, role=role):
                        self.assertEqual(
                            self._attempt(self.users[role], model, operation),
                            role in allowed_roles,
                        )

    def test_companion_reads_only_their_conversation(self):
        other_conversation = self.Conversation.create(
            {"employee_id": self.emp_other.id}
        )
        Conversation = self.Conversation.with_user(self.user_companion)
        self.assertEqual(Conversation.search([]), self.own)
        self.assertEqual(
            self.env["hr.goede.gesprek.agenda.line"]
            .with_user(self.user_companion)
            .search([]),
            self.line,
        )
        self.assertFalse(
            self.env["hr.goede.gesprek.agreement"]
            .with_user(self.user_companion)
            .search([])
        )
        with self.assertRaises(AccessError):
            other_conversation.with_user(self.user_companion).read(["name"])
        with self.assertRaises(AccessError):
            self.own.with_user(self.user_companion).companion_name = "Someone else"
        # No longer the companion: no longer readable.
        self.own.with_user(self.user_employee).companion_user_id = False
        with self.assertRaises(AccessError):
            self.own.with_user(self.user_companion).read(["name"])

    def test_companion_invited_to_the_meeting(self):
        self.own.with_user(self.user_employee).write(
            {"date_start": PLANNED_AT, "location": "Room 2"}
        )
        with freeze_time(BEFORE):
            self.own.with_user(self.user_employee).action_plan()
        event = self.own.calendar_event_id
        self.assertIn(self.user_companion.partner_id, event.partner_ids)
        self.assertIn(self.user_employee.partner_id, event.partner_ids)
        # Another companion: the invitation follows.
        self.own.with_user(self.user_employee).companion_user_id = self.user_other
        self.assertIn(self.user_other.partner_id, event.partner_ids)
        self.assertNotIn(self.user_companion.partner_id, event.partner_ids)

    def test_agreement_actions_on_another_employees_record_raise(self):
        for state in ("proposed", "agreed", "talk_again"):
            self.agreement.sudo().write({"state": state})
            for action in AGREEMENT_ACTIONS:
                for role in ("other", "companion", "portal"):
                    with self.subTest(state=state, action=action, role=role):
                        with self.assertRaises(AccessError):
                            getattr(
                                self.agreement.with_user(self.users[role]), action
                            )()
            self.assertEqual(self.agreement.state, state)
        self.assertFalse(self.agreement.employee_confirmed)
        self.assertFalse(self.agreement.manager_confirmed)

    def test_conversation_actions_on_another_employees_record_raise(self):
        for action in PUBLIC_ACTIONS:
            for role in ("other", "companion", "portal"):
                if (role, action) == ("companion", "action_print_report"):
                    continue
                with self.subTest(action=action, role=role):
                    with self.assertRaises(AccessError):
                        getattr(self.own.with_user(self.users[role]), action)()
