# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HrGoedeGesprekAgreement(models.Model):
    _name = "hr.goede.gesprek.agreement"
    _description = "Good Conversation Agreement"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "deadline, id"

    name = fields.Char(string="Agreement", required=True, tracking=True)
    description = fields.Text()
    conversation_id = fields.Many2one(
        "hr.goede.gesprek", ondelete="cascade", index=True
    )
    employee_id = fields.Many2one("hr.employee", required=True, index=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    kind = fields.Selection(
        [
            ("development", "Development"),
            ("work", "Work"),
            ("employability", "Employability and wellbeing"),
            ("other", "Other"),
        ],
        default="development",
        required=True,
    )
    owner = fields.Selection(
        [("employee", "Employee"), ("manager", "Manager"), ("both", "Both")],
        default="employee",
        required=True,
    )
    deadline = fields.Date(tracking=True)
    state = fields.Selection(
        [
            ("proposed", "Proposed"),
            ("agreed", "Agreed"),
            ("talk_again", "Talk again"),
            ("done", "Done"),
            ("not_done", "Not done"),
            ("cancelled", "Cancelled"),
        ],
        default="proposed",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    employee_confirmed = fields.Boolean(copy=False, readonly=True)
    manager_confirmed = fields.Boolean(copy=False, readonly=True)
    done_date = fields.Date(copy=False, readonly=True)
