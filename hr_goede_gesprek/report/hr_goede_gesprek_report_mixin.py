# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The HR dashboard's report models: SQL views (``_auto = False``) with the
employee's columns every report filters and groups by (department, employee
type, company) and the users the manager rules compare with.

Every figure is a ``read_group`` aggregate over a view. Models with
``_k_protected`` show only groups behind which at least k distinct employees
stand (``res.company.goede_gesprek_k_anonymity``): smaller groups are dropped
from every ``_read_group`` result, a domain may not single out employees or
users, aggregates that list values are refused, and single rows are never
read (``search_fetch``/``fetch``/``search_count`` refuse), so a pivot cannot
drill down to a person. This holds for every caller, the superuser included.
"""

from odoo import api, fields, models, tools
from odoo.exceptions import AccessError
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
# Aggregates that return single values or lists: refused on k-protected models.
K_SAFE_AGGREGATES = frozenset({"sum", "avg", "count", "count_distinct"})
# Fields a domain on a k-protected model may not name: they single out people.
K_IDENTITY_FIELDS = frozenset(
    {"id", "employee_id", "manager_user_id", "department_manager_user_id"}
)


class HrGoedeGesprekReportMixin(models.AbstractModel):
    _name = "hr.goede.gesprek.report.mixin"
    _description = "Good Conversation: dashboard report"
    _inherit = ["hr.goede.gesprek.system.record.mixin"]
    # Read-only views: nobody creates, changes or deletes a row (the ACLs give
    # read only; the policy says so too).

    # Set on the models whose figures need at least k employees behind them.
    _k_protected = False

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

    # ------------------------------------------------------------------
    # k-protection
    # ------------------------------------------------------------------
    @api.model
    def _k_threshold(self):
        return max(self.env.company.goede_gesprek_k_anonymity, 2)

    @api.model
    def _k_check_request(self, domain, aggregates):
        for leaf in domain or ():
            if isinstance(leaf, list | tuple) and leaf:
                fname = str(leaf[0]).split(".", 1)[0]
                if fname in K_IDENTITY_FIELDS:
                    raise AccessError(self._k_refusal())
        for spec in aggregates:
            if spec == "__count":
                continue
            func = spec.rsplit(":", 1)[-1] if ":" in spec else ""
            if func not in K_SAFE_AGGREGATES:
                raise AccessError(self._k_refusal())

    @api.model
    def _k_refusal(self):
        return self.env._(
            "“%(report)s” shows figures only, for groups of at least %(k)s "
            "employees: single answers and single people are not shown.",
            report=self._description,
            k=self._k_threshold(),
        )

    @api.model
    def _read_group(
        self,
        domain,
        groupby=(),
        aggregates=(),
        having=(),
        offset=0,
        limit=None,
        order=None,
    ):
        if not self._k_protected:
            return super()._read_group(
                domain, groupby, aggregates, having, offset, limit, order
            )
        aggregates = tuple(aggregates)
        self._k_check_request(domain, aggregates)
        rows = super()._read_group(
            domain,
            groupby,
            (*aggregates, "employee_id:count_distinct"),
            having,
            offset,
            limit,
            order,
        )
        k = self._k_threshold()
        return [row[:-1] for row in rows if row[-1] >= k]

    def search_fetch(self, domain, field_names, offset=0, limit=None, order=None):
        if self._k_protected:
            raise AccessError(self._k_refusal())
        return super().search_fetch(domain, field_names, offset, limit, order)

    def fetch(self, field_names):
        if self._k_protected:
            raise AccessError(self._k_refusal())
        return super().fetch(field_names)

    @api.model
    def search_count(self, domain, limit=None):
        if self._k_protected:
            raise AccessError(self._k_refusal())
        return super().search_count(domain, limit=limit)
