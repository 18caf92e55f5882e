#!/usr/bin/env bash
# `make bench`: the conversation-due benchmark on 50,000 employees (issue 6).
# Builds the database gg_bench once (about 20 minutes), then runs the cron as the
# scheduler does and prints queries and seconds per batch call, and the rerun.
# Arguments go to tests/bench_conversation_due.py (--employees, --managers,
# --batch-sizes); a smaller organisation needs a database of its own (GG_BENCH_DB).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
gg_setup
DB="${GG_BENCH_DB:-gg_bench}"
if ! gg_psql psql -d postgres -Atqc "select 1 from pg_database where datname = '$DB'" | grep -q 1; then
    gg_odoo -d "$DB" -i "$GG_MODULE" --without-demo=all --stop-after-init --log-level=warn
fi
PYTHONPATH="$ODOO_SRC" exec "$GG_VENV/bin/python" "$GG_ROOT/tests/bench_conversation_due.py" "$DB" \
    --config="$GG_CONF" --addons-path="$ODOO_SRC/addons,$ODOO_SRC/odoo/addons,$GG_ROOT" "$@"
