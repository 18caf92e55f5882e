# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Decision letters are frozen in the employee's personnel file.

Odoo's report attachments (``attachment`` + ``attachment_use``) live on the
report's own model. An issued decision's letter belongs to the personnel file
(``ir.attachment`` on ``hr.employee``): these two hooks store it there and
reload it from there, so a reprint always returns the letter as issued.
"""

from odoo import models

DECISION_REPORT = "hr_goede_gesprek.report_decision"


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def retrieve_attachment(self, record):
        if self.report_name != DECISION_REPORT or record._name != (
            "hr.goede.gesprek.decision"
        ):
            return super().retrieve_attachment(record)
        if record.state == "draft":
            return None
        record.check_access("read")
        # Read access to the decision was checked just above; its letter lives
        # on hr.employee, which the employee and the manager cannot read. An
        # issued decision without one gets it now, frozen from then on
        # (_get_letter renders without this hook, so it does not come back).
        attachment = record._get_letter()
        # The issued letter carries the employee's private address: only who
        # may read it gets the frozen letter; others get it rendered without
        # the address (report.hr_goede_gesprek.report_decision), never filed.
        if not record._letter_shows_private_address():
            return None
        return attachment if attachment.mimetype == "application/pdf" else None

    def _prepare_pdf_report_attachment_vals_list(self, report, streams):
        vals_list = super()._prepare_pdf_report_attachment_vals_list(report, streams)
        if report.report_name == DECISION_REPORT:
            decisions = self.env["hr.goede.gesprek.decision"].browse(
                [vals["res_id"] for vals in vals_list]
            )
            # A letter rendered without the private address is never filed.
            decisions = decisions.filtered(lambda d: d._letter_shows_private_address())
            vals_list = [vals for vals in vals_list if vals["res_id"] in decisions.ids]
            # sudo: the employee id is needed to file the letter in the
            # personnel file; the decision was rendered, so it is readable.
            employee_by_decision = {d.id: d.sudo().employee_id.id for d in decisions}
            for vals in vals_list:
                vals["res_id"] = employee_by_decision[vals["res_id"]]
                vals["res_model"] = "hr.employee"
        return vals_list
