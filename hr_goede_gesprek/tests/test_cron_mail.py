# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The reminders are ordinary Odoo mail: mail.mail, mail.message and
mail.activity records created through the ORM, with its rights and rules, and
an e-mail whose reply threads back into the employee's chatter."""

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.mail.tests.common import MailCase

from .common import GoedeGesprekCase

REPLY = """From: Eva Employee <eva@example.com>
To: {to}
Subject: Re: Time for your next good conversation
Message-ID: <reply-to-reminder-{stamp}@example.com>
In-Reply-To: {parent}
References: <unrelated-123@example.com> {parent}
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

I will plan it with Maria next week.
"""


@tagged("post_install", "-at_install")
class TestCronMail(GoedeGesprekCase, MailCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cron_user = cls.env.ref("hr_goede_gesprek.user_cron")
        cls.alias_domain = cls.env["mail.alias.domain"].create(
            {
                "name": "gg.example.com",
                "catchall_alias": "catchall",
                "bounce_alias": "bounce",
                "default_from": "notifications",
            }
        )
        cls.company.write(
            {
                "alias_domain_id": cls.alias_domain.id,
                "email": "hr@gg.example.com",
                "goede_gesprek_frequency": 1,
                "goede_gesprek_due_lead_days": 30,
                "goede_gesprek_due_hr_days": 30,
            }
        )
        # Demo employees (registered long ago) are overdue: keep them out.
        ours = cls.emp_employee | cls.emp_other
        cls.env["hr.employee"].search([("id", "not in", ours.ids)]).write(
            {
                "goede_gesprek_excluded": True,
                "goede_gesprek_exclusion_reason": "Not part of this test",
            }
        )
        cls.emp_employee.work_email = "eva@example.com"
        # Seen on 2026-01-11: Eva is due on 2026-01-20 (she is reminded), Otto
        # was due on 2026-01-10 (his manager Maria is asked).
        for employee, held in (
            (cls.emp_employee, "2025-01-20 10:00:00"),
            (cls.emp_other, "2025-01-10 10:00:00"),
        ):
            cls.Conversation.create(
                {"employee_id": employee.id, "date_start": held, "state": "done"}
            )

    def _run_cron(self):
        with freeze_time("2026-01-11"):
            self.env["hr.employee"].with_user(
                self.env.ref("base.user_root")
            )._cron_goede_gesprek_due()

    def _mail_to_eva(self):
        return self.env["mail.mail"].search([("email_to", "=", "eva@example.com")])

    def _due_activity(self, employee):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "hr.employee"),
                ("res_id", "=", employee.id),
                (
                    "activity_type_id",
                    "=",
                    self.env.ref("hr_goede_gesprek.mail_act_conversation_due").id,
                ),
            ]
        )

    # ------------------------------------------------------------------
    def test_reminders_are_orm_records(self):
        self._run_cron()
        mail = self._mail_to_eva()
        self.assertEqual(len(mail), 1)
        message = mail.mail_message_id
        # A message of the employee's thread, as send_mail gives a record.
        self.assertEqual(
            (message.model, message.res_id), ("hr.employee", self.emp_employee.id)
        )
        self.assertEqual(message.message_type, "email_outgoing")
        self.assertIn(
            f"-openerp-{self.emp_employee.id}-hr.employee@", message.message_id
        )
        self.assertIn(message, self.emp_employee.message_ids)
        self.assertEqual(message.record_name, "Eva Employee")
        # Replies go to the catchall of the company's alias domain.
        self.assertIn("catchall@gg.example.com", mail.reply_to)
        self.assertEqual(mail.state, "outgoing")
        self.assertIn("Dear Eva Employee", mail.body_html)
        self.assertEqual(mail.create_uid, self.cron_user, "least privilege")

        activity = self._due_activity(self.emp_other)
        self.assertEqual(activity.user_id, self.user_manager)
        self.assertEqual(activity.create_uid, self.cron_user)
        self.assertEqual(activity.res_name, "Otto Other")
        self.assertIn(activity, self.emp_other.activity_ids)
        self.assertIn("nothing is planned", activity.note)
        # Not a follower of the personnel record (privacy), no e-mail either.
        self.assertNotIn(
            self.user_manager.partner_id, self.emp_other.message_partner_ids
        )
        self.assertFalse(
            self.env["mail.mail"].search(
                [("recipient_ids", "in", self.user_manager.partner_id.ids)]
            )
        )
        # The markers are set, by the cron user.
        self.assertEqual(self.emp_employee.goede_gesprek_due_stage, "employee")
        self.assertEqual(self.emp_other.goede_gesprek_due_stage, "manager")
        self.assertEqual(str(self.emp_other.goede_gesprek_due_for), "2026-01-10")
        self.assertEqual(self.emp_other.write_uid, self.cron_user)

    def test_reply_threads_back_into_the_chatter(self):
        self._run_cron()
        mail = self._mail_to_eva()
        message = mail.mail_message_id
        with self.mock_mail_gateway(mail_unlink_sent=True):
            mail.send()
        self.assertEqual(len(self._mails), 1)
        sent = self._mails[0]
        self.assertEqual(sent["message_id"], message.message_id)
        self.assertIn("catchall@gg.example.com", sent["reply_to"])
        # The mail is gone once sent (auto-delete), its message stays.
        self.assertFalse(mail.exists())
        self.assertTrue(message.exists())

        raw = REPLY.format(to=sent["reply_to"], parent=message.message_id, stamp=1)
        self.env["mail.thread"].sudo().message_process(False, raw)
        reply = self.env["mail.message"].search(
            [("message_id", "=", "<reply-to-reminder-1@example.com>")]
        )
        self.assertEqual(
            (reply.model, reply.res_id), ("hr.employee", self.emp_employee.id)
        )
        self.assertEqual(reply.message_type, "email")
        self.assertEqual(reply.parent_id, message)
        self.assertIn("plan it with Maria", reply.body)
        self.assertIn(reply, self.emp_employee.message_ids)

    def test_access_checks_apply(self):
        self._run_cron()
        message = self._mail_to_eva().mail_message_id
        activity = self._due_activity(self.emp_other)
        # The assigned manager sees her activity; a colleague sees neither it
        # nor the reminder on Eva's personnel record.
        self.assertEqual(
            activity.with_user(self.user_manager).read(["summary"])[0]["summary"],
            activity.summary,
        )
        for user in (self.user_other, self.user_employee, self.user_portal):
            with self.assertRaises(AccessError):
                message.with_user(user).read(["body"])
        with self.assertRaises(AccessError):
            activity.with_user(self.user_other).read(["summary"])
        # Run as a plain employee, the reminder step is refused by the ORM:
        # nothing is created.
        mails = self.env["mail.mail"].search_count([])
        activities = self.env["mail.activity"].search_count([])
        employees = (self.emp_employee | self.emp_other).with_user(self.user_other)
        targets = {
            self.emp_employee.id: (self.emp_employee.goede_gesprek_due_for, "employee"),
            self.emp_other.id: (self.emp_other.goede_gesprek_due_for, "hr"),
        }
        with freeze_time("2026-02-15"), self.assertRaises(AccessError):
            employees._goede_gesprek_send_due(targets, self.env.cr.now().date())
        self.assertEqual(self.env["mail.mail"].search_count([]), mails)
        self.assertEqual(self.env["mail.activity"].search_count([]), activities)
