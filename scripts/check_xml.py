"""Check that every XML file of the addon is well-formed and that every data file
the manifest names exists (Odoo validates the views themselves at install)."""

import ast
import sys
from pathlib import Path

from lxml import etree


def main(addon):
    addon = Path(addon)
    errors = []
    for path in sorted(addon.rglob("*.xml")):
        try:
            etree.parse(str(path))
        except etree.XMLSyntaxError as exc:
            errors.append(f"{path}: {exc}")
    manifest = ast.literal_eval((addon / "__manifest__.py").read_text())
    for key in ("data", "demo"):
        for name in manifest.get(key, []):
            if not (addon / name).is_file():
                errors.append(f"{addon / '__manifest__.py'}: {key} file {name} missing")
    for line in errors:
        print(line)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
