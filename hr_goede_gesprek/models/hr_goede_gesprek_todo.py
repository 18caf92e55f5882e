# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The start screen ("My to-dos"): what waits for the current user, by role.

No table and no records: every item is a domain on one of the addon's models,
counted with one ``search_count`` *as the user*, so the record rules decide
what anyone sees (only the employee, their managers and HR see a
conversation). Opening an item searches the same domain again, as the user;
the item keys come from the client, the domains never do.

The items per role (a role's items only show to that role):

- employee: conversations to prepare, reports to sign, agreements to confirm,
  letters to open, appraisals to add a view to;
- manager (a conversation partner): conversations to plan and to mark as
  held, reports to sign, agreements to follow up;
- HR officer: rewards to approve and to pay, decisions to issue, objection
  terms running out, objections and hours requests to handle, employees
  without a recent conversation (coverage).
"""

from datetime import timedelta
from typing import NamedTuple

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import LazyTranslate

from .hr_goede_gesprek_workflow_mixin import OFFICER

_lt = LazyTranslate(__name__)

MANAGER = "hr_goede_gesprek.group_goede_gesprek_manager"
# Terms and agreements within this many days count as "running out".
SOON_DAYS = 14

ROLES = {
    "employee": _lt("For me"),
    "manager": _lt("My team"),
    "hr": _lt("HR"),
}


class TodoItem(NamedTuple):
    """One line of the start screen: its role, model, label and what comes
    next; the domain is built by ``_todo_domain_<key>`` for the user."""

    key: str
    role: str
    model: str
    label: object
    hint: object
    icon: str


TODO_ITEMS = (
    TodoItem(
        "prepare",
        "employee",
        "hr.goede.gesprek",
        _lt("Conversations to prepare"),
        _lt("Add your topics to the agenda and share it."),
        "fa-list-ul",
    ),
    TodoItem(
        "employee_sign",
        "employee",
        "hr.goede.gesprek",
        _lt("Reports to sign"),
        _lt("Read the report, add your view if you like, and sign."),
        "fa-pencil",
    ),
    TodoItem(
        "confirm",
        "employee",
        "hr.goede.gesprek.agreement",
        _lt("Agreements to confirm"),
        _lt("Confirm the agreements of your conversation or say why not."),
        "fa-handshake-o",
    ),
    TodoItem(
        "open_letter",
        "employee",
        "hr.goede.gesprek.decision",
        _lt("Letters to open"),
        _lt("Open the letter of a decision: your term starts when you do."),
        "fa-envelope-o",
    ),
    TodoItem(
        "appraisal_view",
        "employee",
        "hr.goede.gesprek.appraisal",
        _lt("Appraisals to answer"),
        _lt("Add your own view to the appraisal before the term ends."),
        "fa-comment-o",
    ),
    TodoItem(
        "plan",
        "manager",
        "hr.goede.gesprek",
        _lt("Conversations to plan"),
        _lt("Agree on a date with the employee and plan the conversation."),
        "fa-calendar",
    ),
    TodoItem(
        "hold",
        "manager",
        "hr.goede.gesprek",
        _lt("Conversations to mark as held"),
        _lt("The conversation took place: mark it as held, then the report follows."),
        "fa-check-square-o",
    ),
    TodoItem(
        "partner_sign",
        "manager",
        "hr.goede.gesprek",
        _lt("Team reports to sign"),
        _lt("The report is written: read it and sign."),
        "fa-pencil",
    ),
    TodoItem(
        "follow_up",
        "manager",
        "hr.goede.gesprek.agreement",
        _lt("Agreements to follow up"),
        _lt("Agreements of your team that are due soon or late."),
        "fa-flag-o",
    ),
    TodoItem(
        "reward_approve",
        "hr",
        "hr.goede.gesprek.reward",
        _lt("Rewards to approve"),
        _lt("Check the proposal against the budget and approve or refuse."),
        "fa-gift",
    ),
    TodoItem(
        "reward_pay",
        "hr",
        "hr.goede.gesprek.reward",
        _lt("Rewards to pay"),
        _lt("Export approved rewards to payroll and mark them paid."),
        "fa-money",
    ),
    TodoItem(
        "decision_issue",
        "hr",
        "hr.goede.gesprek.decision",
        _lt("Decisions to issue"),
        _lt("Check the draft letter, then issue and send it."),
        "fa-gavel",
    ),
    TodoItem(
        "term_ending",
        "hr",
        "hr.goede.gesprek.decision",
        _lt("Objection terms running out"),
        _lt("Terms that end within two weeks."),
        "fa-hourglass-half",
    ),
    TodoItem(
        "objection",
        "hr",
        "hr.goede.gesprek.objection",
        _lt("Objections to handle"),
        _lt("Confirm receipt, hear the employee and decide."),
        "fa-balance-scale",
    ),
    TodoItem(
        "hours_request",
        "hr",
        "hr.goede.gesprek.hours.request",
        _lt("Hours requests to answer"),
        _lt("Answer in time: an unanswered request is granted by law."),
        "fa-clock-o",
    ),
    TodoItem(
        "coverage",
        "hr",
        "hr.employee",
        _lt("Employees without a recent conversation"),
        _lt("No conversation in the last 12 months: ask their manager to plan one."),
        "fa-users",
    ),
)
ITEMS_BY_KEY = {item.key: item for item in TODO_ITEMS}


class HrGoedeGesprekTodo(models.AbstractModel):
    _name = "hr.goede.gesprek.todo"
    _description = "Good Conversation: my to-dos"

    # ------------------------------------------------------------------
    # Business: the items of the current user
    # ------------------------------------------------------------------
    @api.model
    def _todo_roles(self):
        """The roles of the current user on the start screen."""
        user = self.env.user
        roles = ["employee"]
        if user.has_group(MANAGER):
            roles.append("manager")
        if user.has_group(OFFICER):
            roles.append("hr")
        return roles

    @api.model
    def _todo_items(self):
        roles = self._todo_roles()
        return [item for item in TODO_ITEMS if item.role in roles]

    @api.model
    def _todo_domain(self, key):
        uid = self.env.uid
        today = fields.Date.context_today(self)
        soon = today + timedelta(days=SOON_DAYS)
        domains = {
            "prepare": [
                ("employee_user_id", "=", uid),
                ("state", "in", ("preparing", "planned")),
                ("agenda_shared_date", "=", False),
            ],
            "employee_sign": [
                ("employee_user_id", "=", uid),
                ("state", "=", "report"),
                ("employee_signed_date", "=", False),
            ],
            "confirm": [
                ("employee_user_id", "=", uid),
                ("state", "=", "proposed"),
                ("employee_confirmed", "=", False),
            ],
            "open_letter": [("employee_user_id", "=", uid), ("state", "=", "issued")],
            "appraisal_view": [
                ("employee_user_id", "=", uid),
                ("state", "in", ("decided", "objected")),
                ("employee_view", "=", False),
                ("decision_ids.term_end", ">=", today),
            ],
            "plan": [
                ("partner_user_ids", "in", uid),
                ("employee_user_id", "!=", uid),
                ("state", "=", "preparing"),
            ],
            "hold": [
                ("partner_user_ids", "in", uid),
                ("employee_user_id", "!=", uid),
                ("state", "=", "planned"),
                ("date_start", "<=", fields.Datetime.now()),
            ],
            "partner_sign": [
                ("partner_user_ids", "in", uid),
                ("employee_user_id", "!=", uid),
                ("state", "=", "report"),
                ("partner_signed_date", "=", False),
            ],
            "follow_up": [
                "|",
                ("employee_manager_user_id", "=", uid),
                ("conversation_partner_user_ids", "=", uid),
                ("employee_user_id", "!=", uid),
                ("state", "in", ("agreed", "talk_again")),
                ("deadline", "<=", soon),
            ],
            "reward_approve": [("state", "=", "proposed")],
            "reward_pay": [("state", "=", "approved")],
            "decision_issue": [("state", "=", "draft")],
            "term_ending": [
                ("state", "in", ("issued", "notified")),
                ("term_end", ">=", today),
                ("term_end", "<=", soon),
            ],
            "objection": [("state", "in", ("received", "hearing"))],
            "hours_request": [("state", "=", "submitted")],
            "coverage": [
                ("goede_gesprek_excluded", "=", False),
                ("no_goede_gesprek_since", "=", today - relativedelta(months=12)),
            ],
        }
        return domains[key]

    @api.model
    def get_todos(self):
        """The start screen of the current user: per role its items, each with
        the number of records waiting (one count query per item)."""
        groups = []
        for role in self._todo_roles():
            items = []
            for item in self._todo_items():
                if item.role != role:
                    continue
                Model = self.env[item.model]
                if not Model.has_access("read"):
                    continue
                items.append(
                    {
                        "key": item.key,
                        "label": str(item.label),
                        "hint": str(item.hint),
                        "icon": item.icon,
                        "count": Model.search_count(self._todo_domain(item.key)),
                    }
                )
            groups.append({"role": role, "title": str(ROLES[role]), "items": items})
        return groups

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @api.model
    def action_open_todo(self, key):
        """The records of one item, as the user: one record opens its form."""
        item = ITEMS_BY_KEY.get(key) if isinstance(key, str) else None
        if item is None or item not in self._todo_items():
            raise UserError(self.env._("This to-do does not exist for you."))
        domain = self._todo_domain(key)
        records = self.env[item.model].search(domain, limit=2)
        action = {
            "type": "ir.actions.act_window",
            "name": str(item.label),
            "res_model": item.model,
            "domain": domain,
            "views": [(False, "list"), (False, "form")],
            "context": {"create": False},
        }
        if len(records) == 1:
            action.update(views=[(False, "form")], res_id=records.id)
        return action
