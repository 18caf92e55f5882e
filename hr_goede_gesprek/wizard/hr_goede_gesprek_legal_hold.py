# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.hr_goede_gesprek_retention_rule import DOCUMENT_MODELS


class HrGoedeGesprekLegalHold(models.TransientModel):
    _name = "hr.goede.gesprek.legal.hold"
    _description = "Place or lift a legal hold"
    _inherit = ["hr.goede.gesprek.reason.wizard"]

    res_model = fields.Char(required=True)
    res_ids = fields.Char(required=True, help="The records' ids, comma-separated.")
    mode = fields.Selection(
        [("place", "Place the legal hold"), ("lift", "Lift the legal hold")],
        required=True,
        default="place",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        model = self.env.context.get("active_model")
        ids = self.env.context.get("active_ids") or []
        if model in DOCUMENT_MODELS.values() and ids:
            values.setdefault("res_model", model)
            values.setdefault("res_ids", ",".join(str(int(i)) for i in ids))
            records = self.env[model].browse(ids).exists()
            if records and all(records.mapped("legal_hold")):
                values["mode"] = "lift"
        return values

    def _records(self):
        self.ensure_one()
        if self.res_model not in DOCUMENT_MODELS.values():
            raise UserError(self.env._("A legal hold applies to documents only."))
        try:
            ids = [int(i) for i in (self.res_ids or "").split(",") if i.strip()]
        except ValueError as error:
            raise UserError(self.env._("No records to hold.")) from error
        records = self.env[self.res_model].browse(ids).exists()
        if not records:
            raise UserError(self.env._("No records to hold."))
        return records

    def _confirm(self):
        records = self._records()
        # The user's rights on the records, as themselves (HR, readable).
        records._check_can_legal_hold()
        records._do_legal_hold(self.mode == "place", self.reason)
