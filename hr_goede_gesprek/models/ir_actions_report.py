# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Frozen documents in the employee's personnel file, one way for all of them.

A model whose report is frozen in the personnel file (``ir.attachment`` on
``hr.employee``: the issued decision letter, the signed conversation report)
declares a small protocol:

* ``_personnel_file_report``: the ``report_name`` of its report;
* ``_personnel_file_field``: the Many2one that holds the filed document;
* ``_get_personnel_file_vals()``: ``{"name": ..., "description": ...}`` (the
  name without extension), or None when this rendering is not to be filed
  (a draft, or a letter rendered without the private address); the caller of
  ``_file_in_personnel_file`` may give these values instead;
* ``_get_personnel_file_reprint()`` (reports with ``attachment_use`` only):
  the frozen document a reprint returns to the current reader, or None to
  render it afresh (never filed).

``_file_in_personnel_file`` renders the document once and files it through
Odoo's report attachment hook (``_prepare_pdf_report_attachment_vals_list``);
``retrieve_attachment`` reloads it on a reprint, so a reprint always returns
the document as it was filed.

Who looked: every rendering of a personnel-file document (conversation
report, decision letter, access-request summary) for any user, through any
route (backend print, portal, filing), is logged in
``hr.goede.gesprek.access.log`` (``LOGGED_REPORTS``). No context key turns
the log off.
"""

import contextvars
import io

from psycopg2.errors import ReadOnlySqlTransaction

from odoo import api, models
from odoo.tools import clean_context

# report_name: the action the who-looked log records.
LOGGED_REPORTS = {
    "hr_goede_gesprek.report_goede_gesprek": "report",
    "hr_goede_gesprek.report_decision": "letter",
    "hr_goede_gesprek.report_access_request": "summary",
}
# Set while a PDF is rendered: its HTML step is not logged a second time. A
# context variable of this thread, not a context key: no request can set it.
_IN_PDF = contextvars.ContextVar("goede_gesprek_in_pdf", default=False)


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _is_personnel_file_report(self, model):
        return getattr(self.env[model], "_personnel_file_report", None) == (
            self.report_name
        )

    def _log_rendering(self, report_ref, res_ids):
        report = self._get_report(report_ref)
        action = LOGGED_REPORTS.get(report.report_name)
        if action and res_ids:
            if self.env.cr.readonly:
                # A read-only route (/report/pdf): the log must be written, so
                # ask for Odoo's read/write retry now, before any rendering.
                raise ReadOnlySqlTransaction(
                    "The who-looked log needs a read/write cursor"
                )
            ids = [res_ids] if isinstance(res_ids, int) else list(res_ids)
            self.env["hr.goede.gesprek.access.log"]._log(
                self.env[report.model].browse(ids), action
            ).flush_recordset()

    def _render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        # Logged first: a failed rendering rolls the row back with it, and a
        # read-only cursor (/report/pdf) is refused before wkhtmltopdf runs.
        self._log_rendering(report_ref, res_ids)
        token = _IN_PDF.set(True)
        try:
            return super()._render_qweb_pdf(report_ref, res_ids=res_ids, data=data)
        finally:
            _IN_PDF.reset(token)

    def _render_qweb_html(self, report_ref, docids, data=None):
        if not _IN_PDF.get():
            self._log_rendering(report_ref, docids)
        return super()._render_qweb_html(report_ref, docids, data=data)

    def retrieve_attachment(self, record):
        if not self._is_personnel_file_report(record._name):
            return super().retrieve_attachment(record)
        attachment = record._get_personnel_file_reprint()
        return (
            attachment
            if attachment and attachment.mimetype == ("application/pdf")
            else None
        )

    def _prepare_pdf_report_attachment_vals_list(self, report, streams):
        if not report._is_personnel_file_report(report.model):
            return super()._prepare_pdf_report_attachment_vals_list(report, streams)
        vals_list = []
        for res_id, stream_data in streams.items():
            if stream_data["attachment"] or not res_id:
                continue
            record = self.env[report.model].browse(res_id)
            vals = stream_data.get("personnel_file") or (
                record._get_personnel_file_vals()
                if hasattr(record, "_get_personnel_file_vals")
                else None
            )
            if not vals:
                continue
            # wkhtmltopdf is not called in test mode (HTML comes back): the
            # rendering is filed as it came, so the flow is the same.
            is_pdf = stream_data.get("content_type", "pdf") == "pdf"
            vals_list.append(
                {
                    "name": f"{vals['name']}.{'pdf' if is_pdf else 'html'}",
                    "description": vals["description"],
                    "raw": stream_data["stream"].getvalue(),
                    "mimetype": "application/pdf" if is_pdf else "text/html",
                    "type": "binary",
                    # sudo: the employee id only; the record was just rendered.
                    "res_model": "hr.employee",
                    "res_id": record.sudo()._policy_employee().id,
                }
            )
        return vals_list

    @api.model
    def _file_in_personnel_file(self, record, vals=None):
        """Render ``record``'s report once and file it in the personnel file
        of its employee; the record's ``_personnel_file_field`` points at it.
        ``vals``: name and description (default: the record's
        ``_get_personnel_file_vals()``). Returns the attachment (empty when
        the record says not to file)."""
        record.ensure_one()
        # sudo: the system files the document on behalf of the parties, who
        # may not write the personnel file (hr.employee) themselves. No
        # default_* key of the caller's context reaches the attachment (e.g.
        # default_public would publish it).
        report_env = self.with_env(
            self.env(su=True, context=clean_context(self.env.context))
        )
        report = report_env._get_report(record._personnel_file_report)
        # Rendered afresh, not reloaded: retrieve_attachment would look for the
        # document being made.
        content, content_type = report.with_context(
            report_pdf_no_attachment=True
        )._render_qweb_pdf(report, res_ids=record.ids)
        streams = {
            record.id: {
                "stream": io.BytesIO(content),
                "attachment": None,
                "content_type": content_type,
                "personnel_file": vals,
            }
        }
        vals_list = report_env._prepare_pdf_report_attachment_vals_list(report, streams)
        attachment = report_env.env["ir.attachment"].create(vals_list)
        if attachment:
            # sudo (report_env): the filed document is a workflow field.
            record.with_env(report_env.env).write(
                {record._personnel_file_field: attachment.id}
            )
        return attachment.with_env(self.env)
