# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Incidental rewards (gratificatie / incidentele beloning).

Who does what (documented in README.md, "Incidental rewards"):

- the employee's manager (or an HR officer) proposes a reward; nobody proposes or
  approves a reward for themselves;
- approval: an HR officer always may; with the company policy "manager" the
  employee's manager may approve as well;
- only HR officers mark a reward paid, and only they approve above the cap, where
  the company policy allows it and with a reason (tracked).

The yearly cap is held by ``hr.goede.gesprek.reward.budget`` (one row per employee
per year, a CHECK constraint, updated in the same transaction).
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

KINDS = [("cash", "Cash"), ("in_kind", "In kind")]
TAX_TREATMENTS = [
    ("designated", "Designated in the free space (work-related-costs scheme)"),
    ("individual", "Individual wage (grossed up)"),
    ("exempt", "Targeted exemption"),
    ("nil", "Nil valuation"),
]
STATES = [
    ("proposed", "Proposed"),
    ("approved", "Approved"),
    ("paid", "Paid"),
    ("cancelled", "Cancelled"),
]
# Changing these on an approved reward changes its employee's yearly budget.
BUDGET_FIELDS = {"amount_net", "employee_id", "date"}
# The only fields that may still change on a paid reward (the payroll hand-off).
PAID_WRITABLE = {"exported", "export_date"}
OFFICER = "hr_goede_gesprek.group_goede_gesprek_officer"


