# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import operator as py_operator
from collections import defaultdict
from datetime import datetime

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ..tools.cron import (
    NO_FOLLOW,
    RANK_STAGE,
    _activities,
    _process_batch,
    cron_entry,
)
from ..tools.declarations import employee_conversation_stat
from .hr_goede_gesprek_agreement import OPEN_STATES
from .hr_goede_gesprek_retention_rule import DOCUMENT_MODELS

DUE_STAGES = [
    ("employee", "Employee reminded"),
    ("manager", "Manager asked"),
    ("hr", "Escalated to HR"),
]

HELD_STATES = ("held", "report", "done")
NEVER_HELD = datetime(1970, 1, 1)
COMING_STATES = ("preparing", "planned")
OPERATORS = {
    "<": py_operator.lt,
    "<=": py_operator.le,
    ">": py_operator.gt,
    ">=": py_operator.ge,
    "=": py_operator.eq,
    "!=": py_operator.ne,
}

# What the conversation-due cron records (workflow fields): only its _do_ steps
# write them, with sudo. Nobody else may, HR included: a reminder marked as
# sent would silence the escalation.
DUE_WORKFLOW_FIELDS = frozenset(
    {"goede_gesprek_due_stage", "goede_gesprek_due_for", "goede_gesprek_due_error_date"}
)
# What the reminder template renders (as mail.template.send_mail_batch).
TEMPLATE_FIELDS = (
    "auto_delete",
    "body_html",
    "email_cc",
    "email_from",
    "email_to",
    "mail_server_id",
    "model",
    "partner_to",
    "reply_to",
    "res_id",
    "scheduled_date",
    "subject",
)
# Who is left out of the reminders, and why: the addon's HR officers decide.
EXCLUSION_FIELDS = frozenset(
    {"goede_gesprek_excluded", "goede_gesprek_exclusion_reason"}
)


