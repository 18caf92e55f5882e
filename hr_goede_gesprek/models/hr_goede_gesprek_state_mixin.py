# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""State helpers of the models with a ``state`` selection (conversation,
appraisal, agreement, hours request, objection): the ``_check_can_*`` guards
refuse a record in the wrong state, messages name a record's state by its
translated label, and a model's refusals come from one table of lazy
translations (``_step_messages``)."""

from odoo import models
from odoo.exceptions import UserError


class HrGoedeGesprekStateMixin(models.AbstractModel):
    _name = "hr.goede.gesprek.state.mixin"
    _description = "Good Conversation: state helpers"

    # Why a step or a change is refused, by ``"<step>:<rule>"``: lazy
    # translations (``_lt``) naming the record ``%(name)s`` and its state
    # ``%(state)s``; other placeholders are given by the caller.
    _step_messages = {}

    def _check_state(self, states, message=None):
        """Refuse the records whose state is not in ``states``.

        ``message`` is a function of the record that returns the translated
        message of the ``UserError``; without it, a general one names the record.
        """
        message = message or (
            lambda record: self.env._(
                "“%(name)s” cannot take this step in its current state.",
                name=record.display_name,
            )
        )
        for record in self:
            if record.state not in states:
                raise UserError(message(record))

    def _state_label(self):
        """The translated label of the record's state."""
        self.ensure_one()
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    def _get_step_message(self, key, **params):
        """The translated message ``_step_messages[key]`` about this record.
        ``params``: the values it names besides the record and its state."""
        message = self.env._(self._step_messages[key])
        # The record's name and state are read only for the messages naming them.
        record_values = {"name": lambda: self.display_name, "state": self._state_label}
        values = {
            placeholder: value()
            for placeholder, value in record_values.items()
            if f"%({placeholder})s" in message
        }
        return message % dict(values, **params)
