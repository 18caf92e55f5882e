# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What happens next, told to whoever looks: the models with a workflow
(conversation, agreement, decision, appraisal, reward, objection, hours
request, feedback request) show a hint at the top of their form, and group
their kanban and pivot columns in the order of the workflow.

Each model answers ``_get_next_step_hint()`` from its own guards and role
helpers (``_get_cannot_<step>_reason``, ``can_*`` flags): the hint names the
step only when the current user may take it, and who takes it otherwise.
A model whose hints name no dates or people declares them in
``_next_step_hints`` instead."""

from odoo import api, fields, models


class HrGoedeGesprekHintMixin(models.AbstractModel):
    _name = "hr.goede.gesprek.hint.mixin"
    _description = "Good Conversation: next-step hint and workflow columns"
    # {state: hint}, or {state: (flag, hint, other hint)}: the first hint for
    # the user whose ``flag`` (a ``can_*`` field, or a function of the record)
    # says they take the step, the other for everyone else; lazy translations
    # (``_lt``).
    _next_step_hints = {}

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    next_step_hint = fields.Char(
        string="Next step",
        compute="_compute_next_step_hint",
        help="What happens next and who acts, for the user looking.",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends_context("uid")
    @api.depends("state")
    def _compute_next_step_hint(self):
        for record in self:
            record.next_step_hint = (
                record._get_next_step_hint() if record.id else False
            ) or False

    # ------------------------------------------------------------------
    # CRUD: columns in the order of the workflow
    # ------------------------------------------------------------------
    @api.model
    def read_group(
        self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True
    ):
        """Rows grouped by state come in the order of the workflow (the pivot
        view; the kanban's columns follow ``group_expand`` on ``state``)."""
        rows = super().read_group(
            domain,
            fields,
            groupby,
            offset=offset,
            limit=limit,
            orderby=orderby,
            lazy=lazy,
        )
        groupby = [groupby] if isinstance(groupby, str) else list(groupby or [])
        if "state" in groupby and not orderby:
            order = {key: index for index, key in enumerate(self._state_keys())}
            rows.sort(key=lambda row: order.get(row.get("state"), len(order)))
        return rows

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    @api.model
    def _state_keys(self):
        """The states in the order of the workflow (the selection's order)."""
        return [key for key, _label in self._fields["state"].selection]

    def _get_next_step_hint(self):
        """What happens next on this record and who acts, told to the current
        user; False when there is nothing to say. Models declare
        ``_next_step_hints`` or override it."""
        self.ensure_one()
        hint = self._next_step_hints.get(self.state, False)
        if isinstance(hint, tuple):
            flag, own_hint, hint = hint
            takes_step = flag(self) if callable(flag) else self[flag]
            hint = own_hint if takes_step else hint
        return hint and self.env._(hint)
