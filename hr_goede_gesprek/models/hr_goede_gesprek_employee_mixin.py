# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A document about one employee: who the employee is, their user, their
manager(s) and the portal domain, answered in one place for every model.

The concrete model declares ``employee_id`` itself (its help text, its
``ondelete``, or a ``related`` to its parent); this mixin derives the rest.
The role questions themselves (``_is_hr``, ``_is_manager_of``) live in the
workflow mixin, which every model of the addon inherits.
"""

import re

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, create_index, format_date

ORDER_DIRECTION = re.compile(r"^(ASC|DESC)( NULLS (FIRST|LAST))?$")
# The users who manage the employee, stored on the document itself so that a
# record rule compares one indexed column instead of joining hr.employee and
# hr.department: {field: path from the employee}.
MANAGER_PATHS = {
    "employee_manager_user_id": "employee_id.parent_id.user_id",
    "department_manager_user_id": "employee_id.department_id.manager_id.user_id",
}


def _employee_path_field(comodel, path, string):
    """A stored many2one that follows the document's employee along ``path``,
    indexed for the record rules and precomputed into the INSERT."""
    return fields.Many2one(
        comodel,
        related=path,
        store=True,
        precompute=True,
        index="btree_not_null",
        string=string,
    )


class HrGoedeGesprekEmployeeMixin(models.AbstractModel):
    _name = "hr.goede.gesprek.employee.mixin"
    _inherit = ["hr.goede.gesprek.workflow.mixin"]
    _description = "Good Conversation: a document about an employee"

    # Declared here so the fields below can follow it, with what every
    # document shares (required, indexed, of the document's company); each
    # concrete model completes it (tracking, ondelete, or a related to its
    # parent).
    employee_id = fields.Many2one(
        "hr.employee", string="Employee", required=True, index=True, check_company=True
    )
    # Stored, so that record rules and portal domains never search
    # hr.employee as the user (plain users cannot read it) and use an index.
    employee_user_id = _employee_path_field(
        "res.users", "employee_id.user_id", "Employee user"
    )
    # An employee without a user of their own is recognised in the portal by
    # their work contact.
    employee_work_contact_id = _employee_path_field(
        "res.partner", "employee_id.work_contact_id", "Employee contact"
    )
    employee_manager_user_id = _employee_path_field(
        "res.users",
        MANAGER_PATHS["employee_manager_user_id"],
        "Employee's manager (user)",
    )
    department_manager_user_id = _employee_path_field(
        "res.users",
        MANAGER_PATHS["department_manager_user_id"],
        "Department manager user",
    )
    # The partners of this document's conversation, for record rules (see
    # _search_conversation_partner_user_ids).
    conversation_partner_user_ids = fields.Many2many(
        "res.users",
        string="Conversation partner users",
        compute="_compute_conversation_partner_user_ids",
        search="_search_conversation_partner_user_ids",
    )
    # The path from this document to its conversation, if it belongs to one
    # ("id" on the conversation itself); None: no conversation partners.
    _partner_conversation_field = None

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    def _partner_depends(self):
        fname = self._partner_conversation_field
        if fname == "id":
            return ["partner_user_ids"]
        return [f"{fname}.partner_user_ids"] if fname else []

    @api.depends(lambda self: self._partner_depends())
    def _compute_conversation_partner_user_ids(self):
        fname = self._partner_conversation_field
        for record in self:
            # sudo: the partners are read to decide access, like the rules do.
            conversation = record.sudo()[fname] if fname and fname != "id" else record
            record.conversation_partner_user_ids = (
                conversation.sudo().partner_user_ids if fname else False
            )

    def _search_conversation_partner_user_ids(self, operator, value):
        """Documents whose conversation has the user ``value`` as partner.

        Record rules OR this with other indexed terms (the employee's user, the
        managers' users). As ``x = ANY(ARRAY(subquery))`` on an indexed column
        PostgreSQL can combine the terms' indexes (a BitmapOr) instead of
        scanning the whole table, which ``x IN (subquery)`` under an OR forces.
        """
        if operator == "in" and isinstance(value, list | tuple) and len(value) == 1:
            value = value[0]
        elif operator != "=":
            value = None
        if not isinstance(value, int) or isinstance(value, bool):
            raise UserError(
                self.env._("Search the conversation partners by one user only.")
            )
        fname = self._partner_conversation_field
        if not fname:
            return [(0, "=", 1)]
        # The subquery reads the relation table: pending partners first.
        self.env["hr.goede.gesprek"].flush_model(["partner_user_ids"])
        return [
            (
                fname,
                "=",
                SQL(
                    "ANY(ARRAY(SELECT conversation_id FROM "
                    "hr_goede_gesprek_partner_user_rel WHERE user_id = %s))",
                    value,
                ),
            )
        ]

    # ------------------------------------------------------------------
    # Database
    # ------------------------------------------------------------------
    def init(self):
        """An index for the default order of every document list, so that the
        80 newest rows are read off an index whatever the table's size."""
        super().init()
        if self._abstract or not self._auto:
            return
        # Column names come from the model's own _order, checked against its
        # stored fields.
        terms = [term.strip() for term in (self._order or "").split(",")]
        columns = []
        for term in terms:
            fname, _sep, direction = term.partition(" ")
            field = self._fields.get(fname)
            direction = direction.strip().upper() or "ASC"
            if (
                not field
                or not field.store
                or field.type in ("one2many", "many2many")
                or not ORDER_DIRECTION.match(direction)
            ):
                columns = []
                break
            columns.append(f'"{fname}" {direction}')
        if columns:
            create_index(
                self.env.cr,
                f"{self._table}_order_index",
                self._table,
                columns,
            )
        # HR's counts per state (kanban columns, dashboards) over every row of
        # the company: an index-only scan instead of reading the table.
        if "state" in self._fields and "company_id" in self._fields:
            create_index(
                self.env.cr,
                f"{self._table}_company_state_index",
                self._table,
                ['"company_id"', '"state"'],
            )

    @api.model
    def _employee_mixin_values(self, employee):
        """The values of this mixin's stored columns for a row about
        ``employee``, for code that inserts rows itself (the reward budget's
        INSERT ... ON CONFLICT). sudo: ids only; hr.employee is not readable by
        every user who causes such a row."""
        employee = employee.sudo()
        values = {}
        for fname, field in self._fields.items():
            # The stored fields that follow the employee (related to it).
            if (
                field.store
                and field.type == "many2one"
                and (field.related or "").startswith("employee_id.")
            ):
                path = field.related.split(".", 1)[1]
                values[fname] = employee.mapped(path).id or None
        return values

    def _compute_employee_dated_name(self, message, date_fname):
        """Name each record ``message`` (an ``_lt`` with ``%(employee)s`` and
        ``%(date)s``) for its employee and its date ``date_fname``, in the
        user's language: the documents named after whom and when."""
        for record in self:
            record.name = self.env._(message) % {
                "employee": record.employee_id.name or "",
                "date": format_date(self.env, record[date_fname]),
            }

    # ------------------------------------------------------------------
    # Who is who
    # ------------------------------------------------------------------
    @api.model
    def _get_portal_domain(self, user=None):
        """The documents of which ``user`` is the employee, as one SQL query."""
        user = user or self.env.user
        return [
            "|",
            ("employee_user_id", "=", user.id),
            "&",
            ("employee_user_id", "=", False),
            ("employee_work_contact_id", "=", user.partner_id.id),
        ]

    def _is_employee(self, user=None):
        """Is ``user`` (default: the current one) the employee of this
        document, by their user or, without one, by their work contact?
        (sudo: stored ids only; portal users cannot read hr.employee.)"""
        self.ensure_one()
        user = user or self.env.user
        record = self.sudo()
        if record.employee_user_id:
            return record.employee_user_id == user
        return bool(
            record.employee_work_contact_id
            and record.employee_work_contact_id == user.partner_id
        )

    def _get_managers(self):
        """The users who manage this document's employee."""
        self.ensure_one()
        return self._employee_managers(self._policy_employee())

    def _is_manager(self, user=None):
        """Is ``user`` (default: the current one) a manager of the employee?"""
        self.ensure_one()
        return self._is_manager_of(self._policy_employee(), user)
