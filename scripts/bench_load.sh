#!/usr/bin/env bash
# `make bench-load`: 50 simulated users for 2 minutes (tests/bench_load.py)
# against the scale database served by Odoo's prefork server (--workers 4,
# cron threads on), on 127.0.0.1 only. Needs the database that
# `GG_SCALE_KEEP=1 GG_SCALE_DB=gg_scale make bench-scale` leaves behind.
# Arguments go to the script (--duration, --think).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
gg_setup
DB="${GG_SCALE_DB:-gg_scale}"
gg_psql psql -d postgres -Atqc "select 1 from pg_database where datname = '$DB'" | grep -q 1 \
    || gg_die "no database $DB: run GG_SCALE_KEEP=1 GG_SCALE_DB=$DB make bench-scale first"
PORT="$("$GG_VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$GG_VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$GG_CONF" -d "$DB" --db-filter="^$DB\$" \
    --workers=4 --max-cron-threads=1 --http-interface=127.0.0.1 --http-port="$PORT" \
    --limit-time-real=600 --log-level=warn > "$GG_RUN/bench-load-server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null' EXIT
for _ in $(seq 1 90); do
    curl -fsS "http://127.0.0.1:$PORT/web/health" >/dev/null 2>&1 && break
    sleep 1
done
"$GG_VENV/bin/python" "$GG_ROOT/tests/bench_load.py" --url "http://127.0.0.1:$PORT" --db "$DB" "$@"
rc=$?
if grep -E ' (ERROR|CRITICAL) ' "$GG_RUN/bench-load-server.log"; then
    echo "error: the server logged errors ($GG_RUN/bench-load-server.log)"; rc=1
fi
exit $rc
