"""External RPC clients against a running multi-worker Odoo server.

`make test` starts the server (--workers=2) on the throwaway database after the
in-process tests, and points these tests at it through GG_RPC_URL and GG_RPC_DB.
The model names are the addon's public interface: a client relies on them.
"""

import os
import xmlrpc.client
from concurrent.futures import ThreadPoolExecutor

import pytest

URL = os.environ.get("GG_RPC_URL")
DB = os.environ.get("GG_RPC_DB")
pytestmark = pytest.mark.skipif(not URL, reason="needs a running server (make test)")
PUBLIC_MODELS = [
    "hr.goede.gesprek",
    "hr.goede.gesprek.agenda.line",
    "hr.goede.gesprek.topic",
    "hr.goede.gesprek.agreement",
]


def _proxy(endpoint):
    return xmlrpc.client.ServerProxy(f"{URL}/xmlrpc/2/{endpoint}", allow_none=True)


def _login(login, password):
    uid = _proxy("common").authenticate(DB, login, password, {})
    assert uid, f"{login} could not log in"

    def call(model, method, *args, **kwargs):
        # A proxy per call: ServerProxy is not thread-safe (see the burst test).
        return _proxy("object").execute_kw(
            DB, uid, password, model, method, list(args), kwargs
        )

    return uid, call


@pytest.fixture(scope="module")
def admin():
    return _login("admin", "admin")[1]


@pytest.fixture(scope="module")
def two_employees(admin):
    """Two internal users, each with an employee record, created over RPC."""
    users = []
    _model, group_user = admin(
        "ir.model.data", "check_object_reference", "base", "group_user"
    )
    for login in ("rpc_anna", "rpc_bram"):
        user_id = admin(
            "res.users",
            "create",
            {
                "name": login,
                "login": login,
                "password": f"{login}-pw-2026",
                "groups_id": [(6, 0, [group_user])],
            },
        )
        employee_id = admin(
            "hr.employee", "create", {"name": login, "user_id": user_id}
        )
        users.append((login, f"{login}-pw-2026", employee_id))
    return users


def test_server_is_odoo_18():
    assert _proxy("common").version()["server_serie"] == "18.0"


def test_public_model_names(admin):
    found = admin(
        "ir.model", "search_read", [("model", "in", PUBLIC_MODELS)], ["model"]
    )
    assert sorted(r["model"] for r in found) == sorted(PUBLIC_MODELS)
    # Never the name Odoo Enterprise and OCA use.
    assert "hr.appraisal" not in {r["model"] for r in found}


def test_employee_reads_only_own_conversations(admin, two_employees):
    (anna, anna_pw, anna_emp), (bram, bram_pw, bram_emp) = two_employees
    admin(
        "hr.goede.gesprek",
        "create",
        [{"employee_id": anna_emp}, {"employee_id": bram_emp}],
    )
    _uid, as_anna = _login(anna, anna_pw)
    seen = as_anna("hr.goede.gesprek", "search_read", [], ["employee_id"])
    assert seen and {r["employee_id"][0] for r in seen} == {anna_emp}
    bram_conv = admin("hr.goede.gesprek", "search", [("employee_id", "=", bram_emp)])
    with pytest.raises(xmlrpc.client.Fault) as fault:
        as_anna("hr.goede.gesprek", "read", bram_conv, ["name"])
    assert (
        "AccessError" in fault.value.faultString or "access" in fault.value.faultString
    )


def test_concurrent_creates_on_workers(admin, two_employees):
    """A burst of parallel clients, spread over the server's workers: none fails."""
    employee_ids = [emp for _login_, _pw, emp in two_employees]

    def create(i):
        return admin("hr.goede.gesprek", "create", {"employee_id": employee_ids[i % 2]})

    with ThreadPoolExecutor(max_workers=6) as pool:
        ids = list(pool.map(create, range(24)))
    assert len(set(ids)) == 24
