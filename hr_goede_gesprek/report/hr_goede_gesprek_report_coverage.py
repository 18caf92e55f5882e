# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Coverage: did every active employee have a conversation, whatever their
contract? One row per active employee: held in the last 12 months, none, or
left out of the reminders (and why: HR only)."""

from odoo import fields, models

from .hr_goede_gesprek_report_mixin import EMPLOYEE_COLUMNS, EMPLOYEE_JOINS, HELD_STATES


class HrGoedeGesprekReportCoverage(models.Model):
    _name = "hr.goede.gesprek.report.coverage"
    _description = "Good Conversation: coverage"
    _inherit = ["hr.goede.gesprek.report.mixin"]
    _auto = False
    _order = "coverage, employee_id"

    coverage = fields.Selection(
        [
            ("held", "Conversation in the last 12 months"),
            ("none", "No conversation in 12 months"),
            ("excluded", "Left out"),
        ],
        readonly=True,
    )
    exclusion_reason = fields.Text(
        string="Why left out",
        readonly=True,
        groups="hr_goede_gesprek.group_goede_gesprek_officer",
    )
    date = fields.Datetime(string="Last conversation", readonly=True)
    conversation_count = fields.Integer(string="Conversations held", readonly=True)

    def _report_query(self):
        return f"""
            SELECT
                e.id AS id,
                {EMPLOYEE_COLUMNS},
                CASE
                    WHEN e.goede_gesprek_excluded THEN 'excluded'
                    WHEN e.goede_gesprek_last_held_date >= (NOW() AT TIME ZONE 'UTC')
                        - INTERVAL '12 months' THEN 'held'
                    ELSE 'none'
                END AS coverage,
                CASE WHEN e.goede_gesprek_excluded
                    THEN e.goede_gesprek_exclusion_reason END AS exclusion_reason,
                e.goede_gesprek_last_held_date AS date,
                -- A column of its own: computed only when a view asks for it.
                (SELECT COUNT(*) FROM hr_goede_gesprek c
                  WHERE c.employee_id = e.id AND c.state IN {HELD_STATES}
                ) AS conversation_count
            FROM hr_employee e
            {EMPLOYEE_JOINS}
            WHERE e.active
        """
