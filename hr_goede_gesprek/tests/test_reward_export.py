# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import io
import zipfile

from freezegun import freeze_time

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
        reward = self._approved(
            1234.5 / 2, payroll_period="2026-03", tax_treatment="designated"
        )
        self._propose(100, tax_treatment="designated")  # not approved: not exported
        self._approved(50, date="2026-04-02", tax_treatment="designated")  # later
        not_ready = self._approved(20)  # no tax treatment: left out
        wizard = self._wizard()
        wizard.action_export()
        self.assertEqual(wizard.reward_count, 1)
        self.assertEqual(wizard.skipped_count, 1)
        self.assertFalse(not_ready.exported)
        csv_text = base64.b64decode(wizard.csv_file).decode("utf-8-sig")
        lines = csv_text.strip().splitlines()
        self.assertEqual(len(lines), 2)
        cells = lines[1].split(";")
        self.assertIn("Anna Employee", cells)
        self.assertIn("2026-03", cells)
        # Dutch Excel: a decimal comma, no thousands separator; no database id.
        self.assertIn("617,25", cells)
        self.assertEqual(cells[0], reward.reference)
        self.assertTrue(cells[0].startswith("GRAT/2026/"))
        self.assertNotIn(str(reward.id), cells[:1])
        xlsx = zipfile.ZipFile(io.BytesIO(base64.b64decode(wizard.xlsx_file)))
        self.assertIn("xl/worksheets/sheet1.xml", xlsx.namelist())
        self.assertTrue(reward.exported)
        # A second export of the same period has nothing new.
        with self.assertRaisesRegex(UserError, "No approved rewards ready"):
            self._wizard().action_export()
        again = self._wizard(include_exported=True)
        again.action_export()
        self.assertEqual(again.reward_count, 1)

    def test_export_is_for_hr(self):
        with self.assertRaises(AccessError):
            self.env["hr.goede.gesprek.reward.export"].with_user(
                self.manager_user
            ).create({"date_from": "2026-03-01", "date_to": "2026-03-31"})

    def test_default_period_previous_and_current_month(self):
        with freeze_time("2026-03-15"):
            wizard = (
                self.env["hr.goede.gesprek.reward.export"]
                .with_user(self.officer)
                .create({})
            )
        self.assertEqual(str(wizard.date_from), "2026-02-01")
        self.assertEqual(str(wizard.date_to), "2026-03-31")

    def test_nothing_ready_is_a_clear_error(self):
        reward = self._approved(80)
        with self.assertRaisesRegex(UserError, "1 without a tax treatment"):
            self._wizard().action_export()
        self.assertFalse(reward.exported)
