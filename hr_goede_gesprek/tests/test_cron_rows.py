# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The reminder crons write activities and e-mails with one INSERT per table
(``_insert_rows``) instead of ``create()``, which inserts per 100 rows. These
tests hold those rows to what ``create()`` writes, column by column."""

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.hr_goede_gesprek.models.hr_goede_gesprek_cron_tools import (
    _activities,
    _insert_rows,
    _mails,
)

from .common import GoedeGesprekCase

# Columns that differ between any two created rows, whoever creates them.
VOLATILE = {"id", "create_date", "write_date", "message_id", "mail_message_id", "date"}


@tagged("post_install", "-at_install")
class TestCronRows(GoedeGesprekCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cron_user = cls.env.ref("hr_goede_gesprek.user_cron")
        cls.activity_type = cls.env.ref("hr_goede_gesprek.mail_act_conversation_due")
        cls.user_manager.tz = "Europe/Amsterdam"

    def _rows(self, table, ids, ignore=()):
        self.env.flush_all()
        self.env.cr.execute(
            f"SELECT * FROM {table} WHERE id = ANY(%s) ORDER BY id",  # noqa: S608
            [list(ids)],
        )
        names = [column.name for column in self.env.cr.description]
        return [
            {
                name: value
                for name, value in zip(names, row, strict=True)
                if name not in VOLATILE and name not in ignore
            }
            for row in self.env.cr.fetchall()
        ]

    def _activity_vals(self, employee, deadline):
        return {
            "res_id": employee.id,
            "activity_type_id": self.activity_type.id,
            "user_id": self.user_manager.id,
            "date_deadline": deadline,
            "summary": f"Plan a good conversation with {employee.name}",
            "note": "<p>Due <b>now</b></p><script>alert(1)</script>",
        }

    @freeze_time("2026-03-02")
    def test_activities_equal_create(self):
        env = self.env(user=self.cron_user)
        employees = self.emp_employee | self.emp_other
        deadline = self.env.cr.now().date()
        self.assertFalse(self.emp_employee.activity_ids)  # now in the cache
        ours = _activities(
            env, "hr.employee", [self._activity_vals(e, deadline) for e in employees]
        )
        res_model_id = self.env["ir.model"]._get_id("hr.employee")
        theirs = (
            env["mail.activity"]
            .with_context(mail_activity_quick_update=True)
            .create(
                [
                    dict(self._activity_vals(e, deadline), res_model_id=res_model_id)
                    for e in employees
                ]
            )
        )
        # create() recomputes the document name as superuser afterwards, which
        # makes OdooBot the last writer; the one INSERT leaves the creator.
        ours_rows = self._rows("mail_activity", ours.ids, ignore={"write_uid"})
        self.assertEqual(len(ours_rows), 2)
        self.assertEqual(
            ours_rows, self._rows("mail_activity", theirs.ids, ignore={"write_uid"})
        )
        self.assertEqual(ours.write_uid, self.cron_user)
        self.assertEqual(ours_rows[0]["res_name"], "Eva Employee")
        self.assertEqual(ours_rows[0]["user_tz"], "Europe/Amsterdam")
        self.assertNotIn("script", ours_rows[0]["note"])
        # The ORM sees them: the manager's activities, the employee's list.
        self.assertIn(ours[0], self.emp_employee.activity_ids)
        self.assertEqual(
            ours.with_user(self.user_manager).mapped("res_name"),
            ["Eva Employee", "Otto Other"],
        )

    def test_mails_equal_create(self):
        env = self.env(su=True)
        vals = {
            "subject": "Your good conversation is due",
            "body_html": "<p>Plan it with Maria</p>",
            "email_from": "hr@example.com",
            "email_to": "eva@example.com",
            "model": "hr.employee",
            "res_id": self.emp_employee.id,
        }
        ours = _mails(env, [vals])
        theirs = env["mail.mail"].create(
            [dict(vals, reply_to=vals["email_from"], auto_delete=True)]
        )
        self.assertEqual(
            self._rows("mail_mail", ours.ids), self._rows("mail_mail", theirs.ids)
        )
        self.assertEqual(
            self._rows("mail_message", ours.mail_message_id.ids),
            self._rows("mail_message", theirs.mail_message_id.ids),
        )
        self.assertEqual(ours.state, "outgoing")
        self.assertEqual(ours.record_name, "Eva Employee")
        self.assertTrue(ours.message_id.startswith("<"))
        self.assertNotEqual(ours.message_id, theirs.message_id)

    def test_missing_stored_compute_refused(self):
        vals = dict(
            self._activity_vals(self.emp_employee, "2026-03-02"),
            res_model_id=self.env["ir.model"]._get_id("hr.employee"),
        )
        before = self.env["mail.activity"].search_count([])
        with self.assertRaisesRegex(ValueError, "res_name"):
            _insert_rows(self.env["mail.activity"], [vals])
        with self.assertRaisesRegex(ValueError, "not a column"):
            _insert_rows(
                self.env["mail.mail"].sudo(), [{"subject": "x", "body_html": "y"}]
            )
        self.assertEqual(self.env["mail.activity"].search_count([]), before)

    def test_rights_as_create(self):
        # An employee may not put activities on a colleague's personnel record,
        # nor queue e-mails: the same refusals as create().
        env = self.env(user=self.user_employee)
        before = self.env["mail.activity"].search_count([])
        with self.assertRaises(AccessError):
            _activities(
                env,
                "hr.employee",
                [self._activity_vals(self.emp_other, "2026-03-02")],
            )
        with self.assertRaises(AccessError):
            _mails(
                env,
                [
                    {
                        "subject": "x",
                        "body_html": "y",
                        "email_from": "a@example.com",
                        "email_to": "b@example.com",
                        "model": "hr.employee",
                        "res_id": self.emp_other.id,
                    }
                ],
            )
        self.assertEqual(self.env["mail.activity"].search_count([]), before)
