# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Incidental rewards (gratificatie / incidentele beloning).

Who does what (documented in README.md, "Incidental rewards"):

- the employee's manager (or an HR officer) proposes a reward; nobody proposes or
  approves a reward for themselves, and the rewarded employee only reads it;
- approval: an HR officer always may; with the company policy "manager" the
  employee's manager may approve as well;
- only HR officers mark a reward paid, and only they approve above the cap, where
  the company policy allows it and with a reason (the wizard
  ``hr.goede.gesprek.reward.override``, tracked);
- a paid reward is final.

State, approver, approval date, proposer, override and export fields are set by
the workflow only: public ``action_*`` -> ``_check_can_*`` -> ``_do_*``, which
writes with ``sudo()``. The declared policy below (see
``hr.goede.gesprek.workflow.mixin``) lists what each role may type in each state.

The yearly cap is held by ``hr.goede.gesprek.reward.budget`` (one row per employee
per year, a CHECK constraint, updated in the same transaction).
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import LazyTranslate, format_amount

from ..tools.declarations import followed_company, workflow_state
from .hr_goede_gesprek_workflow_mixin import step_action

_lt = LazyTranslate(__name__)

KINDS = [("cash", "Cash"), ("in_kind", "In kind")]
TAX_TREATMENTS = [
    ("designated", "Designated in the free space (work-related-costs scheme)"),
    ("individual", "Individual wage (grossed up)"),
    ("exempt", "Targeted exemption"),
    ("nil", "Nil valuation"),
]
REFERENCE_SEQUENCE_CODE = "hr.goede.gesprek.reward"
STATES = [
    ("proposed", "Proposed"),
    ("approved", "Approved"),
    ("paid", "Paid"),
    ("cancelled", "Cancelled"),
]
MANAGER = "hr_goede_gesprek.group_goede_gesprek_manager"

# Changing these on an approved reward changes its employee's yearly budget.
BUDGET_FIELDS = frozenset({"amount_net", "employee_id", "date"})
# What the reward is: the proposer types it, whoever may approve it keeps it right.
REWARD_FIELDS = BUDGET_FIELDS | {
    "name",
    "reason",
    "conversation_id",
    "agreement_id",
    "kind",
    "in_kind_description",
    "amount_gross",
}
# Where it is proposed: follows the employee, chosen with them.
PROPOSAL_FIELDS = REWARD_FIELDS | {"company_id"}
# How payroll handles it: HR, until it is paid (the proposer may suggest it).
TAX_FIELDS = frozenset({"tax_treatment", "tax_treatment_date", "payroll_period"})
PAYROLL_FIELDS = TAX_FIELDS | {"payment_date"}
# Workflow and audit fields, in no role's set: state, proposer_id, approver_id,
# approved_date, override_reason, override_amount, exported, export_date (and
# the computed year).


# Why a step or a change is refused on a reward, by ``"<step>:<rule>"`` (the
# constraints, the guards and the ``_get_cannot_<step>_reason`` methods):
# ``%(name)s`` is the reward, other placeholders are given by the caller.
STEP_MESSAGES = {
    "amount:net": _lt("The net amount of reward '%(name)s' must be more than zero."),
    "amount:gross": _lt("The gross amount of reward '%(name)s' cannot be negative."),
    "in_kind:what": _lt("Reward '%(name)s' is in kind: say what is given."),
    "tax_treatment:late": _lt(
        "The tax treatment of reward '%(name)s' must be chosen no "
        "later than its payment (%(payment)s)."
    ),
    "own": _lt("Reward '%(name)s' is your own: someone else handles it."),
    "unlink:state": _lt(
        "Reward '%(name)s' is %(state)s: cancel it instead of deleting it."
    ),
    "write:paid": _lt("Reward '%(name)s' is paid and can no longer be changed."),
    "propose:archived": _lt("%(employee)s is archived: no reward can be proposed."),
    "propose:own": _lt("You cannot propose a reward for yourself."),
    "propose:who": _lt("Only the manager of %(employee)s or HR may propose a reward."),
    "approve:state": _lt("Reward '%(name)s' is not awaiting approval."),
    "approve:who": _lt("You may not approve the reward '%(name)s' for %(employee)s."),
    "override:policy": _lt(
        "The policy of %(company)s does not allow rewards above the yearly cap."
    ),
    "override:no_reason": _lt(
        "Give the reason to exceed the cap for reward '%(name)s'."
    ),
    "mark_paid:state": _lt("Reward '%(name)s' must be approved before it is paid."),
    "mark_paid:no_tax_treatment": _lt(
        "Choose the tax treatment of reward '%(name)s' (and the date "
        "it was chosen) before it is paid."
    ),
    "cancel:state": _lt(
        "Reward '%(name)s' is paid or cancelled and cannot be cancelled."
    ),
    "cancel:who": _lt("You may not cancel the reward '%(name)s'."),
    "reset:state": _lt("Only a cancelled reward can be proposed again ('%(name)s')."),
    "export:state": _lt(
        "Reward '%(name)s' is not approved: it cannot be handed to payroll."
    ),
}


