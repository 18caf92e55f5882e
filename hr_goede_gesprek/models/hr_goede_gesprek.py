# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The conversation (het goede gesprek) between an employee and their partner(s).

Interface contract (field names are public: views, portal and RPC clients use them).
Business logic (action_* -> _check_can_* -> _do_*, activity_update, calendar sync,
carry-over, signing, locking, versioning) is written on top of these fields.
"""

from odoo import fields, models

STATES = [
    ("preparing", "Preparing"),
    ("planned", "Planned"),
    ("held", "Held"),
    ("report", "Report to sign"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
PARTY = [("employee", "Employee"), ("partner", "Conversation partner")]
SIGN_MODES = [("seen", "Seen"), ("agreed", "Agreed")]


class HrGoedeGesprek(models.Model):
    _name = "hr.goede.gesprek"
    _description = "Good Conversation"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True
    _rec_names_search = ["name", "employee_id.name"]

    name = fields.Char(compute="_compute_name", store=True, readonly=False)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        ondelete="cascade",
    )
    employee_user_id = fields.Many2one(related="employee_id.user_id", store=True)
    department_id = fields.Many2one(
        related="employee_id.department_id", store=True, string="Department"
    )
    # Conversation partners: by default the employee's manager; or an HR adviser;
    # possibly several. Their users get access to the conversation.
    partner_employee_ids = fields.Many2many(
        "hr.employee",
        "hr_goede_gesprek_partner_rel",
        "conversation_id",
        "employee_id",
        string="Conversation partners",
        check_company=True,
        tracking=True,
    )
    partner_user_ids = fields.Many2many(
        "res.users",
        compute="_compute_partner_user_ids",
        store=True,
        string="Partner users",
    )
    companion_name = fields.Char(
        string="Companion",
        help="Someone the employee brings to the conversation, announced beforehand.",
    )
    companion_announced = fields.Boolean(string="Companion announced")
    chair = fields.Selection(PARTY, default="employee", required=True)
    report_author = fields.Selection(
        PARTY, default=lambda self: self.env.company.goede_gesprek_report_author
    )
    conversation_type = fields.Selection(
        [("good", "Good conversation"), ("checkin", "Short check-in")],
        string="Type",
        default="good",
        required=True,
        tracking=True,
    )
    date_start = fields.Datetime(string="Date", tracking=True, copy=False)
    duration = fields.Float(default=1.0, help="Duration in hours.")
    date_stop = fields.Datetime(compute="_compute_date_stop", store=True)
    location = fields.Char(tracking=True)
    privacy_sharing = fields.Selection(
        [
            ("none", "Nothing is shared beyond the participants and HR"),
            ("agreements", "Only the agreements may be shared"),
            ("summary", "The summary may be shared"),
        ],
        string="Sharing with third parties",
        default="none",
        required=True,
    )
    privacy_reason = fields.Text(
        string="Sharing: with whom and why",
    )
    state = fields.Selection(
        STATES,
        default="preparing",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    calendar_event_id = fields.Many2one("calendar.event", copy=False, readonly=True)
    reschedule_count = fields.Integer(copy=False, readonly=True)
    last_reschedule_reason = fields.Text(copy=False, readonly=True)
    cancel_reason = fields.Text(copy=False, readonly=True)

    agenda_line_ids = fields.One2many(
        "hr.goede.gesprek.agenda.line", "conversation_id", string="Agenda", copy=False
    )
    agenda_shared_date = fields.Datetime(copy=False, readonly=True)
    agreement_ids = fields.One2many(
        "hr.goede.gesprek.agreement", "conversation_id", string="Agreements", copy=False
    )

    # Report (verslag)
    report_summary = fields.Html(string="Report", sanitize=True, copy=False)
    employee_view = fields.Text(string="Employee's view", copy=False)
    partner_view = fields.Text(string="Partner's view", copy=False)
    report_submitted_date = fields.Datetime(copy=False, readonly=True)
    employee_sign_mode = fields.Selection(
        SIGN_MODES, string="Employee signed as", copy=False, readonly=True
    )
    employee_signed_date = fields.Datetime(copy=False, readonly=True)
    employee_signed_by_id = fields.Many2one("res.users", copy=False, readonly=True)
    employee_signature = fields.Binary(copy=False, attachment=True, readonly=True)
    partner_sign_mode = fields.Selection(
        SIGN_MODES, string="Partner signed as", copy=False, readonly=True
    )
    partner_signed_date = fields.Datetime(copy=False, readonly=True)
    partner_signed_by_id = fields.Many2one("res.users", copy=False, readonly=True)
    partner_signature = fields.Binary(copy=False, attachment=True, readonly=True)
    report_locked = fields.Boolean(compute="_compute_report_locked", store=True)
    report_attachment_id = fields.Many2one("ir.attachment", copy=False, readonly=True)
    previous_version_id = fields.Many2one(
        "hr.goede.gesprek",
        string="Amends",
        copy=False,
        readonly=True,
        help="The signed report this version amends.",
    )
    next_version_id = fields.Many2one(
        "hr.goede.gesprek", string="Amended by", copy=False, readonly=True
    )

    # Information at hand (seed 002)
    previous_conversation_id = fields.Many2one(
        "hr.goede.gesprek", compute="_compute_previous_conversation_id"
    )
    job_description = fields.Html(related="employee_id.job_id.description")

    def _compute_name(self):
        for conversation in self:
            conversation.name = conversation.name or conversation.employee_id.name

    def _compute_partner_user_ids(self):
        for conversation in self:
            conversation.partner_user_ids = conversation.partner_employee_ids.user_id

    def _compute_date_stop(self):
        for conversation in self:
            conversation.date_stop = conversation.date_start

    def _compute_report_locked(self):
        for conversation in self:
            conversation.report_locked = bool(
                conversation.employee_signed_date and conversation.partner_signed_date
            )

    def _compute_previous_conversation_id(self):
        for conversation in self:
            conversation.previous_conversation_id = False

    # ------------------------------------------------------------------
    # stub: owned by core-a -- placeholders so that core-b's views load;
    # the merge keeps core-a's real fields and methods.
    # ------------------------------------------------------------------
    can_edit_agenda = fields.Boolean(
        compute="_compute_stub_flags"
    )  # stub: owned by core-a
    can_write_report = fields.Boolean(
        compute="_compute_stub_flags"
    )  # stub: owned by core-a
    can_sign = fields.Boolean(compute="_compute_stub_flags")  # stub: owned by core-a
    is_employee = fields.Boolean(compute="_compute_stub_flags")  # stub: owned by core-a
    is_partner = fields.Boolean(compute="_compute_stub_flags")  # stub: owned by core-a

    def _compute_stub_flags(self):  # stub: owned by core-a
        for conversation in self:
            is_employee = conversation.employee_user_id == self.env.user
            is_partner = self.env.user in conversation.partner_user_ids
            conversation.is_employee = is_employee
            conversation.is_partner = is_partner
            conversation.can_edit_agenda = conversation.state in (
                "preparing",
                "planned",
            )
            conversation.can_write_report = conversation.state == "held"
            conversation.can_sign = conversation.state == "report"

    def _stub_action(self):  # stub: owned by core-a
        return True

    action_plan = _stub_action  # stub: owned by core-a
    action_share_agenda = _stub_action  # stub: owned by core-a
    action_hold = _stub_action  # stub: owned by core-a
    action_submit_report = _stub_action  # stub: owned by core-a
    action_open_sign_wizard = _stub_action  # stub: owned by core-a
    action_cancel = _stub_action  # stub: owned by core-a
    action_open_reschedule_wizard = _stub_action  # stub: owned by core-a
    action_amend = _stub_action  # stub: owned by core-a
    action_print_report = _stub_action  # stub: owned by core-a
    action_reset_to_preparing = _stub_action  # stub: owned by core-a
