# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Field declarations that several models of the addon share word for word."""

from odoo import fields


def workflow_state(selection, default):
    """The ``state`` of a workflow document: required, tracked in the chatter,
    not copied, and indexed (lists, record rules and the per-state counts filter
    on it); kanban columns show every state in workflow order (``group_expand``).
    Only the model's own ``_do_*`` steps write it."""
    return fields.Selection(
        selection,
        default=default,
        required=True,
        group_expand=True,
        tracking=True,
        copy=False,
        index=True,
    )


def document_company():
    """The company of a document made in the user's current company."""
    return fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )


def employee_department(precompute=False):
    """The employee's department, stored on the document for grouping and
    filters (``precompute``: computed into the INSERT)."""
    return fields.Many2one(
        related="employee_id.department_id",
        store=True,
        precompute=precompute,
        string="Department",
    )


def system_policy():
    """The declared policy of rows that only the system writes (logs,
    answers, report views): no role creates, changes or deletes one. Returns
    ``(_policy_create, _policy_write, _policy_unlink)``."""
    return {}, {}, {}


def copied_selection(model, fname, **kwargs):
    """A read-only selection of a report view that copies ``model.fname``:
    it offers that field's (translated) values."""
    return fields.Selection(
        lambda self: self._selection_from(model, fname), readonly=True, **kwargs
    )
