# ruff: noqa: E501 - benchmark scripts: SQL and report lines read better whole
"""Benchmark: every screen at demo size and at the scale of a large employer.

Not part of the test run: ``make bench-scale`` (scripts/bench_scale.sh) installs
the addon with its demo data on a throwaway database and runs this script, which

1. measures each screen per role on the demo data (median of warm calls, query
   count),
2. adds a large organisation in bulk SQL (default 50,000 employees under 500
   managers with a department each, 10 conversations per employee over ten
   years with one agreement each, and one decision, reward and appraisal per
   employee). The rows are copies of rows the ORM wrote (a template record per
   table), with the columns that make them distinct set per row; stored related
   fields are then recomputed in SQL along their path, and a sample is checked
   against the ORM's own computation of every stored computed field,
3. measures the same screens again, prints demo, scale, ratio and queries per
   screen, flags every sequential scan of a table above 10,000 rows in the
   plans of a screen's queries, and prints the plans of the slowest screens.

The demo users keep their demo-size share of the data: a ratio above 1 is what
the size of the tables costs a screen that shows the same rows.

    bash scripts/bench_scale.sh [--employees 50000] [--repeat 5] [--markdown FILE]
"""

import argparse
import json
import re
import statistics
import sys
import time
from contextlib import contextmanager
from datetime import date, datetime, timedelta

import odoo
from odoo import SUPERUSER_ID, api
from odoo.sql_db import Cursor

QUIET = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
    "no_reset_password": True,
}
BIG_TABLE = 10_000

# ---------------------------------------------------------------------------
# Query recording
# ---------------------------------------------------------------------------
_RECORDING = []
_original_execute = Cursor.execute


def _recording_execute(self, query, params=None, log_exceptions=True):
    if not _RECORDING:
        return _original_execute(self, query, params, log_exceptions)
    started = time.perf_counter()
    try:
        return _original_execute(self, query, params, log_exceptions)
    finally:
        _RECORDING[-1].append((query, params, time.perf_counter() - started))


Cursor.execute = _recording_execute


@contextmanager
def recording():
    _RECORDING.append([])
    try:
        yield _RECORDING[-1]
    finally:
        _RECORDING.pop()


# ---------------------------------------------------------------------------
# Screens: what the web client and the portal ask for
# ---------------------------------------------------------------------------
def _spec(env, model, view_type):
    """The web client's specification for a view: the fields it loads."""
    views = env[model].get_views([(False, view_type)])
    spec = {}
    for fname, field in views["models"][model]["fields"].items():
        ftype = field["type"]
        if ftype == "one2many":
            continue
        if ftype in ("many2one", "many2many"):
            spec[fname] = {"fields": {"display_name": {}}}
        else:
            spec[fname] = {}
    return spec


def list_screen(model, limit=80):
    def run(env):
        Model = env[model]
        # The web client's list view counts up to 10,001 rows (then "10000+").
        Model.web_search_read(
            [], _spec(env, model, "list"), limit=limit, count_limit=10001
        )

    return run


def kanban_screen(model, groupby="state"):
    def run(env):
        Model = env[model]
        spec = _spec(env, model, "kanban")
        groups = Model.web_read_group([], [groupby], [groupby], lazy=True)
        for group in groups["groups"]:
            if group.get(f"{groupby}_count"):
                Model.web_search_read(group["__domain"], spec, limit=40)

    return run


def group_by_state(model):
    def run(env):
        env[model].web_read_group([], ["state"], ["state"], lazy=True)

    return run


def calendar_month(model, date_field="date_start"):
    def run(env):
        today = date.today().replace(day=1)
        end = (today + timedelta(days=32)).replace(day=1)
        env[model].web_search_read(
            [(date_field, ">=", str(today)), (date_field, "<", str(end))],
            _spec(env, model, "calendar"),
        )

    return run


def smart_buttons(env):
    """The counters on the employee form (HR and managers: hr.employee, a
    member of their team; the employee: their public profile). The employee
    the form shows is picked before the timing (``_smart_button_target``)."""
    model, record_id = env.context["bench_target"]
    records = env[model].browse(record_id)
    fnames = ["goede_gesprek_count", "goede_gesprek_open_agreement_count"]
    records.read([f for f in fnames if f in records._fields])


def _smart_button_target(env):
    employee = env.user.employee_id
    if env.user.has_group("hr.group_hr_user") or env.user.has_group(
        "hr_goede_gesprek.group_goede_gesprek_manager"
    ):
        team = env["hr.employee"].search([("parent_id.user_id", "=", env.uid)], limit=1)
        return ("hr.employee", (team or employee).id)
    return ("hr.employee.public", employee.id)


PORTAL_MODELS = {
    "conversations": ("hr.goede.gesprek", "date_start desc, id desc"),
    "agreements": ("hr.goede.gesprek.agreement", "deadline, id"),
    "decisions": ("hr.goede.gesprek.decision", "date_issued desc, id desc"),
    "appraisals": ("hr.goede.gesprek.appraisal", "request_date desc, id desc"),
    "feedback": ("hr.goede.gesprek.feedback.request", "create_date desc, id desc"),
}