def hr_record(field_class, *args, **kwargs):
    """What HR records about the employee: HR only (not on the public
    profile), and not carried over to a duplicated employee."""
    return field_class(*args, groups="hr.group_hr_user", copy=False, **kwargs)


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    # Not on hr.employee.public: HR only (users without HR rights read the
    # public profile, where the counters below are mirrored).
    goede_gesprek_ids = fields.One2many(
        "hr.goede.gesprek",
        "employee_id",
        string="Good conversations",
        groups="hr.group_hr_user",
    )
    goede_gesprek_count = employee_conversation_stat(fields.Integer, "Conversations")
    # When the employee last had a conversation that was held, whoever may read
    # it (computed as superuser, as stored computes are): the coverage filter
    # searches this indexed column instead of aggregating every conversation.
    # HR only, like the conversations themselves (not on the public profile).
    goede_gesprek_last_held_date = hr_record(
        fields.Datetime,
        compute="_compute_goede_gesprek_last_held_date",
        store=True,
        index=True,
        string="Last held conversation",
    )
    # The same date, or the epoch for someone who never had one: "no held
    # conversation since D" is then one range of one index (see init()), which
    # HR's coverage count reads without touching the table.
    goede_gesprek_coverage_date = hr_record(
        fields.Datetime,
        compute="_compute_goede_gesprek_coverage_date",
        store=True,
        string="Last held conversation (or never)",
    )
    last_goede_gesprek_date = employee_conversation_stat(
        fields.Datetime,
        "Last conversation",
        search="_search_last_goede_gesprek_date",
    )
    # Search only: ('no_goede_gesprek_since', '=', D) finds the employees who
    # had no held conversation since D (never included).
    no_goede_gesprek_since = fields.Date(
        compute="_compute_no_goede_gesprek_since",
        search="_search_no_goede_gesprek_since",
        groups="hr.group_hr_user",
        string="No conversation since",
    )
    next_goede_gesprek_date = employee_conversation_stat(
        fields.Datetime, "Next conversation"
    )
    goede_gesprek_open_agreement_count = employee_conversation_stat(
        fields.Integer, "Open agreements"
    )

    # Conversation policy: every active employee counts; exclusions only with a reason
    goede_gesprek_excluded = hr_record(
        fields.Boolean,
        string="No conversation reminders",
        tracking=True,
        help="Leave this employee out of the 'conversation due' reminders. "
        "Every employee has a right to conversations: record why.",
    )
    goede_gesprek_exclusion_reason = hr_record(
        fields.Text, string="Reason for no reminders", tracking=True
    )
    goede_gesprek_due_stage = hr_record(
        fields.Selection, DUE_STAGES, string="Conversation due reminder", readonly=True
    )
    goede_gesprek_due_for = hr_record(
        fields.Date,
        string="Conversation due on",
        readonly=True,
        help="The due date the last reminder was sent for.",
    )
    goede_gesprek_due_error_date = hr_record(fields.Date, readonly=True)

    # ------------------------------------------------------------------
    # Computes and searches
    # ------------------------------------------------------------------
    @api.model
    def _get_goede_gesprek_stats(self, employee_ids):
        """Counts and dates per employee id, in three grouped queries.

        Runs with the current user's rights: people only count the
        conversations and agreements they may read.
        """
        Conversation = self.env["hr.goede.gesprek"]
        stats = {
            employee_id: {"count": 0, "last": False, "next": False, "agreements": 0}
            for employee_id in employee_ids
        }
        if not employee_ids:
            return stats
        now = fields.Datetime.now()
        for employee, state, count, last in Conversation._read_group(
            [("employee_id", "in", list(employee_ids)), ("state", "!=", "cancelled")],
            ["employee_id", "state"],
            ["__count", "date_start:max"],
        ):
            values = stats[employee.id]
            values["count"] += count
            if (
                state in HELD_STATES
                and last
                and (not values["last"] or last > values["last"])
            ):
                values["last"] = last
        for employee, first in Conversation._read_group(
            [
                ("employee_id", "in", list(employee_ids)),
                ("state", "in", COMING_STATES),
                ("date_start", ">=", now),
            ],
            ["employee_id"],
            ["date_start:min"],
        ):
            stats[employee.id]["next"] = first
        for employee, count in self.env["hr.goede.gesprek.agreement"]._read_group(
            [("employee_id", "in", list(employee_ids)), ("state", "in", OPEN_STATES)],
            ["employee_id"],
            ["__count"],
        ):
            stats[employee.id]["agreements"] = count
        return stats

    def _compute_goede_gesprek_stats(self):
        self._set_goede_gesprek_stats(self)

    @api.model
    def _set_goede_gesprek_stats(self, records):
        """Assign the counters of ``records``: employees or public employees,
        which share their ids."""
        stats = self._get_goede_gesprek_stats(records._origin.ids)
        empty = {"count": 0, "last": False, "next": False, "agreements": 0}
        for employee in records:
            values = stats.get(employee._origin.id, empty)
            employee.goede_gesprek_count = values["count"]
            employee.last_goede_gesprek_date = values["last"]
            employee.next_goede_gesprek_date = values["next"]
            employee.goede_gesprek_open_agreement_count = values["agreements"]

    @api.model
    @api.depends("goede_gesprek_ids.state", "goede_gesprek_ids.date_start")
    def _compute_goede_gesprek_last_held_date(self):
        last = dict(
            self.env["hr.goede.gesprek"]
            .sudo()
            ._read_group(
                [
                    ("employee_id", "in", self._origin.ids),
                    ("state", "in", HELD_STATES),
                    ("date_start", "!=", False),
                ],
                ["employee_id"],
                ["date_start:max"],
            )
        )
        for employee in self:
            employee.goede_gesprek_last_held_date = last.get(employee._origin, False)

    @api.depends("goede_gesprek_last_held_date")
    def _compute_goede_gesprek_coverage_date(self):
        for employee in self:
            employee.goede_gesprek_coverage_date = (
                employee.goede_gesprek_last_held_date or NEVER_HELD
            )

    def _compute_no_goede_gesprek_since(self):
        self.no_goede_gesprek_since = False

    def _search_no_goede_gesprek_since(self, operator, value):
        try:
            since = fields.Date.to_date(value) if operator == "=" else None
        except (TypeError, ValueError):
            since = None
        if not since:
            raise UserError(
                self.env._(
                    "Search “No conversation since” with “=” and a date, "
                    "e.g. a year ago."
                )
            )
        # Held conversations the searching user cannot read count too, as for
        # the last conversation: only employee ids come out.
        return [("goede_gesprek_coverage_date", "<", since)]

    def _search_last_goede_gesprek_date(self, operator, value):
        if operator not in OPERATORS:
            raise UserError(
                self.env._(
                    "Operator %(operator)s is not supported on the last conversation.",
                    operator=operator,
                )
            )
        # The stored date of the last held conversation, one indexed column:
        # HR's coverage filter must count every held conversation, also those
        # the searching user cannot read (only employee ids come out, filtered
        # again by the caller's rules).
        return [("goede_gesprek_last_held_date", operator, value)]

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.onchange("goede_gesprek_exclusion_reason")
    def _onchange_health_words(self):
        """A soft warning when a free text names health data."""
        # hr.employee cannot take the mixin (its many2many tables clash).
        return self.env["hr.goede.gesprek.health.guard.mixin"]._health_warning_of(
            self, "goede_gesprek_exclusion_reason"
        )

    @api.constrains("goede_gesprek_excluded", "goede_gesprek_exclusion_reason")
    def _check_goede_gesprek_exclusion_reason(self):
        unexplained = self.filtered(
            lambda employee: employee.goede_gesprek_excluded
            and not (employee.goede_gesprek_exclusion_reason or "").strip()
        )
        if unexplained:
            message = self.env._(
                "%(employee)s is left out of the conversation reminders: "
                "record the reason.",
                employee=unexplained[0].name,
            )
            raise ValidationError(message)

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def init(self):
        res = super().init()
        # HR's coverage count: the range of the coverage date among active
        # employees, with what hr's multi-company rule and the exclusion (HR's
        # to-do) read, so that the count is an index-only scan.
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS hr_employee_goede_gesprek_coverage_index"
                " ON hr_employee (goede_gesprek_coverage_date)"
                " INCLUDE (company_id, user_id, parent_id, id, goede_gesprek_excluded)"
                " WHERE active"
            )
        )
        return res

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                self._check_goede_gesprek_fields(vals, self.browse())
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self._check_goede_gesprek_fields(vals, self)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_goede_gesprek_locked(self):
        """Deleting an employee would delete their documents with them (or be
        refused by the database): never silently for locked (signed, issued,
        paid) or held ones. They leave through the retention run; archiving
        the employee keeps everything."""
        for model_name in DOCUMENT_MODELS.values():
            # sudo: counts the employee's documents, whoever deletes them.
            model = self.env[model_name].sudo().with_context(active_test=False)
            if model.search_count(model._retention_locked_domain(self), limit=1):
                raise UserError(
                    self.env._(
                        "This employee cannot be deleted: their personnel file "
                        "holds locked or held documents (%(model)s) that must be "
                        "kept until their retention term ends. Archive the "
                        "employee instead; the retention run destroys the "
                        "documents when they are due.",
                        model=model._description,
                    )
                )

    @api.model
    def _check_goede_gesprek_fields(self, vals, employees):
        """Refuse the reminder fields a user may not set (before any write).

        The cron's markers are workflow fields: nobody writes them but the
        cron's ``_do_`` steps (with sudo). Exclusions are for the addon's HR
        officers. A value that changes nothing (a form sending the current or
        the empty value along) passes.
        """
        fnames = (DUE_WORKFLOW_FIELDS | EXCLUSION_FIELDS).intersection(vals)
        if not fnames:
            return
        if self.env["hr.goede.gesprek"]._is_hr():
            fnames -= EXCLUSION_FIELDS
        forbidden = set()
        for fname in fnames:
            value = self._fields[fname].convert_to_cache(vals[fname], self)
            if not employees:
                if value:
                    forbidden.add(fname)
            elif any(
                (employee.sudo()[fname] or False) != (value or False)
                for employee in employees
            ):
                forbidden.add(fname)
        if forbidden:
            raise AccessError(
                self.env._(
                    "You may not change these fields of an employee: %(fields)s. "
                    "The conversation reminders set their own markers; only HR "
                    "officers of Good conversations leave an employee out of them.",
                    fields=", ".join(
                        sorted(
                            self._fields[f]._description_string(self.env)
                            for f in forbidden
                        )
                    ),
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_open_goede_gesprek(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hr_goede_gesprek.hr_goede_gesprek_action_employee"
        )
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {"default_employee_id": self.id}
        return action

    # ------------------------------------------------------------------
    # Business: who acts for HR
    # ------------------------------------------------------------------
    def _goede_gesprek_hr_responsible(self):
        """The employee's own HR responsible, where Odoo keeps one: on the
        running contract (``hr_contract``; ``hr`` itself has none). Only an
        active internal HR officer counts; else an empty recordset."""
        self.ensure_one()
        # sudo: the contract is HR data; we only pick a recipient.
        employee = self.sudo()
        if "contract_id" not in employee._fields:
            return self.env["res.users"]
        user = employee.contract_id["hr_responsible_id"]
        if user and user.active and not user.share:
            if user.has_group("hr.group_hr_user"):
                return user
        return self.env["res.users"]

    # ------------------------------------------------------------------
    # Mail
    # ------------------------------------------------------------------
    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        if self.env.context.get(NO_FOLLOW):
            # A reminder activity must not make a manager (or HR) follower of the
            # employee's personnel record: they would see its whole chatter. It
            # also keeps the reminder cron at a fixed number of queries per batch.
            return True
        return super().message_subscribe(
            partner_ids=partner_ids, subtype_ids=subtype_ids
        )

    # ------------------------------------------------------------------
    # Scheduled action: conversation due (see tools/cron.py)
    # ------------------------------------------------------------------
    _cron_goede_gesprek_due = cron_entry("_batch_goede_gesprek_due", 1000)

    def _batch_goede_gesprek_due(self, batch_size=1000):
        """Conversation due: employee first, then the manager, later HR."""
        today = fields.Date.context_today(self)
        self.env.flush_all()  # the query below reads the tables directly
        rows = self._goede_gesprek_due_rows(today, batch_size)
        if not rows:
            return 0, 0
        total = rows[0][3]
        targets = {emp_id: (due, RANK_STAGE[rank]) for emp_id, due, rank, _t in rows}
        employees = self.browse(list(targets))

        def process(batch):
            batch._goede_gesprek_send_due(targets, today)

        failed = _process_batch(employees, process)
        (employees - failed)._do_goede_gesprek_due_sent(targets)
        failed._do_goede_gesprek_due_failed(today)
        return len(rows), total - len(rows)

    def _do_goede_gesprek_due_sent(self, targets):
        """Record the reminder stage reached and the due date it was for.

        Workflow fields (see ``DUE_WORKFLOW_FIELDS``): sudo, as the cron has just
        sent the reminders they record. One write per distinct value; the ORM
        flushes them in one UPDATE per 100 employees.
        """
        by_value = defaultdict(list)
        for employee in self:
            due, stage = targets[employee.id]
            by_value[stage, due].append(employee.id)
        for (stage, due), ids in by_value.items():
            self.browse(ids).sudo().write(
                {"goede_gesprek_due_stage": stage, "goede_gesprek_due_for": due}
            )

    def _do_goede_gesprek_due_failed(self, today):
        """Park the employees whose reminder failed until tomorrow's run."""
        if self:
            # sudo: a workflow field (see DUE_WORKFLOW_FIELDS), set by the cron only.
            self.sudo().write({"goede_gesprek_due_error_date": today})

    def _goede_gesprek_due_rows(self, today, limit):
        """(employee id, due date, target rank, total) of employees to remind.

        One query for the whole organisation: the due date is the last (or next
        planned) conversation plus 365 / N days (N per company); without any
        conversation it counts from when the employee was registered.
        """
        self.env.cr.execute(
            """
            WITH last AS (
                SELECT employee_id, MAX(date_start)::date AS last_date
                  FROM hr_goede_gesprek
                 WHERE state != 'cancelled' AND date_start IS NOT NULL
              GROUP BY employee_id
            ), due AS (
                SELECT e.id,
                       COALESCE(l.last_date, e.create_date::date)
                         + 365 / GREATEST(c.goede_gesprek_frequency, 1) AS due_date,
                       c.goede_gesprek_due_lead_days AS lead_days,
                       c.goede_gesprek_due_hr_days AS hr_days,
                       e.goede_gesprek_due_stage AS stage,
                       e.goede_gesprek_due_for AS due_for
                  FROM hr_employee e
                  JOIN res_company c ON c.id = e.company_id
             LEFT JOIN last l ON l.employee_id = e.id
                 WHERE e.active
                   AND e.company_id IN (SELECT cid FROM res_company_users_rel
                                         WHERE user_id = %(uid)s)
                   AND NOT COALESCE(e.goede_gesprek_excluded, FALSE)
                   AND (e.goede_gesprek_due_error_date IS NULL
                        OR e.goede_gesprek_due_error_date < %(today)s)
            ), target AS (
                SELECT id, due_date,
                       CASE WHEN %(today)s >= due_date + hr_days THEN 3
                            WHEN %(today)s >= due_date THEN 2
                            WHEN %(today)s >= due_date - lead_days THEN 1
                            ELSE 0 END AS rank,
                       CASE WHEN due_for IS DISTINCT FROM due_date THEN 0
                            WHEN stage = 'hr' THEN 3
                            WHEN stage = 'manager' THEN 2
                            WHEN stage = 'employee' THEN 1
                            ELSE 0 END AS done_rank
                  FROM due
            )
            SELECT id, due_date, rank, COUNT(*) OVER ()
              FROM target
             WHERE rank > done_rank
          ORDER BY id
             LIMIT %(limit)s
            """,
            {
                "today": today,
                "limit": limit,
                "uid": self.env.uid,
            },
        )
        return self.env.cr.fetchall()

    def _goede_gesprek_send_due(self, targets, today):
        """Send the reminders of one batch: a few queries, whatever its size."""
        by_stage = defaultdict(lambda: self.browse())
        for employee in self:
            by_stage[targets[employee.id][1]] |= employee
        by_stage["employee"]._goede_gesprek_mail_due(targets)
        vals_list = []
        activity_type = self.env.ref("hr_goede_gesprek.mail_act_conversation_due")
        for stage in ("manager", "hr"):
            for employee in by_stage[stage]:
                if stage == "manager" and employee.parent_id.user_id:
                    user = employee.parent_id.user_id
                else:
                    user = employee.company_id._goede_gesprek_hr_user(employee)
                if not user:
                    continue
                due = targets[employee.id][0]
                vals_list.append(
                    {
                        "res_id": employee.id,
                        "activity_type_id": activity_type.id,
                        "user_id": user.id,
                        "date_deadline": max(due, today),
                        "summary": self.env._(
                            "Plan a good conversation with %(employee)s",
                            employee=employee.name,
                        ),
                        "note": self.env._(
                            "%(employee)s's next conversation was due on %(due)s "
                            "and nothing is planned.",
                            employee=employee.name,
                            due=due,
                        ),
                    }
                )
        _activities(self.env, "hr.employee", vals_list)

    def _goede_gesprek_mail_due(self, targets):
        """Send the employees their reminder: the template, one batch.

        As ``mail.template.send_mail_batch`` does, with the same rendering
        (``_generate_template``, per language) and access check (read access to
        the employees), but in one ``mail.mail.create()`` for the whole batch:
        ``send_mail_batch`` creates per ``mail.batch_size`` (50) mails, two
        INSERTs each time, so 1,000 reminders would cost 40 queries. Each mail's
        message belongs to the employee's thread (model, res_id) and gets a
        Message-Id of that thread, as for any template sent for a record, so a
        reply is routed back into the employee's chatter. Reply-To is the alias
        address Odoo's composer gives records (``_notify_get_reply_to``), and the
        message is kept once the mail is sent (``is_notification``, the
        composer's "keep a copy"): replies find their thread.
        """
        employees = self.filtered("work_email")
        if not employees:
            return
        template = self.env.ref("hr_goede_gesprek.mail_template_conversation_due")
        template._send_check_access(employees.ids)
        rendered = template._generate_template(employees.ids, TEMPLATE_FIELDS)
        reply_to = employees._notify_get_reply_to(default=False)
        vals_list = []
        for employee in employees:
            values = rendered[employee.id]
            partner_ids = values.pop("partner_ids", None) or []
            if not values.get("email_from"):
                values.pop("email_from", None)
            values.update(
                body=values["body_html"],
                recipient_ids=[Command.link(pid) for pid in partner_ids],
                reply_to=reply_to[employee.id] or values.get("reply_to"),
                is_notification=True,
            )
            vals_list.append(values)
        # sudo: mail.mail is technical, as in send_mail_batch: the cron user
        # sends reminders about employees it may read, it does not manage mail.
        self.env["mail.mail"].sudo().create(vals_list)
