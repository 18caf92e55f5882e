# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A document a written decision can come from (an agreement with legal
consequences, an hours request, an objection, an appraisal).

The model says when a decision may be prepared (``_check_can_prepare_decision``)
and what goes into it (``_do_prepare_decision``); the button is the same for
all of them.
"""

from odoo import models


class HrGoedeGesprekDecisionOriginMixin(models.AbstractModel):
    _name = "hr.goede.gesprek.decision.origin.mixin"
    _description = "Good Conversation: origin of a written decision"

    def _check_can_prepare_decision(self):
        raise NotImplementedError

    def _do_prepare_decision(self):
        raise NotImplementedError

    def action_prepare_decision(self):
        """Prepare the draft decision and open it."""
        self.ensure_one()
        self._check_can_prepare_decision()
        return self._do_prepare_decision()._get_form_action()
