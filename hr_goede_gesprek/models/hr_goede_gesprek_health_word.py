# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A word that hints at health data in a free text (diagnose, burn-out, ...).

Shipped as data in Dutch and English; HR edits, adds and archives words. Every
free-text field a user fills warns (softly, before saving) when its text
contains one: nothing is blocked and nothing is stored about the warning. See
``tools/health.py`` for how a word matches.
"""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.health import normalize_word

WORD_FIELDS = frozenset({"name", "active"})


class HrGoedeGesprekHealthWord(models.Model):
    _name = "hr.goede.gesprek.health.word"
    _description = "Good Conversation: word hinting at health data"
    _inherit = ["hr.goede.gesprek.workflow.mixin"]
    _order = "name, id"
    # Configuration: HR keeps the list (no state, no employee).
    _policy_create = {"hr": WORD_FIELDS}
    _policy_write = {"*": {"hr": WORD_FIELDS}}
    _policy_unlink = {"*": {"hr"}}
    _policy_state_field = None
    _policy_employee_field = None

    name = fields.Char(
        string="Word",
        required=True,
        help="Matched at the start of a word, in any case: 'ziek' also finds "
        "'ziekmelding'.",
    )
    active = fields.Boolean(default=True)

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("name")
    def _check_name(self):
        for word in self:
            if len(normalize_word(word.name)) < 3:
                raise ValidationError(
                    self.env._(
                        "“%(word)s” is too short: a word of the list needs at "
                        "least three letters.",
                        word=word.name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "name" in vals:
                vals["name"] = normalize_word(vals["name"])
        return super().create(vals_list)

    def write(self, vals):
        if "name" in vals:
            vals = dict(vals, name=normalize_word(vals["name"]))
        return super().write(vals)

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    @api.model
    def _get_words(self):
        """The active words, normalized, each once (a word entered twice is
        harmless), longest first."""
        # sudo: the list is configuration, not personal data; every form and
        # portal page that warns needs it, whoever the user is.
        words = set(self.sudo().search_fetch([], ["name"]).mapped("name"))
        return sorted(words, key=lambda w: (-len(w), w))
