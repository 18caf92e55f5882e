# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Rewards and their yearly budgets, attacked over RPC with an ordinary login.

Each test is the attacker (``with_user``) sending what a request can send (any
values, any context) and asserts the refusal and that nothing changed: not the
reward, not its employee's budget row.
"""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import GROUP_ADMIN
from .common_reward import RewardCommon

# AccessError and ValidationError are UserErrors; Odoo's assertRaises (with its
# savepoint, unlike assertRaisesRegex) takes one class.
REFUSED = UserError
AUDIT = {
    "approver_id": "user",
    "approved_date": "2026-03-05",
    "proposer_id": "user",
    "exported": True,
    "export_date": "2026-03-05 10:00:00",
    "override_reason": "Because I say so",
    "override_amount": 500.0,
    "year": 2020,
}


@tagged("post_install", "-at_install")
class TestIntegrityReward(RewardCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin_user = new_test_user(cls.env, "gg_rw_admin", groups=GROUP_ADMIN)

    def _audit_value(self, fname):
        value = AUDIT[fname]
        return self.other_user.id if value == "user" else value

    def _state(self, reward):
        reward.invalidate_recordset()
        return reward.read(
            ["state", "amount_net", "employee_id", "date", *AUDIT, "name"]
        )[0]

    def _used(self, employee=None, year=2026):
        budget = self._budget(employee, year)
        budget.invalidate_recordset()
        return (
            budget.read(["cap", "used_amount", "override_amount"])[0] if budget else {}
        )

    def _refused(self, func, exception=REFUSED, text=None):
        """``func`` raises ``exception`` (rolled back to a savepoint)."""
        with self.assertRaises(exception) as caught, mute_logger("odoo.models"):
            func()
        if text:
            self.assertIn(text, str(caught.exception))

    # ------------------------------------------------------------------
    # A context key opened the gates
    # ------------------------------------------------------------------
    def test_context_key_does_not_approve_or_pay(self):
        self.company.goede_gesprek_reward_approval = "manager"
        self._approved(900)
        reward = self._propose(300)
        before, used = self._state(reward), self._used()
        as_manager = reward.with_user(self.manager_user).with_context(
            gg_reward_transition=True
        )
        # Above the cap, without the budget row knowing.
        for vals in (
            {"state": "approved"},
            {
                "state": "approved",
                "approver_id": self.manager_user.id,
                "approved_date": "2026-03-02",
            },
            {"state": "paid", "payment_date": "2026-03-02"},
        ):
            self._refused(lambda vals=vals: as_manager.write(vals))
        self.assertEqual(self._state(reward), before)
        self.assertEqual(self._used(), used)
        # The workflow itself still holds the cap for that manager.
        self._refused(
            reward.with_user(self.manager_user).action_approve, text="does not fit"
        )
        self.assertEqual(self._state(reward), before)
        self.assertEqual(self._used(), used)

    def test_context_key_does_not_pay_an_approved_reward(self):
        self.company.goede_gesprek_reward_approval = "manager"
        reward = self._propose(100)
        reward.with_user(self.manager_user).action_approve()
        before, used = self._state(reward), self._used()
        as_manager = reward.with_user(self.manager_user).with_context(
            gg_reward_transition=True
        )
        self._refused(lambda: as_manager.write({"state": "paid"}))
        self._refused(lambda: as_manager.write({"state": "proposed"}))
        self._refused(lambda: as_manager.write({"exported": True}))
        self.assertEqual(self._state(reward), before)
        self.assertEqual(self._used(), used)
        with self.assertRaises(AccessError):
            as_manager.action_mark_paid()
        self.assertEqual(self._state(reward), before)

    # ------------------------------------------------------------------
    # Create with workflow values
    # ------------------------------------------------------------------
    def test_create_in_a_later_state_or_with_audit_values(self):
        forged = [
            {"state": "paid"},
            {"state": "approved"},
            {"state": "cancelled"},
            *({fname: self._audit_value(fname)} for fname in AUDIT),
        ]
        count = self.Reward.search_count([])
        for user in (self.manager_user, self.officer, self.admin_user):
            for vals in forged:
                with self.subTest(user=user.login, vals=vals):
                    self._refused(
                        lambda vals=vals, user=user: self._propose(
                            100, user=user, **vals
                        ),
                        AccessError,
                    )
        self.assertEqual(self.Reward.search_count([]), count)
        self.assertFalse(self._budget())
        # What a form sends along unchanged is no attack.
        reward = self._propose(
            100, state="proposed", proposer_id=self.manager_user.id, exported=False
        )
        self.assertEqual(reward.state, "proposed")
        self.assertEqual(reward.proposer_id, self.manager_user)

    def test_context_defaults_open_nothing(self):
        count = self.Reward.search_count([])
        for key, value in (
            ("default_state", "paid"),
            ("default_state", "approved"),
            ("default_approver_id", self.manager_user.id),
            ("default_exported", True),
            ("default_override_amount", 500.0),
        ):
            Reward = self.Reward.with_user(self.manager_user).with_context(
                **{key: value}
            )
            self._refused(
                lambda Reward=Reward: Reward.create(
                    {
                        "name": "Thanks",
                        "reason": "Extra work",
                        "employee_id": self.employee.id,
                        "amount_net": 100,
                    }
                ),
                AccessError,
            )
        self.assertEqual(self.Reward.search_count([]), count)
        self.assertFalse(self._budget())

    def test_employee_creates_nothing(self):
        count = self.Reward.search_count([])
        self._refused(lambda: self._propose(100, user=self.employee_user))
        self._refused(
            lambda: self._propose(100, user=self.employee_user, employee=self.colleague)
        )
        self.assertEqual(self.Reward.search_count([]), count)

    # ------------------------------------------------------------------
    # Audit fields
    # ------------------------------------------------------------------
    def test_audit_fields_are_workflow_only(self):
        proposed = self._propose(100)
        approved = self._approved(200)
        for reward in (proposed, approved):
            before, used = self._state(reward), self._used()
            for user in (self.manager_user, self.officer, self.admin_user):
                for fname in AUDIT:
                    with self.subTest(state=reward.state, user=user.login, f=fname):
                        self._refused(
                            lambda reward=reward,
                            user=user,
                            fname=fname: reward.with_user(user).write(
                                {fname: self._audit_value(fname)}
                            ),
                            AccessError,
                        )
            self.assertEqual(self._state(reward), before)
            self.assertEqual(self._used(), used)

    def test_export_marks_through_the_model(self):
        # Only a reward with a tax treatment is ready for payroll.
        reward = self._approved(100, tax_treatment="designated")
        with self.assertRaises(AccessError):
            reward.with_user(self.manager_user)._check_can_export()
        with self.assertRaises(UserError):
            self._propose(50).with_user(self.officer)._check_can_export()
        self.assertFalse(reward.exported)
        wizard = (
            self.env["hr.goede.gesprek.reward.export"]
            .with_user(self.officer)
            .create({"date_from": "2026-03-01", "date_to": "2026-03-31"})
        )
        wizard.action_export()
        self.assertTrue(reward.exported)
        self.assertTrue(reward.export_date)
        # Exported it stays: HR cannot undo the hand-off by a write.
        self._refused(lambda: reward.with_user(self.officer).write({"exported": False}))
        self.assertTrue(reward.exported)

    def test_override_wizard_is_hr_only(self):
        self.company.goede_gesprek_reward_allow_override = True
        self.company.goede_gesprek_reward_approval = "manager"
        self._approved(900)
        reward = self._propose(300)
        before, used = self._state(reward), self._used()
        Override = self.env["hr.goede.gesprek.reward.override"]
        self._refused(
            lambda: Override.with_user(self.manager_user).create(
                {"reward_id": reward.id, "reason": "Mine"}
            )
        )
        self._refused(
            lambda: reward.with_user(self.manager_user).action_approve_over_cap("Mine")
        )
        self.assertEqual(self._state(reward), before)
        self.assertEqual(self._used(), used)

    # ------------------------------------------------------------------
    # The budget row
    # ------------------------------------------------------------------
    def test_budget_row_is_not_writable(self):
        self._approved(400)
        budget = self._budget()
        used = self._used()
        forged = {
            "cap": 100000.0,
            "used_amount": 0.0,
            "override_amount": 5000.0,
            "year": 2040,
            "employee_id": self.colleague.id,
            "share_warned": True,
            "norm_warned": True,
            "summary_sent": True,
        }
        for user in (self.manager_user, self.officer, self.admin_user):
            for fname, value in forged.items():
                with self.subTest(user=user.login, f=fname):
                    self._refused(
                        lambda user=user, fname=fname, value=value: budget.with_user(
                            user
                        ).write({fname: value})
                    )
        self.assertEqual(self._used(), used)
        self.assertFalse(budget.share_warned or budget.norm_warned)
        for user in (self.officer, self.admin_user):
            self._refused(
                lambda user=user: self.Budget.with_user(user).create(
                    {"employee_id": self.colleague.id, "year": 2026, "cap": 99999}
                )
            )
            self._refused(lambda user=user: budget.with_user(user).unlink())
        self.assertFalse(self._budget(self.colleague))
        self.assertTrue(budget.exists())
        # The approvals still keep it.
        self._approved(100)
        self.assertEqual(self._used()["used_amount"], 500)

    def test_cap_follows_the_company_setting(self):
        self._approved(400)
        budget = self._budget()
        self.company.goede_gesprek_reward_cap = 1500.0
        for user in (self.manager_user, self.officer):
            self._refused(
                lambda user=user: budget.with_user(user).action_apply_company_cap(),
                AccessError,
            )
        self.assertEqual(self._used()["cap"], 1000)
        messages = len(budget.message_ids)
        budget.with_user(self.admin_user).action_apply_company_cap()
        self.assertEqual(self._used()["cap"], 1500)
        self.assertEqual(len(budget.message_ids), messages + 1)
        self.assertIn("Yearly cap changed", str(budget.message_ids[0].body))
        # Not below what is approved.
        self.company.goede_gesprek_reward_cap = 300.0
        self._refused(
            budget.with_user(self.admin_user).action_apply_company_cap,
            text="cannot go down",
        )
        self.assertEqual(self._used()["cap"], 1500)
        # A closed year keeps its cap.
        self._approved(100, date="2020-05-01")
        old = self._budget(year=2020)
        self.company.goede_gesprek_reward_cap = 2000.0
        self._refused(
            old.with_user(self.admin_user).action_apply_company_cap, text="closed"
        )
        self.assertEqual(self._used(year=2020)["cap"], 300)

    # ------------------------------------------------------------------
    # Approved: through the cap; paid: final
    # ------------------------------------------------------------------
    def test_approved_reward_changes_only_through_the_cap(self):
        reward = self._approved(300)
        before, used = self._state(reward), self._used()
        # Under the policy "officer" the manager does not approve: no edit.
        for vals in (
            {"amount_net": 5000},
            {"amount_net": 10},
            {"date": "2027-01-10"},
            {"employee_id": self.colleague.id},
            {"name": "Something else"},
        ):
            self._refused(
                lambda vals=vals: reward.with_user(self.manager_user).write(vals),
                AccessError,
            )
        # HR is held by the cap.
        self._refused(
            lambda: reward.with_user(self.officer).write({"amount_net": 1200}),
            text="does not fit",
        )
        self.assertEqual(self._state(reward), before)
        self.assertEqual(self._used(), used)
        # Where the manager approves, their edit goes through the cap too.
        self.company.goede_gesprek_reward_approval = "manager"
        reward.with_user(self.manager_user).amount_net = 350
        self.assertEqual(self._used()["used_amount"], 350)
        reward.with_user(self.manager_user).employee_id = self.colleague
        self.assertEqual(self._used()["used_amount"], 0)
        self.assertEqual(self._used(self.colleague)["used_amount"], 350)

    def test_paid_reward_is_final(self):
        reward = self._approved(
            300, tax_treatment="exempt", tax_treatment_date="2026-03-01"
        )
        reward.with_user(self.officer).action_mark_paid()
        before, used = self._state(reward), self._used()
        for user in (self.officer, self.admin_user, self.manager_user):
            for vals in (
                {"amount_net": 10},
                {"name": "Other"},
                {"payroll_period": "2026-04"},
                {"payment_date": "2026-05-01"},
                {"tax_treatment": "individual"},
                {"exported": True},
                {"state": "approved"},
            ):
                self._refused(
                    lambda user=user, vals=vals: reward.with_user(user).write(vals)
                )
            self._refused(lambda user=user: reward.with_user(user).action_cancel())
            self._refused(lambda user=user: reward.with_user(user).unlink())
        self.assertEqual(self._state(reward), before)
        self.assertEqual(self._used(), used)

    # ------------------------------------------------------------------
    # Roles
    # ------------------------------------------------------------------
    def test_employee_reads_never_writes(self):
        reward = self._approved(200)
        as_employee = reward.with_user(self.employee_user)
        self.assertEqual(as_employee.amount_net, 200)
        before, used = self._state(reward), self._used()
        for vals in ({"name": "Mine"}, {"amount_net": 900}, {"reason": "x"}):
            self._refused(lambda vals=vals: as_employee.write(vals))
        for method in ("action_cancel", "action_mark_paid", "action_approve"):
            self._refused(lambda method=method: getattr(as_employee, method)())
        self.assertEqual(self._state(reward), before)
        self.assertEqual(self._used(), used)

    def test_hr_officer_does_not_handle_own_reward(self):
        hr_user = new_test_user(
            self.env,
            "gg_rw_officer2",
            groups="base.group_user,hr_goede_gesprek.group_goede_gesprek_officer",
        )
        hr_employee = self.env["hr.employee"].create(
            {
                "name": "Olga Officer",
                "user_id": hr_user.id,
                "parent_id": self.manager.id,
            }
        )
        reward = self._propose(
            200,
            employee=hr_employee,
            tax_treatment="exempt",
            tax_treatment_date="2026-03-01",
        )
        as_self = reward.with_user(hr_user)
        self.assertEqual(as_self._policy_roles(), {"employee"})
        before = self._state(reward)
        self._refused(lambda: as_self.write({"amount_net": 900}), AccessError)
        self._refused(as_self.action_approve, AccessError)
        self._refused(as_self.action_cancel, AccessError)
        self.assertEqual(self._state(reward), before)
        reward.with_user(self.officer).action_approve()
        before, used = self._state(reward), self._used(hr_employee)
        self._refused(as_self.action_mark_paid, AccessError)
        self._refused(lambda: as_self.write({"amount_net": 900}), AccessError)
        self.assertEqual(self._state(reward), before)
        self.assertEqual(self._used(hr_employee), used)

    def test_manager_keeps_the_reward_in_the_team(self):
        outsider = self.env["hr.employee"].create({"name": "Olaf Outsider"})
        reward = self._propose(100)
        before = self._state(reward)
        for employee in (outsider, self.manager):
            self._refused(
                lambda employee=employee: reward.with_user(self.manager_user).write(
                    {"employee_id": employee.id}
                ),
                AccessError,
            )
        self.assertEqual(self._state(reward), before)
        # Inside the team it may move while proposed.
        reward.with_user(self.manager_user).employee_id = self.colleague
        self.assertEqual(reward.employee_id, self.colleague)

    def test_bystander_manager_changes_nothing(self):
        reward = self._propose(100)
        approved = self._approved(200)
        for record in (reward, approved):
            before = self._state(record)
            as_other = record.with_user(self.other_user)
            for method in (
                "action_approve",
                "action_approve_over_cap",
                "action_cancel",
                "action_reset",
                "action_mark_paid",
            ):
                self._refused(
                    lambda as_other=as_other, m=method: getattr(as_other, m)()
                )
            self._refused(lambda as_other=as_other: as_other.write({"name": "x"}))
            self.assertEqual(self._state(record), before)

    def test_links_belong_to_the_same_employee(self):
        conversation = self.env["hr.goede.gesprek"].create(
            {"employee_id": self.colleague.id}
        )
        count = self.Reward.search_count([])
        self._refused(
            lambda: self._propose(100, conversation_id=conversation.id),
            ValidationError,
            "their own conversations",
        )
        self.assertEqual(self.Reward.search_count([]), count)
        reward = self._propose(100)
        self._refused(
            lambda: reward.with_user(self.manager_user).write(
                {"conversation_id": conversation.id}
            ),
            ValidationError,
            "their own conversations",
        )
        reward.invalidate_recordset()
        self.assertFalse(reward.conversation_id)

    def test_unlink(self):
        reward = self._propose(100)
        self._refused(lambda: reward.with_user(self.manager_user).unlink(), AccessError)
        approved = self._approved(100)
        self._refused(lambda: approved.with_user(self.officer).unlink())
        self.assertTrue(reward.exists() and approved.exists())
        reward.with_user(self.officer).unlink()
        self.assertFalse(reward.exists())
