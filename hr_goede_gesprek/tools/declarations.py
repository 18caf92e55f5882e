# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Field declarations that several models of the addon share word for word."""

from odoo import fields


def workflow_state(selection, default):
    """The ``state`` of a workflow document: required, tracked in the chatter,
    not copied, and indexed (lists, record rules and the per-state counts filter
    on it). Only the model's own ``_do_*`` steps write it."""
    return fields.Selection(
        selection,
        default=default,
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
