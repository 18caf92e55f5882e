# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class HrGoedeGesprekLegalMixin(models.AbstractModel):
    """Small helpers shared by the formal-layer models."""

    _name = "hr.goede.gesprek.legal.mixin"
    _description = "Formal layer helpers"

    def _is_hr(self):
        return self.env.user.has_group("hr_goede_gesprek.group_goede_gesprek_officer")

    def _legal_activity_once(self, xmlid, user, summary, deadline=None):
        """Schedule one activity of a type per user; move its deadline if it exists."""
        self.ensure_one()
        if not user or user.share:
            return self.env["mail.activity"]
        activity_type = self.env.ref(xmlid)
        existing = self.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type and a.user_id == user
        )
        if existing:
            if deadline:
                existing.date_deadline = deadline
            return existing
        return self.activity_schedule(
            xmlid, date_deadline=deadline, summary=summary, user_id=user.id
        )

    # Hooks called by the decision on its origin (an empty recordset when the
    # decision has none of this kind).
    def _check_decision_issuable(self, decision):
        return True

    def _on_decision_issued(self, decision):
        return True

    def _on_decision_final(self, decision):
        return True
