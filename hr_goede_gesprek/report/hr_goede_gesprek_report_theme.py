# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Themes for the works council: how often each conversation-card topic was
on the agenda of a held conversation, per department. k-protected: a figure
shows only when at least k employees stand behind it; no drill-down."""

from odoo import fields, models

from .hr_goede_gesprek_report_mixin import EMPLOYEE_COLUMNS, EMPLOYEE_JOINS, HELD_STATES


class HrGoedeGesprekReportTheme(models.Model):
    _name = "hr.goede.gesprek.report.theme"
    _description = "Good Conversation: themes for the works council"
    _inherit = ["hr.goede.gesprek.report.k.mixin"]
    _auto = False

    topic_id = fields.Many2one("hr.goede.gesprek.topic", string="Topic", readonly=True)
    topic_group_id = fields.Many2one(
        "hr.goede.gesprek.topic.group", string="Theme", readonly=True
    )
    discussed = fields.Boolean(readonly=True)

    def _report_query(self):
        return f"""
            SELECT
                l.id AS id,
                {EMPLOYEE_COLUMNS},
                c.date_start AS date,
                l.topic_id AS topic_id,
                t.group_id AS topic_group_id,
                COALESCE(l.discussed, FALSE) AS discussed
            FROM hr_goede_gesprek_agenda_line l
            JOIN hr_goede_gesprek c ON c.id = l.conversation_id
            JOIN hr_employee e ON e.id = c.employee_id
            {EMPLOYEE_JOINS}
            JOIN hr_goede_gesprek_topic t ON t.id = l.topic_id
            WHERE c.state IN {HELD_STATES}
        """
