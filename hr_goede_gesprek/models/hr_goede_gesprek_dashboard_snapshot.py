# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The HR dashboard's figures for its default period (the last 12 months),
computed at night for every scope at once: for HR the company's, for each
manager their team's, each per filter (all, a department, an employee type,
both: ``filter_key``, see ``_key``), one small row each.

Four aggregate queries over the report views (coverage, equality,
follow-up, experience) compute them all with ``GROUPING SETS``; the
dashboard then reads one row instead of aggregating hundreds of thousands of
conversations each time it opens. A period of its own is computed live
(``hr.goede.gesprek.dashboard._get_live_figures``). The experience figures
keep their k-protection: an average is stored only when at least k
employees stand behind it, and a row is used only while k has not changed.
Nobody writes a row: the cron and HR's "Refresh" compute them as the
superuser, from the aggregates alone.
"""

from odoo import api, fields, models, tools
from odoo.exceptions import AccessError
from odoo.tools import SQL

from ..tools.declarations import row_value
from .hr_goede_gesprek_experience import QUESTIONS

# A report's rows per scope: every row for the company (scope 0), and again
# for the direct manager and for the department manager (once per user: the
# manager rules of the views are "manager or department manager").
SCOPED = """
    WITH src AS ({source}),
    scoped AS (
        SELECT 0 AS scope_user_id, src.* FROM src
        UNION ALL
        SELECT src.manager_user_id, src.* FROM src
         WHERE src.manager_user_id IS NOT NULL
        UNION ALL
        SELECT src.department_manager_user_id, src.* FROM src
         WHERE src.department_manager_user_id IS NOT NULL
           AND src.department_manager_user_id IS DISTINCT FROM src.manager_user_id
    )
    SELECT company_id, scope_user_id,
           GROUPING(department_id) AS all_departments, department_id,
           GROUPING(employee_type) AS all_types, employee_type,
           {aggregates}
      FROM scoped
     GROUP BY company_id, scope_user_id{extra},
           GROUPING SETS ((), (department_id), (employee_type),
                          (department_id, employee_type))
