# ruff: noqa: E501 - benchmark scripts: SQL and report lines read better whole
"""Load test: simulated users browsing and writing against Odoo's prefork server.

Not part of the test run: ``make bench-load`` (scripts/bench_load.sh) serves the
scale database of ``make bench-scale`` with ``--workers 4`` and cron threads on,
and runs this script against 127.0.0.1 only. Each simulated user logs in as one
of the load users that tests/bench_scale.py prepared (password = login) and, for
``--duration`` seconds, repeats what their role does on a normal day, with a
think time between steps:

- employee: own conversations list, a conversation form, add an agenda item;
- manager: team conversations list, kanban by state, post a note on a team
  conversation;
- HR officer: all conversations (80 newest), agreements list, coverage count,
  post a note;
- portal employee: /my, /my/conversations, the conversation page, add an agenda
  item through the portal form.

Every write carries a marker; at the end the markers found in the database are
counted (as the administrator) and compared with the writes that succeeded:
"lost" must be 0. Prints p50/p95 per request type, errors and lost writes; the
exit code is 1 on any error or lost write.
"""

import argparse
import random
import re
import statistics
import sys
import threading
import time
import uuid
from collections import defaultdict
from datetime import date, timedelta

import requests

ROLES = {"employee": 20, "manager": 10, "hr": 10, "portal": 10}
CONV_SPEC = {
    "name": {},
    "date_start": {},
    "state": {},
    "employee_id": {"fields": {"display_name": {}}},
}


