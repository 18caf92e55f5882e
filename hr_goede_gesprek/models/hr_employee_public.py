# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from ..tools.declarations import employee_conversation_stat


class HrEmployeePublic(models.Model):
    _inherit = "hr.employee.public"

    # Mirror of hr.employee for users without HR rights (the employee and their
    # manager): computed with the reader's rights, so others see nothing.
    goede_gesprek_count = employee_conversation_stat(fields.Integer, "Conversations")
    last_goede_gesprek_date = employee_conversation_stat(
        fields.Datetime, "Last conversation"
    )
    next_goede_gesprek_date = employee_conversation_stat(
        fields.Datetime, "Next conversation"
    )
    goede_gesprek_open_agreement_count = employee_conversation_stat(
        fields.Integer, "Open agreements"
    )
    goede_gesprek_visible = fields.Boolean(compute="_compute_goede_gesprek_visible")

    def _compute_goede_gesprek_stats(self):
        self.env["hr.employee"]._set_goede_gesprek_stats(self)

    @api.depends_context("uid")
    def _compute_goede_gesprek_visible(self):
        user = self.env.user
        for employee in self:
            employee.goede_gesprek_visible = (
                employee.user_id == user or employee.is_manager
            )

    def action_open_goede_gesprek(self):
        self.ensure_one()
        # Public employees share their ids with hr.employee; the action reads
        # none of its fields.
        return self.env["hr.employee"].browse(self.id).action_open_goede_gesprek()