class HrGoedeGesprekReward(models.Model):
    _name = "hr.goede.gesprek.reward"
    _description = "Incidental Reward"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Description", required=True, tracking=True)
    reason = fields.Text(
        required=True, help="Why the employee gets this reward (for the file)."
    )
    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        ondelete="restrict",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        compute="_compute_company_id",
        store=True,
        readonly=False,
        precompute=True,
    )
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
    state = fields.Selection(
        STATES,
        default="proposed",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    proposer_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, readonly=True, copy=False
    )
    approver_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    approved_date = fields.Date(readonly=True, copy=False)
    override_reason = fields.Text(
        string="Reason to exceed the cap", tracking=True, copy=False
    )
    override_amount = fields.Monetary(
        string="Above the cap", readonly=True, copy=False, tracking=True
    )
    exported = fields.Boolean(string="Exported to payroll", readonly=True, copy=False)
    export_date = fields.Datetime(readonly=True, copy=False)
    can_approve = fields.Boolean(compute="_compute_can_approve")

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

    @api.depends_context("uid")
    @api.depends("state", "employee_id")
    def _compute_can_approve(self):
        for reward in self:
            reward.can_approve = reward.state == "proposed" and reward._may_approve()

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("amount_net", "amount_gross")
    def _check_amounts(self):
        for reward in self:
            if reward.amount_net <= 0:
                raise ValidationError(
                    self.env._(
                        "The net amount of reward '%(name)s' must be more than zero.",
                        name=reward.name,
                    )
                )
            if reward.amount_gross and reward.amount_gross < 0:
                raise ValidationError(
                    self.env._(
                        "The gross amount of reward '%(name)s' cannot be negative.",
                        name=reward.name,
                    )
                )

    @api.constrains("kind", "in_kind_description")
    def _check_in_kind(self):
        for reward in self:
            if reward.kind == "in_kind" and not reward.in_kind_description:
                raise ValidationError(
                    self.env._(
                        "Reward '%(name)s' is in kind: say what is given.",
                        name=reward.name,
                    )
                )

    @api.constrains("tax_treatment_date", "payment_date")
    def _check_tax_treatment_date(self):
        for reward in self:
            if (
                reward.tax_treatment_date
                and reward.payment_date
                and reward.tax_treatment_date > reward.payment_date
            ):
                raise ValidationError(
                    self.env._(
                        "The tax treatment of reward '%(name)s' must be chosen no "
                        "later than its payment (%(payment)s).",
                        name=reward.name,
                        payment=reward.payment_date,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        rewards = super().create(vals_list)
        rewards._check_can_propose()
        rewards.activity_update()
        return rewards

    def write(self, vals):
        if self.env.context.get("gg_reward_transition"):
            return super().write(vals)
        paid = self.filtered(lambda r: r.state == "paid")
        if paid and set(vals) - PAID_WRITABLE:
            raise UserError(
                self.env._(
                    "Reward '%(name)s' is paid and can no longer be changed.",
                    name=paid[0].name,
                )
            )
        if "state" in vals:
            raise UserError(
                self.env._("Use the buttons to approve, pay or cancel a reward.")
            )
        approved = self.filtered(lambda r: r.state == "approved")
        if not (approved and BUDGET_FIELDS & set(vals)):
            return super().write(vals)
        approved._check_can_approve(editing=True)
        before = approved._budget_lines()
        res = super().write(vals)
        approved._check_can_propose()
        after = approved._budget_lines()
        approved._apply_budget_delta(before, after)
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_only_proposed(self):
        for reward in self:
            if reward.state in ("approved", "paid"):
                raise UserError(
                    self.env._(
                        "Reward '%(name)s' is %(state)s: cancel it instead of "
                        "deleting it.",
                        name=reward.name,
                        state=dict(
                            self._fields["state"]._description_selection(self.env)
                        )[reward.state],
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_approve(self):
        self._check_can_approve()
        self._do_approve()
        return True

    def action_approve_over_cap(self):
        self._check_can_approve()
        self._check_can_override()
        self._do_approve(override=True)
        return True

    def action_mark_paid(self):
        self._check_can_mark_paid()
        self._do_mark_paid()
        return True

    def action_cancel(self):
        self._check_can_cancel()
        self._do_cancel()
        return True

    def action_reset(self):
        self._check_can_reset()
        self._do_reset()
        return True

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------
    def _is_officer(self):
        return self.env.user.has_group(OFFICER)

    def _is_manager_of(self, employee):
        user = self.env.user
        return user in (
            employee.parent_id.user_id | employee.department_id.manager_id.user_id
        )

    def _may_approve(self):
        self.ensure_one()
        if self.employee_id.user_id == self.env.user:
            return False
        if self._is_officer() or self.env.su:
            return True
        return (
            self.company_id.goede_gesprek_reward_approval == "manager"
            and self._is_manager_of(self.employee_id)
        )

    def _check_can_propose(self):
        for reward in self:
            employee = reward.employee_id
            if not employee.active:
                raise UserError(
                    self.env._(
                        "%(employee)s is archived: no reward can be proposed.",
                        employee=employee.name,
                    )
                )
            if self.env.su:
                continue
            if employee.user_id == self.env.user:
                raise AccessError(
                    self.env._("You cannot propose a reward for yourself.")
                )
            if not (self._is_officer() or self._is_manager_of(employee)):
                raise AccessError(
                    self.env._(
                        "Only the manager of %(employee)s or HR may propose a reward.",
                        employee=employee.name,
                    )
                )

    def _check_can_approve(self, editing=False):
        for reward in self:
            if not editing and reward.state != "proposed":
                raise UserError(
                    self.env._(
                        "Reward '%(name)s' is not awaiting approval.", name=reward.name
                    )
                )
            if not reward._may_approve():
                raise AccessError(
                    self.env._(
                        "You may not approve the reward '%(name)s' for %(employee)s.",
                        name=reward.name,
                        employee=reward.employee_id.name,
                    )
                )

    def _check_can_override(self):
        for reward in self:
            if not (self._is_officer() or self.env.su):
                raise AccessError(
                    self.env._("Only HR may approve a reward above the yearly cap.")
                )
            if not reward.company_id.goede_gesprek_reward_allow_override:
                raise UserError(
                    self.env._(
                        "The policy of %(company)s does not allow rewards above the "
                        "yearly cap.",
                        company=reward.company_id.name,
                    )
                )
            if not (reward.override_reason or "").strip():
                raise UserError(
                    self.env._(
                        "Give the reason to exceed the cap for reward '%(name)s'.",
                        name=reward.name,
                    )
                )

    def _check_can_mark_paid(self):
        if not (self._is_officer() or self.env.su):
            raise AccessError(self.env._("Only HR may mark a reward paid."))
        for reward in self:
            if reward.state != "approved":
                raise UserError(
                    self.env._(
                        "Reward '%(name)s' must be approved before it is paid.",
                        name=reward.name,
                    )
                )
            if not (reward.tax_treatment and reward.tax_treatment_date):
                raise UserError(
                    self.env._(
                        "Choose the tax treatment of reward '%(name)s' (and the date "
                        "it was chosen) before it is paid.",
                        name=reward.name,
                    )
                )

    def _check_can_cancel(self):
        for reward in self:
            if reward.state not in ("proposed", "approved"):
                raise UserError(
                    self.env._(
                        "Reward '%(name)s' is paid or cancelled and cannot be "
                        "cancelled.",
                        name=reward.name,
                    )
                )
            if reward.state == "approved":
                reward._check_can_approve(editing=True)
            elif not (
                self._is_officer()
                or self.env.su
                or reward.proposer_id == self.env.user
                or self._is_manager_of(reward.employee_id)
            ):
                raise AccessError(
                    self.env._(
                        "You may not cancel the reward '%(name)s'.", name=reward.name
                    )
                )

    def _check_can_reset(self):
        for reward in self:
            if reward.state != "cancelled":
                raise UserError(
                    self.env._(
                        "Only a cancelled reward can be proposed again ('%(name)s').",
                        name=reward.name,
                    )
                )
        self._check_can_propose()

    # ------------------------------------------------------------------
    # Transitions
    # ------------------------------------------------------------------
    def _do_approve(self, override=False):
        Budget = self.env["hr.goede.gesprek.reward.budget"]
        today = self.env.company._goede_gesprek_today()
        for reward in self:
            excess = 0.0
            if override:
                remaining = Budget._lock_remaining(reward.employee_id, reward.year)
                excess = max(0.0, reward.amount_net - remaining)
            Budget._apply(reward.employee_id, reward.year, reward.amount_net, excess)
            reward.with_context(gg_reward_transition=True).write(
                {
                    "state": "approved",
                    "approver_id": self.env.uid,
                    "approved_date": today,
                    "override_amount": excess,
                }
            )
        self._check_customary_norm()
        self.activity_update()

    def _do_mark_paid(self):
        today = self.env.company._goede_gesprek_today()
        for reward in self:
            reward.with_context(gg_reward_transition=True).write(
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
            reward.with_context(gg_reward_transition=True).write(
                {"state": "cancelled", "override_amount": 0.0}
            )
        self.activity_update()

    def _do_reset(self):
        self.with_context(gg_reward_transition=True).write(
            {"state": "proposed", "approver_id": False, "approved_date": False}
        )
        self.activity_update()

    # ------------------------------------------------------------------
    # Budget helpers
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
            budget._warn_norm(total)

    # ------------------------------------------------------------------
    # Activities
    # ------------------------------------------------------------------
    def _get_approver_user(self):
        self.ensure_one()
        if self.company_id.goede_gesprek_reward_approval == "manager":
            manager_user = self.employee_id.parent_id.user_id
            if manager_user and manager_user != self.proposer_id:
                return manager_user
        return self.company_id._goede_gesprek_hr_user()

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
                user = reward.company_id._goede_gesprek_hr_user()
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

    def _mark_exported(self):
        self.with_context(gg_reward_transition=True).write(
            {"exported": True, "export_date": fields.Datetime.now()}
        )
