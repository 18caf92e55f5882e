# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Guided by role (issue 15, backend): work reaches the right person, the form
says what happens next and who acts, columns follow the workflow, and a name
the user typed stays."""

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import PLANNED_AT, activities_of_type
from .common_legal import LegalCase
from .common_reward import RewardCommon

APPROVE = "hr_goede_gesprek.mail_act_reward_approve"
# The models whose form tells the next step.
HINT_MODELS = (
    "hr.goede.gesprek",
    "hr.goede.gesprek.agreement",
    "hr.goede.gesprek.decision",
    "hr.goede.gesprek.appraisal",
    "hr.goede.gesprek.reward",
    "hr.goede.gesprek.objection",
    "hr.goede.gesprek.hours.request",
    "hr.goede.gesprek.feedback.request",
)


@tagged("post_install", "-at_install")
class TestHrResponsible(LegalCase):
    def _reward(self, employee=None):
        return (
            self.env["hr.goede.gesprek.reward"]
            .with_user(self.user_manager)
            .create(
                {
                    "name": "Thanks",
                    "reason": "Extra work",
                    "employee_id": (employee or self.emp_employee).id,
                    "amount_net": 100.0,
                    "date": "2026-03-01",
                }
            )
        )

    def test_setting_receives_hr_work(self):
        self.company.goede_gesprek_hr_user_id = self.user_officer
        reward = self._reward()
        self.assertEqual(activities_of_type(reward, APPROVE).user_id, self.user_officer)
        reward.with_user(self.user_officer).action_approve()
        pay = activities_of_type(reward, "hr_goede_gesprek.mail_act_reward_pay")
        self.assertEqual(pay.user_id, self.user_officer)

    def test_fallback_is_an_officer_not_the_admin(self):
        self.company.goede_gesprek_hr_user_id = False
        admin = self.env.ref("base.user_admin")
        user = self.company._goede_gesprek_hr_user(self.emp_employee)
        self.assertTrue(user)
        self.assertNotEqual(user, admin)
        self.assertTrue(user.has_group("hr_goede_gesprek.group_goede_gesprek_officer"))
        reward = self._reward()
        self.assertEqual(activities_of_type(reward, APPROVE).user_id, user)
        # Without hr_contract, hr keeps no HR responsible per employee.
        self.assertFalse(self.emp_employee._goede_gesprek_hr_responsible())

    def test_setting_only_hr_officers(self):
        self.company.goede_gesprek_hr_user_id = self.user_officer
        for user in (self.user_manager, self.user_portal):
            with self.assertRaisesRegex(ValidationError, "choose an HR officer"):
                self.company.goede_gesprek_hr_user_id = user
        field = self.env["res.company"]._fields["goede_gesprek_hr_user_id"]
        domain = field.get_domain_list(self.env["res.company"])
        allowed = self.env["res.users"].search(domain)
        self.assertIn(self.user_officer, allowed)
        self.assertNotIn(self.user_manager, allowed)

    def test_objection_goes_to_hr(self):
        self.company.goede_gesprek_hr_user_id = self.user_officer
        decision = self._notified()
        with freeze_time("2026-03-10"):
            objection = self.Objection.with_user(self.user_employee).create(
                {"decision_id": decision.id, "grounds": "I disagree."}
            )
        handle = activities_of_type(
            objection.sudo(), "hr_goede_gesprek.mail_activity_type_handle_objection"
        )
        self.assertEqual(handle.user_id, self.user_officer)

    def test_demo_admin_gets_no_hr_work(self):
        demo_officer = self.env.ref(
            "hr_goede_gesprek.user_hr_officer_demo", raise_if_not_found=False
        )
        if not demo_officer:
            return
        admin = self.env.ref("base.user_admin")
        hr_types = self.env["mail.activity.type"].browse(
            [
                self.env.ref(APPROVE).id,
                self.env.ref("hr_goede_gesprek.mail_act_reward_pay").id,
                self.env.ref("hr_goede_gesprek.mail_activity_type_handle_objection").id,
            ]
        )
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search([("activity_type_id", "in", hr_types.ids)])
        )
        self.assertTrue(activities)
        self.assertNotIn(admin, activities.user_id)
        self.assertIn(demo_officer, activities.user_id)
        # The HR adviser signs the demo draft (this class sets its own
        # signatories; the demo's list is checked by the constraint on it).
        draft = self.env.ref("hr_goede_gesprek.decision_draft_demo")
        self.assertEqual(draft.signatory_id, demo_officer)


@tagged("post_install", "-at_install")
class TestNextStepHint(LegalCase):
    def hint(self, record, user):
        return record.with_user(user).next_step_hint

    def test_conversation_hints_per_role(self):
        conversation = self._new()
        self.assertIn("you set the agenda", self.hint(conversation, self.user_employee))
        self.assertIn("the employee sets", self.hint(conversation, self.user_manager))
        conversation = self._held()
        self.assertEqual(
            self.hint(conversation, self.user_employee),
            "Next: you write the report and submit it for signing.",
        )
        manager_hint = self.hint(conversation, self.user_manager)
        self.assertIn("the employee writes the report", manager_hint)
        self.assertIn("the employee writes", self.hint(conversation, self.user_officer))
        conversation.with_user(self.user_employee).report_summary = "<p>Fine.</p>"
        conversation.with_user(self.user_employee).action_submit_report()
        self.assertIn("sign it", self.hint(conversation, self.user_manager))
        conversation.with_user(self.user_employee)._do_sign("employee", "seen")
        self.assertIn("You signed", self.hint(conversation, self.user_employee))
        self.assertIn("sign it", self.hint(conversation, self.user_manager))

    def test_decision_reward_hints(self):
        decision = self._draft()
        self.assertIn("you check", self.hint(decision, self.user_director))
        self.assertIn("Dirk Director", self.hint(decision, self.user_officer))
        reward = self.env["hr.goede.gesprek.reward"].create(
            {
                "name": "Thanks",
                "reason": "Extra work",
                "employee_id": self.emp_employee.id,
                "amount_net": 100.0,
                "date": "2026-03-01",
            }
        )
        self.assertIn("you approve", self.hint(reward, self.user_officer))
        self.assertIn("HR approves", self.hint(reward, self.user_manager))

    def test_every_model_and_state_has_a_hint(self):
        for model in HINT_MODELS:
            records = self.env[model].search([], limit=20)
            for record in records:
                self.assertTrue(record.next_step_hint, f"{model} {record.state}")

    def test_columns_follow_the_workflow(self):
        self._new()
        self._held()
        Conversation = self.env["hr.goede.gesprek"]
        keys = [key for key, _label in Conversation._fields["state"].selection]
        groups = Conversation.read_group([], ["state"], ["state"])
        self.assertEqual([g["state"] for g in groups], keys)
        pivot = Conversation.read_group([], ["state"], ["state"], lazy=False)
        found = [g["state"] for g in pivot]
        self.assertEqual(found, [key for key in keys if key in found])
        self.assertLess(found.index("preparing"), found.index("held"))
        Reward = self.env["hr.goede.gesprek.reward"]
        groups = Reward.read_group([("id", "=", 0)], ["state"], ["state"])
        self.assertEqual(
            [g["state"] for g in groups], ["proposed", "approved", "paid", "cancelled"]
        )

    def test_banner_and_cards_in_views(self):
        for model in HINT_MODELS:
            arch = self.env[model].get_view(view_type="form")["arch"]
            self.assertIn('name="next_step_hint"', arch, model)
        for model in ("hr.goede.gesprek", "hr.goede.gesprek.agreement"):
            arch = self.env[model].get_view(view_type="kanban")["arch"]
            self.assertEqual(arch.count('name="employee_id"'), 2, model)


@tagged("post_install", "-at_install")
class TestConversationName(LegalCase):
    def test_typed_name_stays(self):
        with Form(self.Conversation.with_user(self.user_officer)) as form:
            form.employee_id = self.emp_employee
            self.assertIn("Eva Employee", form.name)
            form.name = "Spring talk"
            form.employee_id = self.emp_other
            form.date_start = PLANNED_AT
            self.assertEqual(form.name, "Spring talk")
        conversation = form.record
        self.assertEqual(conversation.name, "Spring talk")
        self.assertTrue(conversation.name_is_custom)
        conversation.with_user(self.user_officer).date_start = "2026-04-01 10:00:00"
        self.assertEqual(conversation.name, "Spring talk")

    def test_generated_name_follows(self):
        with Form(self.Conversation.with_user(self.user_officer)) as form:
            form.employee_id = self.emp_employee
            form.employee_id = self.emp_other
            self.assertIn("Otto Other", form.name)
        conversation = form.record
        self.assertFalse(conversation.name_is_custom)
        conversation.with_user(self.user_officer).date_start = PLANNED_AT
        self.assertIn("03/10/2026", conversation.name)
        # Clearing a typed name brings the generated one back.
        conversation.with_user(self.user_officer).name = "Mine"
        self.assertTrue(conversation.name_is_custom)
        conversation.with_user(self.user_officer).write(
            {"name": False, "date_start": "2026-03-11 10:00:00"}
        )
        self.assertIn("03/11/2026", conversation.name)
        other = self._new(name="Own")
        self.assertEqual(other.name, "Own")
        self.assertTrue(other.name_is_custom)


@tagged("post_install", "-at_install")
class TestRewardGuidance(RewardCommon):
    def test_remaining_budget_and_warning_at_proposal(self):
        self._approved(800)
        reward = self._propose(300)
        self.assertEqual(reward.remaining_budget, 200.0)
        self.assertTrue(reward.is_over_budget)
        self.assertIn("Remaining", reward._fields["remaining_budget"].string)
        within = self._propose(150)
        self.assertFalse(within.is_over_budget)
        with Form(self.Reward.with_user(self.manager_user)) as form:
            form.name = "Thanks"
            form.reason = "Extra work"
            form.employee_id = self.employee
            form.date = "2026-03-05"
            form.amount_net = 100
            self.assertEqual(form.remaining_budget, 200.0)
            self.assertFalse(form.is_over_budget)
            form.amount_net = 500
            self.assertTrue(form.is_over_budget)
        result = self.Reward.with_user(self.manager_user).onchange(
            {
                "name": "Thanks",
                "reason": "Extra work",
                "employee_id": self.employee.id,
                "date": "2026-03-05",
                "amount_net": 500.0,
                "state": "proposed",
                "company_id": self.company.id,
            },
            ["amount_net"],
            {
                "amount_net": {},
                "employee_id": {},
                "date": {},
                "state": {},
                "company_id": {},
                "remaining_budget": {},
                "is_over_budget": {},
            },
        )
        self.assertIn("200.00", result["warning"]["message"])
        # The approval still refuses what is above the cap.
        with self.assertRaises(UserError):
            reward.with_user(self.officer).action_approve()
        self.assertEqual(reward.state, "proposed")

    def test_year_without_thousands_separator(self):
        for view_type in ("list", "form"):
            arch = self.Budget.get_view(view_type=view_type)["arch"]
            self.assertIn("enable_formatting", arch, view_type)

    def test_reference_is_readable(self):
        reward = self._propose(100)
        self.assertTrue(reward.reference.startswith("GRAT/2026/"), reward.reference)
        self.assertNotEqual(self._propose(50).reference, reward.reference)
        with self.assertRaises(AccessError):
            reward.with_user(self.officer).write({"reference": "X"})
