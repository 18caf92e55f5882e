# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fixtures for the formal layer: a signatory, a next-level manager, helpers."""

from freezegun import freeze_time

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

from .common import GoedeGesprekCase

ISSUE_DAY = "2026-03-02"  # a Monday


class LegalCase(GoedeGesprekCase):
    """Adds Dirk, director and authorised signatory, manager of Maria."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        cls.user_director = new_test_user(
            cls.env, "gg_director", groups="base.group_user", name="Dirk Director"
        )
        cls.emp_director = cls.env["hr.employee"].create(
            {"name": "Dirk Director", "user_id": cls.user_director.id}
        )
        cls.emp_manager.parent_id = cls.emp_director
        cls.company.write(
            {
                "goede_gesprek_signatory_ids": [Command.set(cls.user_director.ids)],
                "goede_gesprek_legal_regime": "civil",
                "goede_gesprek_sector": "municipal",
            }
        )
        cls.Decision = cls.env["hr.goede.gesprek.decision"]
        cls.topic_salary = cls.env.ref("hr_goede_gesprek.legal_topic_salary_step")
        cls.route_reconsideration = cls.env.ref(
            "hr_goede_gesprek.dispute_route_reconsideration"
        )

    def _decision_vals(self, employee=None):
        """What a manager fills in for a draft decision about ``employee``."""
        return {
            "employee_id": (employee or self.emp_employee).id,
            "topic_id": self.topic_salary.id,
            "subject": "Salary step",
            "decision_text": "You receive one extra salary step.",
            "reasons": "Your performance was very good.",
            "date_effective": "2026-04-01",
            "legal_basis": "Cao Gemeenten, article 3.4",
            "signatory_id": self.user_director.id,
        }

    def _draft(self, user=None, **vals):
        values = {**self._decision_vals(), **vals}
        return (
            self.Decision.with_user(user or self.user_manager)
            .create(values)
            .with_env(self.env)
        )

    def _issued(self, day=ISSUE_DAY, **vals):
        decision = self._draft(**vals)
        with freeze_time(day):
            decision.with_user(self.user_director).action_issue()
        return decision

    def _notified(self, day=ISSUE_DAY, notified=None, **vals):
        decision = self._issued(day=day, **vals)
        with freeze_time(notified or day):
            decision.with_user(self.user_employee).action_acknowledge()
        return decision
