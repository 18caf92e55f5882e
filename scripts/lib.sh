# Shared set-up for scripts/run.sh and scripts/test.sh. Sourced, not executed.
#
# What it guarantees once `gg_setup` returns:
#   - $ODOO_SRC is an Odoo 18.0 source tree (never copied into the project);
#   - Debian's packages Odoo needs are installed (when run as root);
#   - .venv holds Odoo's Python requirements plus requirements-dev.txt;
#   - PostgreSQL answers: the machine's server on its local socket, or else a
#     private cluster under .pgdata/ (ignored by git);
#   - .run/odoo.conf points Odoo at all of that.
# Every failure prints one line starting with "error:" and exits non-zero.

set -euo pipefail

GG_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ODOO_SRC="${ODOO_SRC:-/opt/odoo}"
GG_VENV="$GG_ROOT/.venv"
GG_RUN="$GG_ROOT/.run"
GG_CONF="$GG_RUN/odoo.conf"
GG_PGDATA="$GG_ROOT/.pgdata"
GG_MODULE="hr_goede_gesprek"
PYTHON="${PYTHON:-python3}"

gg_say() { printf '==> %s\n' "$*"; }
gg_die() { printf 'error: %s\n' "$*" >&2; exit 2; }

gg_check_odoo_src() {
    local release="$ODOO_SRC/odoo/release.py"
    if [ ! -f "$release" ]; then
        gg_die "ODOO_SRC=$ODOO_SRC is not an Odoo source tree (no odoo/release.py there); expected Odoo 18.0 Community. Get it with: git archive 504b0670 of Disassembling-Odoo/core (the 'init' commit, pristine 18.0) | tar -x -C /opt/odoo, or set ODOO_SRC to an Odoo 18.0 checkout."
    fi
    if ! grep -Eq '^version_info = \(18, 0,' "$release"; then
        local found
        found="$(grep -E '^version_info = ' "$release" | head -n 1 || true)"
        gg_die "ODOO_SRC=$ODOO_SRC is not Odoo 18.0 (odoo/release.py says: ${found:-no version_info}); expected version_info = (18, 0, ...). Point ODOO_SRC at an Odoo 18.0 source tree."
    fi
}

# Debian packages: the database, PDF rendering, the headless browser for tours,
# pdftotext for letter checks, and the headers that Odoo's requirements build with.
GG_DEBS=(postgresql postgresql-client wkhtmltopdf chromium poppler-utils fonts-dejavu-core
         build-essential git curl libpq-dev libldap2-dev libsasl2-dev libxml2-dev libxslt1-dev
         libjpeg-dev zlib1g-dev python3-dev python3-venv)

gg_ensure_debs() {
    local missing=() pkg
    for pkg in "${GG_DEBS[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" != 0 ]; then
        gg_die "missing Debian packages: ${missing[*]}; run as root or: sudo apt-get install ${missing[*]}"
    fi
    gg_say "installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Odoo's requirements.txt, adapted: cbor2 5.4.2 no longer builds from source
# (5.6.2 has wheels); python-ldap is only for auth_ldap, which we do not use.
gg_odoo_requirements() {
    sed -E -e 's/^cbor2==5\.4\.2/cbor2==5.6.2/' -e '/^python-ldap/d' "$ODOO_SRC/requirements.txt"
}

gg_ensure_venv() {
    mkdir -p "$GG_RUN"
    "$PYTHON" -c 'import sys; sys.exit(0 if (3, 10) <= sys.version_info[:2] <= (3, 12) else 1)' \
        || gg_die "$PYTHON is not Python 3.10-3.12 (Odoo 18 needs one of those); set PYTHON=/path/to/python3.11"
    gg_odoo_requirements > "$GG_RUN/odoo-requirements.txt"
    local stamp
    stamp="$(cat "$GG_RUN/odoo-requirements.txt" "$GG_ROOT/requirements-dev.txt" | sha256sum | cut -c1-16)"
    if [ -x "$GG_VENV/bin/python" ] && [ "$(cat "$GG_VENV/.gg-stamp" 2>/dev/null)" = "$stamp" ]; then
        return 0
    fi
    gg_say "creating $GG_VENV (Odoo's requirements from $ODOO_SRC/requirements.txt + requirements-dev.txt)"
    [ -x "$GG_VENV/bin/python" ] || "$PYTHON" -m venv "$GG_VENV"
    "$GG_VENV/bin/pip" install -q --upgrade pip wheel "setuptools<70"
    "$GG_VENV/bin/pip" install -q -r "$GG_RUN/odoo-requirements.txt" -r "$GG_ROOT/requirements-dev.txt"
    echo "$stamp" > "$GG_VENV/.gg-stamp"
}

