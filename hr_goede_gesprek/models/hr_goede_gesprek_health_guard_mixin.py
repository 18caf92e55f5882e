# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The soft warning on free-text fields that may hold health data.

Every model with a free text a user fills inherits this mixin and declares
one onchange on those fields that returns ``_health_warning(*fields)``
(``health_onchange`` makes it). The
warning is a notification: nothing is blocked, nothing is stored. A model
that cannot take the mixin (``hr.employee``) calls ``_health_warning_of``.
"""

from odoo import api, models

from ..tools.health import find_health_words


def health_onchange(*fnames):
    """The onchange ``_onchange_health_words`` on the free texts ``fnames``,
    for a model of the mixin: ``_onchange_health_words = health_onchange(...)``."""

    @api.onchange(*fnames)
    def _onchange_health_words(self):
        """A soft warning when a free text names health data."""
        return self._health_warning(*fnames)

    return _onchange_health_words


class HrGoedeGesprekHealthGuardMixin(models.AbstractModel):
    _name = "hr.goede.gesprek.health.guard.mixin"
    _description = "Good Conversation: health-data warning on free texts"

    @api.model
    def _health_words_in(self, records, *fnames):
        """The words of the list found in the fields ``fnames`` of ``records``."""
        words = self.env["hr.goede.gesprek.health.word"]._get_words()
        found = []
        for record in records:
            for fname in fnames:
                html = records._fields[fname].type == "html"
                for word in find_health_words([record[fname]], words, html=html):
                    if word not in found:
                        found.append(word)
        return found

    def _health_warning(self, *fnames):
        """The onchange result warning about health words in ``fnames``
        (None: the texts are clean)."""
        return self._health_warning_of(self, *fnames)

    @api.model
    def _health_warning_of(self, records, *fnames):
        """``_health_warning`` for ``records`` of any model."""
        found = self._health_words_in(records, *fnames)
        if not found:
            return None
        return {
            "warning": {
                "title": self.env._("Health data?"),
                "message": self.env._(
                    "This text contains %(words)s. Vitality and wellbeing may be "
                    "discussed, but record only work-related agreements, never "
                    "diagnoses, illness or medical details.",
                    words=", ".join(f"“{word}”" for word in found),
                ),
                "type": "notification",
            }
        }
