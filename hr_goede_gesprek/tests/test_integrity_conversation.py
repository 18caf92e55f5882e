# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The conversation family attacked over the ORM, as RPC would: an ordinary
login sends any field with any value and any context. Every attack must be
refused and leave the records as they were."""

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import AFTER, GROUP_OFFICER, GoedeGesprekCase, new_user_employee

# AccessError and ValidationError are UserErrors: any refusal.
REFUSED = UserError
# Context keys a caller may send along: none of them opens a write.
ATTACK_CONTEXT = {
    "install_mode": True,
    "tracking_disable": True,
    "goede_gesprek_workflow": True,
    "bypass_policy": True,
    "active_test": False,
}


@tagged("post_install", "-at_install", "access_rights")
class TestIntegrityConversation(GoedeGesprekCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Another HR officer, who may be a conversation partner (an adviser).
        cls.user_adviser, cls.emp_adviser = new_user_employee(
            cls.env, "gg_adviser", "Ada Adviser", GROUP_OFFICER
        )

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _snapshot(self, records):
        records = records.sudo()
        records.invalidate_recordset()
        names = [
            fname
            for fname, field in records._fields.items()
            if field.store
            and field.type not in ("binary", "one2many")
            and fname not in ("write_date", "write_uid")
            and not fname.startswith(("message_", "activity_"))
        ]
        return records.read(names)

    def _assert_refused(self, records, vals, user, context=None):
        """``user`` writes ``vals`` on ``records``: refused, nothing changed."""
        before = self._snapshot(records)
        target = records.with_user(user).with_context(**(context or ATTACK_CONTEXT))
        with self.assertRaises(REFUSED, msg=f"{user.login} wrote {sorted(vals)}"):
            with self.env.cr.savepoint():
                target.write(vals)
                self.env.flush_all()
        self.assertEqual(self._snapshot(records), before)

    def _assert_create_refused(self, model, vals, user):
        count = model.sudo().with_context(active_test=False).search_count([])
        with self.assertRaises(REFUSED, msg=f"{user.login} created {sorted(vals)}"):
            with self.env.cr.savepoint():
                model.with_user(user).with_context(**ATTACK_CONTEXT).create(vals)
                self.env.flush_all()
        self.assertEqual(
            model.sudo().with_context(active_test=False).search_count([]), count
        )

    def _agreement(self, conversation, **vals):
        return self.Agreement.create(
            {"name": "Follow a course", "conversation_id": conversation.id, **vals}
        )

    def _agreed(self, conversation, **vals):
        agreement = self._agreement(conversation, **vals)
        agreement.with_user(self.user_employee).action_confirm()
        agreement.with_user(self.user_manager).action_confirm()
        self.assertEqual(agreement.state, "agreed")
        return agreement

    # ------------------------------------------------------------------
    # Agreements: only the actions move them
    # ------------------------------------------------------------------
    def test_employee_cannot_agree_or_close_own_agreement(self):
        conversation = self._new()
        agreement = self._agreement(conversation)
        for user in (self.user_employee, self.user_manager, self.user_officer):
            for vals in (
                {"state": "agreed"},
                {"employee_confirmed": True, "manager_confirmed": True},
                {
                    "state": "agreed",
                    "employee_confirmed": True,
                    "manager_confirmed": True,
                },
                {"state": "done"},
                {"state": "done", "done_date": "2026-03-01"},
                {"done_date": "2026-03-01"},
                {"decline_reason": "Not me"},
            ):
                self._assert_refused(agreement, vals, user)
        self.assertEqual(agreement.state, "proposed")
        self._assert_create_refused(
            self.Agreement,
            {
                "name": "Skip the talk",
                "conversation_id": conversation.id,
                "state": "agreed",
                "employee_confirmed": True,
                "manager_confirmed": True,
            },
            self.user_employee,
        )
        # The actions still do it, one confirmation per side.
        agreement.with_user(self.user_employee).action_confirm()
        self.assertEqual(agreement.state, "proposed")
        agreement.with_user(self.user_manager).action_confirm()
        self.assertEqual(agreement.state, "agreed")

    def test_no_done_before_the_decision_is_issued(self):
        conversation = self._new()
        agreement = self._agreed(
            conversation,
            has_legal_consequence=True,
            legal_topic_id=self.env.ref("hr_goede_gesprek.legal_topic_hours_less").id,
        )
        with self.assertRaisesRegex(UserError, "decision has been issued"):
            agreement.with_user(self.user_employee).action_mark_done()
        for vals in (
            {"state": "done"},
            # Dropping the legal consequence after agreeing would skip the decision.
            {"has_legal_consequence": False},
            {"legal_topic_id": False},
        ):
            self._assert_refused(agreement, vals, self.user_employee)
            self._assert_refused(agreement, vals, self.user_manager)
        self.assertEqual(agreement.state, "agreed")
        self.assertTrue(agreement.has_legal_consequence)

    def test_changed_proposal_is_confirmed_again(self):
        agreement = self._agreement(self._new())
        agreement.with_user(self.user_employee).action_confirm()
        # The manager changes the content: the employee's confirmation goes.
        agreement.with_user(self.user_manager).description = "Before the summer"
        self.assertFalse(agreement.employee_confirmed)
        self.assertEqual(agreement.state, "proposed")

    # ------------------------------------------------------------------
    # Who signs is not chosen by the signer
    # ------------------------------------------------------------------
    def test_employee_cannot_swap_manager_for_colleague(self):
        conversation = self._new()
        self._assert_refused(
            conversation,
            {"partner_employee_ids": [Command.set(self.emp_other.ids)]},
            self.user_employee,
        )
        self._assert_refused(
            conversation,
            {"partner_employee_ids": [Command.link(self.emp_other.id)]},
            self.user_employee,
        )
        self.assertEqual(conversation.partner_employee_ids, self.emp_manager)
        # Not even with the manager's consent: a colleague is no partner.
        for user in (self.user_manager, self.user_officer):
            self._assert_refused(
                conversation,
                {"partner_employee_ids": [Command.set(self.emp_other.ids)]},
                user,
            )
        with (
            self.assertRaisesRegex(ValidationError, "manager or an HR officer"),
            self.env.cr.savepoint(),
        ):
            self._new(partner_employee_ids=[Command.set(self.emp_other.ids)])
        # The colleague, not being a partner, countersigns nothing.
        conversation = self._in_report()
        conversation.with_user(self.user_employee)._do_sign("employee", "seen")
        with self.assertRaises(AccessError):
            conversation.with_user(self.user_other)._do_sign("partner", "agreed")
        self.assertFalse(conversation.report_locked)
        self.assertFalse(conversation.report_attachment_id)
        self.assertEqual(conversation.state, "report")

    def test_partners_set_by_manager_or_hr_before_planning(self):
        conversation = self._new()
        conversation.with_user(self.user_manager).partner_employee_ids = [
            Command.link(self.emp_adviser.id)
        ]
        self.assertEqual(
            conversation.partner_employee_ids, self.emp_manager | self.emp_adviser
        )
        conversation.with_user(self.user_officer).write(
            {
                "partner_employee_ids": [Command.set(self.emp_adviser.ids)],
                "report_author": "partner",
            }
        )
        self.assertEqual(conversation.partner_user_ids, self.user_adviser)
        planned = self._planned()
        for user in (self.user_employee, self.user_manager, self.user_officer):
            self._assert_refused(
                planned,
                {"partner_employee_ids": [Command.set(self.emp_adviser.ids)]},
                user,
            )
            self._assert_refused(planned, {"report_author": "partner"}, user)
        self.assertEqual(planned.partner_employee_ids, self.emp_manager)

    def test_conversation_stays_about_its_employee(self):
        conversation = self._new()
        for user in (
            self.user_employee,
            self.user_manager,
            self.user_officer,
            self.user_admin,
        ):
            self._assert_refused(conversation, {"employee_id": self.emp_other.id}, user)
        self.assertEqual(conversation.employee_id, self.emp_employee)
        # Nobody starts a conversation about someone they do not manage.
        self._assert_create_refused(
            self.Conversation, {"employee_id": self.emp_employee.id}, self.user_other
        )

    def test_report_author_and_views(self):
        conversation = self._held(report_author="partner")
        self._assert_refused(
            conversation, {"report_summary": "<p>My version</p>"}, self.user_employee
        )
        self._assert_refused(
            conversation, {"partner_view": "As Maria"}, self.user_employee
        )
        self._assert_refused(
            conversation, {"employee_view": "As Eva"}, self.user_manager
        )
        self._assert_refused(conversation, {"employee_view": "HR"}, self.user_officer)
        conversation.with_user(self.user_manager).report_summary = "<p>By Maria</p>"
        conversation.with_user(self.user_manager).action_submit_report()
        conversation.with_user(self.user_employee)._do_sign("employee", "seen")
        self._assert_refused(
            conversation, {"employee_view": "Changed my mind"}, self.user_employee
        )
        self._assert_refused(
            conversation, {"report_summary": "<p>Later</p>"}, self.user_manager
        )

    # ------------------------------------------------------------------
    # Links: one employee, and set by the workflow
    # ------------------------------------------------------------------
    def test_links_belong_to_one_employee(self):
        own = self._new()
        others = self._new(employee=self.emp_other)
        # An agreement about Eva in Otto's conversation (the manager leads both).
        with (
            self.assertRaisesRegex(ValidationError, "only be about that employee"),
            self.env.cr.savepoint(),
        ):
            self.Agreement.with_user(self.user_manager).create(
                {
                    "name": "Mixed up",
                    "employee_id": self.emp_employee.id,
                    "conversation_id": others.id,
                }
            )
        # Eva's items and agreements cannot move into Otto's conversation.
        line = self.Line.with_user(self.user_employee).create(
            {"conversation_id": own.id, "name": "Workload"}
        )
        agreement = self._agreement(own)
        for user in (self.user_employee, self.user_manager, self.user_officer):
            self._assert_refused(line, {"conversation_id": others.id}, user)
            self._assert_refused(agreement, {"conversation_id": others.id}, user)
            self._assert_refused(agreement, {"employee_id": self.emp_other.id}, user)
        # A bystander adds nothing to Eva's conversation.
        self._assert_create_refused(
            self.Line, {"conversation_id": own.id, "name": "Gossip"}, self.user_other
        )
        self._assert_create_refused(
            self.Agreement,
            {"conversation_id": own.id, "name": "Gossip"},
            self.user_other,
        )

    def test_versions_are_linked_by_the_workflow_only(self):
        done = self._done()
        other = self._new()
        for user in (self.user_employee, self.user_manager, self.user_officer):
            self._assert_refused(other, {"previous_version_id": done.id}, user)
            self._assert_refused(done, {"next_version_id": other.id}, user)
        self._assert_create_refused(
            self.Conversation,
            {"employee_id": self.emp_employee.id, "previous_version_id": done.id},
            self.user_employee,
        )
        self.assertFalse(done.next_version_id)
        # "Amend" does it.
        action = done.with_user(self.user_employee).action_amend()
        self.assertEqual(done.next_version_id.id, action["res_id"])

    # ------------------------------------------------------------------
    # Audit fields
    # ------------------------------------------------------------------
    @mute_logger("odoo.models")
    def test_audit_fields_not_writable(self):
        conversation = self._held()
        now = fields.Datetime.now()
        audit = (
            {"state": "done"},
            {"employee_signed_date": now},
            {"employee_signed_by_id": self.user_employee.id},
            {"partner_signed_date": now, "partner_sign_mode": "agreed"},
            {"partner_signed_by_id": self.user_manager.id},
            {"report_submitted_date": now},
            {"agenda_shared_date": now},
            {"reschedule_count": 0, "last_reschedule_reason": "None"},
            {"cancel_reason": "None"},
            {"requested_date": "2026-01-01"},
            {"request_stage": "hr"},
            {"agenda_reminder_date": "2026-01-01"},
            {"sign_reminder_date": "2026-01-01"},
            {"calendar_event_id": False},
        )
        for user in (
            self.user_employee,
            self.user_manager,
            self.user_officer,
            self.user_admin,
        ):
            for vals in audit:
                self._assert_refused(conversation, vals, user)
        line = self.Line.with_user(self.user_employee).create(
            {"conversation_id": conversation.id, "name": "Workload"}
        )
        self.assertEqual(line.author, "employee")
        self.assertEqual(line.author_user_id, self.user_employee)
        earlier = self.Line.create({"conversation_id": self._new().id, "name": "Old"})
        for user in (self.user_employee, self.user_manager, self.user_officer):
            for vals in (
                {"author": "partner"},
                {"author_user_id": self.user_other.id},
                {"carried_from_id": earlier.id},
            ):
                self._assert_refused(line, vals, user)
        # A partner's item is the partner's, whatever the partner claims.
        self._assert_create_refused(
            self.Line,
            {"conversation_id": conversation.id, "name": "Mine", "author": "employee"},
            self.user_manager,
        )
        theirs = self.Line.with_user(self.user_manager).create(
            {"conversation_id": conversation.id, "name": "Team plans"}
        )
        self.assertEqual(theirs.author, "partner")

    def test_topics_are_configuration(self):
        group = self.env["hr.goede.gesprek.topic.group"].create({"name": "Values"})
        topic = self.env["hr.goede.gesprek.topic"].create(
            {"name": "Trust", "group_id": group.id}
        )
        for user in (self.user_employee, self.user_manager, self.user_officer):
            self._assert_refused(topic, {"name": "Changed"}, user)
            self._assert_refused(group, {"active": False}, user)
        topic.with_user(self.user_admin).prompt = "What does trust mean to you?"
        self.assertTrue(topic.prompt)

    # ------------------------------------------------------------------
    # No context key, no portal route opens what the policy closes
    # ------------------------------------------------------------------
    def test_context_keys_open_nothing(self):
        conversation = self._planned()
        self._assert_refused(
            conversation,
            {"state": "held"},
            self.user_employee,
            context=dict(ATTACK_CONTEXT, default_state="held", skip_workflow=True),
        )
        with freeze_time(AFTER):
            conversation.with_user(self.user_employee).action_hold()
        self.assertEqual(conversation.state, "held")

    def test_portal_write_follows_the_policy_of_the_side(self):
        conversation = self._held(report_author="partner")
        as_employee = conversation.with_user(self.user_employee)
        with self.assertRaises(AccessError):
            as_employee._check_can_portal_write({"report_summary": "<p>Mine</p>"})
        with self.assertRaises(UserError):
            as_employee._check_can_portal_write({"location": "Elsewhere"})
        as_employee._check_can_portal_write({"employee_view": "I agree."})
