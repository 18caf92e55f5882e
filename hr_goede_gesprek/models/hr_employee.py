# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import operator as py_operator

from odoo import api, fields, models
from odoo.exceptions import UserError

from .hr_goede_gesprek_agreement import OPEN_STATES

HELD_STATES = ("held", "report", "done")
COMING_STATES = ("preparing", "planned")
OPERATORS = {
    "<": py_operator.lt,
    "<=": py_operator.le,
    ">": py_operator.gt,
    ">=": py_operator.ge,
    "=": py_operator.eq,
    "!=": py_operator.ne,
}


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    goede_gesprek_ids = fields.One2many(
        "hr.goede.gesprek", "employee_id", string="Good conversations"
    )
    goede_gesprek_count = fields.Integer(
        compute="_compute_goede_gesprek_stats", string="Conversations"
    )
    last_goede_gesprek_date = fields.Datetime(
        compute="_compute_goede_gesprek_stats",
        search="_search_last_goede_gesprek_date",
        string="Last conversation",
    )
    next_goede_gesprek_date = fields.Datetime(
        compute="_compute_goede_gesprek_stats", string="Next conversation"
    )
    goede_gesprek_open_agreement_count = fields.Integer(
        compute="_compute_goede_gesprek_stats", string="Open agreements"
    )

    @api.model
    def _get_goede_gesprek_stats(self, employee_ids):
        """Counts and dates per employee id, in three grouped queries.

        Runs with the current user's rights: people only count the
        conversations and agreements they may read.
        """
        Conversation = self.env["hr.goede.gesprek"]
        stats = {
            employee_id: {"count": 0, "last": False, "next": False, "agreements": 0}
            for employee_id in employee_ids
        }
        if not employee_ids:
            return stats
        now = fields.Datetime.now()
        for employee, state, count, last in Conversation._read_group(
            [("employee_id", "in", list(employee_ids)), ("state", "!=", "cancelled")],
            ["employee_id", "state"],
            ["__count", "date_start:max"],
        ):
            values = stats[employee.id]
            values["count"] += count
            if (
                state in HELD_STATES
                and last
                and (not values["last"] or last > values["last"])
            ):
                values["last"] = last
        for employee, first in Conversation._read_group(
            [
                ("employee_id", "in", list(employee_ids)),
                ("state", "in", COMING_STATES),
                ("date_start", ">=", now),
            ],
            ["employee_id"],
            ["date_start:min"],
        ):
            stats[employee.id]["next"] = first
        for employee, count in self.env["hr.goede.gesprek.agreement"]._read_group(
            [("employee_id", "in", list(employee_ids)), ("state", "in", OPEN_STATES)],
            ["employee_id"],
            ["__count"],
        ):
            stats[employee.id]["agreements"] = count
        return stats

    def _compute_goede_gesprek_stats(self):
        stats = self._get_goede_gesprek_stats(self._origin.ids)
        empty = {"count": 0, "last": False, "next": False, "agreements": 0}
        for employee in self:
            values = stats.get(employee._origin.id, empty)
            employee.goede_gesprek_count = values["count"]
            employee.last_goede_gesprek_date = values["last"]
            employee.next_goede_gesprek_date = values["next"]
            employee.goede_gesprek_open_agreement_count = values["agreements"]

    @api.model
    def _search_last_goede_gesprek_date_ids(self, operator, value):
        """Ids of the employees whose last held conversation matches."""
        # sudo: HR monitoring must see every held conversation to find who had
        # none; only employee ids come out, filtered again by the caller's rules.
        groups = (
            self.env["hr.goede.gesprek"]
            .sudo()
            ._read_group(
                [("state", "in", HELD_STATES), ("date_start", "!=", False)],
                ["employee_id"],
                ["date_start:max"],
            )
        )
        if value is False or value is None:
            with_one = [employee.id for employee, _last in groups]
            return with_one, operator == "="
        value = fields.Datetime.to_datetime(value)
        compare = OPERATORS[operator]
        return [employee.id for employee, last in groups if compare(last, value)], False

    def _search_last_goede_gesprek_date(self, operator, value):
        if operator not in OPERATORS:
            raise UserError(
                self.env._(
                    "Operator %(operator)s is not supported on the last conversation.",
                    operator=operator,
                )
            )
        ids, negate = self._search_last_goede_gesprek_date_ids(operator, value)
        return [("id", "not in" if negate else "in", ids)]

    def action_open_goede_gesprek(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_goede_gesprek.hr_goede_gesprek_action_employee"
        )
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {"default_employee_id": self.id}
        return action
