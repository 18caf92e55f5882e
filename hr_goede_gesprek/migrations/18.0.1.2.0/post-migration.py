# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.2.0: the record rules compare columns stored on the documents (the
employee's user, the managers' users, the conversation partners as an indexed
array), so that every list can be read off an index at any size. The rules are
loaded with ``noupdate="1"``; an update skips them, so every rule of the
module's security files is reloaded here through Odoo's XML loader. Their
meaning is unchanged: who could read a document before reads it now."""

from odoo.addons.hr_goede_gesprek.tools.migration import reload_on_update

FILES = (
    "security/hr_goede_gesprek_security.xml",
    "security/hr_goede_gesprek_legal_security.xml",
    "security/hr_goede_gesprek_portal_security.xml",
)


def migrate(cr, version):
    reload_on_update(
        cr, version, dict.fromkeys(FILES, lambda r: r.get("model") == "ir.rule")
    )
