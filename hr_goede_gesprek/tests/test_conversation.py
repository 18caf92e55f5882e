# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import AFTER, BEFORE, PLANNED_AT, GoedeGesprekCase


@tagged("post_install", "-at_install")
class TestConversation(GoedeGesprekCase):
    def test_default_partner_is_manager(self):
        conversation = self._new()
        self.assertEqual(conversation.partner_employee_ids, self.emp_manager)
        self.assertEqual(conversation.partner_user_ids, self.user_manager)
        self.assertEqual(conversation.report_author, "employee")
        form = Form(self.Conversation.with_user(self.user_officer))
        form.employee_id = self.emp_other
        self.assertEqual(form.partner_employee_ids[:], self.emp_manager)
        explicit = self._new(partner_employee_ids=[Command.set(self.emp_officer.ids)])
        self.assertEqual(explicit.partner_employee_ids, self.emp_officer)

    def test_name_and_date_stop(self):
        conversation = self._new(date_start=PLANNED_AT, duration=1.5)
        self.assertIn("Good conversation", conversation.name)
        self.assertIn("Eva Employee", conversation.name)
        self.assertIn("03/10/2026", conversation.name)
        self.assertEqual(
            conversation.date_stop, fields.Datetime.to_datetime("2026-03-10 11:30:00")
        )
        checkin = self._new(conversation_type="checkin")
        self.assertTrue(checkin.name.startswith("Check-in – Eva Employee"))

    def test_bad_input(self):
        with self.assertRaises(ValidationError):
            self._new(duration=-1)
        with self.assertRaises(ValidationError):
            self._new(partner_employee_ids=[Command.set(self.emp_employee.ids)])
        conversation = self._new().with_user(self.user_employee)
        for action, message in (
            ("action_plan", "Propose a date"),
            ("action_hold", "Only a planned conversation"),
            ("action_submit_report", "held conversation"),
            ("action_reset_to_preparing", "reopened"),
        ):
            with self.subTest(action=action):
                with self.assertRaisesRegex(UserError, message):
                    getattr(conversation, action)()

    def test_workflow_fields_not_writable(self):
        conversation = self._new()
        for vals in (
            {"state": "done"},
            {"employee_signed_date": fields.Datetime.now()},
            {"reschedule_count": 5},
        ):
            with self.assertRaises(AccessError):
                conversation.with_user(self.user_employee).write(vals)
            with self.assertRaises(AccessError):
                conversation.with_user(self.user_admin).write(vals)
        with self.assertRaises(AccessError):
            self.Conversation.with_user(self.user_employee).create(
                {"employee_id": self.emp_employee.id, "state": "done"}
            )
        self.assertEqual(conversation.state, "preparing")
        # What the form sends along on creation (the statusbar's default, empty
        # workflow fields) is no attempt to skip the workflow.
        created = self.Conversation.with_user(self.user_employee).create(
            {
                "employee_id": self.emp_employee.id,
                "state": "preparing",
                "agenda_shared_date": False,
            }
        )
        self.assertEqual(created.state, "preparing")

    def test_state_machine_and_calendar(self):
        conversation = self._planned()
        self.assertEqual(conversation.state, "planned")
        event = conversation.calendar_event_id
        self.assertTrue(event)
        self.assertEqual(event.start, fields.Datetime.to_datetime(PLANNED_AT))
        self.assertEqual(event.location, "Room 1")
        self.assertEqual(
            event.partner_ids,
            self.emp_employee.work_contact_id | self.emp_manager.work_contact_id,
        )
        # Location and duration changes follow into the calendar.
        conversation.with_user(self.user_employee).write(
            {"location": "Park bench", "duration": 2.0}
        )
        self.assertEqual(event.location, "Park bench")
        self.assertEqual(event.stop, fields.Datetime.to_datetime("2026-03-10 12:00:00"))
        # Cannot be held before it starts.
        with freeze_time(BEFORE), self.assertRaisesRegex(UserError, "not started"):
            conversation.with_user(self.user_employee).action_hold()
        with freeze_time(AFTER):
            conversation.with_user(self.user_manager).action_hold()
        self.assertEqual(conversation.state, "held")
        conversation.with_user(self.user_employee).report_summary = "<p>Fine.</p>"
        conversation.with_user(self.user_employee).action_submit_report()
        self.assertEqual(conversation.state, "report")
        self.assertTrue(conversation.report_submitted_date)

    def test_reschedule_requires_reason(self):
        conversation = self._planned()
        event = conversation.calendar_event_id
        with self.assertRaisesRegex(UserError, "Reschedule"):
            conversation.with_user(
                self.user_employee
            ).date_start = "2026-03-12 10:00:00"
        # Saving the form with the same date is no change.
        conversation.with_user(self.user_employee).date_start = PLANNED_AT
        action = conversation.with_user(
            self.user_employee
        ).action_open_reschedule_wizard()
        self.assertEqual(action["res_model"], "hr.goede.gesprek.reschedule")
        Wizard = self.env["hr.goede.gesprek.reschedule"].with_user(self.user_employee)
        wizard = Wizard.with_context(**action["context"]).create(
            {"date_start": "2026-03-12 10:00:00", "reason": "  "}
        )
        with self.assertRaisesRegex(UserError, "reason"):
            wizard.action_confirm()
        self.assertEqual(conversation.reschedule_count, 0)
        wizard.reason = "The employee is on a training course that day."
        self.assertEqual(wizard.duration, 1.5)
        wizard.action_confirm()
        self.assertEqual(conversation.reschedule_count, 1)
        self.assertEqual(
            conversation.date_start, fields.Datetime.to_datetime("2026-03-12 10:00:00")
        )
        self.assertEqual(event.start, conversation.date_start)
        self.assertEqual(conversation.calendar_event_id, event)
        self.assertIn("training course", conversation.last_reschedule_reason)
        message = conversation.message_ids[0]
        self.assertIn("training course", message.body)
        self.assertEqual(
            message.subtype_id,
            self.env.ref("hr_goede_gesprek.mt_conversation_rescheduled"),
        )

    def test_cancel_requires_reason_and_removes_event(self):
        conversation = self._planned()
        event = conversation.calendar_event_id
        action = conversation.with_user(self.user_employee).action_cancel()
        wizard = (
            self.env["hr.goede.gesprek.cancel"]
            .with_user(self.user_employee)
            .with_context(**action["context"])
            .create({"reason": " "})
        )
        with self.assertRaisesRegex(UserError, "reason"):
            wizard.action_confirm()
        wizard.reason = "The manager is leaving the organisation."
        wizard.action_confirm()
        self.assertEqual(conversation.state, "cancelled")
        self.assertFalse(event.exists())
        self.assertFalse(conversation.calendar_event_id)
        self.assertEqual(conversation.cancel_reason, wizard.reason)
        self.assertIn("leaving the organisation", conversation.message_ids[0].body)
        self.assertEqual(
            conversation._track_subtype({"state": "planned"}),
            self.env.ref("hr_goede_gesprek.mt_conversation_cancelled"),
        )
        conversation.with_user(self.user_employee).action_reset_to_preparing()
        self.assertEqual(conversation.state, "preparing")

    def test_share_agenda(self):
        with freeze_time(BEFORE):
            conversation = self._new(date_start=PLANNED_AT)
        prepare = self.env.ref("hr_goede_gesprek.mail_activity_type_prepare_agenda")
        activity = conversation.activity_ids.filtered(
            lambda a: a.activity_type_id == prepare
        )
        self.assertEqual(activity.user_id, self.user_employee)
        # Deadline: three days (company setting) before the conversation.
        self.assertEqual(str(activity.date_deadline), "2026-03-07")
        with self.assertRaisesRegex(UserError, "empty"):
            conversation.with_user(self.user_employee).action_share_agenda()
        self.env["hr.goede.gesprek.agenda.line"].with_user(self.user_employee).create(
            {"conversation_id": conversation.id, "name": "My ambitions"}
        )
        with freeze_time(BEFORE):
            conversation.with_user(self.user_employee).action_share_agenda()
        self.assertEqual(
            conversation.agenda_shared_date, fields.Datetime.to_datetime(BEFORE)
        )
        message = conversation.message_ids.filtered(lambda m: "My ambitions" in m.body)
        self.assertEqual(len(message), 1)
        self.assertEqual(message.message_type, "comment")
        self.assertIn(self.emp_manager.work_contact_id, message.partner_ids)
        self.assertFalse(activity.exists())

    def test_sign_activities(self):
        conversation = self._in_report()
        sign = self.env.ref("hr_goede_gesprek.mail_activity_type_sign_report")
        activities = conversation.activity_ids.filtered(
            lambda a: a.activity_type_id == sign
        )
        self.assertEqual(activities.user_id, self.user_employee | self.user_manager)
        conversation.with_user(self.user_employee)._do_sign("employee", "seen")
        activities = conversation.activity_ids.filtered(
            lambda a: a.activity_type_id == sign
        )
        self.assertEqual(activities.user_id, self.user_manager)
        conversation.with_user(self.user_manager)._do_sign("partner", "agreed")
        self.assertFalse(conversation.activity_ids)

    def test_agenda_line_author_and_order(self):
        conversation = self._new()
        Line = self.env["hr.goede.gesprek.agenda.line"]
        own = Line.with_user(self.user_employee).create(
            {"conversation_id": conversation.id, "name": "Workload"}
        )
        theirs = Line.with_user(self.user_manager).create(
            {"conversation_id": conversation.id, "name": "Team plans"}
        )
        self.assertEqual(own.author, "employee")
        self.assertEqual(theirs.author, "partner")
        self.assertEqual(theirs.author_user_id, self.user_manager)
        with self.assertRaisesRegex(AccessError, "order"):
            theirs.with_user(self.user_manager).sequence = 1
        theirs.with_user(self.user_employee).sequence = 1
        conversation.invalidate_recordset(["agenda_line_ids"])
        self.assertEqual(conversation.agenda_line_ids[0], theirs)

    def test_carry_over_to_existing_next(self):
        conversation = self._held()
        Line = self.env["hr.goede.gesprek.agenda.line"].with_user(self.user_employee)
        done_line = Line.create(
            {"conversation_id": conversation.id, "name": "Finished", "discussed": True}
        )
        carried = Line.create(
            {
                "conversation_id": conversation.id,
                "name": "Training budget",
                "discussed": True,
                "carry_over": True,
            }
        )
        skipped = Line.create(
            {"conversation_id": conversation.id, "name": "No time for it"}
        )
        next_conversation = self._new()
        self.assertFalse(next_conversation.agenda_line_ids)
        conversation.with_user(self.user_employee).report_summary = "<p>Ok</p>"
        conversation.with_user(self.user_employee).action_submit_report()
        conversation.with_user(self.user_employee)._do_sign("employee", "seen")
        conversation.with_user(self.user_manager)._do_sign("partner", "agreed")
        lines = next_conversation.agenda_line_ids
        self.assertEqual(
            sorted(lines.mapped("name")), ["No time for it", "Training budget"]
        )
        self.assertEqual(lines.carried_from_id, carried | skipped)
        self.assertNotIn(done_line, lines.carried_from_id)
        # Not pulled a second time by a later conversation.
        third = self._new()
        self.assertFalse(third.agenda_line_ids)

    def test_carry_over_pulled_on_create(self):
        conversation = self._held()
        self.env["hr.goede.gesprek.agenda.line"].with_user(self.user_employee).create(
            {"conversation_id": conversation.id, "name": "Mobility", "carry_over": True}
        )
        conversation.with_user(self.user_employee).report_summary = "<p>Ok</p>"
        conversation.with_user(self.user_employee).action_submit_report()
        conversation.with_user(self.user_employee)._do_sign("employee", "seen")
        conversation.with_user(self.user_manager)._do_sign("partner", "seen")
        other = self._new(employee=self.emp_other)
        self.assertFalse(other.agenda_line_ids)
        next_conversation = self._new()
        self.assertEqual(next_conversation.agenda_line_ids.mapped("name"), ["Mobility"])

    def test_previous_conversation(self):
        first = self._done()
        self.assertFalse(first.previous_conversation_id)
        later = self._new(date_start="2026-06-01 10:00:00")
        self.assertEqual(later.previous_conversation_id, first)
        undated = self._new()
        self.assertEqual(undated.previous_conversation_id, first)
        earlier = self._new(date_start="2026-01-01 10:00:00")
        self.assertFalse(earlier.previous_conversation_id)
        self.assertFalse(self._new(employee=self.emp_other).previous_conversation_id)

    def test_cron_shares_agenda_in_time(self):
        conversation = self._planned()
        self.env["hr.goede.gesprek.agenda.line"].with_user(self.user_employee).create(
            {"conversation_id": conversation.id, "name": "Vitality"}
        )
        empty = self._planned()
        # Three days before (company setting) is 2026-03-07 10:00.
        with freeze_time("2026-03-07 09:00:00"):
            self.Conversation._cron_share_agenda()
        self.assertFalse(conversation.agenda_shared_date)
        with freeze_time("2026-03-07 11:00:00"):
            self.Conversation._cron_share_agenda()
        self.assertEqual(
            conversation.agenda_shared_date,
            fields.Datetime.to_datetime("2026-03-07 11:00:00"),
        )
        self.assertFalse(empty.agenda_shared_date)
