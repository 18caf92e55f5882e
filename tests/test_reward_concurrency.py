"""Twenty parallel approvals for one employee against a multi-worker server.

`make test` starts Odoo with --workers=2 on a throwaway database (demo data,
admin/admin) and points GG_RPC_URL / GG_RPC_DB at it; without them this is skipped.
Run by hand:

    odoo-bin ... -d ggc_rpc -i hr_goede_gesprek --stop-after-init
    odoo-bin ... -d ggc_rpc --workers=2 --http-port=8073 &
    GG_RPC_URL=http://127.0.0.1:8073 GG_RPC_DB=ggc_rpc \\
        pytest tests/test_reward_concurrency.py
"""

import os
import uuid
import xmlrpc.client
from concurrent.futures import ThreadPoolExecutor

import pytest

URL = os.environ.get("GG_RPC_URL")
DB = os.environ.get("GG_RPC_DB")
pytestmark = pytest.mark.skipif(not URL, reason="needs a running server (make test)")

CLEAR_ERRORS = ("does not fit in the yearly cap", "being approved right now")


def _call(uid, model, method, *args, **kwargs):
    # A proxy per call: ServerProxy is not thread-safe.
    proxy = xmlrpc.client.ServerProxy(f"{URL}/xmlrpc/2/object", allow_none=True)
    return proxy.execute_kw(DB, uid, "admin", model, method, list(args), kwargs)


@pytest.fixture(scope="module")
def uid():
    common = xmlrpc.client.ServerProxy(f"{URL}/xmlrpc/2/common")
    uid = common.authenticate(DB, "admin", "admin", {})
    assert uid
    return uid


def test_twenty_parallel_approvals_hold_the_cap(uid):
    company_id = _call(uid, "res.users", "read", [uid], ["company_id"])[0][
        "company_id"
    ][0]
    cap = _call(uid, "res.company", "read", [company_id], ["goede_gesprek_reward_cap"])[
        0
    ]["goede_gesprek_reward_cap"]
    employee_id = _call(
        uid, "hr.employee", "create", {"name": f"RPC reward {uuid.uuid4().hex[:8]}"}
    )
    amount = 75.0
    reward_ids = _call(
        uid,
        "hr.goede.gesprek.reward",
        "create",
        [
            {
                "name": f"Parallel {i}",
                "reason": "Concurrency test",
                "employee_id": employee_id,
                "amount_net": amount,
                "date": "2091-06-01",
            }
            for i in range(20)
        ],
    )
    assert len(reward_ids) == 20

    def approve(reward_id):
        try:
            return _call(uid, "hr.goede.gesprek.reward", "action_approve", [reward_id])
        except xmlrpc.client.Fault as fault:
            return fault.faultString

    with ThreadPoolExecutor(max_workers=20) as pool:
        outcomes = list(pool.map(approve, reward_ids))

    approved = [o for o in outcomes if o is True]
    refused = [o for o in outcomes if o is not True]
    for message in refused:
        assert any(text in message for text in CLEAR_ERRORS), message[-500:]
    rewards = _call(
        uid,
        "hr.goede.gesprek.reward",
        "read",
        reward_ids,
        ["state", "amount_net"],
    )
    assert len(rewards) == 20, "no record lost"
    approved_total = sum(r["amount_net"] for r in rewards if r["state"] == "approved")
    assert {r["state"] for r in rewards} <= {"approved", "proposed"}
    assert len(approved) == sum(1 for r in rewards if r["state"] == "approved")
    assert approved_total <= cap
    assert len(approved) == int(cap // amount), outcomes
    budget = _call(
        uid,
        "hr.goede.gesprek.reward.budget",
        "search_read",
        [("employee_id", "=", employee_id), ("year", "=", 2091)],
        ["used_amount"],
    )
    assert budget[0]["used_amount"] == approved_total
    print(
        f"approved {len(approved)} x {amount} = {approved_total}, "
        f"{len(refused)} refused"
    )
