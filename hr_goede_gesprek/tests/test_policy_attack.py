# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The generic attack: every model of the addon, every role, every state,
every stored field, every public method.

An attacker has an ordinary login and XML-RPC: they can create any record
with any values, write any field of any record they can reach and call any
public method. For each model this test

- creates, as each role, a record with every stored field given in turn, and
  writes every stored field in turn of a record forced into every state; a
  field outside the model's declared policy (``_policy_create`` /
  ``_policy_write``) must be refused with nothing written; a field inside it
  must not meet an AccessError (ACLs and record rules agree with the policy);
- calls, as a bystander (a colleague outside the team, a portal user), every
  public method of the addon on the records of someone else, and of every
  wizard pointed at them: nothing may change.

New models, fields, states and methods are covered without touching this file;
a new model only needs its fixture in ``_fixture_vals``.
"""

import base64
import functools
import inspect
import logging
from datetime import date, datetime, timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from .common import new_user_employee
from .common_legal import LegalCase

_logger = logging.getLogger(__name__)

ADDON = "hr_goede_gesprek"
PREFIX = "hr.goede.gesprek"
REFUSALS = (AccessError, UserError, ValidationError, MissingError)
MAGIC = {"id", "create_uid", "create_date", "write_uid", "write_date", "display_name"}
# Public methods every model has from Odoo (or that the matrix covers).
SKIP_METHODS = {
    "create",
    "write",
    "unlink",
    "read",
    "copy",
    "browse",
    "search",
    "default_get",
    "name_create",
    "fields_get",
    "get_views",
    "onchange",
    "web_read",
    "web_save",
    "web_search_read",
    "with_user",
    "with_context",
    "with_env",
    "with_company",
    "sudo",
    "exists",
    "ensure_one",
    "activity_update",
}
# The create matrix makes second records: values that must be unique differ.
CREATE_OVERRIDES = {
    "hr.goede.gesprek.reward.budget": {"year": 2032},
    "hr.goede.gesprek.holiday": {"date": "2027-03-10"},
    "hr.goede.gesprek.legal.topic": {"code": "attack_create"},
}
# Tables outside the addon that a public method could write to.
WATCHED = [
    "mail.message",
    "mail.mail",
    "mail.activity",
    "mail.followers",
    "ir.attachment",
    "calendar.event",
]
PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n attack")


def _free(fname):
    return fname == "website_message_ids" or fname.startswith(("message_", "activity_"))


def on_conversation(**vals):
    """The values of a record made on the employee's conversation."""
    return lambda r: {"conversation_id": r["hr.goede.gesprek"].id, **vals}


