# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Hand approved rewards to payroll: CSV and XLSX of one period.

The addon computes no tax: payroll gets what was decided (net/gross, cash or in
kind, the tax treatment and when it was chosen) and the rewards are marked exported
(by the reward's own ``_do_mark_exported``, after ``_check_can_export``: HR only).
A reward without a tax treatment is not ready: it is left out (and counted).
The CSV is what Dutch Excel opens as is: semicolons, decimal commas, no
thousands separator; the XLSX holds real numbers.
"""

import base64
import csv
import io

import xlsxwriter
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

COLUMNS = [
    "reference",
    "employee",
    "badge",
    "company",
    "date",
    "payroll_period",
    "kind",
    "description",
    "in_kind",
    "amount_net",
    "amount_gross",
    "currency",
    "tax_treatment",
    "tax_treatment_date",
    "state",
    "payment_date",
    "approver",
]
MONEY_COLUMNS = ("amount_net", "amount_gross")


class HrGoedeGesprekRewardExport(models.TransientModel):
    _name = "hr.goede.gesprek.reward.export"
    _description = "Export Rewards to Payroll"

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    date_from = fields.Date(required=True)
    date_to = fields.Date(required=True)
    include_exported = fields.Boolean(
        string="Include rewards exported before",
        help="Export again what was already handed to payroll.",
    )
    reward_count = fields.Integer(readonly=True)
    skipped_count = fields.Integer(
        string="Left out (no tax treatment)",
        readonly=True,
        help="Approved rewards of the period without a tax treatment: not ready "
        "for payroll, so not exported.",
    )
    csv_file = fields.Binary(string="CSV", readonly=True, attachment=False)
    csv_filename = fields.Char(readonly=True)
    xlsx_file = fields.Binary(string="XLSX", readonly=True, attachment=False)
    xlsx_filename = fields.Char(readonly=True)

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model
    def default_get(self, fields_list):
        """The previous month and the current one: what the next payroll run
        handles (exported rewards are left out, so nothing goes twice)."""
        vals = super().default_get(fields_list)
        today = self.env.company._goede_gesprek_today()
        vals.setdefault("date_from", today + relativedelta(months=-1, day=1))
        vals.setdefault("date_to", today + relativedelta(day=31))
        return vals

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_export(self):
        self.ensure_one()
        # HR only, before anything is read or written.
        self.env["hr.goede.gesprek.reward"]._check_can_export()
        if self.date_from > self.date_to:
            raise UserError(self.env._("The period ends before it starts."))
        found = self._get_rewards()
        rewards = found.filtered("tax_treatment")
        if not rewards:
            raise UserError(
                self.env._(
                    "No approved rewards ready to export between %(start)s and "
                    "%(end)s (%(skipped)s without a tax treatment).",
                    start=format_date(self.env, self.date_from),
                    end=format_date(self.env, self.date_to),
                    skipped=len(found),
                )
            )
        rewards._check_can_export()
        rows = list(self._rows(rewards))
        stem = f"rewards_{self.date_from.isoformat()}_{self.date_to.isoformat()}"
        self.write(
            {
                "reward_count": len(rewards),
                "skipped_count": len(found) - len(rewards),
                "csv_file": base64.b64encode(self._build_csv(rows)),
                "csv_filename": f"{stem}.csv",
                "xlsx_file": base64.b64encode(self._build_xlsx(rows)),
                "xlsx_filename": f"{stem}.xlsx",
            }
        )
        rewards._do_mark_exported()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    # ------------------------------------------------------------------
    # Business: the rows and the files
    # ------------------------------------------------------------------
    def _get_rewards(self):
        self.ensure_one()
        domain = [
            ("company_id", "=", self.company_id.id),
            ("state", "in", ("approved", "paid")),
            ("date", ">=", self.date_from),
            ("date", "<=", self.date_to),
        ]
        if not self.include_exported:
            domain.append(("exported", "=", False))
        return self.env["hr.goede.gesprek.reward"].search(domain, order="date, id")

    def _rows(self, rewards):
        kinds = dict(rewards._fields["kind"]._description_selection(self.env))
        treatments = dict(
            rewards._fields["tax_treatment"]._description_selection(self.env)
        )
        states = dict(rewards._fields["state"]._description_selection(self.env))
        for reward in rewards:
            yield {
                "reference": reward.reference or "",
                "employee": reward.employee_id.name,
                "badge": reward.employee_id.barcode or "",
                "company": reward.company_id.name,
                "date": reward.date.isoformat(),
                "payroll_period": reward.payroll_period or "",
                "kind": kinds.get(reward.kind, ""),
                "description": reward.name,
                "in_kind": reward.in_kind_description or "",
                "amount_net": reward.amount_net,
                "amount_gross": reward.amount_gross or "",
                "currency": reward.currency_id.name,
                "tax_treatment": treatments.get(reward.tax_treatment, ""),
                "tax_treatment_date": reward.tax_treatment_date
                and reward.tax_treatment_date.isoformat()
                or "",
                "state": states.get(reward.state, ""),
                "payment_date": reward.payment_date
                and reward.payment_date.isoformat()
                or "",
                "approver": reward.approver_id.name or "",
            }

    def _headers(self):
        # Translated column titles: payroll reads them.
        titles = {
            "reference": self.env._("Reference"),
            "employee": self.env._("Employee"),
            "badge": self.env._("Badge ID"),
            "company": self.env._("Company"),
            "date": self.env._("Reward date"),
            "payroll_period": self.env._("Payroll period"),
            "kind": self.env._("Kind"),
            "description": self.env._("Description"),
            "in_kind": self.env._("Given in kind"),
            "amount_net": self.env._("Net amount"),
            "amount_gross": self.env._("Gross amount"),
            "currency": self.env._("Currency"),
            "tax_treatment": self.env._("Tax treatment"),
            "tax_treatment_date": self.env._("Treatment chosen on"),
            "state": self.env._("Status"),
            "payment_date": self.env._("Payment date"),
            "approver": self.env._("Approved by"),
        }
        return [titles[key] for key in COLUMNS]

    def _build_csv(self, rows):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow(self._headers())
        for row in rows:
            writer.writerow([self._csv_value(key, row[key]) for key in COLUMNS])
        return buffer.getvalue().encode("utf-8-sig")

    @staticmethod
    def _csv_value(key, value):
        """Amounts with a decimal comma and no thousands separator (Dutch
        Excel reads them as numbers); everything else as it is."""
        if key in MONEY_COLUMNS and value != "":
            return f"{value:.2f}".replace(".", ",")
        return value

    def _build_xlsx(self, rows):
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
        sheet = workbook.add_worksheet(self.env._("Rewards"))
        bold = workbook.add_format({"bold": True})
        money = workbook.add_format({"num_format": "#,##0.00"})
        for col, title in enumerate(self._headers()):
            sheet.write(0, col, title, bold)
        for line, row in enumerate(rows, start=1):
            for col, key in enumerate(COLUMNS):
                value = row[key]
                if key in MONEY_COLUMNS and value != "":
                    sheet.write_number(line, col, value, money)
                else:
                    sheet.write(line, col, value)
        workbook.close()
        return buffer.getvalue()