class HrGoedeGesprekReward(models.Model):
    _name = "hr.goede.gesprek.reward"
    _description = "Incidental Reward"
    _inherit = [
        "hr.goede.gesprek.employee.mixin",
        "hr.goede.gesprek.state.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "hr.goede.gesprek.hint.mixin",
        "hr.goede.gesprek.retention.mixin",
        "hr.goede.gesprek.health.guard.mixin",
    ]
    _retention_document_type = "reward"
    _retention_closed_states = ("paid", "cancelled")
    _retention_completion_fields = ("payment_date", "date")
    _retention_payment_field = "payment_date"
    _retention_lock_domain = [("state", "in", ("approved", "paid"))]
    _order = "date desc, id desc"
    _check_company_auto = True
    _step_messages = STEP_MESSAGES

    # Roles: "employee" (the rewarded employee: reads, never writes; no other
    # role counts on one's own reward), "manager" (of the employee, with the
    # manager group), "approver" (may approve this reward now: HR, or the
    # manager under the company policy "manager"), "hr", "admin".
    _policy_create = {
        "manager": PROPOSAL_FIELDS | TAX_FIELDS,
        "hr": PROPOSAL_FIELDS | PAYROLL_FIELDS,
    }
    _policy_write = {
        "proposed": {
            "manager": PROPOSAL_FIELDS | TAX_FIELDS,
            "hr": PROPOSAL_FIELDS | PAYROLL_FIELDS,
        },
        # Budget fields go through the cap again (see write()).
        "approved": {"approver": REWARD_FIELDS, "hr": REWARD_FIELDS | PAYROLL_FIELDS},
        # paid: final; cancelled: propose it again first.
    }
    _policy_unlink = {"proposed": {"hr"}, "cancelled": {"hr"}}

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    name = fields.Char(string="Description", required=True, tracking=True)
    # Numbered by the system (GRAT/<year>/0001): what payroll refers to.
    reference = fields.Char(
        compute="_compute_reference", store=True, copy=False, index="btree_not_null"
    )
    reason = fields.Text(
        required=True, help="Why the employee gets this reward (for the file)."
    )
    employee_id = fields.Many2one(tracking=True, ondelete="restrict")
    company_id = followed_company()
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(
        string="Reward date",
        required=True,
        tracking=True,
        default=lambda self: self.env.company._goede_gesprek_today(),
    )
    year = fields.Integer(compute="_compute_year", store=True, index=True)
    conversation_id = fields.Many2one(
        "hr.goede.gesprek",
        string="Conversation",
        check_company=True,
        domain="[('employee_id', '=', employee_id)]",
    )
    agreement_id = fields.Many2one(
        "hr.goede.gesprek.agreement",
        string="Agreement",
        domain="[('employee_id', '=', employee_id)]",
    )
    kind = fields.Selection(KINDS, default="cash", required=True, tracking=True)
    in_kind_description = fields.Char(
        string="What is given", help="For a reward in kind: the gift or voucher."
    )
    amount_net = fields.Monetary(
        string="Net amount",
        required=True,
        tracking=True,
        help="Counts against the yearly cap. In kind: the invoice value incl. VAT.",
    )
    amount_gross = fields.Monetary(
        string="Gross amount", tracking=True, help="When payroll knows it."
    )
    tax_treatment = fields.Selection(TAX_TREATMENTS, tracking=True)
    tax_treatment_date = fields.Date(
        string="Treatment chosen on",
        tracking=True,
        help="The date the tax treatment was chosen; no later than payment.",
    )
    payroll_period = fields.Char(
        help="The pay period payroll handles it in, e.g. 2026-03.", tracking=True
    )
    payment_date = fields.Date(tracking=True, copy=False)
    state = workflow_state(STATES, "proposed")
    proposer_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, readonly=True, copy=False
    )
    approver_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    approved_date = fields.Date(readonly=True, copy=False)
    override_reason = fields.Text(
        string="Reason to exceed the cap", readonly=True, tracking=True, copy=False
    )
    override_amount = fields.Monetary(
        string="Above the cap", readonly=True, copy=False, tracking=True
    )
    exported = fields.Boolean(string="Exported to payroll", readonly=True, copy=False)
    export_date = fields.Datetime(readonly=True, copy=False)
    can_approve = fields.Boolean(compute="_compute_can_approve")
    remaining_budget = fields.Monetary(
        string="Remaining this year",
        compute="_compute_remaining_budget",
        help="What is left of the employee's yearly cap, without this proposal.",
    )
    is_over_budget = fields.Boolean(compute="_compute_remaining_budget")

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("employee_id")
    def _compute_company_id(self):
        for reward in self:
            reward.company_id = (
                reward.employee_id.company_id or reward.company_id or self.env.company
            )

    @api.depends("date")
    def _compute_year(self):
        for reward in self:
            reward.year = reward.date.year if reward.date else 0

    @api.depends("date")
    def _compute_reference(self):
        # sudo: numbering is the system's (nobody reads or writes sequences).
        Sequence = self.env["ir.sequence"].sudo()
        for reward in self:
            if reward.reference:
                continue
            reward.reference = Sequence.next_by_code(
                REFERENCE_SEQUENCE_CODE, sequence_date=reward.date
            ) or (
                # Rewards that existed before the numbering (module update).
                f"GRAT/{reward.year or ''}/{reward.id or 0:04d}"
            )

    @api.depends("employee_id", "date", "amount_net", "state", "company_id")
    def _compute_remaining_budget(self):
        keys = {
            (r.employee_id.id, r.date.year) for r in self if r.employee_id and r.date
        }
        # sudo: the employee's yearly budget, shown to whoever reads their
        # reward (the budget's own rules give it to the same users); one search.
        budgets = (
            self.env["hr.goede.gesprek.reward.budget"]
            .sudo()
            .search(
                [
                    ("employee_id", "in", [k[0] for k in keys]),
                    ("year", "in", [k[1] for k in keys]),
                ]
            )
            if keys
            else self.env["hr.goede.gesprek.reward.budget"]
        )
        by_key = {(b.employee_id.id, b.year): b for b in budgets}
        for reward in self:
            if not reward.employee_id or not reward.date:
                reward.remaining_budget = 0.0
                reward.is_over_budget = False
                continue
            budget = by_key.get((reward.employee_id.id, reward.date.year))
            if budget:
                remaining = budget.remaining_amount
                if reward.state in ("approved", "paid") and reward._origin:
                    # Its own amount is in "used" already.
                    remaining += reward._origin.amount_net
            else:
                remaining = reward.company_id.goede_gesprek_reward_cap
            reward.remaining_budget = remaining
            reward.is_over_budget = (
                reward.state == "proposed"
                and reward.currency_id.compare_amounts(reward.amount_net, remaining) > 0
            )

    @api.depends_context("uid")
    @api.depends("state", "employee_id")
    def _compute_can_approve(self):
        for reward in self:
            reward.can_approve = not reward._get_cannot_approve_reason()

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.onchange("reason")
    def _onchange_health_words(self):
        """A soft warning when a free text names health data."""
        return self._health_warning("reason")

    @api.constrains("amount_net", "amount_gross")
    def _check_amounts(self):
        for reward in self:
            if reward.amount_net <= 0:
                raise ValidationError(reward._get_step_message("amount:net"))
            if reward.amount_gross and reward.amount_gross < 0:
                raise ValidationError(reward._get_step_message("amount:gross"))

    @api.constrains("kind", "in_kind_description")
    def _check_in_kind(self):
        for reward in self:
            if reward.kind == "in_kind" and not reward.in_kind_description:
                raise ValidationError(reward._get_step_message("in_kind:what"))

    @api.constrains("tax_treatment_date", "payment_date")
    def _check_tax_treatment_date(self):
        for reward in self:
            if (
                reward.tax_treatment_date
                and reward.payment_date
                and reward.tax_treatment_date > reward.payment_date
            ):
                raise ValidationError(
                    reward._get_step_message(
                        "tax_treatment:late", payment=reward.payment_date
                    )
                )

    @api.constrains("employee_id", "conversation_id", "agreement_id")
    def _check_links_employee(self):
        # sudo: compares employees only; a manager need not read every
        # conversation or agreement a reward refers to.
        for reward in self.sudo():
            for link in (reward.conversation_id, reward.agreement_id):
                if link and link.employee_id != reward.employee_id:
                    raise ValidationError(
                        self.env._(
                            "Reward '%(name)s' is for %(employee)s: it can only "
                            "refer to their own conversations and agreements, not "
                            "to “%(link)s”.",
                            name=reward.name,
                            employee=reward.employee_id.name,
                            link=link.display_name,
                        )
                    )

    @api.onchange("amount_net", "employee_id", "date")
    def _onchange_over_budget(self):
        if self.is_over_budget:
            return {
                "warning": {
                    "title": self.env._("Above the yearly cap"),
                    "message": self._get_over_budget_message(),
                }
            }
        return None

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        # super() refuses what the policy does not allow, also through the
        # caller's own defaults (context default_*, personal ir.default).
        rewards = super().create(vals_list)
        rewards._check_can_propose()
        rewards.activity_update()
        return rewards

    def write(self, vals):
        if not self.env.su:
            self._check_not_final(vals)
        approved = self.filtered(lambda r: r.state == "approved")
        budget_change = bool(approved and BUDGET_FIELDS & set(vals))
        before = approved._budget_lines() if budget_change else {}
        # super() refuses what the declared policy does not allow: on an
        # approved reward only who may approve it changes the budget fields.
        res = super().write(vals)
        if "employee_id" in vals:
            self._check_can_propose()
        if budget_change:
            # The cap again, in this transaction (CHECK constraint, row lock).
            approved._apply_budget_delta(before, approved._budget_lines())
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_only_proposed(self):
        if self._retention_destroying():
            # Paid rewards leave only through the retention run.
            return
        for reward in self:
            if reward.state in ("approved", "paid"):
                raise UserError(
                    reward._get_step_message(
                        "unlink:state", state=reward._state_label()
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    action_approve = step_action("approve")

    def action_approve_over_cap(self, reason=None):
        """Approve above the yearly cap: HR, where the company policy allows it,
        with the reason asked for by the wizard (``reward.override``)."""
        self._check_can_approve()
        self._check_can_override(reason)
        self._do_approve(override=True, reason=reason.strip())
        return True

    action_mark_paid = step_action("mark_paid")

    action_cancel = step_action("cancel")

    action_reset = step_action("reset")

    # ------------------------------------------------------------------
    # Business: policy roles and checks
    # ------------------------------------------------------------------
    @api.model
    def _reward_roles(self, roles):
        """Nobody acts on their own reward, HR included: the employee only reads
        it. "manager" needs the manager group, as the ACLs and rules do."""
        if "employee" in roles:
            return {"employee"}
        if "manager" in roles and not self._has_manager_group():
            roles.discard("manager")
        return roles

    def _policy_roles(self):
        roles = self._reward_roles(super()._policy_roles())
        if roles and self._may_approve():
            roles.add("approver")
        return roles

    @api.model
    def _policy_roles_create(self, vals):
        return self._reward_roles(super()._policy_roles_create(vals))

    @api.model
    def _has_manager_group(self):
        """Managers act on rewards with the manager group only, as the ACLs
        and record rules say."""
        return self.env.user.has_group(MANAGER)

    def _may_propose(self):
        """May the current user propose (or cancel) this reward: HR, or the
        employee's manager with the manager group?"""
        self.ensure_one()
        return (
            self.env.su
            or self._is_hr()
            or (self._has_manager_group() and self._is_manager())
        )

    def _may_approve(self):
        """May the current user approve this reward (and, once approved, change
        it)? Never for oneself. (sudo: the company policy only; the policy
        asks it for users who cannot read the reward.)"""
        self.ensure_one()
        if self._is_employee():
            return False
        if self.env.su or self._is_hr():
            return True
        return (
            self.sudo().company_id.goede_gesprek_reward_approval == "manager"
            and self._has_manager_group()
            and self._is_manager()
        )

    def _check_not_own(self):
        if self.env.su:
            return
        if own := self.filtered(lambda r: r._is_employee()):
            raise AccessError(own[0]._get_step_message("own"))

    # The _get_cannot_*_reason methods: None, or the error the step raises on
    # this reward now (UserError: not in this state; AccessError: not by the
    # current user). The checks raise it; can_approve shows it on the button.
    def _get_cannot_propose_reason(self):
        self.ensure_one()
        employee = self.employee_id
        if not employee.active:
            return UserError(
                self._get_step_message("propose:archived", employee=employee.name)
            )
        if self.env.su:
            return None
        if self._is_employee():
            return AccessError(self._get_step_message("propose:own"))
        if not self._may_propose():
            return AccessError(
                self._get_step_message("propose:who", employee=employee.name)
            )
        return None

    def _get_cannot_approve_reason(self):
        self.ensure_one()
        if self.state != "proposed":
            return UserError(self._get_step_message("approve:state"))
        if not self._may_approve():
            return AccessError(
                self._get_step_message(
                    "approve:who", employee=self.sudo().employee_id.name
                )
            )
        return None

    def _get_cannot_override_reason(self, reason):
        self.ensure_one()
        if not self.company_id.goede_gesprek_reward_allow_override:
            return UserError(
                self._get_step_message("override:policy", company=self.company_id.name)
            )
        if not (isinstance(reason, str) and reason.strip()):
            return UserError(self._get_step_message("override:no_reason"))
        return None

    def _get_cannot_mark_paid_reason(self):
        self.ensure_one()
        if self.state != "approved":
            return UserError(self._get_step_message("mark_paid:state"))
        if not (self.tax_treatment and self.tax_treatment_date):
            return UserError(self._get_step_message("mark_paid:no_tax_treatment"))
        return None

    def _get_cannot_cancel_reason(self):
        self.ensure_one()
        if self.state not in ("proposed", "approved"):
            return UserError(self._get_step_message("cancel:state"))
        if self.state == "approved":
            allowed = self._may_approve()
        else:
            allowed = self._may_propose()
        if not allowed:
            return AccessError(self._get_step_message("cancel:who"))
        return None

    def _get_cannot_reset_reason(self):
        return self._get_state_reason(("cancelled",), "reset:state")

    def _get_cannot_export_reason(self):
        return self._get_state_reason(("approved", "paid"), "export:state")

    def _get_state_reason(self, states, key):
        """The ``UserError`` of ``_step_messages[key]`` unless the reward is in
        one of ``states`` (None then)."""
        self.ensure_one()
        if self.state not in states:
            return UserError(self._get_step_message(key))
        return None

    def _check_hr_only(self, message):
        if not (self.env.su or self._is_hr()):
            raise AccessError(message)

    def _check_can_propose(self):
        self._raise_cannot("propose")

    def _check_can_approve(self):
        self._raise_cannot("approve")

    def _check_can_override(self, reason):
        self._check_hr_only(
            self.env._("Only HR may approve a reward above the yearly cap.")
        )
        self._raise_cannot("override", reason)

    def _check_can_mark_paid(self):
        self._check_hr_only(self.env._("Only HR may mark a reward paid."))
        self._check_not_own()
        self._raise_cannot("mark_paid")

    def _check_can_cancel(self):
        self._check_not_own()
        self._raise_cannot("cancel")

    def _check_can_reset(self):
        self._raise_cannot("reset")
        self._check_can_propose()

    def _check_can_export(self):
        """Payroll hand-off: HR, approved or paid rewards."""
        self._check_hr_only(self.env._("Only HR may hand rewards to payroll."))
        self._raise_cannot("export")

    def _check_not_final(self, vals):
        """Clearer messages than the policy's for the two usual mistakes."""
        fnames = [f for f in vals if not self._policy_free(f)]
        paid = self.filtered(lambda r: r.state == "paid")
        if paid and not all(paid._policy_unchanged(f, vals[f]) for f in fnames):
            raise UserError(paid[0]._get_step_message("write:paid"))
        if "state" in vals and not self._policy_unchanged("state", vals["state"]):
            raise UserError(
                self.env._("Use the buttons to approve, pay or cancel a reward.")
            )

    # ------------------------------------------------------------------
    # Business: transitions, each after its _check_can_*; they write what no role may
    # type (state and audit fields, see the policy), hence sudo().
    # ------------------------------------------------------------------
    def _do_approve(self, override=False, reason=None):
        Budget = self.env["hr.goede.gesprek.reward.budget"]
        today = self.env.company._goede_gesprek_today()
        for reward in self:
            excess = 0.0
            if override:
                remaining = Budget._lock_remaining(reward.employee_id, reward.year)
                excess = max(0.0, reward.amount_net - remaining)
            Budget._apply(reward.employee_id, reward.year, reward.amount_net, excess)
            vals = {
                "state": "approved",
                "approver_id": self.env.uid,
                "approved_date": today,
                "override_amount": excess,
            }
            if override:
                vals["override_reason"] = reason
            # sudo: state and approval are the workflow's; _check_can_approve
            # (and _check_can_override for the reason) passed.
            reward.sudo().write(vals)
        self._check_customary_norm()
        self.activity_update()

    def _do_mark_paid(self):
        today = self.env.company._goede_gesprek_today()
        for reward in self:
            # sudo: the state is the workflow's; _check_can_mark_paid passed.
            reward.sudo().write(
                {"state": "paid", "payment_date": reward.payment_date or today}
            )
        self._check_customary_norm()
        self.activity_update()

    def _do_cancel(self):
        Budget = self.env["hr.goede.gesprek.reward.budget"]
        for reward in self:
            if reward.state == "approved":
                Budget._apply(
                    reward.employee_id,
                    reward.year,
                    -reward.amount_net,
                    -reward.override_amount,
                )
            # sudo: the state is the workflow's; _check_can_cancel passed.
            reward.sudo().write({"state": "cancelled", "override_amount": 0.0})
        self.activity_update()

    def _do_reset(self):
        # sudo: the state and approval are the workflow's; _check_can_reset passed.
        self.sudo().write(
            {"state": "proposed", "approver_id": False, "approved_date": False}
        )
        self.activity_update()

    def _do_mark_exported(self):
        # sudo: the export flags are the workflow's (a paid reward is final);
        # _check_can_export passed.
        self.sudo().write({"exported": True, "export_date": fields.Datetime.now()})

    # ------------------------------------------------------------------
    # Business: budget helpers
    # ------------------------------------------------------------------
    def _budget_lines(self):
        """{(employee, year): amount} of these rewards, as they are now."""
        lines = {}
        for reward in self:
            key = (reward.employee_id, reward.year)
            lines[key] = lines.get(key, 0.0) + reward.amount_net
        return lines

    def _apply_budget_delta(self, before, after):
        Budget = self.env["hr.goede.gesprek.reward.budget"]
        # Releases first, so moving a reward between years never fails halfway.
        deltas = {
            key: after.get(key, 0.0) - before.get(key, 0.0)
            for key in set(before) | set(after)
        }
        for (employee, year), delta in sorted(deltas.items(), key=lambda kv: kv[1]):
            if delta:
                Budget._apply(employee, year, delta)

    def _check_customary_norm(self):
        """Warn HR once a year when the designated total passes the customary norm."""
        designated = self.filtered(
            lambda r: r.tax_treatment == "designated"
            and r.state in ("approved", "paid")
        )
        if not designated:
            return
        keys = list({(r.employee_id.id, r.year) for r in designated})
        self.flush_model(
            ["state", "tax_treatment", "amount_net", "employee_id", "year"]
        )
        self.env.cr.execute(
            """
            SELECT r.employee_id, r.year, SUM(r.amount_net)
              FROM hr_goede_gesprek_reward r
              JOIN (SELECT unnest(%s::int[]) AS employee_id,
                           unnest(%s::int[]) AS year) k
                ON k.employee_id = r.employee_id AND k.year = r.year
             WHERE r.state IN ('approved', 'paid') AND r.tax_treatment = 'designated'
          GROUP BY r.employee_id, r.year
            """,
            ([k[0] for k in keys], [k[1] for k in keys]),
        )
        totals = {(emp, year): total for emp, year, total in self.env.cr.fetchall()}
        budgets = self.env["hr.goede.gesprek.reward.budget"].search(
            [
                ("employee_id", "in", [k[0] for k in keys]),
                ("year", "in", [k[1] for k in keys]),
                ("norm_warned", "=", False),
            ]
        )
        for budget in budgets:
            total = totals.get((budget.employee_id.id, budget.year), 0.0)
            norm = budget.company_id.goede_gesprek_reward_norm
            if not norm or total <= norm:
                continue
            # sudo: the warning is HR's bookkeeping; the approver may be a
            # manager, who cannot write budgets.
            budget.sudo()._warn_norm(total)

    def _get_over_budget_message(self):
        self.ensure_one()
        return self.env._(
            "This proposal of %(amount)s is above the %(remaining)s left of "
            "the employee's yearly cap for %(year)s. HR can approve it only "
            "within the cap, or above it with a reason when the settings allow.",
            remaining=format_amount(self.env, self.remaining_budget, self.currency_id),
            year=str(self.date.year),
            amount=format_amount(self.env, self.amount_net, self.currency_id),
        )

    # ------------------------------------------------------------------
    # Business: the next step (the hint on the form)
    # ------------------------------------------------------------------
    def _get_next_step_hint(self):
        self.ensure_one()
        _ = self.env._
        if self.state == "proposed":
            if self.can_approve:
                return _("Next: you approve the reward or cancel it; HR then pays it.")
            if self.company_id.goede_gesprek_reward_approval == "manager":
                return _(
                    "Next: the employee's manager or HR approves the reward; "
                    "then HR pays it."
                )
            return _("Next: HR approves the reward, then pays it.")
        if self.state == "approved":
            if self._is_hr():
                return _("Next: pay the reward with the payroll, then mark it as paid.")
            return _("Next: HR pays the reward with the payroll.")
        if self.state == "paid":
            return _("Paid with the payroll: nothing left to do.")
        return _("Cancelled: nothing left to do.")

    # ------------------------------------------------------------------
    # Mail: activities
    # ------------------------------------------------------------------
    def _get_approver_user(self):
        self.ensure_one()
        if self.company_id.goede_gesprek_reward_approval == "manager":
            manager_user = self.employee_id.parent_id.user_id
            if manager_user and manager_user != self.proposer_id:
                return manager_user
        return self.company_id._goede_gesprek_hr_user(self.employee_id)

    def activity_update(self):
        to_clean = self.env["hr.goede.gesprek.reward"]
        for reward in self:
            if reward.state == "proposed":
                user = reward._get_approver_user()
                if user:
                    reward.activity_schedule(
                        "hr_goede_gesprek.mail_act_reward_approve",
                        user_id=user.id,
                    )
            elif reward.state == "approved":
                reward.activity_feedback(["hr_goede_gesprek.mail_act_reward_approve"])
                user = reward.company_id._goede_gesprek_hr_user(reward.employee_id)
                if user:
                    reward.activity_schedule(
                        "hr_goede_gesprek.mail_act_reward_pay", user_id=user.id
                    )
            elif reward.state == "paid":
                reward.activity_feedback(["hr_goede_gesprek.mail_act_reward_pay"])
            else:
                to_clean |= reward
        if to_clean:
            to_clean.activity_unlink(
                [
                    "hr_goede_gesprek.mail_act_reward_approve",
                    "hr_goede_gesprek.mail_act_reward_pay",
                ]
            )