def portal_home(env):
    """/my: one counter per document family."""
    for model, _order in PORTAL_MODELS.values():
        Model = env[model]
        if Model.has_access("read"):
            Model.search_count(Model._get_portal_domain())


def portal_list(key):
    model, order = PORTAL_MODELS[key]

    def run(env):
        Model = env[model]
        domain = Model._get_portal_domain()
        Model.search_count(domain)
        records = Model.search(domain, order=order, limit=20)
        records.read(
            ["display_name", "state"] if "state" in Model._fields else ["display_name"]
        )

    return run


def coverage(env):
    """HR: employees without a held conversation in the last 12 months."""
    since = (date.today() - timedelta(days=365)).strftime("%Y-%m-%d")
    env["hr.employee"].search_count([("no_goede_gesprek_since", "=", since)])


ROLE_LOGINS = {
    "employee": "employee",
    "manager": "manager",
    "HR officer": "hr_officer",
    "portal": "portal_employee",
}


def dashboard(env):
    """The HR dashboard's overview (a manager: their team's) as it opens: the
    last 12 months, last night's figures."""
    Dashboard = env["hr.goede.gesprek.dashboard"]
    figures = Dashboard.new(
        Dashboard.default_get(["date_from", "date_to"])
    )._get_figures()
    if not figures["figures_as_of"]:
        raise RuntimeError("the dashboard found no nightly figures: refresh first")


def dashboard_live(env):
    """The dashboard for a period of its own (computed live): shown, not judged."""
    since = date.today() - timedelta(days=180)
    env["hr.goede.gesprek.dashboard"].new({"date_from": since})._get_figures()


def refresh_dashboard(registry):
    """Compute the nightly figures, as the cron does; prints its cost."""
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        started = time.perf_counter()
        rows = env["hr.goede.gesprek.dashboard.snapshot"]._refresh()
        print(
            f"dashboard figures of {registry.db_name}: {len(rows)} scopes "
            f"in {time.perf_counter() - started:.1f} s"
        )


SCREENS = [
    # (role, screen, callable, kind): kind "scoped" (target ratio 2),
    # "hr-list" (2), "coverage" (3), "dashboard" (3 and at most 20 queries),
    # "hr-aggregate" (may grow; index plan).
    ("employee", "conversation list", list_screen("hr.goede.gesprek"), "scoped"),
    ("employee", "conversations by state", kanban_screen("hr.goede.gesprek"), "scoped"),
    ("employee", "calendar month", calendar_month("hr.goede.gesprek"), "scoped"),
    (
        "employee",
        "agreements list",
        list_screen("hr.goede.gesprek.agreement"),
        "scoped",
    ),
    ("employee", "decisions list", list_screen("hr.goede.gesprek.decision"), "scoped"),
    ("employee", "rewards list", list_screen("hr.goede.gesprek.reward"), "scoped"),
    ("employee", "employee form buttons", smart_buttons, "scoped"),
    ("employee", "portal home", portal_home, "scoped"),
    ("employee", "portal conversations", portal_list("conversations"), "scoped"),
    ("manager", "conversation list", list_screen("hr.goede.gesprek"), "scoped"),
    ("manager", "conversations by state", kanban_screen("hr.goede.gesprek"), "scoped"),
    ("manager", "calendar month", calendar_month("hr.goede.gesprek"), "scoped"),
    ("manager", "agreements list", list_screen("hr.goede.gesprek.agreement"), "scoped"),
    ("manager", "decisions list", list_screen("hr.goede.gesprek.decision"), "scoped"),
    ("manager", "rewards list", list_screen("hr.goede.gesprek.reward"), "scoped"),
    ("manager", "employee form buttons", smart_buttons, "scoped"),
    ("HR officer", "conversation list", list_screen("hr.goede.gesprek"), "hr-list"),
    (
        "HR officer",
        "agreements list",
        list_screen("hr.goede.gesprek.agreement"),
        "hr-list",
    ),
    (
        "HR officer",
        "decisions list",
        list_screen("hr.goede.gesprek.decision"),
        "hr-list",
    ),
    ("HR officer", "rewards list", list_screen("hr.goede.gesprek.reward"), "hr-list"),
    ("HR officer", "employee form buttons", smart_buttons, "hr-list"),
    ("HR officer", "coverage (no conversation in 12 months)", coverage, "coverage"),
    ("HR officer", "dashboard overview", dashboard, "dashboard"),
    ("manager", "dashboard overview (team)", dashboard, "dashboard"),
    ("HR officer", "dashboard, a period of its own (live)", dashboard_live, "info"),
    ("manager", "dashboard, a period of its own (live)", dashboard_live, "info"),
    (
        "HR officer",
        "all conversations by state",
        group_by_state("hr.goede.gesprek"),
        "hr-aggregate",
    ),
    ("portal", "portal home", portal_home, "scoped"),
    ("portal", "portal conversations", portal_list("conversations"), "scoped"),
    ("portal", "portal agreements", portal_list("agreements"), "scoped"),
    ("portal", "portal decisions", portal_list("decisions"), "scoped"),
    ("portal", "portal appraisals", portal_list("appraisals"), "scoped"),
    ("portal", "portal 360° feedback", portal_list("feedback"), "scoped"),
]
TARGET_KINDS = {(role, screen): kind for role, screen, _func, kind in SCREENS}
TARGETS = {
    "scoped": 2.0,
    "hr-list": 2.0,
    "coverage": 3.0,
    "dashboard": 3.0,
    "hr-aggregate": None,
    "info": None,
}


