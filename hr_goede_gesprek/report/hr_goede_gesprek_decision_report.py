# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class ReportDecision(models.AbstractModel):
    _name = "report.hr_goede_gesprek.report_decision"
    _description = "Decision letter"

    @api.model
    def _get_report_values(self, docids, data=None):
        decisions = self.env["hr.goede.gesprek.decision"].browse(docids)
        decisions.check_access("read")
        address = {}
        for decision in decisions:
            # The private address is personal data of hr.employee, readable by
            # HR and the employee only: a manager's preview or a signatory
            # outside HR gets the letter without it.
            if not decision._letter_shows_private_address():
                address[decision.id] = []
                continue
            # sudo: the reader may read this address (checked just above), but
            # the employee themselves cannot read their hr.employee record.
            employee = decision.sudo().employee_id
            lines = [
                employee.private_street,
                employee.private_street2,
                " ".join(filter(None, [employee.private_zip, employee.private_city])),
                employee.private_country_id.name
                if employee.private_country_id != decision.company_id.country_id
                else False,
            ]
            address[decision.id] = [line for line in lines if line]
        return {
            "doc_ids": docids,
            "doc_model": "hr.goede.gesprek.decision",
            "docs": decisions,
            "address_lines": address,
        }
