# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fixtures for the agreement, conversation card and employee tests (core-b)."""

from odoo import Command
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT


class GoedeGesprekCaseB(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        cls.company = cls.env.company
        cls.user_manager = new_test_user(
            cls.env,
            login="ggb_manager",
            groups="base.group_user,hr_goede_gesprek.group_goede_gesprek_manager",
        )
        cls.user_employee = new_test_user(
            cls.env, login="ggb_employee", groups="base.group_user"
        )
        cls.user_colleague = new_test_user(
            cls.env, login="ggb_colleague", groups="base.group_user"
        )
        cls.user_adviser = new_test_user(
            cls.env, login="ggb_adviser", groups="base.group_user"
        )
        cls.user_officer = new_test_user(
            cls.env,
            login="ggb_officer",
            groups="base.group_user,hr_goede_gesprek.group_goede_gesprek_officer",
        )
        cls.user_admin = new_test_user(
            cls.env,
            login="ggb_admin",
            groups="base.group_user,hr_goede_gesprek.group_goede_gesprek_admin",
        )
        Employee = cls.env["hr.employee"]
        cls.emp_manager = Employee.create(
            {"name": "Mia Manager", "user_id": cls.user_manager.id}
        )
        cls.emp_employee = Employee.create(
            {
                "name": "Eva Employee",
                "user_id": cls.user_employee.id,
                "parent_id": cls.emp_manager.id,
            }
        )
        cls.emp_colleague = Employee.create(
            {"name": "Cas Colleague", "user_id": cls.user_colleague.id}
        )
        cls.emp_adviser = Employee.create(
            {"name": "Ada Adviser", "user_id": cls.user_adviser.id}
        )

    @classmethod
    def _create_conversation(cls, employee=None, **values):
        employee = employee or cls.emp_employee
        vals = {
            "employee_id": employee.id,
            "partner_employee_ids": [Command.set(employee.parent_id.ids)],
        }
        vals.update(values)
        return cls.env["hr.goede.gesprek"].create(vals)

    @classmethod
    def _create_agreement(cls, conversation, **values):
        vals = {"name": "Follow a course", "conversation_id": conversation.id}
        vals.update(values)
        return cls.env["hr.goede.gesprek.agreement"].create(vals)
