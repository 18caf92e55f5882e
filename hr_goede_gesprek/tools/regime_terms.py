# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The words of the employer's legal regime (pure table, no ORM).

Since the Wnra (2020) most public employers are under civil law: there is no
"besluit" with "bezwaar" there, but a written confirmation ("schriftelijke
bevestiging", or "besluit (brief)") and the route the employer configured:
reconsideration ("heroverweging vragen") or a disputes committee ("geschil
voorleggen"). Only under Awb public law is the document a decision with an
objection ("bezwaar maken"). The regime is the company's setting; the route
words follow the dispute route's type; these are English source strings,
translated through the module's ``nl.po`` (``env._(lazy)``).

Civil words never mention an objection: a route of type ``objection`` under
the civil regime (a configuration mistake) gets the civil default words.
"""

from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

REGIME_CODES = ("civil", "public")

# Words for the document itself, per regime.
DOCUMENT_TERMS = {
    "civil": {
        "document": _lt("Written confirmation"),
        "letter": _lt("Decision (letter)"),
        "content_heading": _lt("What we decided"),
        "opening": _lt(
            "With this letter we confirm in writing what we decided about the "
            "subject above."
        ),
    },
    "public": {
        "document": _lt("Decision"),
        "letter": _lt("Decision"),
        "content_heading": _lt("Decision"),
        "opening": _lt("We have taken the following decision on the subject above."),
    },
}

# Words for disagreeing, per route type (civil) or for the Awb objection.
_RECONSIDERATION = {
    "dispute": _lt("Request for reconsideration"),
    "disputes": _lt("Requests for reconsideration"),
    "dispute_action": _lt("Ask for reconsideration"),
    "dispute_submit": _lt("Send the request for reconsideration"),
    "dispute_term": _lt("Term to ask for reconsideration"),
}
_COMMITTEE = {
    "dispute": _lt("Dispute"),
    "disputes": _lt("Disputes"),
    "dispute_action": _lt("Submit a dispute"),
    "dispute_submit": _lt("Submit the dispute"),
    "dispute_term": _lt("Term to submit a dispute"),
}
_OBJECTION = {
    "dispute": _lt("Objection"),
    "disputes": _lt("Objections"),
    "dispute_action": _lt("Lodge an objection"),
    "dispute_submit": _lt("Lodge the objection"),
    "dispute_term": _lt("Objection term"),
}
ROUTE_TERMS = {
    "civil": {
        "reconsideration": _RECONSIDERATION,
        "committee": _COMMITTEE,
        "other": _COMMITTEE,
        # Default (no route, or an objection route configured by mistake).
        None: _RECONSIDERATION,
    },
    "public": {None: _OBJECTION},
}
TERM_KEYS = tuple(DOCUMENT_TERMS["civil"]) + tuple(_RECONSIDERATION)


def regime_terms(regime, route_type=None):
    """The lazy terms of ``regime`` (``civil``/``public``) for a route of
    ``route_type`` (``None``: the regime's default route words).

    An unknown regime is a programming or data error: ``ValueError``.
    """
    if regime not in REGIME_CODES:
        raise ValueError(f"Unknown legal regime: {regime!r}")
    routes = ROUTE_TERMS[regime]
    return {**DOCUMENT_TERMS[regime], **routes.get(route_type, routes[None])}
