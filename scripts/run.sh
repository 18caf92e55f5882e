#!/usr/bin/env bash
# The project's run command (`make run`). See README.md.
# Set-up (scripts/lib.sh), then a demo database with the addon and its demo data
# (created once, reused after), then Odoo at http://localhost:$GG_HTTP_PORT.

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

GG_DB="${GG_DB:-goede_gesprek_demo}"
GG_HTTP_PORT="${GG_HTTP_PORT:-8069}"

gg_port_free() {
    "$GG_VENV/bin/python" - "$1" <<'PY'
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind(("0.0.0.0", int(sys.argv[1])))
except OSError:
    sys.exit(1)
PY
}

gg_setup
case "$GG_HTTP_PORT" in
    ''|*[!0-9]*) gg_die "GG_HTTP_PORT=$GG_HTTP_PORT is not a port number" ;;
esac
gg_port_free "$GG_HTTP_PORT" \
    || gg_die "port $GG_HTTP_PORT is already in use; stop what listens there or choose another port: GG_HTTP_PORT=8070 make run"

if gg_psql psql -d postgres -Atqc "select 1 from pg_database where datname = '$GG_DB'" | grep -q 1; then
    gg_say "reusing database $GG_DB (drop it with: make clean-db)"
    gg_odoo -d "$GG_DB" -u "$GG_MODULE" --stop-after-init --log-level=warn --max-cron-threads=0
else
    gg_say "creating database $GG_DB with hr_goede_gesprek and its demo data"
    gg_odoo -d "$GG_DB" -i "$GG_MODULE" --stop-after-init --log-level=warn --max-cron-threads=0 \
        || gg_die "installing hr_goede_gesprek into $GG_DB failed (see the log above)"
fi

cat <<MSG

  Odoo 18 with hr_goede_gesprek: http://localhost:$GG_HTTP_PORT   (database $GG_DB)

  Demo logins (login / password):
    admin            / admin            administrator (HR administrator)
    hr_officer       / hr_officer       HR officer
    manager          / manager          manager of the demo team
    employee         / employee         employee (backend)
    portal_employee  / portal_employee  employee without a backend licence (portal)
    colleague        / colleague        companion invited to one conversation

MSG
exec "$GG_VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$GG_CONF" -d "$GG_DB" --db-filter="^$GG_DB\$" \
    --http-port="$GG_HTTP_PORT"
