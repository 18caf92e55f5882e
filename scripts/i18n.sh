#!/usr/bin/env bash
# `make i18n`: export the addon's terms with Odoo's own exporter (on a throwaway
# database with the addon and its demo data, as the test command does), write
# i18n/hr_goede_gesprek.pot and merge it into i18n/nl.po. Then translate what
# is left empty in nl.po; `make test` fails while anything is untranslated.

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
gg_setup
DB="gg_i18n_$$"
trap 'gg_psql dropdb --if-exists "$DB" >/dev/null 2>&1' EXIT
gg_odoo -d "$DB" -i "$GG_MODULE" --stop-after-init --log-level=warn --max-cron-threads=0
gg_odoo -d "$DB" --i18n-export="$GG_RUN/export.pot" --modules="$GG_MODULE" \
    --stop-after-init --log-level=warn
"$GG_VENV/bin/python" "$GG_ROOT/scripts/i18n.py" update "$GG_RUN/export.pot"
