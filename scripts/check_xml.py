"""Check that every XML file of the addon is well-formed (Odoo validates the
views themselves at install). pylint-odoo 9 no longer parses XML, so this stays;
that every file the manifest names exists is pylint-odoo's resource-not-exist
(.pylintrc-mandatory)."""

import sys
from pathlib import Path

from lxml import etree


def main(addon):
    errors = []
    for path in sorted(Path(addon).rglob("*.xml")):
        try:
            etree.parse(str(path))
        except etree.XMLSyntaxError as exc:
            errors.append(f"{path}: {exc}")
    for line in errors:
        print(line)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
