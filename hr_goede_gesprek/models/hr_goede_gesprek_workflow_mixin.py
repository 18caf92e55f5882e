# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The declared field policy of every model of the addon.

Every RPC caller can send any field with any value and any context. Each model
declares, readable at a glance, which fields each *role* may give on create and
may change in which state::

    _policy_create = {"employee": {"name", "note"}, "hr": {...}}
    _policy_write = {
        "draft": {"employee": {"note"}, "hr": {"note", "amount"}},
        "*": {"hr": {"internal_note"}},      # in every state
    }
    _policy_unlink = {"draft": {"employee", "hr"}}  # None: ACLs and rules only

Anything else is refused with a translated ``AccessError`` naming the fields,
before anything is written. Workflow and audit fields (state, signatures,
approver, dates the workflow sets, links that decide rights) are in no role's
set: only the model's own ``_do_*`` steps write them, with ``sudo()`` after
their ``_check_can_*``. Nothing a request can send switches that path on: the
superuser environment cannot be asked for over RPC, and no context key is read.

Roles are computed per record by ``_policy_roles`` (the employee, their
manager, HR, ...); models add their own (conversation partner, author,
requester). ``sudo()`` in this file only compares ids: plain users cannot read
``hr.employee``.
"""

from odoo import api, models
from odoo.exceptions import AccessError, UserError

OFFICER = "hr_goede_gesprek.group_goede_gesprek_officer"
ADMIN = "hr_goede_gesprek.group_goede_gesprek_admin"
ANY_STATE = "*"
# The mail machinery of mail.thread / mail.activity.mixin writes these as the
# user; mail applies its own rights to messages, followers and activities.
FREE_FIELDS = frozenset({"website_message_ids"})
FREE_PREFIXES = ("message_", "activity_")


def step_action(step, *args):
    """The public button method of the workflow ``step``: ``action_x =
    step_action("x")`` runs ``_run_step("x", *args)`` (the guard as the user,
    then the step) and returns True for the client."""

    def action(self):
        return self._run_step(step, *args)

    action.__doc__ = f"Take the workflow step {step!r} (see ``_run_step``)."
    return action


class HrGoedeGesprekWorkflowMixin(models.AbstractModel):
    _name = "hr.goede.gesprek.workflow.mixin"
    _description = "Good Conversation: declared field policy"

    # Declared by each model; see the module docstring. None: not declared
    # (the generic attack test refuses a model of the addon without them).
    _policy_create = None
    _policy_write = None
    _policy_unlink = None
    # The field whose value selects the ``_policy_write`` row (a dotted path
    # for a child that follows its parent's state); None: ANY_STATE only.
    _policy_state_field = "state"
    # The field that names the employee the record is about (None: no employee).
    _policy_employee_field = "employee_id"

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and self._policy_create is not None:
            self._check_policy_create(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and self._policy_write is not None:
            self._check_policy_write(vals)
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            self._check_policy_unlink()
        return super().unlink()

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _run_step(self, step, *args):
        """A workflow button: ``_check_can_<step>()`` as the user, then
        ``_do_<step>(*args)``; True for the client."""
        getattr(self, f"_check_can_{step}")()
        getattr(self, f"_do_{step}")(*args)
        return True

    def _run_portal_step(self, step, *args):
        """A portal button: ``_check_can_<step>()`` as the user, then
        ``_do_<step>(*args)`` with sudo (portal users hold a read-only ACL, and
        the state and the step's other fields are workflow fields; sudo keeps
        the uid, so the step still knows who acts); True for the controller."""
        getattr(self, f"_check_can_{step}")()
        getattr(self.sudo(), f"_do_{step}")(*args)
        return True

    def _raise_cannot(self, step, *args):
        """Raise the first record's reason against ``step``, if any: the
        ``UserError`` or ``AccessError`` that ``_get_cannot_<step>_reason(*args)``
        returns (None: allowed)."""
        for record in self:
            if error := getattr(record, f"_get_cannot_{step}_reason")(*args):
                raise error

    # ------------------------------------------------------------------
    # Roles
    # ------------------------------------------------------------------
    @api.model
    def _is_hr(self, user=None):
        """Is the user (default: the current one) an HR officer?"""
        user = user or self.env.user
        return user.has_group(OFFICER)

    @api.model
    def _is_hr_admin(self, user=None):
        user = user or self.env.user
        return user.has_group(ADMIN)

    @api.model
    def _employee_managers(self, employee):
        """The users who manage ``employee``: their manager and the manager of
        their department. (sudo: ids only; plain users cannot read
        ``hr.employee``.)"""
        employee = employee.sudo()
        return employee.parent_id.user_id | employee.department_id.manager_id.user_id

    @api.model
    def _is_manager_of(self, employee, user=None):
        user = user or self.env.user
        return bool(employee) and user in self._employee_managers(employee)

    @api.model
    def _policy_roles_for_employee(self, employee, user=None):
        """The roles ``user`` has towards documents about ``employee``."""
        user = user or self.env.user
        roles = set()
        if user.has_group(OFFICER):
            roles.add("hr")
        if user.has_group(ADMIN):
            roles.add("admin")
        if employee:
            if employee.sudo().user_id == user:
                roles.add("employee")
            elif user in self._employee_managers(employee):
                roles.add("manager")
        return roles

    def _policy_employee(self):
        self.ensure_one()
        fname = self._policy_employee_field
        return self.sudo()[fname] if fname else self.env["hr.employee"]

    def _policy_roles(self):
        """The roles of the current user on this record. Models extend it."""
        self.ensure_one()
        return self._policy_roles_for_employee(self._policy_employee())

    @api.model
    def _policy_roles_create(self, vals):
        """The roles of the current user on a record created with ``vals``."""
        fname = self._policy_employee_field
        employee = self.env["hr.employee"]
        if fname and vals.get(fname):
            employee = employee.browse(vals[fname])
        elif fname:
            default = self.default_get([fname]).get(fname)
            employee = employee.browse(default or [])
        return self._policy_roles_for_employee(employee)

    # ------------------------------------------------------------------
    # Policy
    # ------------------------------------------------------------------
    @api.model
    def _policy_free(self, fname):
        return fname in FREE_FIELDS or fname.startswith(FREE_PREFIXES)

    @api.model
    def _policy_fields(self, table, roles):
        """The fields ``roles`` may set in ``table`` (a {role: fields} dict)."""
        allowed = set()
        table = table or {}
        for role in roles:
            allowed |= set(table.get(role, ()))
        return allowed

    def _policy_state(self):
        """The state that selects the ``_policy_write`` row. A dotted
        ``_policy_state_field`` ("conversation_id.state") reads it from the
        parent record (sudo: a state, read to pick the row)."""
        self.ensure_one()
        fname = self._policy_state_field
        if not fname:
            return ANY_STATE
        return (self.sudo().mapped(fname) or [ANY_STATE])[0]

    def _policy_write_fields(self, roles=None):
        """The fields the current user may change on this record now."""
        self.ensure_one()
        roles = self._policy_roles() if roles is None else roles
        policy = self._policy_write or {}
        return self._policy_fields(
            policy.get(self._policy_state()), roles
        ) | self._policy_fields(policy.get(ANY_STATE), roles)

    def _set_policy_flags(self, flags):
        """Set each ``can_*`` flag of ``flags`` ({flag: fields}) to whether the
        current user may now change any of its fields, and ``is_hr``: the
        form's buttons follow the very policy that checks the write."""
        is_hr = self._is_hr()
        for record in self:
            allowed = record._policy_write_fields() if record.id else set()
            for flag, fnames in flags.items():
                record[flag] = bool(fnames & allowed)
            record.is_hr = is_hr

    @api.model
    def _policy_create_fields(self, vals):
        return self._policy_fields(self._policy_create, self._policy_roles_create(vals))

    @api.model
    def _policy_is_default(self, fname, value, defaults):
        """A value a form sends along on creation that changes nothing."""
        field = self._fields.get(fname)
        if field is None:
            return False
        if fname in defaults:
            default = defaults[fname]
            if field.type == "many2one" and isinstance(value, models.BaseModel):
                value = value.id
            elif field.type in ("date", "datetime"):
                # "2026-02-01" (RPC) and date(2026, 2, 1) (the default) agree.
                value = field.convert_to_cache(value, self, validate=False)
                default = field.convert_to_cache(default, self, validate=False)
            return value == default or (not value and not default)
        if field.type in ("one2many", "many2many"):
            # Only "empty it" commands: (5,) or (6, 0, []).
            return not value or all(
                isinstance(cmd, list | tuple)
                and (cmd[0] == 5 or (cmd[0] == 6 and not cmd[2]))
                for cmd in value
            )
        return value in (False, None, "", 0, 0.0)

    def _policy_labels(self, fnames):
        return ", ".join(
            sorted(
                self._fields[f]._description_string(self.env)
                if f in self._fields
                else f
                for f in fnames
            )
        )

    @api.model
    def _raise_create_refused(self, forbidden):
        raise AccessError(
            self.env._(
                "You may not set these fields when creating a record of "
                "“%(model)s”: %(fields)s.",
                model=self._description,
                fields=self._policy_labels(forbidden),
            )
        )

    @api.model
    def _check_policy_create(self, vals_list):
        """Refuse every field the current user may not give on creation, in
        the values and in the defaults the caller chose."""
        defaults, asked = {}, set()
        for vals in vals_list:
            allowed = self._policy_create_fields(vals)
            candidates = {
                f for f in vals if f not in allowed and not self._policy_free(f)
            }
            if not candidates:
                continue
            if missing := candidates - asked:
                asked |= missing
                defaults.update(self.default_get(list(missing)))
            forbidden = {
                f
                for f in candidates
                if not self._policy_is_default(f, vals[f], defaults)
            }
            if forbidden:
                self._raise_create_refused(forbidden)
        self._check_policy_caller_defaults(vals_list)

    @api.model
    def _check_selection_values(self, vals):
        """Refuse a value outside its field's selection (a portal form's
        input), with a translated error, before anything is written."""
        for fname, value in vals.items():
            field = self._fields.get(fname)
            if field is None or field.type != "selection":
                continue
            if value not in dict(field._description_selection(self.env)):
                raise UserError(
                    self.env._(
                        "“%(value)s” is not a valid choice for %(field)s.",
                        value=value or "",
                        field=field._description_string(self.env),
                    )
                )

    def _policy_unchanged(self, fname, value):
        """Does writing ``value`` to ``fname`` leave every record as it is?"""
        field = self._fields.get(fname)
        if field is None or field.type in ("one2many", "many2many", "binary"):
            return False
        for record in self:
            current = record[fname]
            if field.type == "many2one":
                current = current.id
                if isinstance(value, models.BaseModel):
                    value = value.id
            elif field.type in ("date", "datetime"):
                value = field.convert_to_cache(value, record)
            if current != value and not (not current and not value):
                return False
        return True

    def _check_policy_write(self, vals):
        """Refuse every field the current user may not change on these records."""
        fnames = {f for f in vals if not self._policy_free(f)}
        if not fnames:
            return
        for record in self:
            forbidden = fnames - record._policy_write_fields()
            if not forbidden:
                continue
            forbidden = {
                f for f in forbidden if not record._policy_unchanged(f, vals[f])
            }
            if forbidden:
                raise AccessError(
                    self.env._(
                        "You may not change these fields of “%(name)s” "
                        "(%(model)s) now: %(fields)s.",
                        name=record.sudo().display_name,
                        model=self._description,
                        fields=self._policy_labels(forbidden),
                    )
                )

    @api.model
    def _check_policy_caller_defaults(self, vals_list):
        """Refuse the defaults the caller chose for fields they may not give.

        ``create`` fills the fields missing from the values from the
        ``default_*`` keys of the context and from the user's own
        ``ir.default`` records: both are in the caller's hands (any context;
        any internal user may set personal defaults). ``_check_policy_create``
        also takes a value equal to such a default for a no-op. For a field
        outside the caller's allowed set, only the default the model declares
        in code counts.
        """
        chosen = {key[8:] for key in self.env.context if key.startswith("default_")}
        # The user's (and global) ``ir.default`` values, from the ORM cache
        # ``default_get`` itself reads: no query once warm.
        personal = set(self.env["ir.default"]._get_model_defaults(self._name))
        chosen = {
            fname
            for fname in chosen | personal
            if fname in self._fields and not self._policy_free(fname)
        }
        if not chosen:
            return
        given = self.default_get(list(chosen))
        trusted = {}
        for fname in chosen:
            field = self._fields[fname]
            value = field.default(self) if field.default else False
            value = field.convert_to_cache(value, self, validate=False)
            trusted[fname] = field.convert_to_write(value, self)
        for vals in vals_list:
            allowed = self._policy_create_fields(vals)
            values = {**given, **vals}
            forbidden = {
                fname
                for fname in chosen - allowed
                if fname in values
                and not self._policy_is_default(fname, values[fname], trusted)
            }
            if forbidden:
                self._raise_create_refused(forbidden)

    def _check_policy_unlink(self):
        if self._policy_unlink is None:
            return
        for record in self:
            allowed_roles = set(self._policy_unlink.get(record._policy_state()) or ())
            allowed_roles |= set(self._policy_unlink.get(ANY_STATE) or ())
            if not allowed_roles & record._policy_roles():
                raise AccessError(
                    self.env._(
                        "You may not delete “%(name)s” (%(model)s) now.",
                        name=record.sudo().display_name,
                        model=self._description,
                    )
                )
