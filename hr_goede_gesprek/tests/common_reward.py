# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.mail.tests.common import mail_new_test_user  # noqa: F401

from .common import new_employee


class RewardCommon(TransactionCase):
    """One company, an HR officer, a manager with a team of two, and a bystander."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.company.write(
            {
                "goede_gesprek_reward_cap": 1000.0,
                "goede_gesprek_reward_approval": "officer",
                "goede_gesprek_reward_allow_override": False,
                "goede_gesprek_reward_norm": 2400.0,
                "goede_gesprek_hr_user_id": False,
            }
        )
        base = "base.group_user"
        cls.officer = new_test_user(
            cls.env,
            "gg_rw_officer",
            groups=f"{base},hr_goede_gesprek.group_goede_gesprek_officer",
            email="officer@example.com",
        )
        cls.company.goede_gesprek_hr_user_id = cls.officer
        cls.manager_user = new_test_user(
            cls.env,
            "gg_rw_manager",
            groups=f"{base},hr_goede_gesprek.group_goede_gesprek_manager",
            email="manager@example.com",
        )
        cls.employee_user = new_test_user(
            cls.env, "gg_rw_employee", groups=base, email="employee@example.com"
        )
        cls.other_user = new_test_user(
            cls.env,
            "gg_rw_other",
            groups=f"{base},hr_goede_gesprek.group_goede_gesprek_manager",
        )
        cls.manager = new_employee(cls.env, "Marieke Manager", cls.manager_user)
        cls.employee = new_employee(
            cls.env,
            "Anna Employee",
            cls.employee_user,
            cls.manager,
            work_email="anna@example.com",
        )
        cls.colleague = new_employee(cls.env, "Bram Colleague", manager=cls.manager)
        cls.Reward = cls.env["hr.goede.gesprek.reward"]
        cls.Budget = cls.env["hr.goede.gesprek.reward.budget"]

    def _propose(self, amount, employee=None, user=None, **vals):
        values = {
            "name": "Thanks",
            "reason": "Extra work",
            "employee_id": (employee or self.employee).id,
            "amount_net": amount,
            "date": "2026-03-01",
        }
        values.update(vals)
        return self.Reward.with_user(user or self.manager_user).create(values)

    def _approved(self, amount, **vals):
        reward = self._propose(amount, **vals)
        reward.with_user(self.officer).action_approve()
        return reward

    def _budget(self, employee=None, year=2026):
        return self.Budget.search(
            [("employee_id", "=", (employee or self.employee).id), ("year", "=", year)]
        )
