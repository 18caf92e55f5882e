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


# The mixins of a formal document about an employee that a written decision can
# come from (hours request, objection), in the order their overrides chain; the
# model puts its thread first (``mail.thread`` or the reminder mixin).
FORMAL_DOCUMENT_MIXINS = (
    "mail.activity.mixin",
    "hr.goede.gesprek.legal.mixin",
    "hr.goede.gesprek.employee.mixin",
    "hr.goede.gesprek.state.mixin",
    "hr.goede.gesprek.decision.origin.mixin",
    "hr.goede.gesprek.hint.mixin",
    "hr.goede.gesprek.retention.mixin",
    "hr.goede.gesprek.health.guard.mixin",
)


def followed_company(**kwargs):
    """The company of a document that follows its employee (or parent) through
    ``_compute_company_id`` and can still be chosen; computed into the INSERT."""
    return fields.Many2one(
        "res.company",
        required=True,
        index=True,
        compute="_compute_company_id",
        store=True,
        readonly=False,
        precompute=True,
        **kwargs,
    )


def employee_conversation_stat(field_class, string, **kwargs):
    """A count or date of an employee's conversations (``hr.employee`` and its
    public profile): computed with the reader's rights, so nobody counts what
    they may not read."""
    return field_class(compute="_compute_goede_gesprek_stats", string=string, **kwargs)


def user_flag(compute="_compute_user_flags"):
    """What the current user may do or is on this record (the form shows or
    hides its buttons by it); computed for the user looking, never stored."""
    return fields.Boolean(compute=compute)


def regime_label(**kwargs):
    """A word of the document's legal regime (tools/regime_terms.py) for the
    views, portal, mails and letter: computed from the company's profile and
    the dispute route, never stored."""
    return fields.Char(compute="_compute_regime_labels", **kwargs)


def legal_day(**kwargs):
    """The day a formal document was asked for or received: a legal date, so
    today by default in the company's calendar, not the user's local one
    (``_default_legal_today`` of the legal mixin)."""
    return fields.Date(
        default=lambda self: self._default_legal_today(), required=True, **kwargs
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


def row_value(field_class, *args, **kwargs):
    """A value every row of a system record has (see
    ``hr.goede.gesprek.system.record.mixin``), set when the system makes the
    row and never edited afterwards."""
    return field_class(*args, required=True, readonly=True, **kwargs)
