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

No role writes a budget row (the declared policy is empty): ``used_amount`` and
``override_amount`` follow the rewards' workflow steps, ``cap`` is the company's
setting when the year is opened, and an HR administrator re-applies a changed
company setting with "Apply the company cap" (tracked in the chatter). The
warning flags are set by the scheduled action and the approval steps.
"""

import psycopg2.errors

from odoo import Command, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, format_amount, mute_logger

from ..tools.cron import _process_batch, cron_entry


class HrGoedeGesprekRewardBudget(models.Model):
    _name = "hr.goede.gesprek.reward.budget"
    _description = "Yearly Reward Budget"
    _inherit = [
        "hr.goede.gesprek.employee.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "year desc, employee_id"
    _rec_name = "employee_id"
    _check_company_auto = True

    # Nobody creates, writes or deletes a budget row: the rows are opened by SQL
    # (approval) or the ORM with sudo (scheduled action, _open_year), their
    # amounts kept by the rewards' workflow steps, the cap re-applied by
    # action_apply_company_cap (HR administrators).
    _policy_create = {}
    _policy_write = {}
    _policy_unlink = {}
    _policy_state_field = None

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

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
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
        readonly=True,
        help="The company's cap when the year was opened (or when an HR "
        "administrator applied a changed company cap).",
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

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
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
    # Actions
    # ------------------------------------------------------------------
    def action_apply_company_cap(self):
        """Apply the company's current cap to these budgets of the current or a
        later year (HR administrators; tracked in the chatter)."""
        return self._run_step("apply_company_cap")

    # ------------------------------------------------------------------
    # Business: the cap, held by the database
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
        values = {
            "employee_id": employee.id,
            "company_id": company.id,
            "year": year,
            "cap": company.goede_gesprek_reward_cap,
            "used_amount": 0,
            "override_amount": 0,
            "share_warned": False,
            "norm_warned": False,
            "summary_sent": False,
            # The stored columns of the employee mixin.
            **self._employee_mixin_values(employee),
            "create_uid": self.env.uid,
            "write_uid": self.env.uid,
        }
        self.env.cr.execute(
            SQL(
                "INSERT INTO hr_goede_gesprek_reward_budget (%s, create_date, "
                "write_date) VALUES (%s, now() at time zone 'UTC', "
                "now() at time zone 'UTC') ON CONFLICT (employee_id, year) DO NOTHING",
                SQL(", ").join(SQL.identifier(column) for column in values),
                SQL(", ").join(SQL("%s", value) for value in values.values()),
            )
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

    # ------------------------------------------------------------------
    # Business: apply the company cap
    # ------------------------------------------------------------------
    def _check_can_apply_company_cap(self):
        if not (self.env.su or self._is_hr_admin()):
            raise AccessError(
                self.env._("Only HR administrators may change a yearly reward cap.")
            )
        closed = self.filtered(
            lambda budget: budget.year < budget.company_id._goede_gesprek_today().year
        )
        if closed:
            raise UserError(
                self.env._(
                    "The reward budget %(year)s of %(employee)s is closed: its "
                    "cap stays as it was.",
                    year=closed[0].year,
                    employee=closed[0].employee_id.name,
                )
            )

    def _do_apply_company_cap(self):
        for budget in self:
            cap = budget.company_id.goede_gesprek_reward_cap
            if budget.cap == cap:
                continue
            if budget.used_amount > cap + budget.override_amount:
                raise UserError(
                    self.env._(
                        "%(employee)s already has %(used)s approved for %(year)s: "
                        "the cap cannot go down to %(cap)s.",
                        employee=budget.employee_id.name,
                        used=self._format(budget.used_amount, budget.currency_id),
                        year=budget.year,
                        cap=self._format(cap, budget.currency_id),
                    )
                )
            old = budget.cap
            # sudo: the cap is no role's to type (policy); it only ever takes the
            # company's setting, after _check_can_apply_company_cap. The CHECK
            # constraint still holds it against concurrent approvals.
            budget.sudo().write({"cap": cap})
            budget.message_post(
                body=self.env._(
                    "Yearly cap changed from %(old)s to %(new)s (the company's "
                    "setting), by %(user)s.",
                    old=self._format(old, budget.currency_id),
                    new=self._format(cap, budget.currency_id),
                    user=self.env.user.name,
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _format(self, amount, currency):
        return format_amount(self.env, amount, currency)

    # ------------------------------------------------------------------
    # Mail: warnings
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
                budget.company_id._goede_gesprek_hr_user(budget.employee_id),
            )
        # sudo: a workflow flag, no role's to write (policy).
        self.sudo().write({"norm_warned": True})

    # ------------------------------------------------------------------
    # Cron: batched, idempotent, savepoint per record, working as the
    # reminder user (see tools/cron.py)
    # ------------------------------------------------------------------
    _cron_reward_limits = cron_entry("_batch_reward_limits")

    def _batch_reward_limits(self, batch_size=200):
        """Open the years' budgets, warn at a share of the cap, summarise the year."""
        today = fields.Date.context_today(self)
        years = [today.year] + ([today.year + 1] if today.month == 12 else [])
        done = 0
        for year in years:
            done += self._open_year(year, batch_size - done)
        self.env.flush_all()  # the query in _warn_share reads the tables directly
        done += self._warn_share(today.year, batch_size - done)
        done += self._send_year_summaries(today.year, batch_size - done)
        remaining = 1 if done >= batch_size else 0
        return done, remaining

    def _open_year(self, year, limit):
        """One row per active employee, so approvals never race to create them.

        Up to ``limit`` rows per call (the scheduler calls again while the batch
        is full). Returns the number of rows opened.
        """
        if limit <= 0:
            return 0
        # sudo: no role creates budget rows (policy); the scheduled action opens
        # the year for every employee of the cron user's companies.
        budgets_sudo = self.sudo()
        opened = budgets_sudo._search([("year", "=", year)])
        employees = self.env["hr.employee"].search(
            [
                ("company_id", "in", self.env.user.company_ids.ids),
                (
                    "id",
                    "not in",
                    opened.subselect(SQL.identifier(opened.table, "employee_id")),
                ),
            ],
            limit=limit,
            order="id",
        )
        if not employees:
            return 0
        budgets_sudo = budgets_sudo.with_context(
            tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True
        )

        def process(batch):
            # A first approval of the year in a concurrent transaction may have
            # opened the row already: that row then fails the unique
            # constraint, its savepoint is rolled back, and the row is there.
            with mute_logger("odoo.sql_db"):
                budgets_sudo.create(
                    [
                        {
                            "employee_id": employee.id,
                            "company_id": employee.company_id.id,
                            "year": year,
                            "cap": employee.company_id.goede_gesprek_reward_cap,
                            "used_amount": 0.0,
                            "override_amount": 0.0,
                            "share_warned": False,
                            "norm_warned": False,
                            "summary_sent": False,
                        }
                        for employee in batch
                    ]
                )

        _process_batch(employees, process)
        return len(employees)

    def _warn_share(self, year, limit):
        if limit <= 0:
            return 0
        self.env.cr.execute(
            """
            SELECT b.id
              FROM hr_goede_gesprek_reward_budget b
              JOIN res_company c ON c.id = b.company_id
             WHERE b.year = %s AND NOT b.share_warned AND b.used_amount > 0
               AND b.company_id = ANY(%s)
               AND b.used_amount * 100 >= b.cap * c.goede_gesprek_reward_warn_share
          ORDER BY b.id
             LIMIT %s
            """,
            (year, self.env.user.company_ids.ids, limit),
        )
        budgets = self.browse([row[0] for row in self.env.cr.fetchall()])

        def process(batch):
            for budget in batch:
                users = (
                    budget.company_id._goede_gesprek_hr_user(budget.employee_id)
                    | budget.employee_id.parent_id.user_id
                )
                note = self.env._(
                    "%(employee)s has used %(used)s of the reward cap of %(cap)s "
                    "for %(year)s.",
                    employee=budget.employee_id.name,
                    used=self._format(budget.used_amount, budget.currency_id),
                    cap=self._format(budget.cap, budget.currency_id),
                    year=budget.year,
                )
                budget._warn(self.env._("Reward cap almost used"), note, users)
            # sudo: a workflow flag, no role's to write (policy).
            batch.sudo().write({"share_warned": True})

        _process_batch(budgets, process)
        return len(budgets)

    def _send_year_summaries(self, year, limit):
        """After year end: per company, what each employee used, for payroll."""
        if limit <= 0:
            return 0
        # Nothing to report for unused budgets: closed first, in one write.
        # sudo: a workflow flag, no role's to write (policy).
        unused_sudo = self.sudo().search(
            [
                ("year", "<", year),
                ("summary_sent", "=", False),
                ("used_amount", "=", 0),
                ("company_id", "in", self.env.user.company_ids.ids),
            ],
            limit=limit,
            order="id",
        )
        unused_sudo.write({"summary_sent": True})
        limit -= len(unused_sudo)
        if limit <= 0:
            return len(unused_sudo)
        budgets = self.search(
            [
                ("year", "<", year),
                ("summary_sent", "=", False),
                ("company_id", "in", self.env.user.company_ids.ids),
            ],
            limit=limit,
            order="company_id, year, id",
        )
        for company in budgets.company_id:
            company_budgets = budgets.filtered(lambda b, c=company: b.company_id == c)
            hr_user = company._goede_gesprek_hr_user()

            def process(batch, hr_user=hr_user, company=company):
                used = batch.filtered("used_amount")
                if used and hr_user:
                    rewards = self.env["hr.goede.gesprek.reward"].search(
                        [
                            ("employee_id", "in", used.employee_id.ids),
                            ("year", "in", used.mapped("year")),
                            ("state", "in", ("approved", "paid")),
                        ]
                    )
                    body = self.env["ir.qweb"]._render(
                        "hr_goede_gesprek.reward_year_summary_body",
                        {"budgets": used, "rewards": rewards},
                    )
                    # sudo: mail.mail is technical; the cron user only sends it.
                    self.env["mail.mail"].sudo().create(
                        {
                            "subject": self.env._(
                                "Incidental rewards %(year)s: summary for payroll",
                                year=", ".join(
                                    str(y) for y in set(used.mapped("year"))
                                ),
                            ),
                            "body_html": body,
                            "email_from": company.email_formatted
                            or self.env.user.email_formatted,
                            "recipient_ids": [Command.link(hr_user.partner_id.id)],
                            "auto_delete": False,
                        }
                    )
                # sudo: a workflow flag, no role's to write (policy).
                batch.sudo().write({"summary_sent": True})

            _process_batch(company_budgets, process)
        return len(unused_sudo) + len(budgets)