class Client:
    def __init__(self, url, db, login):
        self.url, self.db, self.login = url, db, login
        self.http = requests.Session()
        self.uid = None

    def authenticate(self):
        response = self.http.post(
            f"{self.url}/web/session/authenticate",
            json={
                "jsonrpc": "2.0",
                "params": {"db": self.db, "login": self.login, "password": self.login},
            },
            timeout=60,
        )
        response.raise_for_status()
        result = response.json()
        if result.get("error") or not result.get("result", {}).get("uid"):
            raise RuntimeError(f"login {self.login} failed: {result.get('error')}")
        self.uid = result["result"]["uid"]

    def call(self, model, method, *args, **kwargs):
        response = self.http.post(
            f"{self.url}/web/dataset/call_kw/{model}/{method}",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {
                    "model": model,
                    "method": method,
                    "args": list(args),
                    "kwargs": kwargs,
                },
            },
            timeout=60,
        )
        response.raise_for_status()
        result = response.json()
        if "error" in result:
            raise RuntimeError(result["error"]["data"].get("message", result["error"]))
        return result["result"]

    def get(self, path):
        response = self.http.get(f"{self.url}{path}", timeout=60)
        if response.status_code >= 400:
            text = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", response.text)
            text = re.sub(r"<[^>]+>|\s+", " ", text)
            raise RuntimeError(f"GET {path}: HTTP {response.status_code}: {text[:300]}")
        return response.text

    def post_form(self, path, data):
        response = self.http.post(
            f"{self.url}{path}", data=data, timeout=60, allow_redirects=False
        )
        if response.status_code not in (200, 303, 302):
            raise RuntimeError(f"POST {path}: HTTP {response.status_code}")
        return response


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.timings = defaultdict(list)
        self.errors = defaultdict(list)
        self.writes = defaultdict(int)

    def run(self, name, func, *args, **kwargs):
        started = time.perf_counter()
        try:
            result = func(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - every failure is reported
            with self.lock:
                self.errors[name].append(str(exc)[:200])
            return None
        with self.lock:
            self.timings[name].append((time.perf_counter() - started) * 1000)
        return result


def employee_day(client, stats, marker, deadline, think):
    own = stats.run(
        "employee: conversations list",
        client.call,
        "hr.goede.gesprek",
        "web_search_read",
        [],
        CONV_SPEC,
        limit=80,
    )
    records = [
        r
        for r in (own or {}).get("records", [])
        if r["state"] in ("preparing", "planned")
    ]
    n = 0
    while time.time() < deadline:
        stats.run(
            "employee: conversations list",
            client.call,
            "hr.goede.gesprek",
            "web_search_read",
            [],
            CONV_SPEC,
            limit=80,
        )
        time.sleep(think())
        if records:
            conv = random.choice(records)
            stats.run(
                "employee: conversation form",
                client.call,
                "hr.goede.gesprek",
                "web_read",
                [conv["id"]],
                {"name": {}, "state": {}, "agenda_line_ids": {}, "date_start": {}},
            )
            time.sleep(think())
            n += 1
            if (
                stats.run(
                    "employee: add agenda item (write)",
                    client.call,
                    "hr.goede.gesprek.agenda.line",
                    "create",
                    [{"conversation_id": conv["id"], "name": f"{marker}-{n}"}],
                )
                is not None
            ):
                with stats.lock:
                    stats.writes["agenda"] += 1
        time.sleep(think())


def post_note(client, stats, role, conversation, body):
    """A note on a conversation; counted as a write when it succeeded."""
    posted = stats.run(
        f"{role}: post a note (write)",
        client.call,
        "hr.goede.gesprek",
        "message_post",
        [conversation["id"]],
        body=body,
        message_type="comment",
        subtype_xmlid="mail.mt_note",
    )
    if posted is not None:
        with stats.lock:
            stats.writes["message"] += 1


def manager_day(client, stats, marker, deadline, think):
    n = 0
    while time.time() < deadline:
        team = stats.run(
            "manager: conversations list",
            client.call,
            "hr.goede.gesprek",
            "web_search_read",
            [],
            CONV_SPEC,
            limit=80,
        )
        time.sleep(think())
        stats.run(
            "manager: kanban by state",
            client.call,
            "hr.goede.gesprek",
            "web_read_group",
            [],
            ["state"],
            ["state"],
            lazy=True,
        )
        time.sleep(think())
        records = (team or {}).get("records", [])
        if records:
            n += 1
            post_note(client, stats, "manager", random.choice(records), f"{marker}-{n}")
        time.sleep(think())


def hr_day(client, stats, marker, deadline, think):
    n = 0
    since = str(date.today() - timedelta(days=365))
    while time.time() < deadline:
        page = stats.run(
            "HR: conversations list (80 newest)",
            client.call,
            "hr.goede.gesprek",
            "web_search_read",
            [],
            CONV_SPEC,
            limit=80,
        )
        time.sleep(think())
        stats.run(
            "HR: agreements list",
            client.call,
            "hr.goede.gesprek.agreement",
            "web_search_read",
            [],
            {"name": {}, "deadline": {}, "state": {}},
            limit=80,
        )
        time.sleep(think())
        stats.run(
            "HR: coverage count",
            client.call,
            "hr.employee",
            "search_count",
            [("no_goede_gesprek_since", "=", since)],
        )
        time.sleep(think())
        records = (page or {}).get("records", [])
        if records:
            n += 1
            post_note(client, stats, "HR", random.choice(records), f"{marker}-{n}")
        time.sleep(think())


CSRF = re.compile(r'name="csrf_token"\s+value="([^"]+)"')
CONV_LINK = re.compile(r'href="/my/conversations/(\d+)[?"]')


def portal_day(client, stats, marker, deadline, think):
    n = 0
    while time.time() < deadline:
        stats.run("portal: /my", client.get, "/my")
        time.sleep(think())
        page = (
            stats.run("portal: /my/conversations", client.get, "/my/conversations")
            or ""
        )
        time.sleep(think())
        ids = CONV_LINK.findall(page)
        if ids:
            conv_id = random.choice(ids)
            detail = (
                stats.run(
                    "portal: conversation page",
                    client.get,
                    f"/my/conversations/{conv_id}",
                )
                or ""
            )
            time.sleep(think())
            token = CSRF.search(detail)
            if token and "/agenda/add" in detail:
                n += 1
                if (
                    stats.run(
                        "portal: add agenda item (write)",
                        client.post_form,
                        f"/my/conversations/{conv_id}/agenda/add",
                        {"csrf_token": token.group(1), "name": f"{marker}-{n}"},
                    )
                    is not None
                ):
                    with stats.lock:
                        stats.writes["agenda"] += 1
        time.sleep(think())


DAYS = {
    "employee": employee_day,
    "manager": manager_day,
    "hr": hr_day,
    "portal": portal_day,
}


def percentile(values, pct):
    values = sorted(values)
    index = min(len(values) - 1, max(0, round(pct / 100 * len(values)) - 1))
    return values[index]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True, help="http://127.0.0.1:PORT")
    parser.add_argument("--db", required=True)
    parser.add_argument("--duration", type=int, default=120)
    parser.add_argument("--think", type=float, default=1.0, help="mean think time (s)")
    parser.add_argument("--admin", default="admin")
    args = parser.parse_args()
    if not re.match(r"^https?://(127\.0\.0\.1|localhost)(:\d+)?$", args.url):
        print("error: the load test only runs against 127.0.0.1")
        return 2
    run_id = uuid.uuid4().hex[:8]
    stats = Stats()
    clients = []
    for role, count in ROLES.items():
        for i in range(count):
            client = Client(args.url, args.db, f"load_{role}_{i}")
            client.authenticate()
            clients.append((role, client))
    deadline = time.time() + args.duration

    def think():
        return random.expovariate(1 / args.think)

    threads = [
        threading.Thread(
            target=DAYS[role],
            args=(client, stats, f"load-{run_id}-{client.login}", deadline, think),
        )
        for role, client in clients
    ]
    started = time.time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.time() - started

    admin = Client(args.url, args.db, args.admin)
    admin.authenticate()
    found_agenda = admin.call(
        "hr.goede.gesprek.agenda.line",
        "search_count",
        [("name", "=like", f"load-{run_id}-%")],
    )
    found_messages = admin.call(
        "mail.message",
        "search_count",
        [("model", "=", "hr.goede.gesprek"), ("body", "like", f"load-{run_id}-")],
    )
    lost = (stats.writes["agenda"] - found_agenda) + (
        stats.writes["message"] - found_messages
    )

    total = sum(len(v) for v in stats.timings.values())
    print(
        f"{len(clients)} simulated users ({', '.join(f'{n} {r}' for r, n in ROLES.items())}), "
        f"{elapsed:.0f} s, {total} requests ({total / elapsed:.1f}/s)"
    )
    print("| Request | count | p50 (ms) | p95 (ms) | errors |")
    print("|---|---:|---:|---:|---:|")
    for name in sorted(set(stats.timings) | set(stats.errors)):
        values = stats.timings.get(name, [])
        p50 = f"{statistics.median(values):.0f}" if values else "-"
        p95 = f"{percentile(values, 95):.0f}" if values else "-"
        print(
            f"| {name} | {len(values)} | {p50} | {p95} | {len(stats.errors.get(name, []))} |"
        )
    errors = sum(len(v) for v in stats.errors.values())
    print(
        f"\nwrites: {stats.writes['agenda']} agenda items (found {found_agenda}), "
        f"{stats.writes['message']} notes (found {found_messages}); lost writes: {lost}; errors: {errors}"
    )
    for name, messages in stats.errors.items():
        print(f"  {name}: {messages[0]}")
    return 1 if errors or lost else 0


if __name__ == "__main__":
    sys.exit(main())
