# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Access requests (inzageverzoek, AVG art. 15).

HR registers the request (received date; the legal deadline is one month
later, extended by at most two more months with a reason) -> *Produce*
builds the complete, redacted set of the employee's data across the addon
(``tools/access_export.py``): a ZIP with ``data.json``, a CSV per model and
the readable documents -> HR *reviews* it (notes) -> *Release* shares it with
the employee (portal page, a message to the employee) and logs it. An
unreviewed set is never released; a released request is final.
"""

import base64

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..tools import access_export
from ..tools.cron import cron_entry, remind_batch
from ..tools.declarations import document_company, workflow_state
from .hr_goede_gesprek_workflow_mixin import step_action

STATES = [
    ("draft", "Registered"),
    ("produced", "Produced"),
    ("reviewed", "Reviewed"),
    ("released", "Released"),
    ("cancelled", "Cancelled"),
]
OPEN_STATES = ("draft", "produced", "reviewed")
MAX_EXTENSION_MONTHS = 2
# Days before the deadline HR gets a reminder activity.
REMINDER_DAYS = 7
REQUEST_FIELDS = frozenset(
    {"employee_id", "received_date", "hr_user_id", "description", "company_id"}
)
EXTENSION_FIELDS = frozenset({"extension_months", "extension_reason"})


class HrGoedeGesprekAccessRequest(models.Model):
    _name = "hr.goede.gesprek.access.request"
    _description = "Access request"
    _inherit = [
        "hr.goede.gesprek.reminder.mixin",
        "mail.activity.mixin",
        "hr.goede.gesprek.employee.mixin",
        "hr.goede.gesprek.state.mixin",
        "hr.goede.gesprek.health.guard.mixin",
    ]
    _order = "received_date desc, id desc"
    _check_company_auto = True
    # Only HR works on requests; the set, the dates of the steps and the
    # state are the workflow's (_do_*).
    _policy_create = {"hr": REQUEST_FIELDS | EXTENSION_FIELDS}
    _policy_write = {
        "draft": {"hr": REQUEST_FIELDS | EXTENSION_FIELDS | {"review_note"}},
        "produced": {"hr": EXTENSION_FIELDS | {"review_note", "hr_user_id"}},
        "reviewed": {"hr": EXTENSION_FIELDS | {"hr_user_id"}},
    }
    _policy_unlink = {"draft": {"hr"}, "cancelled": {"admin"}}

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    employee_id = fields.Many2one(tracking=True, ondelete="restrict")
    company_id = document_company()
    hr_user_id = fields.Many2one(
        "res.users",
        string="Handled by",
        default=lambda self: self.env.user,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    description = fields.Text(help="What the employee asked for, in their words.")
    received_date = fields.Date(
        string="Received on",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    extension_months = fields.Integer(
        string="Extension (months)",
        tracking=True,
        help="At most two more months, for a complex or numerous request "
        "(AVG art. 12(3)); tell the employee within the first month.",
    )
    extension_reason = fields.Text(string="Reason for the extension", tracking=True)
    deadline = fields.Date(
        compute="_compute_deadline",
        store=True,
        index=True,
        help="One month after receipt, plus the extension.",
    )
    state = workflow_state(STATES, "draft")
    produced_date = fields.Datetime(string="Produced on", readonly=True, copy=False)
    produced_by_id = fields.Many2one(
        "res.users", string="Produced by", readonly=True, copy=False
    )
    review_note = fields.Text(
        string="Review notes",
        help="What HR checked and redacted before release.",
    )
    reviewed_date = fields.Datetime(string="Reviewed on", readonly=True, copy=False)
    reviewed_by_id = fields.Many2one(
        "res.users", string="Reviewed by", readonly=True, copy=False
    )
    released_date = fields.Datetime(string="Released on", readonly=True, copy=False)
    released_by_id = fields.Many2one(
        "res.users", string="Released by", readonly=True, copy=False
    )
    reminder_date = fields.Date(string="Reminder sent on", readonly=True, copy=False)
    # The set itself: read through the download route only, which logs who
    # downloaded it (hr.goede.gesprek.access.log).
    set_file = fields.Binary(
        string="Set",
        attachment=True,
        readonly=True,
        copy=False,
        groups="base.group_system",
    )
    set_filename = fields.Char(string="File name", readonly=True, copy=False)
    set_size = fields.Integer(string="Set size (bytes)", readonly=True, copy=False)
    set_record_count = fields.Integer(string="Records", readonly=True, copy=False)
    log_ids = fields.One2many(
        "hr.goede.gesprek.access.log",
        "access_request_id",
        string="Who looked",
        groups="hr_goede_gesprek.group_goede_gesprek_admin",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("received_date", "extension_months")
    def _compute_deadline(self):
        for request in self:
            request.deadline = request.received_date and (
                request.received_date
                + relativedelta(months=1 + (request.extension_months or 0))
            )

    @api.depends("employee_id", "received_date")
    def _compute_display_name(self):
        for request in self:
            request.display_name = self.env._(
                "Access request %(employee)s (%(date)s)",
                employee=request.sudo().employee_id.name or "",
                date=request.received_date or "",
            )

    @api.onchange("description", "extension_reason", "review_note")
    def _onchange_health_words(self):
        """A soft warning when a free text names health data."""
        return self._health_warning("description", "extension_reason", "review_note")

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("extension_months", "extension_reason")
    def _check_extension(self):
        for request in self:
            if not 0 <= request.extension_months <= MAX_EXTENSION_MONTHS:
                raise ValidationError(
                    self.env._(
                        "The deadline can be extended by at most %(months)s months.",
                        months=MAX_EXTENSION_MONTHS,
                    )
                )
            if (
                request.extension_months
                and not (request.extension_reason or "").strip()
            ):
                raise ValidationError(
                    self.env._("Give the reason for extending the deadline.")
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def write(self, vals):
        res = super().write(vals)
        if {"extension_months", "received_date"} & set(vals):
            # A new deadline: remind HR again before it (sudo: the reminder
            # marker is a workflow field; the caller's change was checked).
            self.sudo().write({"reminder_date": False})
        return res

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    action_produce = step_action("produce")
    action_review = step_action("review")
    action_release = step_action("release")
    action_cancel = step_action("cancel")

    def action_download(self):
        """Open the set through the logged download route."""
        self.ensure_one()
        self._check_can_download()
        return {
            "type": "ir.actions.act_url",
            "url": f"/my/access-requests/{self.id}/download",
            "target": "self",
        }

    # ------------------------------------------------------------------
    # Business: guards
    # ------------------------------------------------------------------
    def _check_hr(self):
        if not self._is_hr():
            raise AccessError(self.env._("Only HR handles access requests."))
        self.check_access("write")

    def _check_can_produce(self):
        self._check_hr()
        self._check_state(("draft", "produced", "reviewed"))

    def _check_can_review(self):
        self._check_hr()
        self._check_state(
            ("produced",),
            lambda request: self.env._(
                "Produce the set of “%(name)s” before reviewing it.",
                name=request.display_name,
            ),
        )

    def _check_can_release(self):
        self._check_hr()
        self._check_state(
            ("reviewed",),
            lambda request: self.env._(
                "The set of “%(name)s” has not been reviewed: HR reviews a set "
                "before it is released to the employee.",
                name=request.display_name,
            ),
        )

    def _check_can_cancel(self):
        self._check_hr()
        self._check_state(OPEN_STATES)

    def _can_download(self, user=None):
        """HR, or the employee once the set is released."""
        self.ensure_one()
        user = user or self.env.user
        request = self.sudo()
        if not request.set_filename:
            return False
        if self._is_hr(user) and self.with_user(user).has_access("read"):
            return True
        return request.state == "released" and request._is_employee(user)

    def _check_can_download(self):
        for request in self:
            if not request._can_download():
                raise AccessError(
                    self.env._("You may not download this access request set.")
                )

    # ------------------------------------------------------------------
    # Business: steps
    # ------------------------------------------------------------------
    def _do_produce(self):
        report = self.env.ref("hr_goede_gesprek.action_report_access_request")
        for request in self:
            # sudo: HR was checked (_check_can_produce); the set must hold
            # everything about the employee, whatever HR's own record rules,
            # and includes fields only the system reads (360° respondents).
            request_sudo = request.sudo()
            employee = request_sudo.employee_id
            sections = access_export.collect(request_sudo.env, employee)
            documents = request._access_documents(sections)
            summary, content_type = (
                self.env["ir.actions.report"]
                .sudo()
                .with_context(report_pdf_no_attachment=True)
                ._render_qweb_pdf(
                    report.report_name,
                    res_ids=request.ids,
                    data={"sections": sections},
                )
            )
            documents.insert(0, (f"summary.{content_type}", summary))
            meta = {
                "employee": employee.name,
                "received_date": str(request_sudo.received_date),
                "deadline": str(request_sudo.deadline),
                "produced": str(fields.Datetime.now()),
            }
            content = access_export.build_zip(meta, sections, documents)
            request_sudo.write(
                {
                    "state": "produced",
                    "set_file": base64.b64encode(content),
                    "set_filename": self.env._(
                        "Access request %(employee)s %(date)s.zip",
                        employee=employee.name,
                        date=fields.Date.context_today(self),
                    ),
                    "set_size": len(content),
                    "set_record_count": sum(len(s["records"]) for s in sections),
                    "produced_date": fields.Datetime.now(),
                    "produced_by_id": self.env.uid,
                    "reviewed_date": False,
                    "reviewed_by_id": False,
                }
            )
            self.env["hr.goede.gesprek.access.log"]._log(request, "produce")
        self.activity_update()

    def _access_documents(self, sections):
        """The readable documents of the set: the signed conversation reports
        and the issued decision letters as filed in the personnel file."""
        self.ensure_one()
        ids = {
            section["model"]: [record["id"] for record in section["records"]]
            for section in sections
        }
        # sudo: see _do_produce.
        conversations = (
            self.env["hr.goede.gesprek"].sudo().browse(ids["hr.goede.gesprek"])
        )
        decisions = (
            self.env["hr.goede.gesprek.decision"]
            .sudo()
            .browse(ids["hr.goede.gesprek.decision"])
        )
        attachments = conversations.report_attachment_id | decisions.attachment_id
        return [(att.name, att.raw or b"") for att in attachments]

    def _do_review(self):
        # sudo: workflow fields, after _check_can_review.
        self.sudo().write(
            {
                "state": "reviewed",
                "reviewed_date": fields.Datetime.now(),
                "reviewed_by_id": self.env.uid,
            }
        )
        self.activity_update()

    def _do_release(self):
        for request in self:
            # sudo: workflow fields, after _check_can_release.
            request.sudo().write(
                {
                    "state": "released",
                    "released_date": fields.Datetime.now(),
                    "released_by_id": self.env.uid,
                }
            )
            self.env["hr.goede.gesprek.access.log"]._log(request, "release")
            request._notify_employee()
        self.activity_update()

    def _do_cancel(self):
        # sudo: workflow field, after _check_can_cancel.
        self.sudo().write({"state": "cancelled"})
        self.activity_update()

    # ------------------------------------------------------------------
    # Mail
    # ------------------------------------------------------------------
    def _notify_employee(self):
        """Tell the employee, and them only, where to download their set."""
        self.ensure_one()
        # sudo: the employee's contact, to address the message.
        employee = self.sudo().employee_id
        partner = employee.user_id.partner_id or employee.work_contact_id
        if not partner:
            return
        url = self.get_base_url() + "/my/access-requests"
        self.message_notify(
            partner_ids=partner.ids,
            subject=self.env._("Your access request"),
            body=self.env._(
                "The data we hold about you are ready. You can download them "
                "on your portal page: %(url)s",
                url=url,
            ),
        )
        self.message_post(
            body=self.env._(
                "Released to %(name)s; they were notified.", name=partner.name
            ),
        )

    def activity_update(self):
        """The HR user's to-do on the request follows its state."""
        kind = "hr_goede_gesprek.mail_act_access_request_deadline"
        done = self.filtered(lambda r: r.state in ("released", "cancelled"))
        if done:
            done.activity_unlink([kind])

    # ------------------------------------------------------------------
    # Cron
    # ------------------------------------------------------------------
    _cron_access_request_deadline = cron_entry("_batch_access_request_deadline")

    def _batch_access_request_deadline(self, batch_size=200):
        """Open requests within REMINDER_DAYS of their deadline: the HR user
        handling them gets an activity, once per deadline."""
        today = fields.Date.context_today(self)
        todo = self.search(
            [
                ("company_id", "in", self.env.user.company_ids.ids),
                ("state", "in", OPEN_STATES),
                ("deadline", "<=", today + relativedelta(days=REMINDER_DAYS)),
                ("reminder_date", "=", False),
            ],
            limit=batch_size,
            order="id",
        )
        summary = self.env._("Access request due: release the set before the deadline")
        return remind_batch(
            todo,
            "hr_goede_gesprek.mail_act_access_request_deadline",
            lambda request: [
                (
                    request.hr_user_id or request.create_uid,
                    summary,
                    # Closed by activity_update when the request is done.
                    {"date_deadline": request.deadline, "automated": True},
                )
            ],
            lambda request: {"reminder_date": today},
            batch_size,
        )
