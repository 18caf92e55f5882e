"""odoo-bin for the step that runs Odoo's own suites with the addon installed.

``scripts/test.sh`` runs the tests of ``hr``, ``calendar``, ``portal`` and
``test_lint`` through this file instead of odoo-bin, for one reason:
test_lint's manifest test (``ManifestLinter.test_manifests``) checks every
module of the addons path, ours included, against a fixed set of keys
(``MANIFEST_KEYS``: Odoo's own ones, no setting extends it). OCA's manifest has
two more, informative keys: ``maintainers`` and ``development_status``
(OCA/maintainer-tools' module template; pylint-odoo's
``manifest-maintainers-list`` and ``development-status-allowed`` check their
values, the README generator prints the status). Those two names, and only
those, are added to the set; the rest of that test (the other keys, the values
of every manifest) and every other test of test_lint run unchanged.

Usage: the arguments of odoo-bin (``-c``, ``-d``, ``--test-tags``, ...).
"""

import os

os.environ["TZ"] = "UTC"  # as odoo-bin, before the time module is imported

import odoo  # noqa: E402

from odoo.addons.test_lint.tests import test_manifests  # noqa: E402

OCA_MANIFEST_KEYS = {"maintainers", "development_status"}

if __name__ == "__main__":
    test_manifests.MANIFEST_KEYS.update(OCA_MANIFEST_KEYS)
    odoo.cli.main()