def measure(registry, repeat):
    results = {}
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        users = {
            role: env["res.users"].search([("login", "=", login)]).id
            for role, login in ROLE_LOGINS.items()
        }
        for role, screen, func, _kind in SCREENS:
            user_env = api.Environment(
                cr, users[role], {"lang": "en_US", "tz": "Europe/Amsterdam"}
            )
            user_env = user_env(
                context=dict(
                    user_env.context, allowed_company_ids=user_env.user.company_ids.ids
                )
            )
            if func is smart_buttons:
                target = _smart_button_target(user_env)
                user_env = user_env(context=dict(user_env.context, bench_target=target))
            func(user_env)  # warm: caches of the registry, views, rules
            timings = []
            for _ in range(repeat):
                user_env.invalidate_all()
                before = cr.sql_log_count
                with recording() as queries:
                    started = time.perf_counter()
                    func(user_env)
                    seconds = time.perf_counter() - started
                timings.append((seconds, cr.sql_log_count - before, list(queries)))
            timings.sort(key=lambda t: t[0])
            median = statistics.median(t[0] for t in timings)
            results[(role, screen)] = {
                "ms": median * 1000,
                "queries": timings[0][1],
                "recorded": timings[-1][2],
            }
        cr.rollback()
    return results


def explain(registry, recorded, analyze=False):
    """Plans of the recorded queries; the big tables each one scans."""
    plans, seq_scans = [], set()
    with registry.cursor() as cr:
        cr.execute(
            "SELECT relname, reltuples FROM pg_class WHERE relkind = 'r' AND reltuples > %s",
            (BIG_TABLE,),
        )
        big = dict(cr.fetchall())
        for query, params, seconds in recorded:
            if hasattr(query, "code"):  # odoo.tools.SQL
                text, params = query.code, query.params
            else:
                text = query
            if not str(text).lstrip().upper().startswith("SELECT"):
                continue
            option = "(ANALYZE, TIMING OFF, SUMMARY OFF)" if analyze else ""
            cr._obj.execute(f"EXPLAIN {option} {text}", params)
            plan = "\n".join(row[0] for row in cr._obj.fetchall())
            for table in re.findall(r"Seq Scan on (\w+)", plan):
                if table in big:
                    seq_scans.add(table)
            plans.append((seconds, text, params, plan))
        cr.rollback()
    plans.sort(key=lambda p: -p[0])
    return plans, seq_scans


# ---------------------------------------------------------------------------
# Building the organisation in bulk SQL
# ---------------------------------------------------------------------------
def columns(cr, table):
    cr.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_name = %s AND column_name != 'id' ORDER BY ordinal_position",
        (table,),
    )
    return [row[0] for row in cr.fetchall()]


def clone(cr, table, template_id, source, overrides, params=()):
    """INSERT copies of row ``template_id`` of ``table``, one per row of the
    ``source`` query (alias ``s``), with ``overrides`` {column: SQL on s}."""
    cols = columns(cr, table)
    unknown = set(overrides) - set(cols)
    if unknown:
        raise ValueError(f"{table} has no columns {sorted(unknown)}")
    select = ", ".join(overrides.get(col, f"t.{col}") for col in cols)
    cr.execute(
        f"INSERT INTO {table} ({', '.join(cols)}) "  # noqa: S608 - benchmark data
        f"SELECT {select} FROM {table} t, ({source}) s WHERE t.id = %s",
        (*params, template_id),
    )
    return cr.rowcount


def recompute_related(env, model, where):
    """Set each stored related field of ``model`` along its path, in SQL."""
    Model = env[model]
    table = Model._table
    for field in Model._fields.values():
        if not (field.store and field.related and field.type != "many2many"):
            continue
        if field.translate:
            continue
        path = field.related.split(".")
        joins, alias, current = [], "r", Model
        for i, fname in enumerate(path[:-1]):
            hop = current._fields[fname]
            if hop.type != "many2one" or not hop.store:
                break
            nxt = f"j{i}"
            joins.append(
                f"LEFT JOIN {env[hop.comodel_name]._table} {nxt} ON {nxt}.id = {alias}.{fname}"
            )
            alias, current = nxt, env[hop.comodel_name]
        else:
            last = current._fields[path[-1]]
            if not last.store or last.type in ("one2many", "many2many"):
                continue
            cr = env.cr
            cr.execute(
                f"UPDATE {table} u SET {field.name} = sub.v FROM ("  # noqa: S608
                f"SELECT r.id, {alias}.{path[-1]} AS v FROM {table} r {' '.join(joins)} "
                f"WHERE {where.replace('X.', 'r.')}) sub WHERE sub.id = u.id"
            )


