"""Translation files of the addon, kept in step with Odoo's own exporter.

i18n.py check EXPORT.pot   fail when the committed .pot differs from a fresh
                           export, or nl.po leaves a msgid untranslated/fuzzy
                           or drops a placeholder
i18n.py update EXPORT.pot  write the export as the .pot and merge it into
                           nl.po (new msgids come in untranslated)
i18n.py fill FROM.po ...   copy translations from other .po files into nl.po
                           for msgids it does not translate yet
"""

import re
import shutil
import sys
from pathlib import Path

import polib

ADDON = Path(__file__).resolve().parent.parent / "hr_goede_gesprek"
POT = ADDON / "i18n" / "hr_goede_gesprek.pot"
NL = ADDON / "i18n" / "nl.po"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_0-9]*\}")


def _key(entry):
    return (entry.msgctxt, entry.msgid)


def check(export_path):
    problems = []
    export = polib.pofile(export_path)
    committed = polib.pofile(str(POT))
    exported, known = {_key(e) for e in export}, {_key(e) for e in committed}
    for _msgctxt, msgid in sorted(exported - known, key=str):
        problems.append(f"not in {POT.name} (run `make i18n`): {msgid[:70]!r}")
    for _msgctxt, msgid in sorted(known - exported, key=str):
        problems.append(f"obsolete in {POT.name} (run `make i18n`): {msgid[:70]!r}")
    nl = {_key(e): e for e in polib.pofile(str(NL)) if not e.obsolete}
    for entry in export:
        if not entry.msgid:
            continue
        tr = nl.get(_key(entry))
        if tr is None or not tr.msgstr.strip() or "fuzzy" in tr.flags:
            problems.append(f"nl.po does not translate: {entry.msgid[:70]!r}")
            continue
        wanted = sorted(PLACEHOLDER.findall(entry.msgid))
        if sorted(PLACEHOLDER.findall(tr.msgstr)) != wanted:
            problems.append(f"nl.po placeholders differ {wanted}: {entry.msgid[:70]!r}")
    for line in problems:
        print(line)
    total = len([e for e in export if e.msgid])
    print(f"{total} msgids exported, {len(problems)} problems")
    return 1 if problems else 0


def update(export_path):
    shutil.copyfile(export_path, POT)
    pot = polib.pofile(str(POT))
    nl = polib.pofile(str(NL)) if NL.exists() else polib.POFile()
    nl.merge(pot)
    nl.metadata.update(
        {
            "Project-Id-Version": "Odoo Server 18.0",
            "Language": "nl",
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "",
            "Plural-Forms": "",
        }
    )
    for entry in nl.obsolete_entries():
        nl.remove(entry)
    nl.save(str(NL))
    missing = [e.msgid for e in nl if e.msgid and not e.msgstr.strip()]
    print(f"{len(pot)} msgids; nl.po leaves {len(missing)} untranslated")
    return 0


def fill(*sources):
    nl = polib.pofile(str(NL))
    by_key = {}
    for src in sources:
        for entry in polib.pofile(src):
            if entry.msgstr.strip() and "fuzzy" not in entry.flags:
                by_key.setdefault(_key(entry), entry.msgstr)
                by_key.setdefault((None, entry.msgid), entry.msgstr)
    filled = 0
    for entry in nl:
        if entry.msgid and not entry.msgstr.strip():
            msgstr = by_key.get(_key(entry)) or by_key.get((None, entry.msgid))
            if msgstr:
                entry.msgstr = msgstr
                filled += 1
    nl.save(str(NL))
    print(f"filled {filled} translations")
    return 0


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    sys.exit({"check": check, "update": update, "fill": fill}[command](*args))
