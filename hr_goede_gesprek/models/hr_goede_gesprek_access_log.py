# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who looked: one row each time a user opens a personnel-file document.

Written by the system only (``_log``): when a conversation report or a
decision letter is rendered for a user (``ir.actions.report``), when an
access-request set is produced, released or downloaded. Only HR
administrators read it; nobody changes or deletes a row. Why an own log and
not OCA ``auditlog``: see docs/DESIGN.md ("Who looked").
"""

from odoo import api, fields, models

from ..tools.declarations import row_value

ACTIONS = [
    ("report", "Opened a conversation report"),
    ("letter", "Opened a decision letter"),
    ("summary", "Opened an access request summary"),
    ("produce", "Produced an access request set"),
    ("release", "Released an access request set"),
    ("download", "Downloaded an access request set"),
]


class HrGoedeGesprekAccessLog(models.Model):
    _name = "hr.goede.gesprek.access.log"
    _description = "Who looked at a personnel-file document"
    _inherit = ["hr.goede.gesprek.system.record.mixin"]
    _order = "date desc, id desc"
    # Rows are the system's: nobody creates, changes or deletes one.

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    date = row_value(fields.Datetime, default=fields.Datetime.now, index=True)
    user_id = row_value(fields.Many2one, "res.users", string="User", index=True)
    action = row_value(fields.Selection, ACTIONS)
    res_model = row_value(fields.Char, string="Document model")
    res_id = fields.Many2oneReference(
        string="Document", model_field="res_model", readonly=True
    )
    document_name = fields.Char(string="Document name", readonly=True)
    employee_id = fields.Many2one(
        "hr.employee", readonly=True, index="btree_not_null", ondelete="set null"
    )
    company_id = fields.Many2one("res.company", readonly=True, index=True)
    access_request_id = fields.Many2one(
        "hr.goede.gesprek.access.request",
        readonly=True,
        ondelete="set null",
        index="btree_not_null",
    )

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    @api.model
    def _log(self, records, action):
        """Log that the current user did ``action`` on ``records``, in one
        ``create``. sudo: the log is the system's; no user may write it, and
        the names and employees are read to describe what was opened."""
        records_sudo = records.sudo()
        vals_list = []
        for record in records_sudo:
            employee = (
                record._policy_employee()
                if hasattr(record, "_policy_employee")
                else self.env["hr.employee"]
            )
            vals_list.append(
                {
                    "user_id": self.env.uid,
                    "action": action,
                    "res_model": record._name,
                    "res_id": record.id,
                    "document_name": record.display_name,
                    "employee_id": employee.id,
                    "company_id": employee.company_id.id or self.env.company.id,
                    "access_request_id": record.id
                    if record._name == "hr.goede.gesprek.access.request"
                    else False,
                }
            )
        return self.sudo().create(vals_list)
