# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HrGoedeGesprekAgendaLine(models.Model):
    _name = "hr.goede.gesprek.agenda.line"
    _description = "Good Conversation Agenda Item"
    _order = "conversation_id, sequence, id"

    conversation_id = fields.Many2one(
        "hr.goede.gesprek", required=True, ondelete="cascade", index=True
    )
    employee_id = fields.Many2one(related="conversation_id.employee_id", store=True)
    company_id = fields.Many2one(related="conversation_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    author = fields.Selection(
        [("employee", "Employee"), ("partner", "Conversation partner")],
        default="employee",
        required=True,
    )
    author_user_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, readonly=True
    )
    topic_id = fields.Many2one("hr.goede.gesprek.topic", string="Topic")
    name = fields.Char(string="Item", required=True)
    description = fields.Text()
    discussed = fields.Boolean()
    notes = fields.Text()
    carry_over = fields.Boolean(
        help="Not finished: put it on the employee's next conversation."
    )
    carried_from_id = fields.Many2one(
        "hr.goede.gesprek.agenda.line", string="Carried over from", readonly=True
    )
