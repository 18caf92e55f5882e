"""Benchmark: producing the access-request set of an employee with 10 years
of history (AVG art. 15).

Not part of the test run. On a database with the addon installed:

    .venv/bin/python tests/bench_access_request.py <db> --config .run/odoo.conf

It builds, in one transaction, one employee with ``--years`` years of
history: ``--per-year`` conversations a year, each with an agenda line, an
agreement, a decision, a reward and a chatter note, and per year an
appraisal, an objection, an hours request, a 360° request (respondent and
answer), an experience answer and a trigger prompt (the fixture of the tests,
``hr_goede_gesprek/tests/common_access.py``). Then an HR officer produces the
set; the script prints the seconds, the queries and the size of the ZIP, and
rolls everything back.
"""

import argparse
import importlib.util
import sys
import time
from pathlib import Path

sys.path.insert(0, "/opt/odoo")

import odoo  # noqa: E402
from odoo import SUPERUSER_ID, api  # noqa: E402

QUIET = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
    "no_reset_password": True,
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--config", help="odoo.conf (addons path, database)")
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--per-year", type=int, default=10)
    args = parser.parse_args()
    options = ["-c", args.config] if args.config else []
    odoo.tools.config.parse_config(options)
    registry = odoo.modules.registry.Registry(args.db)

    # The fixture file alone: importing the addon's tests package would load
    # every test module (and odoo.tests) into this script.
    spec = importlib.util.spec_from_file_location(
        "common_access",
        Path(__file__).parent.parent / "hr_goede_gesprek/tests/common_access.py",
    )
    common_access = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(common_access)
    build_history = common_access.build_history

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, QUIET)
        Users = env["res.users"]
        officer = Users.create(
            {
                "name": "Bench Officer",
                "login": "bench_access_officer",
                "groups_id": [
                    (4, env.ref("hr_goede_gesprek.group_goede_gesprek_officer").id)
                ],
            }
        )
        user = Users.create({"name": "Bench Employee", "login": "bench_access_emp"})
        employee = env["hr.employee"].create(
            {"name": "Bench Employee", "user_id": user.id}
        )
        start = time.perf_counter()
        made = {}
        for year in range(2026 - args.years, 2026):
            for model, records in build_history(
                env, employee, year=year, conversations=args.per_year
            ).items():
                made[model] = made.get(model, 0) + len(records)
        env.flush_all()
        print(
            f"built {sum(made.values())} records in "
            f"{time.perf_counter() - start:.1f} s: {made}"
        )
        request = (
            env["hr.goede.gesprek.access.request"]
            .with_user(officer)
            .create({"employee_id": employee.id})
        )
        env.flush_all()
        env.invalidate_all()
        queries = cr.sql_log_count
        start = time.perf_counter()
        request.action_produce()
        env.flush_all()
        seconds = time.perf_counter() - start
        queries = cr.sql_log_count - queries
        print(
            f"produce: {seconds:.2f} s, {queries} queries, "
            f"{request.set_record_count} records, {request.set_size} bytes ZIP"
        )
        # The export alone (no PDF rendering, no ZIP), warm.
        from odoo.addons.hr_goede_gesprek.tools import access_export  # noqa: PLC0415

        env.invalidate_all()
        queries = cr.sql_log_count
        start = time.perf_counter()
        access_export.collect(env, employee)
        print(
            f"collect only: {time.perf_counter() - start:.2f} s, "
            f"{cr.sql_log_count - queries} queries"
        )
        cr.rollback()


if __name__ == "__main__":
    main()
