# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the catalogues share: the conversation card's themes and topics, and
the formal layer's decision topics, dispute routes and appraisal scales.

Shipped as data; each organisation edits, adds and archives entries, ordered
by sequence. An entry without company is shared by all companies.
"""

from odoo import fields, models

# The fields of the mixin that the HR administrators keep in every catalogue.
CATALOGUE_FIELDS = frozenset({"name", "sequence", "active", "company_id"})


class HrGoedeGesprekCatalogueMixin(models.AbstractModel):
    _name = "hr.goede.gesprek.catalogue.mixin"
    _inherit = ["hr.goede.gesprek.workflow.mixin"]
    _description = "Conversation card catalogue"
    _order = "sequence, id"
    _check_company_auto = True
    # Configuration: no state and no employee (each model declares its policy).
    _policy_state_field = None
    _policy_employee_field = None

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", index=True, help="Leave empty to share it with all companies."
    )

    def _count_per_record(self, model, fname):
        """How many records of ``model`` point to each of these entries
        through ``fname``, as ``{entry: count}`` (one query for the batch)."""
        return dict(
            self.env[model]._read_group([(fname, "in", self.ids)], [fname], ["__count"])
        )