@tagged("post_install", "-at_install")
class TestPolicyAttack(LegalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.user_companion, _employee = new_user_employee(
            env, "gg_companion", "Cora Companion"
        )
        cls.emp_portal = env["hr.employee"].create(
            {
                "name": "Piet Portal",
                "user_id": cls.user_portal.id,
                "parent_id": cls.emp_manager.id,
            }
        )
        cls.question = env["hr.goede.gesprek.feedback.question"].sudo().search(
            [], limit=1
        ) or env["hr.goede.gesprek.feedback.question"].sudo().create(
            {"name": "What went well?"}
        )
        cls.all_models = sorted(
            name
            for name, model in env.registry.items()
            # SQL-view reports (_auto = False) have no rows to write: their
            # read-only ACLs are tested in test_dashboard.
            if name.startswith(PREFIX) and not model._abstract and model._auto
        )
        # The matrix runs on the models with a policy; the first test fails
        # every model without one.
        cls.models = [
            name
            for name in cls.all_models
            if env[name]._transient or hasattr(env[name], "_policy_write_fields")
        ]
        cls.role_users = {
            "employee": cls.user_employee,
            "manager": cls.user_manager,
            "companion": cls.user_companion,
            "bystander": cls.user_other,
            "hr": cls.user_officer,
            "admin": cls.user_admin,
            "portal": cls.user_portal,
        }

    # ------------------------------------------------------------------
    # Fixtures: the records of one employee, made as the superuser
    # ------------------------------------------------------------------
    def _fixture_vals(self, employee):
        """Per model: the values a legitimate creator gives (for the create
        matrix) and a function making the record (for the write matrix)."""
        company = self.company.id
        return {
            "hr.goede.gesprek": {
                "employee_id": employee.id,
                "partner_employee_ids": [Command.set(self.emp_manager.ids)],
                "companion_user_id": self.user_companion.id,
            },
            "hr.goede.gesprek.agenda.line": on_conversation(
                name="How is the workload?"
            ),
            "hr.goede.gesprek.agreement": lambda r: {
                "name": "Follow a course",
                "employee_id": employee.id,
                "conversation_id": r["hr.goede.gesprek"].id,
            },
            "hr.goede.gesprek.appraisal": {"employee_id": employee.id},
            "hr.goede.gesprek.appraisal.scale": {"name": "Attack scale"},
            "hr.goede.gesprek.appraisal.scale.level": lambda r: {
                "name": "Attack level",
                "scale_id": r["hr.goede.gesprek.appraisal.scale"].id,
            },
            "hr.goede.gesprek.decision": self._decision_vals(employee),
            "hr.goede.gesprek.dispute.route": {
                "name": "Attack route",
                "addressee": "The board",
                "clause": "<p>You may object.</p>",
            },
            "hr.goede.gesprek.feedback.question": {"name": "Attack question"},
            "hr.goede.gesprek.feedback.request": {
                "name": "Feedback on the project",
                "employee_id": employee.id,
                "deadline": "2027-01-31",
            },
            "hr.goede.gesprek.feedback.respondent": lambda r: {
                "request_id": r["hr.goede.gesprek.feedback.request"].id,
                "name": "Rita Respondent",
                "email": "rita@example.com",
            },
            "hr.goede.gesprek.feedback.answer": lambda r: {
                "request_id": r["hr.goede.gesprek.feedback.request"].id,
                "respondent_id": r["hr.goede.gesprek.feedback.respondent"].id,
                "question_id": self.question.id,
                "answer": "Clear and kind.",
            },
            "hr.goede.gesprek.holiday": {
                "date": "2027-03-03",
                "name": "Attack day",
            },
            "hr.goede.gesprek.hours.request": {
                "employee_id": employee.id,
                "date_start": "2027-06-01",
            },
            "hr.goede.gesprek.legal.topic": {"name": "Attack topic", "code": "attack"},
            "hr.goede.gesprek.objection": lambda r: {
                "decision_id": self._notified_decision(employee).id,
                "grounds": "I do not agree.",
            },
            "hr.goede.gesprek.reward": {
                "name": "Project bonus",
                "reason": "Delivered the project.",
                "employee_id": employee.id,
                "company_id": company,
                "amount_net": 100.0,
            },
            "hr.goede.gesprek.reward.budget": {
                "employee_id": employee.id,
                "company_id": company,
                "year": 2031,
            },
            "hr.goede.gesprek.topic": {"name": "Attack conversation topic"},
            "hr.goede.gesprek.trigger": {
                "name": "Attack trigger",
                "event": "feedback_shared",
                "message": "Attack",
            },
            "hr.goede.gesprek.trigger.prompt": lambda r: {
                "trigger_id": r["hr.goede.gesprek.trigger"].id,
                "res_model": "hr.goede.gesprek",
                "res_id": r["hr.goede.gesprek"].id,
                "user_id": (employee.user_id or self.user_employee).id,
                "employee_id": employee.id,
                "side": "employee",
                "name": "Attack prompt",
            },
            "hr.goede.gesprek.experience": lambda r: {
                "conversation_id": r["hr.goede.gesprek"].id,
                "user_id": (employee.user_id or self.user_employee).id,
                "party": "employee",
                "question": "heard",
                "score": 4,
            },
            "hr.goede.gesprek.experience.wizard": lambda r: {
                "conversation_id": r["hr.goede.gesprek"].id,
                "heard": "5",
            },
            "hr.goede.gesprek.dashboard": {"date_from": "2026-01-01"},
            "hr.goede.gesprek.dashboard.snapshot": {
                "company_id": company,
                "filter_key": "|",
                "date_from": "2025-06-01",
                "date_to": "2026-06-01",
                "k_anonymity": 5,
                "refreshed_at": "2026-06-01 01:00:00",
                "figures": {"conversation_count": 1},
            },
            "hr.goede.gesprek.access.request": {
                "employee_id": employee.id,
                "received_date": "2026-03-02",
            },
            "hr.goede.gesprek.access.log": {
                "user_id": self.user_employee.id,
                "action": "report",
                "res_model": "hr.goede.gesprek",
                "employee_id": employee.id,
            },
            "hr.goede.gesprek.topic.group": {"name": "Attack theme"},
            "hr.goede.gesprek.retention.rule": {
                "name": "Attack rule",
                "document_type": "appraisal",
                "source": "Attack",
                "term_years": 2,
            },
            "hr.goede.gesprek.destruction.log": {
                "res_model": "hr.goede.gesprek",
                "action": "delete",
                "trigger": "cron",
            },
            "hr.goede.gesprek.health.word": {"name": "attackword"},
            # Wizards: made by the attacker, pointed at the employee's records.
            "hr.goede.gesprek.cancel": on_conversation(reason="Attack"),
            "hr.goede.gesprek.reschedule": on_conversation(
                date_start="2027-05-05 10:00:00", reason="Attack"
            ),
            "hr.goede.gesprek.sign": on_conversation(mode="agreed"),
            "hr.goede.gesprek.feedback.wizard": {"name": "Attack feedback"},
            "hr.goede.gesprek.feedback.wizard.line": lambda r: {
                "email": "attacker@example.com",
            },
            "hr.goede.gesprek.reward.export": {
                "date_from": "2026-01-01",
                "date_to": "2026-12-31",
            },
            "hr.goede.gesprek.legal.hold": lambda r: {
                "res_model": "hr.goede.gesprek.decision",
                "res_ids": str(r["hr.goede.gesprek.decision"].id),
                "reason": "Attack",
            },
            "hr.goede.gesprek.reward.override": lambda r: {
                "reward_id": r["hr.goede.gesprek.reward"].id,
                "reason": "Attack",
            },
        }

    def _notified_decision(self, employee):
        """An issued decision about ``employee`` whose objection term runs
        (made through the workflow: objections need one)."""
        cache = self.__dict__.setdefault("_notified_decisions", {})
        if employee not in cache:
            decision = (
                self.env["hr.goede.gesprek.decision"]
                .sudo()
                .create(
                    dict(
                        self._fixture_vals(employee)["hr.goede.gesprek.decision"],
                        subject="Decision objected to",
                    )
                )
            )
            decision.with_user(self.user_director).action_issue()
            # as the superuser: only the term has to run for the fixture
            decision.sudo()._do_notify(None, "portal")
            cache[employee] = decision
        return cache[employee]

    def _records(self, employee):
        """One record of every persistent model about ``employee``."""
        specs = self._fixture_vals(employee)
        records = {}
        pending = [name for name in self.models if not self.env[name]._transient]
        for _round in range(4):
            for name in list(pending):
                spec = specs[name]
                try:
                    vals = spec(records) if callable(spec) else dict(spec)
                except KeyError:
                    continue
                shared = self.__dict__.setdefault("_shared_records", {})
                if not callable(spec) and not self.env[name]._policy_employee_field:
                    # configuration: one record serves every employee
                    if name not in shared:
                        shared[name] = self.env[name].sudo().create(vals)
                    records[name] = shared[name]
                else:
                    records[name] = self.env[name].sudo().create(vals)
                pending.remove(name)
        self.assertFalse(pending, f"fixtures could not be made for {pending}")
        return records

    # ------------------------------------------------------------------
    # Values an attacker sends
    # ------------------------------------------------------------------
    def _current_value(self, record, fname):
        """The record's value, or the default a new record would get."""
        field = record._fields[fname]
        if record:
            return record.sudo()[fname]
        default = record.default_get([fname]).get(fname, False)
        if field.type == "many2one":
            return self.env[field.comodel_name].browse(default or [])
        if field.type in ("many2many", "one2many"):
            return self.env[field.comodel_name]
        if field.type in ("date", "datetime"):
            return field.convert_to_cache(default, record)
        return default

    def _attack_value(self, record, fname):
        """A value of the field's type that differs from the current one (on
        create: from the default), or None when there is no such value."""
        field = record._fields[fname]
        current = self._current_value(record, fname)
        ftype = field.type
        if ftype in ("char", "text"):
            return "Attack value"
        if ftype == "html":
            return "<p>Attack value</p>"
        if ftype == "boolean":
            return not current
        if ftype == "integer":
            return (current or 0) + 7
        if ftype in ("float", "monetary"):
            return (current or 0.0) + 7.5
        if ftype == "date":
            return fields.Date.to_string((current or date(2026, 6, 1)) + timedelta(3))
        if ftype == "datetime":
            return fields.Datetime.to_string(
                (current or datetime(2026, 6, 1, 9)) + timedelta(days=3)
            )
        if ftype == "selection":
            values = [v for v, _label in field._description_selection(self.env)]
            others = [v for v in values if v != current]
            return others[0] if others else None
        if ftype == "binary":
            return PNG
        if ftype in ("many2one", "many2many") and field.comodel_name == "res.company":
            # Another company (the demo has one the test users cannot reach):
            # refused by Odoo's multi-company checks, whatever the policy says.
            return None
        if ftype in ("many2one", "many2many"):
            comodel = (
                self.env[field.comodel_name].sudo().with_context(active_test=False)
            )
            domain = [("id", "not in", current.ids)] if current else []
            if field.comodel_name == "hr.employee":
                # another employee of the same company: the likeliest attack
                domain += [("company_id", "=", self.company.id)]
            other = comodel.search(domain, limit=1, order="id desc")
            if not other:
                return None
            return other.id if ftype == "many2one" else [Command.set(other.ids)]
        return None  # one2many (covered by the child model), json, properties

    def _stored_fields(self, model):
        return [
            fname
            for fname, field in model._fields.items()
            if field.store
            and fname not in MAGIC
            and not _free(fname)
            and field.type != "one2many"
        ]

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _force_state(self, record, state):
        """Put a record (or the parent whose state it follows) into ``state``
        as test data (no workflow runs)."""
        path = record._policy_state_field.split(".")
        for step in path[:-1]:
            record = record.sudo()[step]
        fname = path[-1]
        self.env.cr.execute(
            SQL(
                "UPDATE %s SET %s = %s WHERE id = %s",
                SQL.identifier(record._table),
                SQL.identifier(fname),
                state,
                record.id,
            )
        )
        record.invalidate_recordset()

    def _try(self, func):
        """Run ``func`` in a savepoint that is always rolled back; return the
        exception it raised, or None."""
        savepoint = self.env.cr.savepoint()
        try:
            func()
            self.env.flush_all()
        except REFUSALS as error:
            return error
        finally:
            savepoint.close(rollback=True)
            self.env.invalidate_all()
        return None

    def _states(self, model):
        path = model._policy_state_field
        if not path:
            return ["*"]
        *parents, fname = path.split(".")
        for step in parents:
            model = self.env[model._fields[step].comodel_name]
        selection = model._fields[fname]._description_selection(self.env)
        return [value for value, _label in selection]

    # ------------------------------------------------------------------
    # Tests
    # ------------------------------------------------------------------
    def test_every_model_declares_its_policy(self):
        """A model of the addon without a declared policy is an open door."""
        undeclared = [
            name
            for name in self.all_models
            if not self.env[name]._transient
            and (
                getattr(self.env[name], "_policy_write", None) is None
                or getattr(self.env[name], "_policy_create", None) is None
            )
        ]
        self.assertFalse(undeclared, "models without a declared policy")
        fixtures = self._fixture_vals(self.emp_employee)
        self.assertFalse(
            [name for name in self.all_models if name not in fixtures],
            "models without an attack fixture in _fixture_vals",
        )

    def test_roles_of_the_attackers(self):
        """The roles the matrix relies on are the ones the models compute."""
        records = self._records(self.emp_employee)
        for name, record in records.items():
            if not record._policy_employee_field:
                continue
            roles = {
                who: record.with_user(user)._policy_roles()
                for who, user in self.role_users.items()
            }
            self.assertIn("employee", roles["employee"], name)
            self.assertIn("manager", roles["manager"], name)
            self.assertIn("hr", roles["hr"], name)
            self.assertIn("admin", roles["admin"], name)
            self.assertEqual(roles["bystander"], set(), name)
            self.assertEqual(roles["portal"], set(), name)
        conversation = records["hr.goede.gesprek"]
        self.assertIn(
            "partner", conversation.with_user(self.user_manager)._policy_roles()
        )
        self.assertIn(
            "companion", conversation.with_user(self.user_companion)._policy_roles()
        )

    def _subjects(self):
        """Whose records are attacked, and by whom: Eva's by every role, the
        portal employee's by themselves."""
        return (
            (self.emp_employee, list(self.role_users)),
            (self.emp_portal, ["portal"]),
        )

    def _distinct(self, who_all, roles_of):
        """The attackers, one per set of roles: users with the same roles have
        the same policy (a portal user apart: their ACLs differ)."""
        seen = set()
        for who in who_all:
            user = self.role_users[who]
            key = (frozenset(roles_of(user)), user.share)
            if key not in seen:
                seen.add(key)
                yield who, user

    def _judge(self, failures, label, fname, allowed, error):
        """Outside the policy: refused. Inside it: no AccessError (the ACLs
        and record rules agree with the policy)."""
        if fname in allowed:
            if isinstance(error, AccessError):
                failures.append(f"{label}: {fname} is in the policy, but: {error}")
        elif error is None:
            failures.append(f"{label}: {fname} accepted outside the policy")

    @mute_logger("odoo.models", "odoo.models.unlink", "odoo.addons.mail")
    def test_write_matrix(self):
        """Every stored field, every state, every role: the declared policy."""
        failures = []
        checked = 0
        for employee, who_all in self._subjects():
            for name, record in self._records(employee).items():
                fnames = self._stored_fields(record)
                for state in self._states(record):
                    if state != "*":
                        self._force_state(record, state)
                    values = {f: self._attack_value(record, f) for f in fnames}
                    values = {f: v for f, v in values.items() if v is not None}
                    attackers = self._distinct(
                        who_all, lambda u, r=record: r.with_user(u)._policy_roles()
                    )
                    for who, user in attackers:
                        as_user = record.with_user(user)
                        allowed = as_user._policy_write_fields()
                        for fname, value in values.items():
                            checked += 1
                            error = self._try(
                                functools.partial(as_user.write, {fname: value})
                            )
                            label = f"{name}[{state}] written by {who}"
                            self._judge(failures, label, fname, allowed, error)
        _logger.info("write matrix: %s writes checked", checked)
        self.assertGreater(checked, 1000)
        self.assertFalse(failures, "\n".join(failures[:80]))

    @mute_logger("odoo.models", "odoo.addons.mail")
    def test_create_matrix(self):
        """Every stored field given on create, every role: the declared policy."""
        failures = []
        checked = 0
        for employee, who_all in self._subjects():
            records = self._records(employee)
            specs = self._fixture_vals(employee)
            for name in self.models:
                model = self.env[name]
                if model._transient:
                    continue
                spec = specs[name]
                base = spec(records) if callable(spec) else dict(spec)
                base.update(CREATE_OVERRIDES.get(name, {}))
                attackers = self._distinct(
                    who_all,
                    lambda u, m=model, b=base: m.with_user(u)._policy_roles_create(b),
                )
                for who, user in attackers:
                    as_model = model.with_user(user)
                    allowed = as_model._policy_create_fields(base)
                    label = f"{name} created by {who}"
                    # The legitimate values first: all in the policy, or refused.
                    checked += 1
                    error = self._try(functools.partial(as_model.create, base))
                    outside = set(base) - allowed
                    if not outside and isinstance(error, AccessError):
                        failures.append(f"{label}: {sorted(base)}, but: {error}")
                    if outside and error is None:
                        failures.append(f"{label}: accepted {sorted(outside)}")
                    if outside or error is not None:
                        continue
                    for fname in self._stored_fields(model):
                        value = self._attack_value(model, fname)
                        if fname in base or value is None or value is False:
                            continue
                        checked += 1
                        error = self._try(
                            functools.partial(as_model.create, {**base, fname: value})
                        )
                        self._judge(failures, label, fname, allowed, error)
        _logger.info("create matrix: %s creates checked", checked)
        self.assertGreater(checked, 100)
        self.assertFalse(failures, "\n".join(failures[:80]))

    # ------------------------------------------------------------------
    # Public methods
    # ------------------------------------------------------------------
    def _public_methods(self, model):
        """The public methods the addon introduces (not its overrides of
        Odoo's own methods, which Odoo's access checks already guard)."""
        mro = type(model).__mro__

        def ours(cls):
            return cls.__module__.startswith(f"odoo.addons.{ADDON}.")

        names = set()
        for cls in mro:
            if not ours(cls):
                continue
            for attr, member in vars(cls).items():
                if attr.startswith("_") or attr in SKIP_METHODS:
                    continue
                if not callable(member) or isinstance(member, type):
                    continue
                if any(attr in vars(other) for other in mro if not ours(other)):
                    continue
                names.add(attr)
        return sorted(names)

    def _arguments(self, method):
        """Plausible values for the required parameters of ``method``."""
        args = []
        for param in list(inspect.signature(method).parameters.values()):
            if param.default is not inspect.Parameter.empty or param.kind in (
                inspect.Parameter.VAR_POSITIONAL,
                inspect.Parameter.VAR_KEYWORD,
            ):
                continue
            guesses = {
                "mode": "agreed",
                "party": "partner",
                "signature": PNG.decode(),
                "vals": {},
                "values": {},
            }
            args.append(guesses.get(param.name, "Attack"))
        return args

    def _snapshot(self, records):
        """Every stored value of the fixture records, and the count and
        highest id of every table the addon or its mail can write."""
        self.env.flush_all()
        state = {}
        for name, record in records.items():
            stored = [f for f in self._stored_fields(record) if f != "write_date"]
            state[name] = record.sudo().with_context(active_test=False).read(stored)
        tables = sorted(
            {
                self.env[name]._table
                for name in [*self.models, *WATCHED]
                if not self.env[name]._transient
            }
        )
        self.env.cr.execute(
            SQL(
                "SELECT %s",
                SQL(", ").join(
                    SQL("(SELECT ARRAY[count(*), max(id)] FROM %s)", SQL.identifier(t))
                    for t in tables
                ),
            )
        )
        state["tables"] = dict(zip(tables, self.env.cr.fetchone(), strict=True))
        self.env.invalidate_all()
        return state

    def _attempt(self, attempt, failures):
        """One call of a public method as a bystander; a change is a failure."""
        records, name = attempt["records"], attempt["name"]
        if attempt["wizard_vals"] is not None:
            target = self.env[name].with_user(attempt["user"])
            target = target.create(attempt["wizard_vals"])
        else:
            target = records[name].with_user(attempt["user"])
        method = getattr(target, attempt["method_name"])
        try:
            method(*self._arguments(method))
        except REFUSALS:
            raise
        except Exception as error:
            # nonsense arguments: refused all the same
            raise UserError(repr(error)) from None
        after = self._snapshot(records)
        before = attempt["before"]
        if after != before:
            attempt["changed"] = [key for key in before if before[key] != after[key]]
            failures.append(attempt)

    @mute_logger("odoo.models", "odoo.http", "odoo.addons.mail", "odoo.sql_db")
    def test_bystanders_change_nothing(self):
        """A colleague outside the team and a portal user call every public
        method of the addon on Eva's records, and on every wizard pointed at
        them: nothing changes."""
        failures = []
        called = 0
        records = self._records(self.emp_employee)
        specs = self._fixture_vals(self.emp_employee)
        for who in ("bystander", "portal"):
            user = self.role_users[who]
            for name in self.models:
                model = self.env[name]
                if model._transient:
                    spec = specs[name]
                    vals = spec(records) if callable(spec) else dict(spec)
                    targets = [("*", vals)]
                else:
                    targets = [(state, None) for state in self._states(model)]
                for state, wizard_vals in targets:
                    if wizard_vals is None and state != "*":
                        self._force_state(records[name], state)
                    before = self._snapshot(records)
                    for method_name in self._public_methods(model):
                        called += 1
                        attempt = {
                            "records": records,
                            "name": name,
                            "user": user,
                            "wizard_vals": wizard_vals,
                            "method_name": method_name,
                            "before": before,
                        }
                        self._try(functools.partial(self._attempt, attempt, failures))
                        if failures and failures[-1] is attempt:
                            failures[-1] = (
                                f"{who} called {name}.{method_name} [{state}] "
                                f"and changed {attempt['changed']}"
                            )
        _logger.info("bystander calls: %s", called)
        self.assertGreater(called, 100)
        self.assertFalse(failures, "\n".join(failures[:80]))