"""
# The columns every source selects (besides its own).
SCOPE_COLUMNS = (
    "employee_id, company_id, department_id, employee_type, manager_user_id, "
    "department_manager_user_id"
)
# Per report: the source (its view, the columns the aggregates read, whether
# the period applies), the aggregates and extra grouping columns. Constant
# SQL text; the values (companies, period) are parameters.
REPORTS = {
    "coverage": {
        "view": "hr_goede_gesprek_report_coverage",
        "columns": "coverage",
        "period": False,
        "aggregates": """
            COUNT(*) AS employee_count,
            COUNT(*) FILTER (WHERE coverage = 'none') AS uncovered_count,
            COUNT(*) FILTER (WHERE coverage = 'excluded') AS excluded_count
        """,
    },
    "conversation": {
        "view": "hr_goede_gesprek_report_conversation",
        "columns": "chair, report_author, employee_sign_mode, partner_sign_mode, "
        "agenda_count, employee_agenda_count",
        "period": True,
        "aggregates": """
            COUNT(DISTINCT employee_id) AS covered_count,
            COUNT(*) AS conversation_count,
            COALESCE(SUM(agenda_count), 0) AS agenda_items,
            COALESCE(SUM(employee_agenda_count), 0) AS employee_items,
            COUNT(*) FILTER (WHERE chair = 'employee') AS chaired_by_employee,
            COUNT(*) FILTER (WHERE report_author = 'employee') AS written_by_employee,
            COUNT(*) FILTER (WHERE employee_sign_mode = 'seen')
              + COUNT(*) FILTER (WHERE partner_sign_mode = 'seen') AS signed_seen,
            COUNT(*) FILTER (WHERE employee_sign_mode = 'agreed')
              + COUNT(*) FILTER (WHERE partner_sign_mode = 'agreed') AS signed_agreed
        """,
    },
    "agreement": {
        "view": "hr_goede_gesprek_report_agreement",
        "columns": "outcome",
        "period": True,
        "aggregates": """
            COUNT(*) AS agreement_count,
            COUNT(*) FILTER (WHERE outcome = 'on_time') AS on_time_count,
            COUNT(*) FILTER (WHERE outcome = 'late') AS late_count,
            COUNT(*) FILTER (WHERE outcome = 'not_done') AS not_done_count,
            COUNT(*) FILTER (WHERE outcome = 'open') AS open_count
        """,
    },
    "experience": {
        "view": "hr_goede_gesprek_report_experience",
        "columns": "question, score",
        "period": True,
        "extra": ", question",
        "aggregates": """
            question,
            AVG(score) AS score,
            COUNT(DISTINCT employee_id) AS employees
        """,
    },
}
# The figures of a filter with no rows.
ZERO = {
    "employee_count": 0,
    "covered_count": 0,
    "uncovered_count": 0,
    "excluded_count": 0,
    "agreement_count": 0,
    "on_time_count": 0,
    "late_count": 0,
    "not_done_count": 0,
    "open_count": 0,
    "conversation_count": 0,
    "agenda_items": 0,
    "employee_items": 0,
    "chaired_by_employee": 0,
    "written_by_employee": 0,
    "signed_seen": 0,
    "signed_agreed": 0,
    **{f"experience_{question}": False for question, _label in QUESTIONS},
}


class HrGoedeGesprekDashboardSnapshot(models.Model):
    _name = "hr.goede.gesprek.dashboard.snapshot"
    _description = "Good Conversation: the dashboard's figures of last night"
    _inherit = ["hr.goede.gesprek.system.record.mixin"]
    _order = "company_id, user_id"
    # Only _refresh makes and removes rows (the superuser: the cron, HR's
    # refresh); nobody else creates, changes or deletes one.
    _policy_employee_field = None

    company_id = row_value(
        fields.Many2one, "res.company", ondelete="cascade", index=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Manager",
        readonly=True,
        ondelete="cascade",
        help="Empty: the company's figures (HR); else this manager's team.",
    )
    date_from = row_value(fields.Date, string="From")
    date_to = row_value(fields.Date, string="To")
    k_anonymity = row_value(
        fields.Integer,
        "Smallest group (k)",
        help="The k the experience figures were filtered with; a row made with "
        "another k is not used.",
    )
    filter_key = row_value(
        fields.Char,
        string="Filter",
        help="Department id and employee type, '|' between: '|' is all.",
    )
    refreshed_at = row_value(fields.Datetime, string="Computed at")
    figures = fields.Json(readonly=True)

    def init(self):
        # The dashboard's lookup: one scope, one filter.
        tools.create_index(
            self.env.cr,
            "hr_goede_gesprek_dashboard_snapshot_lookup_index",
            self._table,
            ["company_id", "user_id", "filter_key"],
        )

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    @api.model
    def _key(self, department_id=False, employee_type=False):
        """The key of a filter in ``figures``."""
        return f"{department_id or ''}|{employee_type or ''}"

    @api.model
    def _row_key(self, row):
        """The filter of an aggregate row, or None for the rows of employees
        with no department or type (no filter selects them alone)."""
        all_departments = row.pop("all_departments")
        all_types = row.pop("all_types")
        department_id = row.pop("department_id")
        employee_type = row.pop("employee_type")
        if (not all_departments and not department_id) or (
            not all_types and not employee_type
        ):
            return None
        return self._key(
            not all_departments and department_id, not all_types and employee_type
        )

    @api.model
    def _period(self, company):
        """The default period of the dashboard, in the company's calendar."""
        today = company._goede_gesprek_today()
        return fields.Date.subtract(today, years=1), today

    @api.model
    def _lookup(self, dashboard):
        """Last night's figures for ``dashboard`` (its filters, the user's
        scope), or None when none apply: another period, several companies,
        no row for this scope, or k changed since. One query; the rows are
        read as the user (ACL and rules)."""
        companies = self.env.companies
        if len(companies) != 1:
            return None
        if self.env.user.has_group("hr_goede_gesprek.group_goede_gesprek_officer"):
            user_id = False
        elif self.env.user.has_group("hr_goede_gesprek.group_goede_gesprek_manager"):
            user_id = self.env.uid
        else:
            return None
        key = self._key(dashboard.department_id.id, dashboard.employee_type)
        # The filter's row, and the scope's "all" row: when only that one
        # exists, the scope has nothing under this filter (zeros).
        rows = self.search_fetch(
            [
                ("company_id", "=", companies.id),
                ("user_id", "=", user_id),
                ("filter_key", "in", list({key, self._key()})),
                ("date_from", "=", dashboard.date_from),
                ("date_to", "=", dashboard.date_to),
                ("k_anonymity", "=", max(companies.goede_gesprek_k_anonymity, 2)),
            ],
            ["filter_key", "figures", "refreshed_at"],
        )
        if not rows:
            return None
        row = rows.filtered(lambda r: r.filter_key == key)
        return dict(ZERO, **(row.figures or {})), rows[0].refreshed_at

    def _refresh(self, companies=None):
        """Compute every scope's figures of ``companies`` (default: all) anew.
        The superuser only (the cron, HR's refresh): the rows hold the figures
        of every team."""
        if not self.env.su:
            raise AccessError(self.env._("Only HR refreshes the dashboard's figures."))
        companies = companies or self.env["res.company"].search([])
        self.env.flush_all()
        periods = {company: self._period(company) for company in companies}
        by_scope = {}
        for company in companies:
            date_from, date_to = periods[company]
            for report in REPORTS:
                for row in self._aggregate(report, company, date_from, date_to):
                    scope = (row.pop("company_id"), row.pop("scope_user_id"))
                    figures = by_scope.setdefault(scope, {})
                    key = self._row_key(row)
                    if key is None:
                        continue
                    self._merge(report, figures.setdefault(key, {}), row, company)
        now = fields.Datetime.now()
        self.search([("company_id", "in", companies.ids)]).unlink()
        vals_list = []
        for (company_id, user_id), by_key in by_scope.items():
            company = companies.browse(company_id)
            date_from, date_to = periods[company]
            vals_list += [
                {
                    "company_id": company_id,
                    "user_id": user_id or False,
                    "filter_key": key,
                    "date_from": date_from,
                    "date_to": date_to,
                    "k_anonymity": max(company.goede_gesprek_k_anonymity, 2),
                    "refreshed_at": now,
                    "figures": figures,
                }
                for key, figures in by_key.items()
            ]
        return self.create(vals_list)

    def _aggregate(self, report, company, date_from, date_to):
        """The rows of one report for every scope and filter of ``company``."""
        spec = REPORTS[report]
        source = SQL(
            "SELECT %s, %s FROM %s WHERE company_id = %s",
            SQL(SCOPE_COLUMNS),
            SQL(spec["columns"]),
            SQL.identifier(spec["view"]),
            company.id,
        )
        if spec["period"]:
            source = SQL(
                "%s AND date >= %s AND date < %s",
                source,
                fields.Datetime.to_datetime(date_from),
                fields.Datetime.to_datetime(fields.Date.add(date_to, days=1)),
            )
        query = SQL(
            SCOPED.format(
                source="%s",
                aggregates=spec["aggregates"],
                extra=spec.get("extra", ""),
            ),
            source,
        )
        self.env.cr.execute(query)
        return self.env.cr.dictfetchall()

    @api.model
    def _merge(self, report, figures, row, company):
        """Put one aggregate row into a filter's figures."""
        if report != "experience":
            figures.update(row)
        elif row["employees"] >= max(company.goede_gesprek_k_anonymity, 2):
            figures[f"experience_{row['question']}"] = row["score"]

    # ------------------------------------------------------------------
    # Cron
    # ------------------------------------------------------------------
    @api.model
    def _cron_refresh(self):
        self.sudo()._refresh()
