# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One row per employee per calendar year: the yearly reward cap, held by the database.

Every approval, edit of an approved reward and cancellation changes ``used_amount``
with a single ``UPDATE ... SET used_amount = used_amount + %s`` in the same
transaction. Concurrent approvals for one employee therefore serialise on the row
lock (under REPEATABLE READ the loser gets a serialisation failure and Odoo retries
the request), and the CHECK constraint refuses any total above the cap. A Python
check or a ``SELECT ... FOR UPDATE`` without an update does not hold: two
transactions can each see room for EUR 300 and end at EUR 1,200.
"""

import psycopg2.errors

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount, mute_logger


class HrGoedeGesprekRewardBudget(models.Model):
    _name = "hr.goede.gesprek.reward.budget"
    _description = "Yearly Reward Budget"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "year desc, employee_id"
    _rec_name = "employee_id"
    _check_company_auto = True

    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    year = fields.Integer(required=True, readonly=True, index=True)
    cap = fields.Monetary(
        readonly=True, help="The company's cap when the year was opened."
    )
    used_amount = fields.Monetary(string="Used", readonly=True)
    override_amount = fields.Monetary(
        string="Approved above the cap",
        readonly=True,
        tracking=True,
        help="Room HR added above the cap, each time with a reason on the reward.",
    )
    remaining_amount = fields.Monetary(
        string="Remaining", compute="_compute_remaining_amount"
    )
    share_warned = fields.Boolean(readonly=True, copy=False)
    norm_warned = fields.Boolean(readonly=True, copy=False)
    summary_sent = fields.Boolean(readonly=True, copy=False)
    reward_ids = fields.One2many(
        "hr.goede.gesprek.reward",
        compute="_compute_reward_ids",
        string="Rewards",
    )

    _sql_constraints = [
        (
            "employee_year_uniq",
            "UNIQUE(employee_id, year)",
            "An employee has one reward budget per year.",
        ),
        (
            "used_within_cap",
            "CHECK(used_amount <= cap + override_amount)",
            "The approved rewards exceed the yearly cap.",
        ),
        ("used_positive", "CHECK(used_amount >= 0)", "Used amount cannot be negative."),
    ]

    def _compute_remaining_amount(self):
        for budget in self:
            budget.remaining_amount = (
                budget.cap + budget.override_amount - budget.used_amount
            )

    def _compute_reward_ids(self):
        rewards = self.env["hr.goede.gesprek.reward"].search(
            [
                ("employee_id", "in", self.employee_id.ids),
                ("year", "in", self.mapped("year")),
            ]
        )
        for budget in self:
            budget.reward_ids = rewards.filtered(
                lambda r, b=budget: r.employee_id == b.employee_id and r.year == b.year
            )

    # ------------------------------------------------------------------
    # The cap
    # ------------------------------------------------------------------
    def _open(self, employee, year):
        """Make sure the (employee, year) row exists, without a unique violation.

        ``ON CONFLICT DO NOTHING``: a concurrent first approval of the year simply
        finds the row (or, under REPEATABLE READ, gets a serialisation failure
        that Odoo retries). Returns nothing; the caller's UPDATE finds the row.
        """
        company = employee.company_id
        # Under REPEATABLE READ a row inserted by a concurrent first approval
        # raises a serialisation failure here, which Odoo retries: not an ERROR.
        with mute_logger("odoo.sql_db"):
            self._insert_row(employee, year, company)

    def _insert_row(self, employee, year, company):
        self.env.cr.execute(
            """
            INSERT INTO hr_goede_gesprek_reward_budget
                (employee_id, company_id, year, cap, used_amount, override_amount,
                 share_warned, norm_warned, summary_sent,
                 create_uid, write_uid, create_date, write_date)
            VALUES (%s, %s, %s, %s, 0, 0, false, false, false,
                    %s, %s, now() at time zone 'UTC', now() at time zone 'UTC')
            ON CONFLICT (employee_id, year) DO NOTHING
            """,
            (
                employee.id,
                company.id,
                year,
                company.goede_gesprek_reward_cap,
                self.env.uid,
                self.env.uid,
            ),
        )

    def _apply(self, employee, year, amount, override=0.0):
        """Add ``amount`` (negative to release) to the employee's yearly budget.

        Runs in the caller's transaction. Raises a translated UserError with the
        remaining budget when the CHECK constraint refuses the total.
        """
        cr = self.env.cr
        try:
            # Usually the row exists (the reward-limits cron opens each year):
            # SAVEPOINT + UPDATE + RELEASE, whatever the number of rewards.
            budget_id = self._update(employee, year, amount, override)
            if budget_id is None:
                self._open(employee, year)
                budget_id = self._update(employee, year, amount, override)
        except psycopg2.errors.CheckViolation:
            cr.execute(
                """
                SELECT cap + override_amount - used_amount
                  FROM hr_goede_gesprek_reward_budget
                 WHERE employee_id = %s AND year = %s
                """,
                (employee.id, year),
            )
            remaining = cr.fetchone()[0]
            currency = employee.company_id.currency_id
            raise UserError(
                self.env._(
                    "The reward of %(amount)s for %(employee)s does not fit in the "
                    "yearly cap for %(year)s: %(remaining)s remains.",
                    amount=self._format(amount, currency),
                    employee=employee.name,
                    year=year,
                    remaining=self._format(max(remaining, 0.0), currency),
                )
            ) from None
        if budget_id is None:
            # Only if a concurrent transaction created the row after ours began.
            raise UserError(
                self.env._(
                    "Another reward for %(employee)s is being approved right now: "
                    "try again.",
                    employee=employee.name,
                )
            )
        budget = self.browse(budget_id)
        budget.invalidate_recordset(["used_amount", "override_amount"])
        return budget

    def _update(self, employee, year, amount, override):
        cr = self.env.cr
        # A refused total (CHECK) or a concurrent update (retried by Odoo) is an
        # expected outcome here, not a bad query worth an ERROR in the log.
        with mute_logger("odoo.sql_db"), cr.savepoint(flush=False):
            cr.execute(
                """
                UPDATE hr_goede_gesprek_reward_budget
                   SET used_amount = used_amount + %s,
                       override_amount = override_amount + %s,
                       write_uid = %s,
                       write_date = now() at time zone 'UTC'
                 WHERE employee_id = %s AND year = %s
             RETURNING id
                """,
                (amount, override, self.env.uid, employee.id, year),
            )
            row = cr.fetchone()
        return row and row[0]

    def _lock_remaining(self, employee, year):
        """Lock the row and return the room left (for an HR override)."""
        self._open(employee, year)
        self.env.cr.execute(
            """
            SELECT cap + override_amount - used_amount
              FROM hr_goede_gesprek_reward_budget
             WHERE employee_id = %s AND year = %s
               FOR NO KEY UPDATE
            """,
            (employee.id, year),
        )
        return self.env.cr.fetchone()[0]

    def _format(self, amount, currency):
        return format_amount(self.env, amount, currency)

    # ------------------------------------------------------------------
    # Warnings
    # ------------------------------------------------------------------
    def _warn(self, summary, note, users):
        # No e-mail per activity (the cron user has no mailbox); the note says it all.
        for budget in self.with_context(mail_activity_quick_update=True):
            for user in users:
                budget.activity_schedule(
                    "hr_goede_gesprek.mail_act_reward_limit",
                    user_id=user.id,
                    summary=summary,
                    note=note,
                )
            budget.message_post(
                body=note,
                subtype_xmlid="mail.mt_note",
                author_id=self.env.ref("base.partner_root").id,
            )

    def _warn_norm(self, total):
        """The designated total passed the tax office's customary norm (once a year)."""
        for budget in self:
            currency = budget.currency_id
            note = self.env._(
                "%(employee)s: the rewards designated in the free space for "
                "%(year)s total %(total)s, above the customary norm of %(norm)s. "
                "Check the tax treatment with payroll.",
                employee=budget.employee_id.name,
                year=budget.year,
                total=self._format(total, currency),
                norm=self._format(
                    budget.company_id.goede_gesprek_reward_norm, currency
                ),
            )
            budget._warn(
                self.env._("Customary norm passed"),
                note,
                budget.company_id._goede_gesprek_hr_user(),
            )
        self.write({"norm_warned": True})