def verify(env, model, where, sample=200, only=None):
    """Compare the stored computed fields of a sample (or those named in
    ``only``) with the ORM's values."""
    Model = env[model].sudo().with_context(active_test=False)
    env.cr.execute(
        f"SELECT id FROM {Model._table} X WHERE {where} ORDER BY random() LIMIT %s",  # noqa: S608
        (sample,),
    )
    records = Model.browse([row[0] for row in env.cr.fetchall()])
    fields_checked, mismatches = 0, []
    for field in Model._fields.values():
        if not (field.store and field.compute) or field.type == "one2many":
            continue
        if field.name in ("display_name", "access_url"):
            continue
        if only and field.name not in only:
            continue
        stored = {r.id: r[field.name] for r in records}
        with env.cr.savepoint(flush=False):
            records.invalidate_recordset([field.name])
            field.compute_value(records)
            for record in records:
                value = env.cache.get(record, field)
                value = field.convert_to_record(value, record)
                if value != stored[record.id]:
                    mismatches.append((field.name, record.id, stored[record.id], value))
                    break
        records.invalidate_recordset([field.name])
        fields_checked += 1
    env.invalidate_all()
    return fields_checked, len(records), mismatches


def settle(env, model, where, batch=5000, only=None):
    """Stored computed fields a bulk copy cannot know (names, dates derived
    from the row): the ORM computes them for every new row, in batches."""
    _n, _m, mismatches = verify(env, model, where, only=only)
    fnames = sorted({name for name, *_rest in mismatches})
    if not fnames:
        return []
    Model = env[model].sudo().with_context(active_test=False, **QUIET)
    env.cr.execute(f"SELECT id FROM {Model._table} X WHERE {where} ORDER BY id")  # noqa: S608
    ids = [row[0] for row in env.cr.fetchall()]
    fields_ = [Model._fields[f] for f in fnames]
    for start in range(0, len(ids), batch):
        records = Model.browse(ids[start : start + batch])
        for field in fields_:
            env.add_to_compute(field, records)
        records._recompute_recordset(fnames)
        env.flush_all()
        env.invalidate_all()
    return fnames


