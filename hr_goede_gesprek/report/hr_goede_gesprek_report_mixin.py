# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The HR dashboard's report models: SQL views (``_auto = False``) with the
employee's columns every report filters and groups by (department, employee
type, company) and the users the manager rules compare with.

Every figure is a ``read_group`` aggregate over a view. The views whose
figures need at least k employees behind them inherit the k-protection of
``hr.goede.gesprek.report.k.mixin`` (report/hr_goede_gesprek_report_k_mixin.py).
"""

from odoo import api, fields, models, tools
from odoo.tools import SQL

from ..tools.declarations import copied_selection

# The employee's columns and the joins that give them, for a source row that
# has ``employee_id`` (``e`` is the employee). Constant SQL, no values.
EMPLOYEE_COLUMNS = """
    e.id AS employee_id,
    e.department_id AS department_id,
    e.company_id AS company_id,
    e.employee_type AS employee_type,
    mgr.user_id AS manager_user_id,
    dmgr.user_id AS department_manager_user_id
"""
EMPLOYEE_JOINS = """
    LEFT JOIN hr_employee mgr ON mgr.id = e.parent_id
    LEFT JOIN hr_department dep ON dep.id = e.department_id
    LEFT JOIN hr_employee dmgr ON dmgr.id = dep.manager_id
"""
# States of a conversation that took place.
HELD_STATES = "('held', 'report', 'done')"


class HrGoedeGesprekReportMixin(models.AbstractModel):
    """One figure of the dashboard: an SQL view, one row per source record,
    with its conversation's date and the employee's columns."""

    _name = "hr.goede.gesprek.report.mixin"
    _description = "Good Conversation: dashboard report"
    _inherit = ["hr.goede.gesprek.system.record.mixin"]
    # Read-only views: nobody creates, changes or deletes a row (the ACLs give
    # read only; the policy says so too).

    # Newest first: every view has the date of its conversation.
    _order = "date desc"

    date = fields.Datetime(readonly=True, help="The date of the conversation.")
    employee_id = fields.Many2one("hr.employee", string="Employee", readonly=True)
    department_id = fields.Many2one("hr.department", string="Department", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    employee_type = copied_selection("hr.employee", "employee_type")
    manager_user_id = fields.Many2one("res.users", string="Manager", readonly=True)
    department_manager_user_id = fields.Many2one(
        "res.users", string="Department manager", readonly=True
    )

    @api.model
    def _selection_from(self, model, fname):
        """The (translated) selection of ``model.fname``: the report columns
        show the values of the fields they copy."""
        return self.env[model]._fields[fname]._description_selection(self.env)

    # ------------------------------------------------------------------
    # The view
    # ------------------------------------------------------------------
    def _report_query(self):
        """The SELECT of the view (constant SQL text): models define it."""
        raise NotImplementedError

    def init(self):
        if self._abstract:
            return
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                SQL(self._report_query()),  # constant text of the model
            )
        )
