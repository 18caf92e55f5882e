"""Uninstall a module from a database through Odoo's own API, as a user would.

Usage: uninstall.py ODOO_CONF DB MODULE
"""

import sys

import odoo
from odoo.tools import config


def main(conf, db, module):
    config.parse_config(["-c", conf, "--log-level=warn"])
    odoo.service.server.load_server_wide_modules()
    registry = odoo.modules.registry.Registry.new(db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        mod = env["ir.module.module"].search([("name", "=", module)])
        if mod.state != "installed":
            print(f"{module} is not installed in {db} (state {mod.state})")
            return 1
        mod.button_immediate_uninstall()
    registry = odoo.modules.registry.Registry.new(db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        state = env["ir.module.module"].search([("name", "=", module)]).state
        leftovers = env["ir.model"].search_count(
            [("model", "=like", "hr.goede.gesprek%")]
        )
        print(f"{module}: {state}; models left: {leftovers}")
        return 0 if state == "uninstalled" and not leftovers else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
