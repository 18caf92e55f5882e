#!/usr/bin/env bash
# `make bench-scale`: every screen per role at demo size and at the scale of a
# large employer (tests/bench_scale.py), on a throwaway database that is
# dropped afterwards (GG_SCALE_KEEP=1 keeps it). Arguments go to the script:
# --employees N (50,000), --per-employee N (10), --repeat N, --markdown FILE.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
gg_setup
DB="${GG_SCALE_DB:-gg_scale_$$}"
cleanup() {
    gg_psql dropdb --if-exists --force "${DB}_demo" >/dev/null 2>&1
    rm -rf "$GG_RUN/data/filestore/${DB}_demo"
    [ "${GG_SCALE_KEEP:-}" = 1 ] && { echo "kept database $DB"; return; }
    gg_psql dropdb --if-exists --force "$DB" >/dev/null 2>&1
    rm -rf "$GG_RUN/data/filestore/$DB"
}
trap cleanup EXIT
for db in "$DB" "${DB}_demo"; do
    gg_psql dropdb --if-exists --force "$db" >/dev/null 2>&1
    gg_say "installing $GG_MODULE with its demo data on $db"
    gg_odoo -d "$db" -i "$GG_MODULE" --stop-after-init --log-level=warn --max-cron-threads=0 \
        || gg_die "installing $GG_MODULE on $db failed"
done
# The demo-size database gets 100 employees more, so that HR's lists show a
# full page of 80 on both sides; demo and scale are measured in turns.
PYTHONPATH="$ODOO_SRC" "$GG_VENV/bin/python" "$GG_ROOT/tests/bench_scale.py" "$DB" \
    --demo-db="${DB}_demo" --pad-demo=100 \
    --config="$GG_CONF" --addons-path="$ODOO_SRC/addons,$ODOO_SRC/odoo/addons,$GG_ROOT" "$@"
