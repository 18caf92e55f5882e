# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Equality: per held conversation, who set the agenda (the share of items
the employee added), who chaired, who wrote the report, and how each side
signed it ("seen" or "agreed")."""

from odoo import fields, models

from ..tools.declarations import copied_selection
from .hr_goede_gesprek_report_mixin import EMPLOYEE_COLUMNS, EMPLOYEE_JOINS, HELD_STATES

CONVERSATION = "hr.goede.gesprek"


class HrGoedeGesprekReportConversation(models.Model):
    _name = "hr.goede.gesprek.report.conversation"
    _description = "Good Conversation: equality of the dialogue"
    _inherit = ["hr.goede.gesprek.report.mixin"]
    _auto = False

    conversation_type = copied_selection(
        CONVERSATION, "conversation_type", string="Type"
    )
    chair = copied_selection(CONVERSATION, "chair", string="Chaired by")
    report_author = copied_selection(
        CONVERSATION, "report_author", string="Report written by"
    )
    employee_sign_mode = copied_selection(
        CONVERSATION, "employee_sign_mode", string="Employee signed as"
    )
    partner_sign_mode = copied_selection(
        CONVERSATION, "partner_sign_mode", string="Partner signed as"
    )
    agenda_count = fields.Integer(string="Agenda items", readonly=True)
    employee_agenda_count = fields.Integer(
        string="Agenda items by the employee", readonly=True
    )
    employee_agenda_share = fields.Float(
        string="Share of agenda set by the employee (%)",
        aggregator="avg",
        readonly=True,
    )

    def _report_query(self):
        return f"""
            SELECT
                c.id AS id,
                {EMPLOYEE_COLUMNS},
                c.date_start AS date,
                c.conversation_type AS conversation_type,
                c.chair AS chair,
                c.report_author AS report_author,
                c.employee_sign_mode AS employee_sign_mode,
                c.partner_sign_mode AS partner_sign_mode,
                agenda.item_count AS agenda_count,
                agenda.employee_items AS employee_agenda_count,
                CASE WHEN agenda.item_count > 0
                    THEN 100.0 * agenda.employee_items / agenda.item_count
                END AS employee_agenda_share
            FROM hr_goede_gesprek c
            JOIN hr_employee e ON e.id = c.employee_id
            {EMPLOYEE_JOINS}
            LEFT JOIN LATERAL (
                SELECT
                    COUNT(*) AS item_count,
                    COUNT(*) FILTER (WHERE l.author = 'employee') AS employee_items
                FROM hr_goede_gesprek_agenda_line l
                WHERE l.conversation_id = c.id
            ) agenda ON TRUE
            WHERE c.state IN {HELD_STATES}
        """
