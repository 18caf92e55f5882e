# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""k-protection for the dashboard's report views whose figures need at least
k employees behind them (``res.company.goede_gesprek_k_anonymity``): smaller
groups are dropped from every ``_read_group`` result, a domain may not single
out employees or users, aggregates that list values are refused, and single
rows are never read (``search_fetch``/``fetch``/``search_count`` refuse), so a
pivot cannot drill down to a person. This holds for every caller, the
superuser included."""

from odoo import api, models
from odoo.exceptions import AccessError

# Aggregates that return single values or lists: refused on k-protected models.
K_SAFE_AGGREGATES = frozenset({"sum", "avg", "count", "count_distinct"})
# Fields a domain on a k-protected model may not name: they single out people.
K_IDENTITY_FIELDS = frozenset(
    {"id", "employee_id", "manager_user_id", "department_manager_user_id"}
)


class HrGoedeGesprekReportKMixin(models.AbstractModel):
    _name = "hr.goede.gesprek.report.k.mixin"
    _description = "Good Conversation: k-protected dashboard report"
    _inherit = ["hr.goede.gesprek.report.mixin"]

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
        raise AccessError(self._k_refusal())

    def fetch(self, field_names):
        raise AccessError(self._k_refusal())

    @api.model
    def search_count(self, domain, limit=None):
        raise AccessError(self._k_refusal())
