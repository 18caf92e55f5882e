# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import GoedeGesprekCase

# A 1x1 transparent PNG, as the signature widget would send.
SIGNATURE = (
    b"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA"
    b"60e6kgAAAABJRU5ErkJggg=="
)


@tagged("post_install", "-at_install")
class TestReportSigning(GoedeGesprekCase):
    def test_author_rights(self):
        conversation = self._held()
        self.assertTrue(conversation.with_user(self.user_employee).can_write_report)
        self.assertFalse(conversation.with_user(self.user_manager).can_write_report)
        with self.assertRaisesRegex(AccessError, "agreed author"):
            conversation.with_user(self.user_manager).report_summary = "<p>Mine</p>"
        with self.assertRaisesRegex(AccessError, "agreed author"):
            conversation.with_user(self.user_manager).action_submit_report()
        with self.assertRaisesRegex(UserError, "Write the report"):
            conversation.with_user(self.user_employee).action_submit_report()
        # HR may help the author.
        conversation.with_user(self.user_officer).report_summary = "<p>HR note</p>"
        conversation.with_user(
            self.user_employee
        ).report_summary = "<p>Good talk</p><script>alert(1)</script>"
        self.assertNotIn("<script>", conversation.report_summary)
        conversation.with_user(self.user_employee).action_submit_report()
        with self.assertRaisesRegex(UserError, "before it is submitted"):
            conversation.with_user(self.user_employee).report_summary = "<p>Later</p>"
        # Who comes before when: a user who is not the author hears that,
        # whatever the state.
        with self.assertRaisesRegex(AccessError, "agreed author"):
            conversation.with_user(self.user_manager).report_summary = "<p>Later</p>"

    def test_partner_as_author(self):
        conversation = self._held(report_author="partner")
        with self.assertRaises(AccessError):
            conversation.with_user(self.user_employee).report_summary = "<p>x</p>"
        conversation.with_user(self.user_manager).report_summary = "<p>By Maria</p>"
        conversation.with_user(self.user_manager).action_submit_report()
        self.assertEqual(conversation.state, "report")

    def test_sign_before_report_raises(self):
        conversation = self._held()
        with self.assertRaisesRegex(UserError, "submitted for signature"):
            conversation.with_user(self.user_employee)._do_sign("employee", "seen")
        with self.assertRaisesRegex(UserError, "submitted for signature"):
            conversation.with_user(self.user_employee).action_open_sign_wizard()

    def test_only_own_party_signs(self):
        conversation = self._in_report()
        with self.assertRaises(AccessError):
            conversation.with_user(self.user_manager)._do_sign("employee", "seen")
        with self.assertRaises(AccessError):
            conversation.with_user(self.user_officer)._do_sign("partner", "seen")
        with self.assertRaises(AccessError):
            conversation.with_user(self.user_admin).action_open_sign_wizard()
        with self.assertRaisesRegex(UserError, "seen or as agreed"):
            conversation.with_user(self.user_employee)._do_sign("employee", "maybe")
        self.assertTrue(conversation.with_user(self.user_employee).can_sign)
        conversation.with_user(self.user_employee)._do_sign("employee", "seen")
        self.assertFalse(conversation.with_user(self.user_employee).can_sign)
        with self.assertRaisesRegex(UserError, "already signed"):
            conversation.with_user(self.user_employee)._do_sign("employee", "agreed")
        self.assertFalse(conversation.report_locked)
        self.assertEqual(conversation.state, "report")

    def test_sign_wizard_and_pdf_in_personnel_file(self):
        conversation = self._in_report()
        action = conversation.with_user(self.user_employee).action_open_sign_wizard()
        Wizard = self.env["hr.goede.gesprek.sign"]
        wizard = (
            Wizard.with_user(self.user_employee)
            .with_context(**action["context"])
            .create(
                {
                    "mode": "seen",
                    "view": "I would like more time for training.",
                    "signature": SIGNATURE,
                }
            )
        )
        self.assertEqual(wizard.party, "employee")
        wizard.action_sign()
        self.assertEqual(conversation.employee_sign_mode, "seen")
        self.assertEqual(conversation.employee_signed_by_id, self.user_employee)
        self.assertEqual(conversation.employee_view, wizard.view)
        self.assertFalse(conversation.report_attachment_id)
        wizard = (
            Wizard.with_user(self.user_manager)
            .with_context(default_conversation_id=conversation.id)
            .create({"mode": "agreed"})
        )
        self.assertEqual(wizard.party, "partner")
        wizard.action_sign()
        self.assertEqual(conversation.state, "done")
        self.assertTrue(conversation.report_locked)
        attachment = conversation.report_attachment_id
        self.assertEqual(attachment.res_model, "hr.employee")
        self.assertEqual(attachment.res_id, self.emp_employee.id)
        html = base64.b64decode(attachment.datas).decode()
        for text in (
            "Eva Employee",
            "Maria Manager",
            "We discussed the new project.",
            "I would like more time for training.",
            "Seen",
            "Agreed",
            "Signatures",
        ):
            self.assertIn(text, html)
        self.assertIn("data:image/png;base64", html)
        # The personnel file is HR's: the employee cannot read it there.
        for user in (self.user_employee, self.user_other, self.user_manager):
            with self.assertRaises(AccessError):
                attachment.with_user(user).read(["datas"])
        self.assertTrue(attachment.with_user(self.user_officer).read(["datas"]))

    def test_lock_for_everyone(self):
        conversation = self._done()
        self.assertTrue(conversation.report_locked)
        # Data files (superuser) may still load the items of a signed report.
        self.env["hr.goede.gesprek.agenda.line"].sudo().create(
            {"conversation_id": conversation.id, "name": "Loaded item"}
        )
        with self.assertRaisesRegex(UserError, "can no longer change"):
            self.env["hr.goede.gesprek.agenda.line"].with_user(self.user_admin).create(
                {"conversation_id": conversation.id, "name": "Late item"}
            )
        for env in (
            conversation.with_user(self.user_employee),
            conversation.with_user(self.user_officer),
            conversation.with_user(self.user_admin),
            conversation.sudo(),
        ):
            for vals in (
                {"report_summary": "<p>Rewritten</p>"},
                {"employee_view": "Changed my mind"},
                {"partner_sign_mode": "seen"},
                {"location": "Elsewhere"},
            ):
                with self.assertRaisesRegex(UserError, "locked"):
                    env.write(vals)
            with self.assertRaisesRegex(UserError, "can no longer change"):
                env.agenda_line_ids.write({"notes": "x"})
            with self.assertRaisesRegex(UserError, "can no longer change"):
                env.agenda_line_ids.unlink()
        with self.assertRaisesRegex(UserError, "locked"):
            conversation.sudo().write({"report_attachment_id": False})
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            conversation.sudo().unlink()
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            conversation.with_user(self.user_admin).unlink()
        # Chatter still works on a locked conversation.
        conversation.with_user(self.user_employee).message_post(body="Thanks!")
        self.assertIn("We discussed", conversation.report_summary)
        # Its portal page still opens: the link's token is made on first use
        # (portal.mixin, as superuser), also after the lock; users cannot set it.
        conversation.sudo().access_token = False
        self.assertTrue(
            conversation.with_user(self.user_employee)._portal_ensure_token()
        )
        for user in (self.user_employee, self.user_officer):
            with self.assertRaises(AccessError):
                conversation.with_user(user).write({"access_token": "chosen"})
        with self.assertRaisesRegex(UserError, "no longer be cancelled"):
            conversation.with_user(self.user_officer).action_cancel()

    def test_amend_creates_version(self):
        conversation = self._done()
        with self.assertRaises(AccessError):
            conversation.with_user(self.user_other).action_amend()
        action = conversation.with_user(self.user_employee).action_amend()
        new = self.Conversation.browse(action["res_id"])
        self.assertEqual(new.previous_version_id, conversation)
        self.assertEqual(conversation.next_version_id, new)
        self.assertEqual(new.state, "held")
        self.assertEqual(new.report_summary, conversation.report_summary)
        self.assertFalse(new.report_locked)
        self.assertTrue(conversation.report_locked)
        self.assertEqual(conversation.state, "done")
        new.with_user(self.user_employee).report_summary = "<p>Corrected</p>"
        self.assertIn("We discussed", conversation.report_summary)
        with self.assertRaisesRegex(UserError, "already amended"):
            conversation.with_user(self.user_employee).action_amend()
        with self.assertRaisesRegex(UserError, "Only a signed report"):
            new.with_user(self.user_employee).action_amend()

    def test_print_report(self):
        conversation = self._in_report()
        with self.assertRaisesRegex(UserError, "no report"):
            self._new().with_user(self.user_employee).action_print_report()
        action = conversation.with_user(self.user_employee).action_print_report()
        self.assertEqual(action["report_name"], "hr_goede_gesprek.report_goede_gesprek")
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.user_employee)
            ._render_qweb_pdf(
                "hr_goede_gesprek.action_report_goede_gesprek", conversation.ids
            )
        )
        self.assertIn(b"Not signed yet", html)
        with self.assertRaises(AccessError):
            conversation.with_user(self.user_other).action_print_report()
