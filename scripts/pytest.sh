#!/usr/bin/env bash
# `make pytest`: the quick loop with pytest-odoo, on a database that has the
# addon installed (GG_DB, default goede_gesprek_demo as made by `make run`).
# pytest-odoo runs TransactionCase tests in-process; it skips HttpCase tours
# (unless --odoo-http) and does not run them as post_install, so `make test`,
# which uses Odoo's own runner, is the authoritative command.
# Extra arguments go to pytest, e.g. `make pytest ARGS="-k signing"`.

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
gg_setup
GG_DB="${GG_DB:-goede_gesprek_demo}"
if ! gg_psql psql -d postgres -Atqc "select 1 from pg_database where datname = '$GG_DB'" | grep -q 1; then
    gg_say "creating database $GG_DB with hr_goede_gesprek"
    gg_odoo -d "$GG_DB" -i "$GG_MODULE" --stop-after-init --log-level=warn --max-cron-threads=0
else
    gg_odoo -d "$GG_DB" -u "$GG_MODULE" --stop-after-init --log-level=warn --max-cron-threads=0
fi
cd "$GG_ROOT"
PYTHONPATH="$ODOO_SRC" exec "$GG_VENV/bin/pytest" -p no:cacheprovider \
    --odoo-database="$GG_DB" --odoo-config="$GG_CONF" hr_goede_gesprek/tests ${ARGS:-} "$@"
