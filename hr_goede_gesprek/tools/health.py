# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Words that hint at health data in a free text (pure functions, no ORM).

Vitality and wellbeing are discussed, but only work-related agreements are
recorded, never diagnoses (AVG art. 9). The list of words is data
(``hr.goede.gesprek.health.word``); this module only matches them. A word
matches at the start of a word of the text, case-insensitively, so that
Dutch compounds are caught ("ziek" finds "ziekmelding", "arts" finds
"artsen") without matching inside words ("arts" does not find "taarts").
The portal's widget (static/src/js/health_guard.js) applies the same rule.
"""

import re

from odoo.tools import html2plaintext


def normalize_word(word):
    """The form in which a word is stored and matched: trimmed, lower case."""
    return " ".join((word or "").split()).lower()


def find_health_words(texts, words, html=False):
    """The ``words`` (a list of normalized words) found in ``texts``, in the
    order of ``words``, each once. ``html``: the texts are HTML."""
    found = []
    plain = " ".join(
        (html2plaintext(text) if html else text) for text in texts if text
    ).lower()
    if not plain:
        return found
    for word in words:
        if word and re.search(r"(?<!\w)" + re.escape(word), plain):
            found.append(word)
    return found
