# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import GoedeGesprekCaseB

FOLLOWUP = "hr_goede_gesprek.mail_activity_type_follow_up_agreement"


@tagged("post_install", "-at_install")
class TestAgreement(GoedeGesprekCaseB):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.conversation = cls._create_conversation(
            date_start=datetime(2026, 1, 15, 10, 0)
        )
        cls.agreement = cls._create_agreement(
            cls.conversation, deadline=date(2026, 3, 1)
        )

    def _as(self, user, record=None):
        return (record or self.agreement).with_user(user)

    def _followups(self, agreement):
        return agreement.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(FOLLOWUP)
        )

    def test_employee_and_company_from_conversation(self):
        self.assertEqual(self.agreement.employee_id, self.emp_employee)
        self.assertEqual(self.agreement.company_id, self.conversation.company_id)
        self.assertEqual(self.agreement.state, "proposed")

    def test_both_confirm_makes_it_agreed(self):
        self._as(self.user_employee).action_confirm()
        self.assertTrue(self.agreement.employee_confirmed)
        self.assertFalse(self.agreement.manager_confirmed)
        self.assertEqual(self.agreement.state, "proposed", "one side is not enough")
        self.assertFalse(self._followups(self.agreement))
        self._as(self.user_manager).action_confirm()
        self.assertTrue(self.agreement.manager_confirmed)
        self.assertEqual(self.agreement.state, "agreed")
        followup = self._followups(self.agreement)
        self.assertEqual(len(followup), 1)
        self.assertEqual(followup.user_id, self.user_employee, "the owner follows up")
        self.assertEqual(followup.date_deadline, date(2026, 3, 1))

    def test_manager_owned_followup_goes_to_manager(self):
        self.agreement.owner = "manager"
        self._as(self.user_manager).action_confirm()
        self._as(self.user_employee).action_confirm()
        self.assertEqual(self._followups(self.agreement).user_id, self.user_manager)

    def test_conversation_partner_confirms_manager_side(self):
        # A conversation partner other than the manager is an HR adviser (an
        # HR officer of the addon): nobody else may be partner.
        self.user_adviser.groups_id = [
            Command.link(
                self.env.ref("hr_goede_gesprek.group_goede_gesprek_officer").id
            )
        ]
        conversation = self._create_conversation(
            partner_employee_ids=[Command.set(self.emp_adviser.ids)]
        )
        agreement = self._create_agreement(conversation)
        with self.assertRaises(AccessError):
            self._as(self.user_adviser).action_confirm()
        self._as(self.user_adviser, agreement).action_confirm()
        self.assertTrue(agreement.manager_confirmed)
        self.assertFalse(agreement.employee_confirmed)

    def test_can_confirm_flag_per_user(self):
        self.assertTrue(self._as(self.user_employee).can_confirm)
        self.assertTrue(self._as(self.user_manager).can_confirm)
        self.assertFalse(self._as(self.user_colleague).can_confirm)
        self._as(self.user_employee).action_confirm()
        self.agreement.invalidate_recordset()
        self.assertFalse(self._as(self.user_employee).can_confirm)

    def test_decline_then_propose_again(self):
        self._as(self.user_employee).action_confirm()
        self._as(self.user_manager).action_decline()
        self.assertEqual(self.agreement.state, "talk_again")
        self.assertFalse(self.agreement.employee_confirmed)
        with self.assertRaises(UserError):
            self._as(self.user_employee).action_confirm()
        self._as(self.user_employee).action_propose_again()
        self.assertEqual(self.agreement.state, "proposed")
        self._as(self.user_employee).action_confirm()
        self._as(self.user_manager).action_confirm()
        self.assertEqual(self.agreement.state, "agreed")

    def test_outsider_may_not_act(self):
        colleague_agreement = self._as(self.user_colleague)
        for method in ("action_confirm", "action_decline"):
            with self.assertRaises(AccessError, msg=method):
                getattr(colleague_agreement, method)()
        self.assertEqual(self.agreement.state, "proposed")
        self.assertFalse(self.agreement.employee_confirmed)
        self.assertFalse(self.agreement.manager_confirmed)
        self.agreement.state = "agreed"
        for method in ("action_mark_done", "action_mark_not_done", "action_cancel"):
            with self.assertRaises(AccessError, msg=method):
                getattr(colleague_agreement, method)()
        self.assertEqual(self.agreement.state, "agreed")

    def test_wrong_state_raises_user_error(self):
        with self.assertRaises(UserError):
            self._as(self.user_employee).action_mark_done()
        with self.assertRaises(UserError):
            self._as(self.user_employee).action_propose_again()
        self.agreement.write({"state": "done"})
        with self.assertRaises(UserError):
            self._as(self.user_officer).action_cancel()

    def test_officer_cancels(self):
        self._as(self.user_officer).action_cancel()
        self.assertEqual(self.agreement.state, "cancelled")

    def test_agreed_content_is_frozen(self):
        self.agreement.write({"employee_confirmed": True})
        self._as(self.user_manager).write({"deadline": date(2026, 4, 1)})
        self.assertFalse(
            self.agreement.employee_confirmed, "a changed proposal is confirmed again"
        )
        self._as(self.user_employee).action_confirm()
        self._as(self.user_manager).action_confirm()
        with self.assertRaises(UserError):
            self._as(self.user_employee).write({"name": "Something else"})

    def test_realised_on_time(self):
        late = self._create_agreement(self.conversation, deadline=date(2026, 3, 1))
        failed = self._create_agreement(self.conversation, deadline=date(2026, 3, 1))
        no_deadline = self._create_agreement(self.conversation)
        agreements = self.agreement | late | failed | no_deadline
        agreements.write(
            {"state": "agreed", "employee_confirmed": True, "manager_confirmed": True}
        )
        with freeze_time("2026-02-20"):
            self._as(self.user_employee, self.agreement).action_mark_done()
            self._as(self.user_employee, no_deadline).action_mark_done()
        with freeze_time("2026-03-05"):
            self._as(self.user_manager, late).action_mark_done()
            self._as(self.user_manager, failed).action_mark_not_done()
        self.assertEqual(self.agreement.done_date, date(2026, 2, 20))
        self.assertTrue(self.agreement.realised_on_time)
        self.assertTrue(no_deadline.realised_on_time)
        self.assertFalse(late.realised_on_time)
        self.assertEqual(late.state, "done")
        self.assertFalse(failed.realised_on_time)
        self.assertEqual(failed.state, "not_done")
        on_time = self.env["hr.goede.gesprek.agreement"].search(
            [("id", "in", agreements.ids), ("realised_on_time", "=", True)]
        )
        self.assertEqual(on_time, self.agreement | no_deadline, "stored and searchable")

    def test_done_closes_the_followup(self):
        self._as(self.user_employee).action_confirm()
        self._as(self.user_manager).action_confirm()
        self.assertTrue(self._followups(self.agreement))
        self._as(self.user_employee).action_mark_done()
        self.assertFalse(self._followups(self.agreement))

    def test_overdue_filter(self):
        done = self._create_agreement(self.conversation, deadline=date(2026, 1, 1))
        done.state = "done"
        with freeze_time("2026-03-10"):
            overdue = self.env["hr.goede.gesprek.agreement"].search(
                [
                    ("conversation_id", "=", self.conversation.id),
                    ("is_overdue", "=", True),
                ]
            )
            self.assertEqual(overdue, self.agreement)
            self.assertTrue(self.agreement.is_overdue)
        with freeze_time("2026-02-10"):
            self.agreement.invalidate_recordset(["is_overdue"])
            self.assertFalse(self.agreement.is_overdue)

    def test_open_agreements_on_next_conversation(self):
        done = self._create_agreement(self.conversation, name="Done already")
        done.state = "done"
        talk_again = self._create_agreement(self.conversation, name="Unclear")
        talk_again.state = "talk_again"
        other = self._create_agreement(
            self._create_conversation(self.emp_colleague), name="Not hers"
        )
        later = self._create_conversation(date_start=datetime(2026, 6, 1, 9, 0))
        new_in_later = self._create_agreement(later, name="Made later")
        self.assertEqual(later.open_agreement_ids, self.agreement | talk_again)
        self.assertEqual(later.open_agreement_count, 2)
        self.assertNotIn(other, later.open_agreement_ids)
        self.assertNotIn(
            new_in_later,
            self.conversation.open_agreement_ids,
            "an earlier conversation does not review later agreements",
        )
        self.assertFalse(self.conversation.open_agreement_ids)
        # batched: computing for several conversations in one go works too
        both = (self.conversation | later).with_env(self.env)
        both.invalidate_recordset(["open_agreement_ids"])
        self.assertEqual(
            both.mapped("open_agreement_count"), [0, 2], "per conversation values"
        )
