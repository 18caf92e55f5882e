# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import io
import zipfile

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_reward import RewardCommon


@tagged("post_install", "-at_install")
class TestRewardExport(RewardCommon):
    def _wizard(self, **vals):
        values = {"date_from": "2026-03-01", "date_to": "2026-03-31"}
        values.update(vals)
        return (
            self.env["hr.goede.gesprek.reward.export"]
            .with_user(self.officer)
            .create(values)
        )

    def test_export_csv_xlsx_and_mark(self):
        reward = self._approved(250, payroll_period="2026-03")
        self._propose(100)  # not approved: not exported
        self._approved(50, date="2026-04-02")  # other period
        wizard = self._wizard()
        wizard.action_export()
        self.assertEqual(wizard.reward_count, 1)
        csv_text = base64.b64decode(wizard.csv_file).decode("utf-8-sig")
        lines = csv_text.strip().splitlines()
        self.assertEqual(len(lines), 2)
        self.assertIn("Anna Employee", lines[1])
        self.assertIn("2026-03", lines[1])
        self.assertIn("250", lines[1])
        xlsx = zipfile.ZipFile(io.BytesIO(base64.b64decode(wizard.xlsx_file)))
        self.assertIn("xl/worksheets/sheet1.xml", xlsx.namelist())
        self.assertTrue(reward.exported)
        # A second export of the same period has nothing new.
        with self.assertRaisesRegex(UserError, "No approved rewards"):
            self._wizard().action_export()
        again = self._wizard(include_exported=True)
        again.action_export()
        self.assertEqual(again.reward_count, 1)

    def test_export_is_for_hr(self):
        with self.assertRaises(AccessError):
            self.env["hr.goede.gesprek.reward.export"].with_user(
                self.manager_user
            ).create({"date_from": "2026-03-01", "date_to": "2026-03-31"})
