"""Benchmark: the "conversation due" cron on an organisation of 50,000 employees.

Not part of the test run. On a throwaway database with the addon installed:

    createdb ggc_bench   # or let odoo-bin create it:
    .venv/bin/python /opt/odoo/odoo-bin --addons-path=... -d ggc_bench \\
        -i hr_goede_gesprek --without-demo=all --stop-after-init
    .venv/bin/python tests/bench_conversation_due.py ggc_bench \\
        --addons-path=/opt/odoo/addons,/opt/odoo/odoo/addons,/work/wt/c
    dropdb ggc_bench

It builds the organisation once (batched ORM creates: 500 managers with a user,
each leading 100 employees), spreads the registration dates so that a quarter of
the employees is not yet due, a quarter gets the employee reminder, a quarter the
manager activity and a quarter the HR escalation, then calls the cron the way the
scheduler does (one batch per call, a commit after each) as the cron user, and
prints queries and seconds per batch, and the figures of a rerun the same day.
The first batch call of the first batch size runs with cold caches (a fresh
process): its figures are printed apart ("cold").

A smaller organisation for the 1,000-reminder budget (cold first, then warm)::

    GG_BENCH_DB=gg_bench_small bash scripts/bench.sh --employees 1400 \\
        --managers 14 --batch-sizes 1000,100
"""

import argparse
import statistics
import sys
import time

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


def build(registry, employees, managers):
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, QUIET)
        existing = env["hr.employee"].search_count([("name", "=like", "Bench %")])
    if existing >= employees:
        print(f"organisation present ({existing} bench employees)")
        return
    start = time.time()
    per_manager = employees // managers
    for first in range(0, managers, 100):
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, QUIET)
            users = env["res.users"].create(
                [
                    {
                        "name": f"Bench manager {i}",
                        "login": f"bench_manager_{i}",
                        "email": f"bench.manager.{i}@example.com",
                    }
                    for i in range(first, min(first + 100, managers))
                ]
            )
            env["hr.employee"].create(
                [
                    {"name": f"Bench manager {user.id}", "user_id": user.id}
                    for user in users
                ]
            )
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, QUIET)
        manager_ids = (
            env["hr.employee"]
            .search([("name", "=like", "Bench manager %")], order="id")
            .ids
        )
    for first in range(0, employees, 1000):
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, QUIET)
            env["hr.employee"].create(
                [
                    {
                        "name": f"Bench {i}",
                        "work_email": f"bench.{i}@example.com",
                        "parent_id": manager_ids[min(i // per_manager, managers - 1)],
                    }
                    for i in range(first, min(first + 1000, employees))
                ]
            )
        print(f"  {first + 1000} employees ({time.time() - start:.0f} s)", flush=True)
    print(f"organisation built in {time.time() - start:.0f} s")


def spread(registry):
    """Registration dates such that the due dates run from 60 days ago to 60 ahead.

    With the company's N conversations a year an employee without conversations
    is due 365 / N days after registration; the default lead time and the time
    to HR are 30 days, so a quarter each is not yet due, reminded, with the
    manager and with HR.
    """
    with registry.cursor() as cr:
        cr.execute(
            """
            UPDATE hr_employee e
               SET create_date = now() - make_interval(
                       days => 365 / GREATEST(c.goede_gesprek_frequency, 1)
                               - 60 + e.id %% %s)
              FROM res_company c
             WHERE c.id = e.company_id AND e.name LIKE %s
            """,
            (120, "Bench %"),
        )
        cr.execute(
            "UPDATE res_company SET goede_gesprek_due_lead_days = 30, "
            "goede_gesprek_due_hr_days = 30"
        )


def run(registry, batch_size, label):
    calls = []
    while True:
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            cron_user = env.ref("hr_goede_gesprek.user_cron")
            env = env(user=cron_user.id)
            before_a = env["mail.activity"].sudo().search_count([])
            cr.execute("SELECT count(*) FROM mail_mail")
            before_m = cr.fetchone()[0]
            before_q = cr.sql_log_count
            started = time.time()
            env["hr.employee"]._cron_goede_gesprek_due(batch_size=batch_size)
            env.flush_all()
            seconds = time.time() - started
            queries = cr.sql_log_count - before_q
            activities = env["mail.activity"].sudo().search_count([]) - before_a
            cr.execute("SELECT count(*) FROM mail_mail")
            mails = cr.fetchone()[0] - before_m
        calls.append((queries, seconds, activities, mails))
        if not activities and not mails:
            break
    work = calls[:-1] or calls
    first = calls[0]
    print(
        f"{label}: first batch call {first[0]} queries, {first[1]:.2f} s, "
        f"{first[3]} mails, {first[2]} activities"
    )
    print(
        f"{label}: {len(calls) - 1} batch calls of {batch_size}; queries per batch "
        f"min {min(c[0] for c in work)} / median "
        f"{statistics.median(c[0] for c in work)}"
        f" / max {max(c[0] for c in work)}; seconds per batch median "
        f"{statistics.median(c[1] for c in work):.2f} / max "
        f"{max(c[1] for c in work):.2f}; reminders: "
        f"{sum(c[3] for c in work)} mails, {sum(c[2] for c in work)} activities"
    )
    last = calls[-1]
    print(
        f"{label}: rerun the same day: {last[0]} queries, {last[1]:.3f} s, "
        f"{last[2]} activities, {last[3]} mails"
    )
    return calls


def reset(registry):
    with registry.cursor() as cr:
        cr.execute(
            """
            DELETE FROM mail_activity
             WHERE activity_type_id = (
                 SELECT res_id FROM ir_model_data
                  WHERE module = 'hr_goede_gesprek'
                    AND name = 'mail_act_conversation_due');
            DELETE FROM mail_mail WHERE mail_message_id IN (
                SELECT id FROM mail_message WHERE model = 'hr.employee');
            DELETE FROM mail_message
             WHERE model = 'hr.employee' AND message_type = 'email_outgoing';
            UPDATE hr_employee SET goede_gesprek_due_stage = NULL,
                                   goede_gesprek_due_for = NULL;
            """
        )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--employees", type=int, default=50000)
    parser.add_argument("--managers", type=int, default=500)
    parser.add_argument("--config", help="odoo.conf (database host and port)")
    parser.add_argument(
        "--batch-sizes",
        default="1000,250,500,2000",
        help="comma-separated batch sizes, run in this order (the first is cold)",
    )
    args = parser.parse_args()
    options = [f"--addons-path={args.addons_path}", "-d", args.db, "--log-level=warn"]
    if args.config:
        options = ["-c", args.config, *options]
    odoo.tools.config.parse_config(options)
    registry = odoo.modules.registry.Registry(args.db)
    build(registry, args.employees, args.managers)
    spread(registry)
    for batch_size in [int(size) for size in args.batch_sizes.split(",")]:
        reset(registry)
        run(registry, batch_size, f"batch {batch_size}")


if __name__ == "__main__":
    main()