gg_pg_bin() {
    local dir
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
    dir="$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/x)")"
    [ -x "$dir/initdb" ] && echo "$dir"
}

# Sets GG_DB_HOST/GG_DB_PORT (empty: the default local socket).
gg_ensure_pg() {
    GG_DB_HOST=""
    GG_DB_PORT=""
    if pg_isready -q 2>/dev/null; then
        # The machine's server answers on its socket: make sure we have a role.
        if ! psql -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
            if [ "$(id -u)" = 0 ] && id postgres >/dev/null 2>&1; then
                runuser -u postgres -- createuser -s "$(id -un)" \
                    || gg_die "PostgreSQL answers but refused to create a role for $(id -un)"
            else
                gg_die "PostgreSQL answers but user $(id -un) has no role; run: sudo -u postgres createuser -s $(id -un)"
            fi
        fi
        return 0
    fi
    # No server answers: run a private cluster under .pgdata (sockets only, no TCP).
    local bin owner
    bin="$(gg_pg_bin || true)"
    [ -n "$bin" ] || gg_die "no PostgreSQL server answers and no initdb was found; install PostgreSQL (apt-get install postgresql) or start your server"
    owner="$(id -un)"
    if [ "$(id -u)" = 0 ]; then
        id postgres >/dev/null 2>&1 || gg_die "running as root needs the 'postgres' system user for a private cluster (PostgreSQL refuses to run as root)"
        owner=postgres
    fi
    GG_DB_HOST="$GG_PGDATA/run"
    GG_DB_PORT="${GG_PG_PORT:-5432}"
    if [ ! -f "$GG_PGDATA/data/PG_VERSION" ]; then
        gg_say "no PostgreSQL answers: creating a private cluster in $GG_PGDATA"
        mkdir -p "$GG_PGDATA/data" "$GG_DB_HOST"
        chown -R "$owner" "$GG_PGDATA"
        chmod 700 "$GG_PGDATA/data"
        gg_as "$owner" "$bin/initdb" -D "$GG_PGDATA/data" -A trust -U "$owner" -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! "$bin/pg_isready" -q -h "$GG_DB_HOST" -p "$GG_DB_PORT"; then
        gg_say "starting the private PostgreSQL cluster (socket $GG_DB_HOST)"
        gg_as "$owner" "$bin/pg_ctl" -D "$GG_PGDATA/data" -l "$GG_PGDATA/server.log" -w \
            -o "-c listen_addresses='' -k $GG_DB_HOST -p $GG_DB_PORT" start >/dev/null \
            || gg_die "the private PostgreSQL cluster did not start; see $GG_PGDATA/server.log"
    fi
    if [ "$owner" != "$(id -un)" ]; then
        psql -h "$GG_DB_HOST" -p "$GG_DB_PORT" -U "$owner" -d postgres -Atqc \
            "select 1 from pg_roles where rolname = '$(id -un)'" | grep -q 1 \
            || gg_as "$owner" "$bin/createuser" -h "$GG_DB_HOST" -p "$GG_DB_PORT" -s "$(id -un)"
    fi
}

gg_as() {
    local user="$1"; shift
    if [ "$user" = "$(id -un)" ]; then "$@"; else runuser -u "$user" -- "$@"; fi
}

gg_write_conf() {
    mkdir -p "$GG_RUN/data"
    cat > "$GG_CONF" <<EOF
[options]
addons_path = $ODOO_SRC/addons,$ODOO_SRC/odoo/addons,$GG_ROOT
data_dir = $GG_RUN/data
db_host = ${GG_DB_HOST:-False}
db_port = ${GG_DB_PORT:-False}
db_user = $(id -un)
without_demo = False
EOF
}

# psql/createdb/dropdb against the same server Odoo uses.
gg_psql() {
    if [ -n "$GG_DB_HOST" ]; then PGHOST="$GG_DB_HOST" PGPORT="$GG_DB_PORT" "$@"; else "$@"; fi
}

gg_odoo() {
    "$GG_VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$GG_CONF" "$@"
}

gg_setup() {
    gg_check_odoo_src
    gg_ensure_debs
    gg_ensure_venv
    gg_ensure_pg
    gg_write_conf
}
