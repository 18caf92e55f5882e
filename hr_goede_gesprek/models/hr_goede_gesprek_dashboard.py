# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The HR dashboard overview: the four questions HR evaluates periodically,
answered with a handful of ``read_group`` aggregates over the report views
(``report/hr_goede_gesprek_report_*``), for a period, a department and an
employee type. Managers get the same figures for their own team (the views'
record rules); the experience figures follow the k-protection of their
report (a question answered by fewer than k employees shows no figure).
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError

from .hr_goede_gesprek_experience import QUESTIONS

REPORTS = {
    "coverage": "hr.goede.gesprek.report.coverage",
    "conversation": "hr.goede.gesprek.report.conversation",
    "agreement": "hr.goede.gesprek.report.agreement",
    "experience": "hr.goede.gesprek.report.experience",
    "theme": "hr.goede.gesprek.report.theme",
}


def figure(field_class, string, **kwargs):
    """One of the dashboard's figures: all are computed at once, for the
    period and filters chosen (``_compute_figures``)."""
    return field_class(compute="_compute_figures", string=string, **kwargs)


class HrGoedeGesprekDashboard(models.TransientModel):
    _name = "hr.goede.gesprek.dashboard"
    _description = "Good Conversation: HR dashboard"

    def _default_date_from(self):
        return self._default_period()[0]

    def _default_date_to(self):
        return self._default_period()[1]

    def _default_period(self):
        """The last 12 months in the company's calendar: the period whose
        figures are computed every night (the snapshot's)."""
        return self.env["hr.goede.gesprek.dashboard.snapshot"]._period(self.env.company)

    # Filters
    date_from = fields.Date(string="From", default=_default_date_from)
    date_to = fields.Date(string="To", default=_default_date_to)
    department_id = fields.Many2one("hr.department", string="Department")
    employee_type = fields.Selection(
        selection=lambda self: self.env[
            "hr.goede.gesprek.report.mixin"
        ]._selection_from("hr.employee", "employee_type"),
    )
    # 1. Coverage
    employee_count = figure(fields.Integer, "Employees")
    covered_count = figure(fields.Integer, "Had a conversation in the period")
    uncovered_count = figure(fields.Integer, "No conversation in 12 months")
    excluded_count = figure(fields.Integer, "Left out")
    # 2. Follow-up
    agreement_count = figure(fields.Integer, "Agreements")
    on_time_count = figure(fields.Integer, "Realised on time")
    late_count = figure(fields.Integer, "Late")
    not_done_count = figure(fields.Integer, "Not done")
    open_count = figure(fields.Integer, "Open")
    # 3. Equality
    conversation_count = figure(fields.Integer, "Conversations held")
    employee_agenda_share = figure(fields.Float, "Agenda items set by the employee (%)")
    chaired_by_employee = figure(fields.Integer, "Chaired by the employee")
    written_by_employee = figure(fields.Integer, "Report written by the employee")
    signed_seen = figure(fields.Integer, "Signed as seen")
    signed_agreed = figure(fields.Integer, "Signed as agreed")
    # 4. Experience (k-protected: False when fewer than k employees answered)
    experience_heard = figure(fields.Float, QUESTIONS[0][1])
    experience_useful = figure(fields.Float, QUESTIONS[1][1])
    experience_equal = figure(fields.Float, QUESTIONS[2][1])
    k_anonymity = figure(fields.Integer, "Smallest group shown")
    figures_as_of = figure(
        fields.Datetime,
        "Figures as of",
        help="The default period's figures are computed every night (and when "
        "HR refreshes them); empty: computed just now.",
    )

    def _selection_employee_type(self):
        return self.env["hr.goede.gesprek.report.mixin"]._selection_from(
            "hr.employee", "employee_type"
        )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("date_from", "date_to", "department_id", "employee_type")
    def _compute_figures(self):
        for dashboard in self:
            dashboard.update(dashboard._get_figures())

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_refresh_figures(self):
        """HR computes last night's figures anew, now, for their companies."""
        if not self.env.user.has_group("hr_goede_gesprek.group_goede_gesprek_officer"):
            raise AccessError(self.env._("Only HR refreshes the dashboard's figures."))
        # sudo: the snapshot rows have no write access for anyone; they hold
        # only aggregates of the report views, computed by _refresh itself
        # (no value of the caller reaches them but the companies HR works in).
        self.env["hr.goede.gesprek.dashboard.snapshot"].sudo()._refresh(
            self.env.companies
        )
        self.invalidate_recordset()
        return True

    def action_open_report(self):
        """Open one report (``report`` in the context: a key of REPORTS) with
        the dashboard's filters."""
        self.ensure_one()
        key = self.env.context.get("report")
        if key not in REPORTS:
            return False
        action = self.env["ir.actions.act_window"]._for_xml_id(
            f"hr_goede_gesprek.hr_goede_gesprek_report_{key}_action"
        )
        action["domain"] = self._report_domain(period=key != "coverage")
        return action

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    def _report_domain(self, period=True):
        self.ensure_one()
        domain = []
        if self.department_id:
            domain.append(("department_id", "=", self.department_id.id))
        if self.employee_type:
            domain.append(("employee_type", "=", self.employee_type))
        if period and self.date_from:
            domain.append(("date", ">=", fields.Datetime.to_datetime(self.date_from)))
        if period and self.date_to:
            domain.append(
                (
                    "date",
                    "<",
                    fields.Datetime.to_datetime(fields.Date.add(self.date_to, days=1)),
                )
            )
        return domain

    def _get_figures(self):
        """Last night's figures when the filters are the default period's
        (one query), else the live ones."""
        self.ensure_one()
        found = self.env["hr.goede.gesprek.dashboard.snapshot"]._lookup(self)
        if not found:
            return dict(self._get_live_figures(), figures_as_of=False)
        figures, as_of = found
        items = figures.pop("agenda_items")
        own = figures.pop("employee_items")
        return dict(
            figures,
            employee_agenda_share=100.0 * own / items if items else 0,
            k_anonymity=self.env[REPORTS["experience"]]._k_threshold(),
            figures_as_of=as_of,
        )

    def _get_live_figures(self):
        """The figures, each a read_group aggregate (a constant number of
        queries, whatever the number of employees)."""
        self.ensure_one()
        env = self.env
        base, period = self._report_domain(period=False), self._report_domain()
        coverage = dict(
            env[REPORTS["coverage"]]._read_group(base, ["coverage"], ["__count"])
        )
        Conversation = env[REPORTS["conversation"]]
        [(covered,)] = Conversation._read_group(
            period, [], ["employee_id:count_distinct"]
        )
        conversations = Conversation._read_group(
            period,
            ["chair", "report_author", "employee_sign_mode", "partner_sign_mode"],
            ["__count", "agenda_count:sum", "employee_agenda_count:sum"],
        )
        outcomes = dict(
            env[REPORTS["agreement"]]._read_group(period, ["outcome"], ["__count"])
        )
        experience = dict(
            env[REPORTS["experience"]]._read_group(period, ["question"], ["score:avg"])
        )
        totals = {"count": 0, "items": 0, "employee_items": 0}
        equality = dict.fromkeys(
            ("chaired", "written", "seen", "agreed"),
            0,
        )
        for (
            chair,
            author,
            employee_mode,
            partner_mode,
            count,
            items,
            own,
        ) in conversations:
            totals["count"] += count
            totals["items"] += items or 0
            totals["employee_items"] += own or 0
            equality["chaired"] += count if chair == "employee" else 0
            equality["written"] += count if author == "employee" else 0
            for mode in (employee_mode, partner_mode):
                if mode in ("seen", "agreed"):
                    equality[mode] += count
        share = (
            100.0 * totals["employee_items"] / totals["items"] if totals["items"] else 0
        )
        return {
            "employee_count": sum(coverage.values()),
            "covered_count": covered,
            "uncovered_count": coverage.get("none", 0),
            "excluded_count": coverage.get("excluded", 0),
            "agreement_count": sum(outcomes.values()),
            "on_time_count": outcomes.get("on_time", 0),
            "late_count": outcomes.get("late", 0),
            "not_done_count": outcomes.get("not_done", 0),
            "open_count": outcomes.get("open", 0),
            "conversation_count": totals["count"],
            "employee_agenda_share": share,
            "chaired_by_employee": equality["chaired"],
            "written_by_employee": equality["written"],
            "signed_seen": equality["seen"],
            "signed_agreed": equality["agreed"],
            "experience_heard": experience.get("heard", False),
            "experience_useful": experience.get("useful", False),
            "experience_equal": experience.get("equal", False),
            "k_anonymity": env[REPORTS["experience"]]._k_threshold(),
        }
