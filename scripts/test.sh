#!/usr/bin/env bash
# The project's test command (`make test`). See README.md.
#
#  1. set-up (scripts/lib.sh: Debian packages, .venv, PostgreSQL);
#  2. lint: ruff, pylint-odoo (OCA's mandatory checks), XML well-formedness;
#  3. the wheel builds (whool) with the manifest's version;
#  4. a fresh throwaway database: install the addon with its demo data, running
#     the at_install tests, then every post_install test incl. browser tours in
#     headless Chromium (Odoo's own runner: pytest-odoo skips HttpCase tours);
#     then, installing the addon and test_lint on a second database, the tests
#     of Odoo's hr, calendar, portal and test_lint (peer suites; counted like
#     the addon's, test_lint without its pylint/eslint runs);
#  5. translations: a fresh export by Odoo must match i18n/*.pot and nl.po must
#     translate every msgid;
#  6. lifecycle: upgrade twice, then uninstall;
#  7. drop the database; print "N passed, N failed".
# Exits non-zero on any failed or erroring test, on a skipped test (a skipped
# tour means Chromium or websocket-client is missing), on any ERROR/CRITICAL log
# line, on a failed step, and when no test ran.

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
set +e  # collect every step's result; the verdict comes at the end

gg_setup || exit 2
cd "$GG_ROOT" || exit 2

GG_TEST_DB="${GG_TEST_DB:-gg_test_$$}"
GG_PEER_DB="${GG_TEST_DB}_peer"
LOGDIR="$GG_RUN/test-logs"
rm -rf "$LOGDIR" && mkdir -p "$LOGDIR"
STEPS_FAILED=()
STEPS_PASSED=0
TESTS_PASSED=0
TESTS_FAILED=0
T0=$(date +%s)

step() {  # step NAME COMMAND...: run, log, record the result
    local name="$1"; shift
    local t0 rc
    t0=$(date +%s)
    gg_say "$name"
    "$@" > "$LOGDIR/$name.log" 2>&1
    rc=$?
    if [ $rc -eq 0 ]; then
        STEPS_PASSED=$((STEPS_PASSED + 1))
        gg_say "$name: ok ($(( $(date +%s) - t0 ))s)"
    else
        STEPS_FAILED+=("$name")
        tail -n 40 "$LOGDIR/$name.log"
        gg_say "$name: FAILED (rc=$rc, log: $LOGDIR/$name.log)"
    fi
    return $rc
}

RPC_SERVER_PID=""
cleanup() {
    if [ -n "$RPC_SERVER_PID" ]; then
        kill "$RPC_SERVER_PID" 2>/dev/null
        wait "$RPC_SERVER_PID" 2>/dev/null
        RPC_SERVER_PID=""
    fi
    gg_psql dropdb --if-exists --force "$GG_TEST_DB" >/dev/null 2>&1
    rm -rf "$GG_RUN/data/filestore/$GG_TEST_DB"
    gg_psql dropdb --if-exists --force "$GG_PEER_DB" >/dev/null 2>&1
    rm -rf "$GG_RUN/data/filestore/$GG_PEER_DB"
}
trap cleanup EXIT

# Odoo logs: any ERROR or CRITICAL line is a failure, as in OCA's CI.
odoo_log_clean() {
    ! grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$1"
}

# --- 2. lint ---------------------------------------------------------------
lint_ruff() {
    "$GG_VENV/bin/ruff" check hr_goede_gesprek tests scripts \
        && "$GG_VENV/bin/ruff" format --check hr_goede_gesprek tests scripts
}
lint_pylint() {
    "$GG_VENV/bin/pylint" --rcfile=.pylintrc-mandatory hr_goede_gesprek
}
lint_xml() {
    "$GG_VENV/bin/python" scripts/check_xml.py hr_goede_gesprek
}
step lint-ruff lint_ruff
step lint-pylint-odoo lint_pylint
step lint-xml lint_xml
step lint-readme "$GG_VENV/bin/python" scripts/gen_readme.py --check
# docs/POLICY.md is generated from the models' declared field policies.
lint_policy() {
    PYTHONPATH="$ODOO_SRC" "$GG_VENV/bin/python" scripts/policy_table.py --check
}
step lint-policy lint_policy

# The commands' own behaviour on bad input (pytest, outside Odoo).
step tooling-tests "$GG_VENV/bin/pytest" -q -p no:cacheprovider -p no:odoo tests/test_tooling.py

