# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A document about one employee: who the employee is, their user, their
manager(s) and the portal domain, answered in one place for every model.

The concrete model declares ``employee_id`` itself (its help text, its
``ondelete``, or a ``related`` to its parent); this mixin derives the rest.
The role questions themselves (``_is_hr``, ``_is_manager_of``) live in the
workflow mixin, which every model of the addon inherits.
"""

from odoo import api, fields, models


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
    employee_user_id = fields.Many2one(
        "res.users",
        related="employee_id.user_id",
        store=True,
        precompute=True,
        index="btree_not_null",
        string="Employee user",
    )
    # An employee without a user of their own is recognised in the portal by
    # their work contact.
    employee_work_contact_id = fields.Many2one(
        "res.partner",
        related="employee_id.work_contact_id",
        store=True,
        precompute=True,
        index="btree_not_null",
        string="Employee contact",
    )

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
