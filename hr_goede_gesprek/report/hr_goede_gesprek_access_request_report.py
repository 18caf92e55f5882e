# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

from ..tools import access_export


def _display(value):
    """A set value as readable text."""
    if value is None or value is False:
        return ""
    if value is True:
        return "✓"
    if isinstance(value, dict):
        return str(value.get("name") or "")
    if isinstance(value, list):
        return ", ".join(_display(item) for item in value)
    return str(value)


class ReportAccessRequest(models.AbstractModel):
    _name = "report.hr_goede_gesprek.report_access_request"
    _description = "Access request summary"

    @api.model
    def _view_sections(self, sections):
        """The set's sections as labelled rows for the summary."""
        views = []
        for section in sections:
            if not section["records"]:
                continue
            model = self.env[section["model"]]
            records = []
            for record in section["records"]:
                rows = [
                    (model._fields[fname]._description_string(self.env), _display(v))
                    for fname, v in record.items()
                    if fname not in ("id", "messages")
                    and fname in model._fields
                    and _display(v)
                ]
                records.append(
                    {
                        "title": f"{section['label']} #{record['id']}",
                        "rows": rows,
                        "messages": record.get("messages", []),
                    }
                )
            views.append({"label": section["label"], "records": records})
        return views

    @api.model
    def _get_report_values(self, docids, data=None):
        requests = self.env["hr.goede.gesprek.access.request"].browse(docids)
        requests.check_access("read")
        sections_by_request = {}
        for request in requests:
            sections = (data or {}).get("sections")
            if sections is None:
                # sudo: the reader may read this request (checked above); the
                # set is the employee's whole file, redacted for third parties.
                request_sudo = request.sudo()
                sections = access_export.collect(
                    request_sudo.env, request_sudo.employee_id
                )
            sections_by_request[request.id] = self._view_sections(sections)
        return {
            "doc_ids": docids,
            "doc_model": "hr.goede.gesprek.access.request",
            "docs": requests.sudo(),
            "sections": sections_by_request,
        }
