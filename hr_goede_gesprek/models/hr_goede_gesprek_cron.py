# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Scheduled actions that keep the dialogue going.

Every cron here:
- handles one batch per call and reports ``ir.cron._notify_progress`` so the
  scheduler calls it again (committing in between) while work remains;
- is idempotent: what was sent is recorded on the record (a marker date or stage),
  so a second run the same day finds nothing to do;
- processes its batch in one savepoint and, only when that fails, again record by
  record in a savepoint each, so one bad record does not stop its batch while a
  healthy batch costs a constant number of queries;
- runs as OdooBot (18.0's scheduler needs Settings rights for its progress
  records) and does its work as ``hr_goede_gesprek.user_cron`` (HR officer
  rights only, no admin).

Not here (they need the decision letters of another issue): "decisions whose
dispute term passed" and "objections without a decision".
"""

from datetime import timedelta

from odoo import Command, fields, models

from .hr_goede_gesprek_cron_tools import _activities, _process_batch, _run_as_cron_user


class HrGoedeGesprek(models.Model):
    _inherit = "hr.goede.gesprek"

    requested_date = fields.Date(
        string="Requested on",
        tracking=True,
        copy=False,
        help="The employee asked for this conversation on this date; a date must "
        "be proposed within the company's term.",
    )
    request_stage = fields.Selection(
        [("next_manager", "Next-level manager asked"), ("hr", "Escalated to HR")],
        readonly=True,
        copy=False,
    )
    agenda_reminder_date = fields.Date(readonly=True, copy=False)
    sign_reminder_date = fields.Date(readonly=True, copy=False)

    def write(self, vals):
        if "date_start" in vals:
            # A new date: the agenda and signing reminders count from it again.
            vals = dict(vals, agenda_reminder_date=False, sign_reminder_date=False)
        return super().write(vals)

    def _cron_agenda_not_shared(self, batch_size=200):
        """Scheduled action: runs as OdooBot, works as the reminder user."""
        _run_as_cron_user(self, "_batch_agenda_not_shared", batch_size)

    def _batch_agenda_not_shared(self, batch_size=200):
        """The agenda is not shared N days before a planned conversation."""
        today = fields.Date.context_today(self)
        now = fields.Datetime.now()
        todo = self.browse()
        for company in self.env.user.company_ids:
            days = company.goede_gesprek_agenda_days
            todo |= self.search(
                [
                    ("company_id", "=", company.id),
                    ("state", "=", "planned"),
                    ("date_start", ">", now),
                    ("date_start", "<=", now + timedelta(days=days)),
                    ("agenda_shared_date", "=", False),
                    ("agenda_reminder_date", "=", False),
                ],
                limit=batch_size - len(todo),
                order="id",
            )
            if len(todo) >= batch_size:
                break
        activity_type = self.env.ref("hr_goede_gesprek.mail_act_agenda_share")

        def process(batch):
            vals_list = [
                {
                    "res_id": conv.id,
                    "activity_type_id": activity_type.id,
                    "user_id": conv.employee_user_id.id,
                    "date_deadline": today,
                    "summary": self.env._("Share the agenda of your conversation"),
                }
                for conv in batch
                if conv.employee_user_id
            ]
            _activities(self.env, self._name, vals_list)
            batch.write({"agenda_reminder_date": today})

        _process_batch(todo, process)
        return len(todo), batch_size if len(todo) >= batch_size else 0

    def _cron_report_not_signed(self, batch_size=200):
        """Scheduled action: runs as OdooBot, works as the reminder user."""
        _run_as_cron_user(self, "_batch_report_not_signed", batch_size)

    def _batch_report_not_signed(self, batch_size=200):
        """The report is not signed N days after the conversation."""
        today = fields.Date.context_today(self)
        now = fields.Datetime.now()
        todo = self.browse()
        for company in self.env.user.company_ids:
            todo |= self.search(
                [
                    ("company_id", "=", company.id),
                    ("state", "in", ("held", "report")),
                    (
                        "date_start",
                        "<=",
                        now - timedelta(days=company.goede_gesprek_sign_days),
                    ),
                    ("sign_reminder_date", "=", False),
                    "|",
                    ("employee_signed_date", "=", False),
                    ("partner_signed_date", "=", False),
                ],
                limit=batch_size - len(todo),
                order="id",
            )
            if len(todo) >= batch_size:
                break
        activity_type = self.env.ref("hr_goede_gesprek.mail_act_report_sign")

        def process(batch):
            vals_list = []
            for conv in batch:
                users = self.env["res.users"]
                if not conv.employee_signed_date:
                    users |= conv.employee_user_id
                if not conv.partner_signed_date:
                    users |= conv.partner_employee_ids.user_id
                vals_list += [
                    {
                        "res_id": conv.id,
                        "activity_type_id": activity_type.id,
                        "user_id": user.id,
                        "date_deadline": today,
                        "summary": self.env._("Sign the conversation report"),
                    }
                    for user in users
                ]
            _activities(self.env, self._name, vals_list)
            batch.write({"sign_reminder_date": today})

        _process_batch(todo, process)
        return len(todo), batch_size if len(todo) >= batch_size else 0

    def _cron_conversation_request(self, batch_size=200):
        """Scheduled action: runs as OdooBot, works as the reminder user."""
        _run_as_cron_user(self, "_batch_conversation_request", batch_size)

    def _batch_conversation_request(self, batch_size=200):
        """A requested conversation without a date: next-level manager, then HR."""
        today = fields.Date.context_today(self)
        todo = self.browse()
        for company in self.env.user.company_ids:
            days = company.goede_gesprek_request_days
            todo |= self.search(
                [
                    ("company_id", "=", company.id),
                    ("requested_date", "!=", False),
                    ("requested_date", "<=", today - timedelta(days=days)),
                    ("date_start", "=", False),
                    ("state", "not in", ("done", "cancelled")),
                    "|",
                    ("request_stage", "=", False),
                    "&",
                    ("request_stage", "=", "next_manager"),
                    ("requested_date", "<=", today - timedelta(days=2 * days)),
                ],
                limit=batch_size - len(todo),
                order="id",
            )
            if len(todo) >= batch_size:
                break
        activity_type = self.env.ref("hr_goede_gesprek.mail_act_conversation_request")

        def process(batch):
            vals_list = []
            for conv in batch:
                days = conv.company_id.goede_gesprek_request_days
                hr_user = conv.company_id._goede_gesprek_hr_user()
                next_manager = conv.employee_id.parent_id.parent_id.user_id
                late = conv.requested_date <= today - timedelta(days=2 * days)
                stage = "hr" if late or not next_manager else "next_manager"
                user = hr_user if stage == "hr" else next_manager
                if user:
                    vals_list.append(
                        {
                            "res_id": conv.id,
                            "activity_type_id": activity_type.id,
                            "user_id": user.id,
                            "date_deadline": today,
                            "summary": self.env._(
                                "%(employee)s asked for a conversation on "
                                "%(date)s: propose a date",
                                employee=conv.employee_id.name,
                                date=conv.requested_date,
                            ),
                        }
                    )
                conv.request_stage = stage
            _activities(self.env, self._name, vals_list)

        _process_batch(todo, process)
        return len(todo), batch_size if len(todo) >= batch_size else 0


class HrGoedeGesprekAgreement(models.Model):
    _inherit = "hr.goede.gesprek.agreement"

    deadline_reminder_date = fields.Date(readonly=True, copy=False)

    def write(self, vals):
        if "deadline" in vals:
            vals = dict(vals, deadline_reminder_date=False)
        return super().write(vals)

    def _cron_agreement_deadline(self, batch_size=200):
        """Scheduled action: runs as OdooBot, works as the reminder user."""
        _run_as_cron_user(self, "_batch_agreement_deadline", batch_size)

    def _batch_agreement_deadline(self, batch_size=200):
        """Agreements past their deadline: the owner(s) get an activity."""
        today = fields.Date.context_today(self)
        todo = self.search(
            [
                ("company_id", "in", self.env.user.company_ids.ids),
                ("state", "=", "agreed"),
                ("deadline", "<", today),
                ("deadline_reminder_date", "=", False),
            ],
            limit=batch_size,
            order="id",
        )
        activity_type = self.env.ref("hr_goede_gesprek.mail_act_agreement_deadline")

        def process(batch):
            vals_list = []
            for agreement in batch:
                users = self.env["res.users"]
                if agreement.owner in ("employee", "both"):
                    users |= agreement.employee_id.user_id
                if agreement.owner in ("manager", "both"):
                    users |= agreement.employee_id.parent_id.user_id
                vals_list += [
                    {
                        "res_id": agreement.id,
                        "activity_type_id": activity_type.id,
                        "user_id": user.id,
                        "date_deadline": today,
                        "summary": self.env._(
                            "Agreement past its deadline: carry it out or talk again"
                        ),
                    }
                    for user in users
                ]
            _activities(self.env, self._name, vals_list)
            batch.write({"deadline_reminder_date": today})

        _process_batch(todo, process)
        return len(todo), batch_size if len(todo) >= batch_size else 0


class HrGoedeGesprekRewardBudget(models.Model):
    _inherit = "hr.goede.gesprek.reward.budget"

    def _cron_reward_limits(self, batch_size=200):
        """Scheduled action: runs as OdooBot, works as the reminder user."""
        _run_as_cron_user(self, "_batch_reward_limits", batch_size)

    def _batch_reward_limits(self, batch_size=200):
        """Open the years' budgets, warn at a share of the cap, summarise the year."""
        today = fields.Date.context_today(self)
        years = [today.year] + ([today.year + 1] if today.month == 12 else [])
        self.env.flush_all()  # the queries below read the tables directly
        for year in years:
            self._open_year(year)
        done = self._warn_share(today.year, batch_size)
        done += self._send_year_summaries(today.year, batch_size - done)
        remaining = 1 if done >= batch_size else 0
        return done, remaining

    def _open_year(self, year):
        """One row per active employee, so approvals never race to create them."""
        self.env.cr.execute(
            """
            INSERT INTO hr_goede_gesprek_reward_budget
                (employee_id, company_id, year, cap, used_amount, override_amount,
                 share_warned, norm_warned, summary_sent,
                 create_uid, write_uid, create_date, write_date)
            SELECT e.id, e.company_id, %(year)s, c.goede_gesprek_reward_cap, 0, 0,
                   false, false, false, %(uid)s, %(uid)s,
                   now() at time zone 'UTC', now() at time zone 'UTC'
              FROM hr_employee e
              JOIN res_company c ON c.id = e.company_id
             WHERE e.active AND e.company_id = ANY(%(company_ids)s)
               AND NOT EXISTS (
                   SELECT 1 FROM hr_goede_gesprek_reward_budget b
                    WHERE b.employee_id = e.id AND b.year = %(year)s)
            ON CONFLICT (employee_id, year) DO NOTHING
            """,
            {
                "year": year,
                "uid": self.env.uid,
                "company_ids": self.env.user.company_ids.ids,
            },
        )

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
                    budget.company_id._goede_gesprek_hr_user()
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
            batch.write({"share_warned": True})

        _process_batch(budgets, process)
        return len(budgets)

    def _send_year_summaries(self, year, limit):
        """After year end: per company, what each employee used, for payroll."""
        if limit <= 0:
            return 0
        # Nothing to report for unused budgets: closed in one statement.
        self.env.cr.execute(
            """
            UPDATE hr_goede_gesprek_reward_budget
               SET summary_sent = TRUE
             WHERE year < %s AND NOT summary_sent AND used_amount = 0
               AND company_id = ANY(%s)
            """,
            (year, self.env.user.company_ids.ids),
        )
        self.invalidate_model(["summary_sent"])
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
                batch.write({"summary_sent": True})

            _process_batch(company_budgets, process)
        return len(budgets)
