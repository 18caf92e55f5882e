# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who looked, for the filed documents themselves: opening a signed report or
an issued letter as a file of the personnel file (``/web/content``, the
attachment viewer, a download) is logged like a rendering of it
(``ir_actions_report``). Only attachments of ``hr.employee`` that a
document of the addon filed are logged; everything else streams as before.
"""

from psycopg2.errors import ReadOnlySqlTransaction

from odoo import models

# The models whose filed documents are logged, with the action they log.
FILED_DOCUMENTS = {
    "hr.goede.gesprek": "report",
    "hr.goede.gesprek.decision": "letter",
}


class IrBinary(models.AbstractModel):
    _inherit = "ir.binary"

    def _get_stream_from(self, record, field_name="raw", *args, **kwargs):
        stream = super()._get_stream_from(record, field_name, *args, **kwargs)
        if (
            record._name == "ir.attachment"
            and record.res_model == "hr.employee"
            and field_name in ("raw", "datas")
        ):
            self._log_personnel_file_opening(record)
        return stream

    def _log_personnel_file_opening(self, attachment):
        """Log the documents that filed ``attachment`` as opened by the user.
        Reached after the attachment's own read access passed (super())."""
        for model, action in FILED_DOCUMENTS.items():
            Document = self.env[model]
            # sudo: which document filed this attachment (ids only); the user
            # may read the attachment but not always the document's model.
            documents = Document.sudo().search(
                [(Document._personnel_file_field, "=", attachment.id)]
            )
            if not documents:
                continue
            if self.env.cr.readonly:
                # A read-only route: the log must be written, so ask for
                # Odoo's read/write retry before the file is sent.
                raise ReadOnlySqlTransaction(
                    "The who-looked log needs a read/write cursor"
                )
            self.env["hr.goede.gesprek.access.log"]._log(documents, action)
