# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Reload records of the module's ``noupdate`` files in a migration.

An update skips records loaded with ``noupdate="1"``; a migration that changed
such records reloads them here, through Odoo's own XML loader.
"""

import copy
import io

from lxml import etree

from odoo import SUPERUSER_ID, api
from odoo.tools import convert_xml_import, file_open


def reload_records(env, path, keep):
    """Reload the records of ``path`` (in this module) for which ``keep(record)``
    (an lxml ``<record>`` element) is true."""
    with file_open(f"hr_goede_gesprek/{path}", "rb") as f:
        doc = etree.parse(f)
    root = etree.Element("odoo", noupdate="1")
    for record in doc.iter("record"):
        if keep(record):
            root.append(copy.deepcopy(record))
    buffer = io.BytesIO(etree.tostring(root))
    buffer.name = path  # the loader names the file in its messages
    convert_xml_import(env, "hr_goede_gesprek", buffer, mode="init")


def reload_on_update(cr, version, keeps):
    """A post-migration that reloads noupdate records: ``keeps`` maps a file of
    the module to the ``keep`` of :func:`reload_records`. Nothing to do on a
    fresh install (no ``version``): the files were just loaded."""
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    for path, keep in keeps.items():
        reload_records(env, path, keep)
