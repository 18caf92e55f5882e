# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common_reward import RewardCommon


@tagged("post_install", "-at_install")
class TestReward(RewardCommon):
    def test_flow_and_budget(self):
        reward = self._propose(400)
        self.assertEqual(reward.state, "proposed")
        self.assertEqual(reward.year, 2026)
        self.assertFalse(self._budget(), "A proposal takes nothing from the cap.")
        activity = reward.activity_ids
        self.assertEqual(activity.user_id, self.officer, "HR approves by default")
        reward.with_user(self.officer).action_approve()
        self.assertEqual(reward.state, "approved")
        self.assertEqual(reward.approver_id, self.officer)
        self.assertEqual(self._budget().used_amount, 400)
        self.assertEqual(self._budget().remaining_amount, 600)
        reward.with_user(self.officer).write(
            {"tax_treatment": "designated", "tax_treatment_date": "2026-03-02"}
        )
        reward.with_user(self.officer).action_mark_paid()
        self.assertEqual(reward.state, "paid")
        self.assertTrue(reward.payment_date)
        self.assertFalse(
            reward.activity_ids.filtered(
                lambda a: a.activity_type_id
                == self.env.ref("hr_goede_gesprek.mail_act_reward_approve")
            )
        )

    def test_cancel_releases_and_edit_updates_budget(self):
        reward = self._approved(300)
        reward.with_user(self.officer).amount_net = 500
        self.assertEqual(self._budget().used_amount, 500)
        reward.with_user(self.officer).date = "2027-01-15"
        self.assertEqual(self._budget().used_amount, 0)
        self.assertEqual(self._budget(year=2027).used_amount, 500)
        reward.with_user(self.officer).action_cancel()
        self.assertEqual(reward.state, "cancelled")
        self.assertEqual(self._budget(year=2027).used_amount, 0)
        reward.with_user(self.manager_user).action_reset()
        self.assertEqual(reward.state, "proposed")

    def test_cap_holds_with_clear_message(self):
        self._approved(600)
        self._approved(300)
        third = self._propose(300)
        with self.assertRaisesRegex(UserError, "100"):
            third.with_user(self.officer).action_approve()
        self.assertEqual(third.state, "proposed", "nothing lost: still a proposal")
        self.assertEqual(self._budget().used_amount, 900)
        # An edit of an approved reward is held by the cap too.
        first = self.Reward.search(
            [("employee_id", "=", self.employee.id), ("amount_net", "=", 600)]
        )
        with self.assertRaises(UserError):
            first.with_user(self.officer).amount_net = 800
        self.assertEqual(self._budget().used_amount, 900)

    def test_one_cent_over_the_cap(self):
        reward = self._propose(1000.01)
        with self.assertRaisesRegex(UserError, "does not fit"):
            reward.with_user(self.officer).action_approve()
        exact = self._propose(1000)
        exact.with_user(self.officer).action_approve()
        self.assertEqual(self._budget().remaining_amount, 0)

    def test_first_approval_of_year_creates_row_once(self):
        self.assertFalse(self._budget(year=2030))
        self._approved(100, date="2030-02-01")
        self._approved(100, date="2030-03-01")
        self.assertEqual(len(self._budget(year=2030)), 1)
        self.assertEqual(self._budget(year=2030).used_amount, 200)

    def test_override_needs_policy_reason_and_hr(self):
        self._approved(900)
        reward = self._propose(300)
        reason = "Exceptional rescue work"
        self.company.goede_gesprek_reward_allow_override = True
        with self.assertRaisesRegex(UserError, "Give the reason"):
            reward.with_user(self.officer).action_approve_over_cap()  # no reason
        with self.assertRaisesRegex(UserError, "Give the reason"):
            reward.with_user(self.officer).action_approve_over_cap("  ")
        self.company.goede_gesprek_reward_allow_override = False
        with self.assertRaisesRegex(UserError, "does not allow"):
            reward.with_user(self.officer).action_approve_over_cap(reason)
        self.company.goede_gesprek_reward_allow_override = True
        with self.assertRaises(AccessError):
            reward.with_user(self.manager_user).action_approve_over_cap(reason)
        # HR gives the reason in the wizard; the approval step records it.
        wizard = (
            self.env["hr.goede.gesprek.reward.override"]
            .with_user(self.officer)
            .create({"reward_id": reward.id, "reason": reason})
        )
        wizard.action_confirm()
        self.assertEqual(reward.state, "approved")
        self.assertEqual(reward.override_amount, 200)
        self.assertEqual(reward.override_reason, reason)
        self.assertEqual(reward.approver_id, self.officer)
        budget = self._budget()
        self.assertEqual((budget.used_amount, budget.override_amount), (1200, 200))
        reward.with_user(self.officer).action_cancel()
        self.assertEqual((budget.used_amount, budget.override_amount), (900, 0))

    def test_roles(self):
        with self.assertRaises(AccessError):
            self._propose(100, user=self.other_user)  # not their team
        with self.assertRaises(AccessError):
            self._propose(100, user=self.employee_user)  # not for yourself
        reward = self._propose(100)
        with self.assertRaises(AccessError):
            reward.with_user(self.manager_user).action_approve()
        self.company.goede_gesprek_reward_approval = "manager"
        reward.invalidate_recordset()
        self.assertTrue(reward.with_user(self.manager_user).can_approve)
        reward.with_user(self.manager_user).action_approve()
        self.assertEqual(reward.state, "approved")
        with self.assertRaises(AccessError):
            reward.with_user(self.manager_user).action_mark_paid()
        # The employee reads their own reward, not a colleague's.
        other = self._propose(50, employee=self.colleague)
        visible = self.Reward.with_user(self.employee_user).search([])
        self.assertIn(reward, visible)
        self.assertNotIn(other, visible)

    def test_bad_input(self):
        with self.assertRaisesRegex(ValidationError, "more than zero"):
            self._propose(0)
        with self.assertRaisesRegex(ValidationError, "more than zero"):
            self._propose(-10)
        with self.assertRaisesRegex(ValidationError, "say what is given"):
            self._propose(10, kind="in_kind")
        reward = self._approved(100)
        with self.assertRaisesRegex(ValidationError, "no\\s+later than its payment"):
            reward.with_user(self.officer).write(
                {
                    "tax_treatment": "designated",
                    "tax_treatment_date": "2026-05-02",
                    "payment_date": "2026-05-01",
                }
            )
        # (assertRaises keeps the failed write in the cache; a request would not)
        reward.with_user(self.officer).write(
            {"tax_treatment": False, "tax_treatment_date": False, "payment_date": False}
        )
        with self.assertRaisesRegex(UserError, "Choose the tax treatment"):
            reward.with_user(self.officer).action_mark_paid()
        reward.with_user(self.officer).write(
            {"tax_treatment": "exempt", "tax_treatment_date": "2026-04-01"}
        )
        reward.with_user(self.officer).action_mark_paid()
        with self.assertRaisesRegex(UserError, "paid and can no longer"):
            reward.with_user(self.officer).amount_net = 50
        with self.assertRaises(UserError):
            reward.with_user(self.officer).action_cancel()
        self.colleague.active = False
        with self.assertRaisesRegex(UserError, "archived"):
            self._propose(10, employee=self.colleague)

    def test_customary_norm_warning(self):
        self.company.write(
            {"goede_gesprek_reward_norm": 150.0, "goede_gesprek_reward_cap": 1000}
        )
        self._approved(100, tax_treatment="designated")
        self.assertFalse(self._budget().norm_warned)
        self._approved(100, tax_treatment="designated")
        budget = self._budget()
        self.assertTrue(budget.norm_warned)
        self.assertEqual(budget.activity_ids.user_id, self.officer)
        self._approved(100, tax_treatment="designated")
        self.assertEqual(len(budget.activity_ids), 1, "warned once a year")

    def test_create_query_count(self):
        """The cap costs nothing at proposal; approval costs a fixed few queries."""
        Reward = self.Reward.with_user(self.manager_user).with_context(
            mail_create_nolog=True, mail_notrack=True
        )
        vals = {
            "name": "Thanks",
            "reason": "x",
            "employee_id": self.employee.id,
            "amount_net": 10,
            "date": "2026-03-01",
        }
        Reward.create(vals)  # warm up
        self.env.flush_all()
        counts = []
        for _i in range(2):
            for _j in range(5):
                self._approved(10)
            self.env.flush_all()
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            reward = Reward.create(vals)
            reward.with_user(self.officer).action_approve()
            self.env.flush_all()
            counts.append(self.cr.sql_log_count - start)
        self.assertEqual(counts[0], counts[1], "independent of earlier rewards")

    def test_cap_check_query_count(self):
        """The cap check costs 3 queries (SAVEPOINT, UPDATE, RELEASE) once the
        year's row exists (the reward-limits cron opens it), however many rewards
        the employee already has. A proposal (create) does not touch the cap."""
        employee = self.employee
        self._approved(10, date="2031-05-01")
        self.env.flush_all()
        with self.assertQueryCount(3):
            self.Budget._apply(employee, 2031, 10.0)
        for _i in range(20):
            self._approved(10, date="2031-05-01")
        self.env.flush_all()
        with self.assertQueryCount(3):
            self.Budget._apply(employee, 2031, 10.0)
