# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Follow-up: the agreements made (agreed by both, or closed) and how they
ended: realised on time, late (done after the target date, or still open past
it), not done, or still open."""

from odoo import fields, models

from ..tools.declarations import copied_selection
from .hr_goede_gesprek_report_mixin import EMPLOYEE_COLUMNS, EMPLOYEE_JOINS


class HrGoedeGesprekReportAgreement(models.Model):
    _name = "hr.goede.gesprek.report.agreement"
    _description = "Good Conversation: follow-up of agreements"
    _inherit = ["hr.goede.gesprek.report.mixin"]
    _auto = False

    deadline = fields.Date(string="Target date", readonly=True)
    outcome = fields.Selection(
        [
            ("on_time", "Realised on time"),
            ("late", "Late"),
            ("not_done", "Not done"),
            ("open", "Open"),
        ],
        readonly=True,
    )
    kind = copied_selection("hr.goede.gesprek.agreement", "kind")

    def _report_query(self):
        return f"""
            SELECT
                g.id AS id,
                {EMPLOYEE_COLUMNS},
                COALESCE(c.date_start, g.create_date) AS date,
                g.deadline AS deadline,
                g.kind AS kind,
                CASE
                    WHEN g.state = 'not_done' THEN 'not_done'
                    WHEN g.state = 'done' AND g.realised_on_time THEN 'on_time'
                    WHEN g.state = 'done' THEN 'late'
                    WHEN g.deadline < CURRENT_DATE THEN 'late'
                    ELSE 'open'
                END AS outcome
            FROM hr_goede_gesprek_agreement g
            JOIN hr_employee e ON e.id = g.employee_id
            {EMPLOYEE_JOINS}
            LEFT JOIN hr_goede_gesprek c ON c.id = g.conversation_id
            WHERE g.state IN ('agreed', 'talk_again', 'done', 'not_done')
        """
