# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Workflow fields (state, signatures, dates, version links) are written by the
``_do_*`` methods only. Every RPC caller can send any field: this guard refuses
them on create and write for everyone but the superuser (the ``_do_*`` methods
write them with ``sudo()`` after their ``_check_can_*``)."""

from odoo import api, models
from odoo.exceptions import AccessError


class HrGoedeGesprekWorkflowMixin(models.AbstractModel):
    _name = "hr.goede.gesprek.workflow.mixin"
    _description = "Good Conversation: workflow field guard"

    # Set by each model: the fields only its workflow writes, and the values a
    # form sends along on creation (the statusbar's first state) that are fine.
    _workflow_fields = frozenset()
    _workflow_initial_values = {}

    @api.model
    def _check_workflow_create(self, vals_list):
        if self.env.su:
            return
        for vals in vals_list:
            forbidden = {
                fname
                for fname in self._workflow_fields.intersection(vals)
                if vals[fname]
                and self._workflow_initial_values.get(fname) != vals[fname]
            }
            if forbidden:
                raise AccessError(
                    self.env._(
                        "These fields of %(model)s are set by its workflow and "
                        "cannot be given on creation: %(fields)s.",
                        model=self._description,
                        fields=", ".join(sorted(forbidden)),
                    )
                )

    def _check_workflow_write(self, fnames):
        if self.env.su:
            return
        forbidden = self._workflow_fields.intersection(fnames)
        if forbidden:
            raise AccessError(
                self.env._(
                    "These fields of %(model)s are set by its workflow and "
                    "cannot be changed directly: %(fields)s.",
                    model=self._description,
                    fields=", ".join(sorted(forbidden)),
                )
            )