# --- 3. wheel --------------------------------------------------------------
build_wheel() {
    local out="$GG_RUN/wheel" version
    version="$("$GG_VENV/bin/python" -c "import ast; print(ast.literal_eval(open('hr_goede_gesprek/__manifest__.py').read())['version'])")"
    rm -rf "$out" && mkdir -p "$out"
    "$GG_VENV/bin/pip" wheel -q --no-deps --no-build-isolation hr_goede_gesprek/ -w "$out" || return 1
    ls "$out"
    ls "$out"/odoo_addon_hr_goede_gesprek-"$version"-*.whl >/dev/null 2>&1 \
        || { echo "expected odoo_addon_hr_goede_gesprek-$version-*.whl"; return 1; }
    local listing
    listing="$("$GG_VENV/bin/python" -m zipfile -l "$out"/*.whl)" || return 1
    grep -q "odoo/addons/hr_goede_gesprek/__manifest__.py" <<< "$listing"
}
step wheel build_wheel

# --- 4. install + every test -----------------------------------------------
cleanup
# HttpCase serves on a port of its own: a free one, so `make run` may go on.
GG_TEST_HTTP_PORT="${GG_TEST_HTTP_PORT:-$("$GG_VENV/bin/python" -c \
    'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
run_tests() {
    gg_odoo -d "$GG_TEST_DB" -i "$GG_MODULE" --test-enable --test-tags "/$GG_MODULE" \
        --stop-after-init --http-port="$GG_TEST_HTTP_PORT" --log-level=info \
        --max-cron-threads=0
}
step odoo-tests run_tests
# tally LOG LABEL: add the results of an Odoo test log to the totals. A skipped
# test counts as failed; no test at all, a skipped test or an ERROR/CRITICAL log
# line fails the run. Sets TALLY_RUN.
tally() {
    local log="$1" label="$2" failed errors run skipped log_errors
    read -r failed errors run < <(sed -nE \
        's/.*odoo\.tests\.result: ([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests.*/\1 \2 \3/p' \
        "$log" | tail -n 1)
    run=${run:-0}; failed=${failed:-0}; errors=${errors:-0}
    skipped=$(grep -cE ' odoo\.addons\.[a-z_.]+: skipped ' "$log")
    log_errors=$(grep -cE '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$log")
    TESTS_FAILED=$((TESTS_FAILED + failed + errors + skipped))
    TESTS_PASSED=$((TESTS_PASSED + run - failed - errors - skipped))
    TALLY_RUN=$run
    gg_say "$label: $run run, $failed failed, $errors errors, $skipped skipped, $log_errors ERROR log lines"
    if [ "$run" -eq 0 ]; then STEPS_FAILED+=("no-test-ran($label)"); fi
    if [ "$skipped" -gt 0 ]; then
        grep -E ' skipped ' "$log"
        STEPS_FAILED+=("skipped-tests($label)")
    fi
    if [ "$log_errors" -gt 0 ]; then
        grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$log" | head -n 20
        STEPS_FAILED+=("error-log-lines($label)")
    fi
}
tally "$LOGDIR/odoo-tests.log" "odoo tests"
T_RUN=$TALLY_RUN

# Odoo's own suites must stay green with the addon installed (it extends
# hr.employee, res.company, calendar events and the portal). A database of
# their own, built as Odoo's runbot tests a set of modules: installing the addon
# and test_lint (with demo data) runs the at_install tests of hr, calendar and
# portal when each is installed, then their post_install tests run with
# everything installed, ours included. (Running at_install tests again on a
# database where the addon is already installed is not a valid test: they run
# while the registry is only loaded up to their module, without the addon's
# columns.) test_lint's pylint and eslint runs are left out (the lint steps
# above run OCA's checks); scripts/odoo_peer_tests.py excuses OCA's two manifest
# keys by name in test_lint's manifest test, nothing else.
PEER_TAGS="/hr,/calendar,/portal,/test_lint,-/test_lint:TestPyLint,-/test_lint:TestESLint"
peer_tests() {
    gg_psql dropdb --if-exists --force "$GG_PEER_DB" >/dev/null 2>&1
    # test_lint walks every folder of the addons path: a copy of the addon alone,
    # not the project root (whose .venv holds third-party files).
    local addons="$GG_RUN/peer-addons"
    rm -rf "$addons" && mkdir -p "$addons"
    cp -r "$GG_ROOT/$GG_MODULE" "$addons/" || return 1
    find "$addons" -name __pycache__ -prune -exec rm -rf {} +
    # PATH: test_lint's checker tests call the pylint executable (else skipped).
    PATH="$GG_VENV/bin:$PATH" PYTHONPATH="$ODOO_SRC" \
        "$GG_VENV/bin/python" scripts/odoo_peer_tests.py -c "$GG_CONF" \
        --addons-path="$ODOO_SRC/addons,$ODOO_SRC/odoo/addons,$addons" \
        -d "$GG_PEER_DB" -i "$GG_MODULE,test_lint" --test-enable --test-tags "$PEER_TAGS" \
        --stop-after-init --http-port="$GG_TEST_HTTP_PORT" --log-level=info --max-cron-threads=0
}
step peer-tests peer_tests
tally "$LOGDIR/peer-tests.log" "peer tests (hr, calendar, portal, test_lint)"
gg_psql dropdb --if-exists --force "$GG_PEER_DB" >/dev/null 2>&1
rm -rf "$GG_RUN/data/filestore/$GG_PEER_DB"
# Every test module must be imported by tests/__init__.py, or it silently never runs.
check_test_imports() {
    local f mod missing=0
    for f in hr_goede_gesprek/tests/test_*.py; do
        mod="$(basename "$f" .py)"
        grep -Eq "^from \. import $mod\$" hr_goede_gesprek/tests/__init__.py \
            || { echo "tests/__init__.py does not import $mod"; missing=1; }
    done
    return $missing
}
step test-imports check_test_imports

# External RPC clients and a burst against a multi-worker server (tests/).
rpc_tests() {
    local port pid rc
    port="$("$GG_VENV/bin/python" -c \
        'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    # Odoo itself in the background (not a shell function), so $! is its master.
    "$GG_VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$GG_CONF" -d "$GG_TEST_DB" \
        --db-filter="^$GG_TEST_DB\$" --workers=2 --max-cron-threads=0 \
        --http-interface=127.0.0.1 --http-port="$port" --log-level=warn \
        > "$LOGDIR/rpc-server.log" 2>&1 &
    pid=$!
    RPC_SERVER_PID=$pid
    for _ in $(seq 1 60); do
        curl -fsS "http://127.0.0.1:$port/web/health" >/dev/null 2>&1 && break
        sleep 1
    done
    GG_RPC_URL="http://127.0.0.1:$port" GG_RPC_DB="$GG_TEST_DB" \
        "$GG_VENV/bin/pytest" -q -p no:cacheprovider -p no:odoo tests/test_rpc.py \
            tests/test_reward_concurrency.py
    rc=$?
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    RPC_SERVER_PID=""
    cat "$LOGDIR/rpc-server.log"
    [ $rc -eq 0 ] && odoo_log_clean "$LOGDIR/rpc-server.log"
}
step rpc-tests rpc_tests

# --- 5. translations -------------------------------------------------------
check_i18n() {
    gg_odoo -d "$GG_TEST_DB" --i18n-export="$GG_RUN/export.pot" --modules="$GG_MODULE" \
        --stop-after-init --log-level=warn || return 1
    "$GG_VENV/bin/python" scripts/i18n.py check "$GG_RUN/export.pot"
}
step i18n check_i18n

# --- 6. lifecycle: upgrade twice, uninstall --------------------------------
upgrade() {
    gg_odoo -d "$GG_TEST_DB" -u "$GG_MODULE" --stop-after-init --log-level=warn \
        --max-cron-threads=0 > "$LOGDIR/upgrade-$1.odoo.log" 2>&1 || return 1
    cat "$LOGDIR/upgrade-$1.odoo.log"
    odoo_log_clean "$LOGDIR/upgrade-$1.odoo.log"
}
uninstall() {
    PYTHONPATH="$ODOO_SRC" "$GG_VENV/bin/python" scripts/uninstall.py "$GG_CONF" "$GG_TEST_DB" "$GG_MODULE"
}
step upgrade-1 upgrade 1
step upgrade-2 upgrade 2
step uninstall uninstall

# --- 7. verdict ------------------------------------------------------------
cleanup
# pytest steps count their tests, not just the step.
for log in "$LOGDIR/tooling-tests.log" "$LOGDIR/rpc-tests.log"; do
    summary="$(grep -E '^[0-9]+ (passed|failed)|^=+ .*(passed|failed)' "$log" | tail -n 1)"
    p=$(echo "$summary" | grep -oE '[0-9]+ passed' | grep -oE '[0-9]+')
    f=$(echo "$summary" | grep -oE '[0-9]+ (failed|error)' | grep -oE '[0-9]+' | awk '{s += $1} END {print s + 0}')
    s=$(echo "$summary" | grep -oE '[0-9]+ skipped' | grep -oE '[0-9]+')
    TESTS_PASSED=$((TESTS_PASSED + ${p:-0}))
    TESTS_FAILED=$((TESTS_FAILED + ${f:-0} + ${s:-0}))
done
ELAPSED=$(( $(date +%s) - T0 ))
gg_say "steps passed: $STEPS_PASSED; steps failed: ${#STEPS_FAILED[@]} ${STEPS_FAILED[*]}; ${ELAPSED}s"
PASSED=$((TESTS_PASSED + STEPS_PASSED))
FAILED=$((TESTS_FAILED + ${#STEPS_FAILED[@]}))
echo "$PASSED passed, $FAILED failed"
if [ "$FAILED" -gt 0 ] || [ "$T_RUN" -eq 0 ]; then
    exit 1
fi
exit 0