def build(registry, employees, managers, per_employee):
    started = time.time()
    per_manager = max(employees // managers, 1)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, QUIET)
        company = env.ref("base.main_company")
        manager_group = env.ref("hr_goede_gesprek.group_goede_gesprek_manager")
        users = env["res.users"].create(
            [
                {
                    "name": f"Scale manager {i}",
                    "login": f"scale_manager_{i}",
                    "email": f"scale.manager.{i}@example.com",
                    "groups_id": [
                        (4, manager_group.id),
                        (4, env.ref("base.group_user").id),
                    ],
                }
                for i in range(managers)
            ]
        )
        bosses = env["hr.employee"].create(
            [
                {"name": user.name, "user_id": user.id, "company_id": company.id}
                for user in users
            ]
        )
        departments = env["hr.department"].create(
            [
                {"name": f"Scale department {i}", "manager_id": boss.id}
                for i, boss in enumerate(bosses)
            ]
        )
        for boss, department in zip(bosses, departments, strict=True):
            boss.department_id = department
        template = env["hr.employee"].create(
            {
                "name": "Scale template",
                "parent_id": bosses[0].id,
                "department_id": departments[0].id,
                "work_email": "scale.template@example.com",
            }
        )
        env.flush_all()
        print(
            f"  {managers} managers with users and departments ({time.time() - started:.0f} s)",
            flush=True,
        )
        # Work contacts and resources first, then the employees, joined by name.
        source = f"SELECT i, 'Scale employee ' || i AS name FROM generate_series(0, {employees - 1}) i"
        clone(
            cr,
            "res_partner",
            template.work_contact_id.id,
            source,
            {
                "name": "s.name",
                "complete_name": "s.name",
                "email": "'scale.' || s.i || '@example.com'",
                "email_normalized": "'scale.' || s.i || '@example.com'",
                "create_date": "now() at time zone 'UTC'",
                "write_date": "now() at time zone 'UTC'",
            },
        )
        cr.execute(
            "UPDATE res_partner SET commercial_partner_id = id WHERE name LIKE 'Scale employee %'"
        )
        clone(
            cr, "resource_resource", template.resource_id.id, source, {"name": "s.name"}
        )
        source = f"""
            SELECT g.i, p.id AS partner_id, r.id AS resource_id, b.id AS boss_id,
                   b.department_id
              FROM generate_series(0, {employees - 1}) g(i)
              JOIN res_partner p ON p.name = 'Scale employee ' || g.i
              JOIN resource_resource r ON r.name = 'Scale employee ' || g.i
              JOIN (SELECT id, department_id, row_number() OVER (ORDER BY id) - 1 AS k
                      FROM hr_employee WHERE name LIKE 'Scale manager %%') b
                ON b.k = LEAST(g.i / {per_manager}, {managers - 1})
        """
        count = clone(
            cr,
            "hr_employee",
            template.id,
            source,
            {
                "name": "'Scale employee ' || s.i",
                "resource_id": "s.resource_id",
                "work_contact_id": "s.partner_id",
                "parent_id": "s.boss_id",
                "coach_id": "s.boss_id",
                "department_id": "s.department_id",
                "work_email": "'scale.' || s.i || '@example.com'",
                "create_date": "now() at time zone 'UTC' - interval '11 years'",
                "write_date": "now() at time zone 'UTC'",
            },
        )
        print(f"  {count} employees ({time.time() - started:.0f} s)", flush=True)
        cr.execute(
            "SELECT min(id), max(id) FROM hr_employee WHERE name LIKE 'Scale employee %'"
        )
        first_employee, last_employee = cr.fetchone()
        employee_range = f"X.employee_id BETWEEN {first_employee} AND {last_employee}"

        # Conversations: per employee ``per_employee`` over the years; a third
        # of the employees had none in the last 12 months (coverage).
        # Each state is copied from a demo conversation in that state, so that
        # a conversation in preparation carries no report, signature or closed
        # agenda of a finished one.
        Conversation = env["hr.goede.gesprek"]
        done = Conversation.search([("state", "=", "done")], limit=1)
        source = f"""
            SELECT q.*, CASE WHEN q.start > now() AND q.employee_id %% 2 = 0 THEN 'preparing'
                             WHEN q.start > now() THEN 'planned'
                             WHEN q.k = 0 AND q.employee_id %% 7 = 0 THEN 'report'
                             ELSE 'done' END AS state
              FROM (SELECT e.id AS employee_id, e.company_id, k,
                   (now() at time zone 'UTC') - make_interval(days =>
                       k * 365 + (e.id %% 300) + CASE WHEN e.id %% 3 = 0 THEN 400 ELSE 0 END
                       - CASE WHEN k = 0 AND e.id %% 5 = 0 THEN 330 ELSE 0 END) AS start
              FROM hr_employee e, generate_series(0, {per_employee - 1}) k
             WHERE e.id BETWEEN {first_employee} AND {last_employee}) q
        """
        count = 0
        for state in ("preparing", "planned", "report", "done"):
            tmpl = Conversation.search([("state", "=", state)], limit=1) or done
            count += clone(
                cr,
                "hr_goede_gesprek",
                tmpl.id,
                f"SELECT * FROM ({source}) r WHERE r.state = '{state}'",
                {
                    "name": "'Scale conversation ' || s.employee_id || '/' || s.k",
                    "employee_id": "s.employee_id",
                    "company_id": "s.company_id",
                    "date_start": "s.start",
                    "state": "s.state",
                    "access_token": "NULL",
                    "report_attachment_id": "NULL",
                    "next_version_id": "NULL",
                    "create_date": "s.start - interval '30 days'",
                    "write_date": "s.start",
                }
                | (
                    {"requested_date": "NULL"}
                    if "requested_date" in columns(cr, "hr_goede_gesprek")
                    else {}
                ),
            )
        recompute_related(env, "hr.goede.gesprek", employee_range)
        cr.execute(f"""
            INSERT INTO hr_goede_gesprek_partner_rel (conversation_id, employee_id)
            SELECT X.id, e.parent_id FROM hr_goede_gesprek X
              JOIN hr_employee e ON e.id = X.employee_id WHERE {employee_range}
              ON CONFLICT DO NOTHING;
            INSERT INTO hr_goede_gesprek_partner_user_rel (conversation_id, user_id)
            SELECT X.id, b.user_id FROM hr_goede_gesprek X
              JOIN hr_employee e ON e.id = X.employee_id
              JOIN hr_employee b ON b.id = e.parent_id WHERE {employee_range}
              ON CONFLICT DO NOTHING;
        """)
        # What the ORM derives from the row, in SQL (checked by settle below):
        # the name in the language and time zone of the superuser (en_US, UTC).
        cr.execute(f"""
            UPDATE hr_goede_gesprek X
               SET name = CASE WHEN X.conversation_type = 'checkin' THEN 'Check-in'
                               ELSE 'Good conversation' END
                          || ' – ' || e.name || ' – ' || to_char(X.date_start, 'MM/DD/YYYY'),
                   date_stop = X.date_start + make_interval(secs => coalesce(X.duration, 0) * 3600),
                   partner_names = b.name
              FROM hr_employee e JOIN hr_employee b ON b.id = e.parent_id
             WHERE e.id = X.employee_id AND {employee_range}
        """)
        settled = settle(env, "hr.goede.gesprek", employee_range)
        # The employee's stored date of the last held conversation (coverage),
        # as its compute derives it; checked against the ORM below.
        cr.execute(f"""
            UPDATE hr_employee e SET goede_gesprek_last_held_date = m.last, goede_gesprek_coverage_date = m.last
              FROM (SELECT employee_id, max(date_start) AS last FROM hr_goede_gesprek X
                     WHERE state IN ('held', 'report', 'done') AND date_start IS NOT NULL
                       AND {employee_range} GROUP BY employee_id) m
             WHERE m.employee_id = e.id
        """)
        settled += settle(
            env,
            "hr.employee",
            f"X.id BETWEEN {first_employee} AND {last_employee}",
            only={"goede_gesprek_last_held_date", "goede_gesprek_coverage_date"},
        )
        print(
            f"  {count} conversations ({time.time() - started:.0f} s; by the ORM: {settled})",
            flush=True,
        )

        # One agreement per conversation.
        Agreement = env["hr.goede.gesprek.agreement"]
        tmpl = Agreement.search([("state", "=", "agreed")], limit=1)
        source = f"""
            SELECT X.id AS conversation_id, X.employee_id, X.company_id, X.date_start,
                   X.state AS conversation_state
              FROM hr_goede_gesprek X WHERE {employee_range}
        """
        overrides = {
            "name": "'Scale agreement ' || s.conversation_id",
            "conversation_id": "s.conversation_id",
            "employee_id": "s.employee_id",
            "company_id": "s.company_id",
            "deadline": "(s.date_start + interval '180 days')::date",
            "state": "CASE WHEN s.conversation_state = 'done' THEN 'done' ELSE 'agreed' END",
            "create_date": "s.date_start",
            "write_date": "s.date_start",
        }
        agreement_cols = columns(cr, "hr_goede_gesprek_agreement")
        for col in ("access_token", "decision_id"):
            if col in agreement_cols:
                overrides[col] = "NULL"
        count = clone(cr, "hr_goede_gesprek_agreement", tmpl.id, source, overrides)
        recompute_related(env, "hr.goede.gesprek.agreement", employee_range)
        settled = settle(env, "hr.goede.gesprek.agreement", employee_range)
        print(
            f"  {count} agreements ({time.time() - started:.0f} s; by the ORM: {settled})",
            flush=True,
        )

        # One decision, reward and appraisal per employee, from a demo one.
        one_each = [
            (
                "hr.goede.gesprek.decision",
                [("state", "not in", ("draft",))],
                "date_issued",
            ),
            ("hr.goede.gesprek.reward", [], "date"),
            ("hr.goede.gesprek.appraisal", [], "request_date"),
        ]
        for model, domain, date_field in one_each:
            Model = env[model].with_context(active_test=False)
            tmpl = Model.search(domain, limit=1)
            if not tmpl:
                print(f"  no demo {model} to copy: skipped")
                continue
            table = Model._table
            cols = columns(cr, table)
            overrides = {
                "employee_id": "s.employee_id",
                "company_id": "s.company_id",
                date_field: f"(now() - make_interval(days => s.employee_id %% 3000))::{Model._fields[date_field].column_type[1]}",
                "create_date": "now() at time zone 'UTC'",
                "write_date": "now() at time zone 'UTC'",
            }
            if "name" in cols:
                overrides["name"] = f"'SCALE/{table}/' || s.employee_id"
            # Links to other documents and files are the template's own.
            for fname, field in Model._fields.items():
                if (
                    field.type == "many2one"
                    and field.store
                    and fname in cols
                    and fname not in overrides
                    and field.comodel_name
                    not in (
                        "res.company",
                        "res.users",
                        "res.currency",
                        "hr.goede.gesprek.legal.topic",
                        "hr.goede.gesprek.dispute.route",
                        "hr.goede.gesprek.appraisal.scale",
                        "hr.employee",
                        "hr.department",
                    )
                    and not field.related
                ):
                    overrides[fname] = "NULL" if not field.required else f"t.{fname}"
                if fname == "access_token" and fname in cols:
                    overrides[fname] = "NULL"
            for fname, field in Model._fields.items():
                # Other employees on the document (its manager): the employee's.
                if (
                    field.type == "many2one"
                    and field.comodel_name == "hr.employee"
                    and field.store
                    and not field.related
                    and fname != "employee_id"
                    and fname in cols
                ):
                    overrides[fname] = "s.parent_id"
            source = f"""
                SELECT e.id AS employee_id, e.company_id, e.parent_id FROM hr_employee e
                 WHERE e.id BETWEEN {first_employee} AND {last_employee}
            """
            count = clone(cr, table, tmpl.id, source, overrides)
            recompute_related(env, model, employee_range)
            settled = settle(env, model, employee_range)
            print(
                f"  {count} {model} ({time.time() - started:.0f} s; by the ORM: {settled})",
                flush=True,
            )
        prepare_load_users(env, first_employee)
        cr.commit()
        checks = []
        for model in (
            "hr.goede.gesprek",
            "hr.goede.gesprek.agreement",
            "hr.goede.gesprek.decision",
            "hr.goede.gesprek.reward",
            "hr.goede.gesprek.appraisal",
        ):
            checks.append((model, *verify(env, model, employee_range)))
        cr.rollback()
    with registry.cursor() as cr:
        cr._cnx.autocommit = True
        cr._obj.execute("VACUUM ANALYZE")
    print(f"organisation built in {time.time() - started:.0f} s")
    ok = True
    for model, nfields, nrecords, mismatches in checks:
        print(
            f"  checked {nfields} stored computed fields of {nrecords} {model} against the ORM: "
            f"{'all agree' if not mismatches else mismatches[:5]}"
        )
        ok = ok and not mismatches
    return ok


LOAD_USERS = {"employee": 20, "manager": 10, "hr": 10, "portal": 10}


def prepare_load_users(env, first_employee):
    """Logins for the load test (tests/bench_load.py), password = login:
    employees with a planned conversation ahead, their managers, HR officers,
    and portal-only employees recognised by their work contact."""
    Users = env["res.users"].with_context(no_reset_password=True)
    officer = env.ref("hr_goede_gesprek.group_goede_gesprek_officer")
    internal = env.ref("base.group_user")
    portal = env.ref("base.group_portal")
    env.cr.execute(
        """SELECT id FROM (
               SELECT e.id, e.parent_id,
                      row_number() OVER (PARTITION BY e.parent_id ORDER BY e.id) AS rank
                 FROM hr_employee e
                WHERE e.id >= %s AND e.user_id IS NULL AND EXISTS (
                      SELECT 1 FROM hr_goede_gesprek g
                       WHERE g.employee_id = e.id AND g.state = 'preparing')) ranked
            ORDER BY rank, parent_id, id LIMIT %s""",
        (first_employee, LOAD_USERS["employee"] + LOAD_USERS["portal"]),
    )
    employees = env["hr.employee"].browse([row[0] for row in env.cr.fetchall()])
    for i, employee in enumerate(employees[: LOAD_USERS["employee"]]):
        user = Users.create(
            {
                "name": employee.name,
                "login": f"load_employee_{i}",
                "password": f"load_employee_{i}",
                "groups_id": [(6, 0, internal.ids)],
            }
        )
        employee.user_id = user
    for i, employee in enumerate(employees[LOAD_USERS["employee"] :]):
        Users.create(
            {
                "name": employee.name,
                "login": f"load_portal_{i}",
                "password": f"load_portal_{i}",
                "partner_id": employee.work_contact_id.id,
                "groups_id": [(6, 0, portal.ids)],
            }
        )
    bosses = employees[: LOAD_USERS["manager"]].parent_id.user_id
    for i, user in enumerate(bosses):
        user.write({"login": f"load_manager_{i}", "password": f"load_manager_{i}"})
    for i in range(LOAD_USERS["hr"]):
        Users.create(
            {
                "name": f"Load HR officer {i}",
                "email": f"load.hr.{i}@example.com",
                "login": f"load_hr_{i}",
                "password": f"load_hr_{i}",
                "groups_id": [(6, 0, officer.ids)],
            }
        )
    env.flush_all()


def counts(registry):
    with registry.cursor() as cr:
        cr.execute(
            "SELECT (SELECT count(*) FROM hr_employee), (SELECT count(*) FROM hr_goede_gesprek), "
            "(SELECT count(*) FROM hr_goede_gesprek_agreement), "
            "(SELECT count(*) FROM hr_goede_gesprek_decision), "
            "(SELECT count(*) FROM hr_goede_gesprek_reward)"
        )
        return cr.fetchone()


def judge(kind, ratio, queries, seq):
    """What a screen misses of its target ("ok" when nothing)."""
    target = TARGETS[kind]
    misses = []
    if target and ratio > target:
        misses.append(f"ratio > {target:g}")
    if kind == "dashboard" and queries > 20:
        misses.append("queries > 20")
    if seq and kind != "info":
        misses.append("seq scan " + ",".join(sorted(seq)))
    return ", ".join(misses) or "ok"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--config", required=True)
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--employees", type=int, default=50_000)
    parser.add_argument("--managers", type=int, default=500)
    parser.add_argument("--per-employee", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--plans", type=int, default=3, help="plans printed (slowest screens)"
    )
    parser.add_argument(
        "--markdown", help="also write the table as Markdown to this file"
    )
    parser.add_argument("--json", help="also write the figures as JSON to this file")
    parser.add_argument(
        "--demo-db",
        help="measure db against this demo-size database, passes interleaved "
        "(instead of measuring db before and after building)",
    )
    parser.add_argument(
        "--pad-demo",
        type=int,
        default=0,
        help="with --demo-db: first add this many employees (one conversation, "
        "agreement, decision, reward each) to it, so HR's lists show a full page",
    )
    parser.add_argument(
        "--no-build", action="store_true", help="with --demo-db: db is already built"
    )
    parser.add_argument(
        "--rounds", type=int, default=3, help="with --demo-db: interleaved passes"
    )
    args = parser.parse_args()
    odoo.tools.config.parse_config(
        ["-c", args.config, "-d", args.db, f"--addons-path={args.addons_path}"]
    )
    registry = odoo.modules.registry.Registry(args.db)

    if args.demo_db:
        # Same machine, same minutes: demo and scale passes alternate, and
        # each screen's figure is the median of its passes.
        demo_registry = odoo.modules.registry.Registry(args.demo_db)
        if args.pad_demo and not build(
            demo_registry, args.pad_demo, max(args.pad_demo // 20, 1), 1
        ):
            print("error: bulk rows differ from what the ORM computes")
            return 2
        if not args.no_build and not build(
            registry, args.employees, args.managers, args.per_employee
        ):
            print("error: bulk rows differ from what the ORM computes")
            return 2
        print(
            "sizes: demo %s, scale %s (employees, conversations, agreements, "
            "decisions, rewards)" % (counts(demo_registry), counts(registry))
        )
        refresh_dashboard(demo_registry)
        refresh_dashboard(registry)
        passes = [
            (measure(demo_registry, args.repeat), measure(registry, args.repeat))
            for _round in range(args.rounds)
        ]
        demo, scale = (
            {
                key: {
                    "ms": statistics.median(p[side][key]["ms"] for p in passes),
                    "queries": passes[0][side][key]["queries"],
                    "recorded": passes[-1][side][key]["recorded"],
                }
                for key in passes[0][side]
            }
            for side in (0, 1)
        )
        sizes = counts(registry)
    else:
        print(
            "sizes before: employees %d, conversations %d, agreements %d, decisions %d, rewards %d"
            % counts(registry)
        )
        refresh_dashboard(registry)
        demo = measure(registry, args.repeat)
        if not build(registry, args.employees, args.managers, args.per_employee):
            print("error: bulk rows differ from what the ORM computes")
            return 2
        sizes = counts(registry)
        print(
            "sizes after: employees %d, conversations %d, agreements %d, decisions %d, rewards %d"
            % sizes
        )
        refresh_dashboard(registry)
        scale = measure(registry, args.repeat)

    rows, failures = [], []
    for role, screen, _func, kind in SCREENS:
        d, s = demo[(role, screen)], scale[(role, screen)]
        ratio = s["ms"] / d["ms"] if d["ms"] else float("inf")
        plans, seq = explain(registry, s["recorded"])
        verdict = judge(kind, ratio, s["queries"], seq)
        if verdict != "ok":
            failures.append((role, screen, verdict))
        rows.append(
            {
                "role": role,
                "screen": screen,
                "kind": kind,
                "demo_ms": round(d["ms"], 2),
                "scale_ms": round(s["ms"], 2),
                "ratio": round(ratio, 2),
                "queries_demo": d["queries"],
                "queries_scale": s["queries"],
                "seq_scans": sorted(seq),
                "verdict": verdict,
            }
        )
    header = "| Role | Screen | demo (ms) | scale (ms) | ratio | queries | verdict |"
    lines = [header, "|---|---|---:|---:|---:|---:|---|"]
    for r in rows:
        q = (
            f"{r['queries_demo']}"
            if r["queries_demo"] == r["queries_scale"]
            else f"{r['queries_demo']} → {r['queries_scale']}"
        )
        lines.append(
            f"| {r['role']} | {r['screen']} | {r['demo_ms']:.1f} | {r['scale_ms']:.1f} | ×{r['ratio']:.2f} | {q} | {r['verdict']} |"
        )
    table = "\n".join(lines)
    print()
    print(
        f"Scale: {sizes[0]:,} employees, {sizes[1]:,} conversations, {sizes[2]:,} agreements, "
        f"{sizes[3]:,} decisions, {sizes[4]:,} rewards; median of {args.repeat} warm calls"
    )
    print(table)
    slowest = sorted(rows, key=lambda r: -r["scale_ms"])[: args.plans]
    for r in slowest:
        plans, _seq = explain(
            registry, scale[(r["role"], r["screen"])]["recorded"], analyze=True
        )
        if not plans:
            continue
        seconds, text, params, plan = plans[0]
        print(
            f"\n--- slowest query of '{r['role']}: {r['screen']}' ({seconds * 1000:.1f} ms) ---"
        )
        print(re.sub(r"\s+", " ", str(text))[:600], params)
        print(plan)
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as out:
            out.write(table + "\n")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(
                {"sizes": sizes, "rows": rows, "at": datetime.now().isoformat()},
                out,
                indent=1,
            )
    if failures:
        print(f"\n{len(failures)} screen(s) miss their target:")
        for role, screen, verdict in failures:
            print(f"  {role}: {screen}: {verdict}")
        return 1
    print("\nevery screen meets its target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
