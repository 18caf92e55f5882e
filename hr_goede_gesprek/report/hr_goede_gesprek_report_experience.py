# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Experience: how the conversations felt, averaged per question and side.
k-protected: only groups of at least k employees, never a single answer."""

from odoo import fields, models

from ..models.hr_goede_gesprek_experience import QUESTIONS
from .hr_goede_gesprek_report_mixin import EMPLOYEE_COLUMNS, EMPLOYEE_JOINS


class HrGoedeGesprekReportExperience(models.Model):
    _name = "hr.goede.gesprek.report.experience"
    _description = "Good Conversation: how it felt"
    _inherit = ["hr.goede.gesprek.report.k.mixin"]
    _auto = False

    question = fields.Selection(QUESTIONS, readonly=True)
    party = fields.Selection(
        [("employee", "Employee"), ("partner", "Conversation partner")],
        string="Answered by",
        readonly=True,
    )
    score = fields.Float(string="Average score (1-5)", aggregator="avg", readonly=True)

    def _report_query(self):
        return f"""
            SELECT
                x.id AS id,
                {EMPLOYEE_COLUMNS},
                c.date_start AS date,
                x.question AS question,
                x.party AS party,
                x.score::float AS score
            FROM hr_goede_gesprek_experience x
            JOIN hr_goede_gesprek c ON c.id = x.conversation_id
            JOIN hr_employee e ON e.id = c.employee_id
            {EMPLOYEE_JOINS}
        """
