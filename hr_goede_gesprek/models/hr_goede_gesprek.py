# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The conversation (het goede gesprek) between an employee and their partner(s).

Public actions follow ``action_*`` -> ``_check_can_*`` -> ``_do_*``: the check
verifies who acts (read access, then the role) and the state; the ``_do_*``
method performs the change. Workflow fields (state, signatures, dates set by
the workflow, version links) are written by the ``_do_*`` methods with
``sudo()`` once the check passed. What each role may write directly, in which
state, is declared below (``_policy_create`` / ``_policy_write``, see
``hr.goede.gesprek.workflow.mixin``); the rules finer than a list of fields
(only the agreed author writes the report, each party only its own view and
only until it signed) are checked on top. A signed report is locked for
everyone, the superuser included.

Who may take a step, and why not, is written once per step
(``_get_cannot_<step>_reason``): the ``can_*`` flags of the buttons and the
``_check_can_*`` guards both ask it.

In the employee portal (``/my/conversations``, a ``portal.mixin`` document)
portal users hold a read-only ACL on their own conversations (record rules in
``security/hr_goede_gesprek_portal_security.xml``); every change goes through
the same guards run as the user, the declared field policy of the user's side
included, after which the controller performs it with ``sudo()``.
"""

from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.tools import LazyTranslate, clean_context, format_date, html2plaintext

from ..tools.cron import _process_batch, cron_entry, remind_batch
from ..tools.declarations import (
    document_company,
    employee_department,
    user_flag,
    workflow_state,
)
from .hr_goede_gesprek_agreement import OPEN_STATES as AGREEMENT_OPEN_STATES
from .hr_goede_gesprek_workflow_mixin import step_action

_lt = LazyTranslate(__name__)

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

# ------------------------------------------------------------------
# The declared field policy. Everything else (state, signatures, dates the
# workflow sets, reminders, calendar event, version links, the request) is
# written by the ``_do_*`` steps and the scheduled actions only.
# ------------------------------------------------------------------
# The meeting: agreed between the parties before it is held. A planned date
# moves only through "Reschedule" (checked in ``_check_write_allowed``).
MEETING_FIELDS = frozenset(
    {
        "name",
        "name_is_custom",
        "conversation_type",
        "date_start",
        "duration",
        "location",
        "chair",
    }
)
# Whom the employee brings along: the employee's choice (HR may help). The
# companion's user reads the conversation, so it is fixed once it is held.
COMPANION_FIELDS = frozenset(
    {"companion_name", "companion_user_id", "companion_announced"}
)
PRIVACY_FIELDS = frozenset({"privacy_sharing", "privacy_reason"})
# Who signs and who writes: fixed once the conversation is planned. The
# partners are set by the manager or HR (the employee only proposes them on
# creation), and must be the employee's manager or an HR officer.
PARTNER_FIELDS = frozenset({"partner_employee_ids"})
AUTHOR_FIELDS = frozenset({"report_author"})
# Agenda and agreements: their own policies decide on each line.
AGENDA_FIELDS = frozenset({"agenda_line_ids"})
AGREEMENT_FIELDS = frozenset({"agreement_ids"})
# Narrowed per record by ``_policy_write_fields``: the agreed author (or HR)
# writes the report, each party its own view until it signed.
REPORT_FIELDS = frozenset({"report_summary"})
VIEW_FIELDS = {
    "employee": frozenset({"employee_view"}),
    "partner": frozenset({"partner_view"}),
}

CREATE_FIELDS = (
    frozenset({"employee_id", "company_id"})
    | MEETING_FIELDS
    | COMPANION_FIELDS
    | PRIVACY_FIELDS
    | PARTNER_FIELDS
    | AUTHOR_FIELDS
    | AGENDA_FIELDS
    | AGREEMENT_FIELDS
)
OPEN_PARTY_FIELDS = MEETING_FIELDS | PRIVACY_FIELDS | AGENDA_FIELDS | AGREEMENT_FIELDS
HELD_FIELDS = PRIVACY_FIELDS | AGENDA_FIELDS | AGREEMENT_FIELDS | REPORT_FIELDS
POLICY_WRITE = {
    "preparing": {
        "employee": OPEN_PARTY_FIELDS | COMPANION_FIELDS | AUTHOR_FIELDS,
        "partner": OPEN_PARTY_FIELDS | AUTHOR_FIELDS | PARTNER_FIELDS,
        "hr": OPEN_PARTY_FIELDS | COMPANION_FIELDS | AUTHOR_FIELDS | PARTNER_FIELDS,
    },
    "planned": {
        "employee": OPEN_PARTY_FIELDS
        | COMPANION_FIELDS
        | REPORT_FIELDS
        | VIEW_FIELDS["employee"],
        "partner": OPEN_PARTY_FIELDS | REPORT_FIELDS | VIEW_FIELDS["partner"],
        "hr": OPEN_PARTY_FIELDS | COMPANION_FIELDS | REPORT_FIELDS,
    },
    "held": {
        "employee": HELD_FIELDS | VIEW_FIELDS["employee"],
        "partner": HELD_FIELDS | VIEW_FIELDS["partner"],
        "hr": HELD_FIELDS,
    },
    "report": {
        "employee": AGREEMENT_FIELDS | VIEW_FIELDS["employee"],
        "partner": AGREEMENT_FIELDS | VIEW_FIELDS["partner"],
        "hr": AGREEMENT_FIELDS,
    },
    # "done" and "cancelled": nothing (a done report is also locked).
}

# The only fields that may still change on a locked (signed) conversation.
# The portal link's token is made on first use (portal.mixin, as superuser;
# no role may write it), also for a conversation signed before it was shared.
LOCK_FREE_FIELDS = frozenset(
    {
        "website_message_ids",
        "next_version_id",
        "report_attachment_id",
        "access_token",
        # The legal hold (HR, through its wizard) keeps the report as it is.
        "legal_hold",
        "legal_hold_reason",
    }
)
LOCK_FREE_PREFIXES = ("message_", "activity_")
CALENDAR_FIELDS = frozenset(
    {
        "date_start",
        "duration",
        "location",
        "employee_id",
        "partner_employee_ids",
        "companion_user_id",
    }
)
OPEN_STATES = ("preparing", "planned")
# The agenda changes until the report is submitted (and never once locked).
AGENDA_STATES = ("preparing", "planned", "held")

# What the employee may change from the portal (the guards decide when).
PORTAL_DETAIL_FIELDS = frozenset(
    {"date_start", "duration", "location", "companion_name", "companion_announced"}
)
PORTAL_REPORT_FIELDS = frozenset({"report_summary", "employee_view", "partner_view"})
# The choices a party makes from the portal; the declared policy decides per
# state which of them their side may still change.
PORTAL_CHOICE_FIELDS = frozenset(
    {"chair", "report_author", "privacy_sharing", "privacy_reason"}
)


# Every refusal of a conversation step or change, by ``"<step>:<rule>"``.
# ``%(name)s`` is the conversation, ``%(state)s`` its state; other
# placeholders are given by the caller (the state mixin's ``_get_step_message``).
STEP_MESSAGES = {
    "duration:range": _lt("The duration of “%(name)s” must be between 0 and 24 hours."),
    "partners:own": _lt("%(employee)s cannot be their own conversation partner."),
    "partners:invalid": _lt(
        "%(partners)s cannot be the conversation partner of "
        "%(employee)s: a conversation partner is the employee's "
        "manager or an HR officer."
    ),
    "unlink:locked": _lt(
        "“%(name)s” has a signed report and cannot be deleted; "
        "it belongs to the employee's personnel file."
    ),
    "write:locked": _lt(
        "The report of “%(name)s” is signed by both parties and "
        "locked; nobody can change it any more. Use “Amend” to "
        "create a new version."
    ),
    "write_view:who": _lt(
        "Only the party concerned can write their own view on “%(name)s”."
    ),
    "write_view:signed": _lt(
        "You already signed “%(name)s”; your view can no longer change."
    ),
    "write:planned": _lt(
        "“%(name)s” is already planned: use “Reschedule” and give "
        "a reason to move it."
    ),
    "create:who": _lt(
        "You can only start conversations for yourself or for "
        "the members of your own team, not for %(employee)s."
    ),
    "portal_write:fields": _lt(
        "These fields cannot be changed from the portal: %(fields)s."
    ),
    "portal_write:who": _lt(
        "Only the employee or a conversation partner can change “%(name)s”."
    ),
    "portal_write:state": _lt(
        "Date, place and duration of “%(name)s” can only change before it is held."
    ),
    "portal_write:forbidden": _lt(
        "You may not change these fields of “%(name)s” now: %(fields)s."
    ),
    "propose_agreement:who": _lt(
        "Only the employee or a conversation partner can propose an agreement "
        "on “%(name)s”."
    ),
    "propose_agreement:state": _lt(
        "No agreement can be proposed on “%(name)s” any more: it is %(state)s."
    ),
    "edit_agenda_line:not_own": _lt(
        "You can only change the agenda items you added yourself."
    ),
    "request:no_employee": _lt(
        "Only employees can ask for a conversation; your account is "
        "not linked to an employee."
    ),
    "reschedule:no_reason": _lt("Give a reason for moving “%(name)s”."),
    "reschedule:same_date": _lt(
        "The new date of “%(name)s” is the same as the current one."
    ),
    "plan:who": _lt(
        "Only the employee, a conversation partner or HR can plan “%(name)s”."
    ),
    "plan:state": _lt(
        "Only a conversation in preparation can be planned; “%(name)s” is %(state)s."
    ),
    "plan:no_date": _lt("Propose a date and time for “%(name)s” before planning it."),
    "plan:no_duration": _lt("Give “%(name)s” a duration before planning it."),
    "share_agenda:who": _lt(
        "Only the employee, a conversation partner or HR can share the "
        "agenda of “%(name)s”."
    ),
    "share_agenda:state": _lt(
        "The agenda of “%(name)s” can only be shared before the "
        "conversation is held."
    ),
    "share_agenda:empty": _lt(
        "The agenda of “%(name)s” is empty: add at least one item before sharing it."
    ),
    "edit_agenda:closed": _lt("The agenda of “%(name)s” can no longer change."),
    "edit_agenda:who": _lt(
        "Only the employee, a conversation partner or HR can change "
        "the agenda of “%(name)s”."
    ),
    "reorder_agenda:who": _lt(
        "The employee sets the order of the agenda of “%(name)s”."
    ),
    "hold:who": _lt(
        "Only the employee, a conversation partner or HR can mark "
        "“%(name)s” as held."
    ),
    "hold:state": _lt(
        "Only a planned conversation can be held; “%(name)s” is %(state)s."
    ),
    "hold:not_started": _lt(
        "“%(name)s” has not started yet; it can be marked as held "
        "once it has taken place."
    ),
    "write_report:state": _lt(
        "The report of “%(name)s” can only be written before "
        "it is submitted for signature."
    ),
    "write_report:who": _lt(
        "Only the agreed author (or HR) can write the report of “%(name)s”."
    ),
    "submit_report:who": _lt(
        "Only the agreed author of the report (or HR) can submit "
        "the report of “%(name)s”."
    ),
    "submit_report:state": _lt(
        "Only the report of a held conversation can be submitted; "
        "“%(name)s” is %(state)s."
    ),
    "submit_report:empty": _lt("Write the report of “%(name)s” before submitting it."),
    "sign:who": _lt(
        "Only the employee and their conversation partner sign the "
        "report of “%(name)s”, each for themselves."
    ),
    "sign:state": _lt(
        "The report of “%(name)s” can only be signed once it is "
        "submitted for signature."
    ),
    "sign:signed": _lt("The report of “%(name)s” is already signed by this party."),
    "cancel:who": _lt(
        "Only the employee, a conversation partner or HR can cancel “%(name)s”."
    ),
    "cancel:state": _lt("“%(name)s” can no longer be cancelled."),
    "reopen:who": _lt(
        "Only the employee, a conversation partner or HR can reopen “%(name)s”."
    ),
    "reopen:state": _lt(
        "Only a cancelled conversation can be reopened; “%(name)s” is %(state)s."
    ),
    "reschedule:who": _lt(
        "Only the employee, a conversation partner or HR can reschedule “%(name)s”."
    ),
    "reschedule:state": _lt(
        "Only a planned conversation can be rescheduled; “%(name)s” is %(state)s."
    ),
    "amend:who": _lt(
        "Only the employee, a conversation partner or HR can amend the "
        "report of “%(name)s”."
    ),
    "amend:state": _lt(
        "Only a signed report can be amended; “%(name)s” is not "
        "signed by both parties yet."
    ),
    "amend:amended": _lt("“%(name)s” was already amended; amend its latest version."),
    "print_report:state": _lt("“%(name)s” has no report to print yet."),
}


class HrGoedeGesprek(models.Model):
    _name = "hr.goede.gesprek"
    _description = "Good Conversation"
    _inherit = [
        "hr.goede.gesprek.reminder.mixin",
        "mail.activity.mixin",
        "hr.goede.gesprek.employee.mixin",
        "hr.goede.gesprek.state.mixin",
        "hr.goede.gesprek.calendar.mixin",
        "portal.mixin",
        "hr.goede.gesprek.hint.mixin",
        "hr.goede.gesprek.retention.mixin",
        "hr.goede.gesprek.health.guard.mixin",
    ]
    _retention_document_type = "conversation"
    _retention_closed_states = ("done", "cancelled")
    _retention_completion_fields = ("date_start", "create_date")
    _retention_lock_domain = [("report_locked", "=", True)]
    _order = "date_start desc, id desc"
    _partner_conversation_field = "id"
    _check_company_auto = True
    _policy_create = {
        "employee": CREATE_FIELDS,
        "manager": CREATE_FIELDS,
        "hr": CREATE_FIELDS,
    }
    _policy_write = POLICY_WRITE
    # Deleting is HR's (ACL); a signed report is never deleted (ondelete).
    _policy_unlink = {"*": {"hr"}}
    _rec_names_search = ["name", "employee_id.name"]
    _step_messages = STEP_MESSAGES

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    name = fields.Char(
        compute="_compute_name", store=True, readonly=False, precompute=True
    )
    # A name the user typed is theirs: it no longer follows employee and date.
    # Not a compute of ``name``: a flag recomputed with the name would forget,
    # on the change of employee or date, that the name before it was typed.
    name_is_custom = fields.Boolean(
        string="Own name", help="The name was typed: it does not follow the date."
    )
    company_id = document_company()
    employee_id = fields.Many2one(tracking=True, ondelete="cascade")
    # Stored computes are precomputed: they go into the INSERT of the record
    # instead of a second UPDATE (so are the employee mixin's user and contact).
    department_id = employee_department(precompute=True)
    # Conversation partners: by default the employee's manager; or an HR adviser;
    # possibly several. Their users get access to the conversation and sign
    # its report (see ``_check_partners``).
    partner_employee_ids = fields.Many2many(
        "hr.employee",
        "hr_goede_gesprek_partner_rel",
        "conversation_id",
        "employee_id",
        string="Conversation partners",
        compute="_compute_partner_employee_ids",
        store=True,
        readonly=False,
        precompute=True,
        copy=True,
        check_company=True,
        tracking=True,
    )
    partner_user_ids = fields.Many2many(
        "res.users",
        "hr_goede_gesprek_partner_user_rel",
        "conversation_id",
        "user_id",
        compute="_compute_partner_user_ids",
        store=True,
        string="Partner users",
    )
    # The partners' names as one stored text: lists show them without reading
    # the partner table and the employees for every row.
    partner_names = fields.Char(
        compute="_compute_partner_names", store=True, string="Partners"
    )
    companion_name = fields.Char(
        string="Companion",
        help="Someone the employee brings to the conversation, announced beforehand.",
    )
    companion_user_id = fields.Many2one(
        "res.users",
        string="Companion (user)",
        domain="[('share', '=', False)]",
        tracking=True,
        index="btree_not_null",
        help="The companion's user, if they have one: they are invited to the "
        "meeting and can read this conversation and its agenda, nothing else.",
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
    duration = fields.Float(default=1.0, help="Duration in hours.", tracking=True)
    date_stop = fields.Datetime(
        compute="_compute_date_stop", store=True, precompute=True
    )
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
        tracking=True,
    )
    privacy_reason = fields.Text(
        string="Sharing: with whom and why",
    )
    state = workflow_state(STATES, "preparing")
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
    report_locked = fields.Boolean(
        compute="_compute_report_locked", store=True, precompute=True
    )
    # The signed report, frozen in the personnel file (see ir_actions_report).
    _personnel_file_report = "hr_goede_gesprek.report_goede_gesprek"
    _personnel_file_field = "report_attachment_id"
    # Indexed: opening the filed file looks its document up (models/ir_binary).
    report_attachment_id = fields.Many2one(
        "ir.attachment", copy=False, readonly=True, index="btree_not_null"
    )
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

    # Information at hand: the previous conversation and what to review from
    # the earlier ones.
    previous_conversation_id = fields.Many2one(
        "hr.goede.gesprek", compute="_compute_previous_conversation_id"
    )
    job_description = fields.Html(related="employee_id.job_id.description")
    open_agreement_ids = fields.Many2many(
        "hr.goede.gesprek.agreement",
        compute="_compute_open_agreement_ids",
        string="Open agreements to review",
        help="Agreements from the employee's earlier conversations that are "
        "still open: review them in this conversation.",
    )
    open_agreement_count = fields.Integer(compute="_compute_open_agreement_ids")
    previous_report_summary = fields.Html(
        compute="_compute_previous_report_summary",
        string="Previous report",
        sanitize=True,
    )

    # The employee's request for a conversation, and the markers of the
    # scheduled reminders (set by the scheduled actions only).
    requested_date = fields.Date(
        string="Requested on",
        tracking=True,
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="The employee asked for this conversation on this date; a date must "
        "be proposed within the company's term.",
    )
    request_note = fields.Text(
        string="Request",
        copy=False,
        readonly=True,
        help="What the employee wrote when they asked for this conversation.",
    )
    request_stage = fields.Selection(
        [("next_manager", "Next-level manager asked"), ("hr", "Escalated to HR")],
        readonly=True,
        copy=False,
    )
    agenda_reminder_date = fields.Date(readonly=True, copy=False)
    sign_reminder_date = fields.Date(readonly=True, copy=False)

    # What the current user may do (button visibility; enforced again in Python)
    is_employee = user_flag()
    is_partner = user_flag()
    can_edit_agenda = user_flag()
    can_write_report = user_flag()
    can_sign = user_flag()

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("employee_id.name", "date_start", "conversation_type")
    def _compute_name(self):
        for conversation in self:
            if conversation.name and conversation.name_is_custom:
                continue
            conversation.name = conversation._get_default_name()

    @api.depends("employee_id")
    def _compute_partner_employee_ids(self):
        """By default the employee's manager (the creator need not give it)."""
        for conversation in self:
            if not conversation.partner_employee_ids:
                # sudo: the manager of an employee is read on hr.employee,
                # which plain users cannot read; only the link is copied.
                conversation.partner_employee_ids = (
                    conversation.employee_id.sudo().parent_id
                )

    @api.depends("partner_employee_ids.user_id")
    def _compute_partner_user_ids(self):
        for conversation in self:
            conversation.partner_user_ids = conversation.partner_employee_ids.user_id

    @api.depends("partner_employee_ids.name")
    def _compute_partner_names(self):
        for conversation in self:
            conversation.partner_names = ", ".join(
                conversation.partner_employee_ids.sorted("name").mapped("name")
            )

    @api.depends("date_start", "duration")
    def _compute_date_stop(self):
        for conversation in self:
            conversation.date_stop = conversation.date_start and (
                conversation.date_start + timedelta(hours=conversation.duration or 0.0)
            )

    @api.depends("employee_signed_date", "partner_signed_date")
    def _compute_report_locked(self):
        for conversation in self:
            conversation.report_locked = bool(
                conversation.employee_signed_date and conversation.partner_signed_date
            )

    @api.depends("employee_id", "date_start")
    def _compute_previous_conversation_id(self):
        """The employee's latest done conversation before this one.

        One query for all records: every done, current (not amended) version of
        the employees involved, newest first; then picked per record in Python.
        """
        employee_ids = self.employee_id.ids
        candidates = defaultdict(list)
        if employee_ids:
            done = self.search_fetch(
                [
                    ("employee_id", "in", employee_ids),
                    ("state", "=", "done"),
                    ("next_version_id", "=", False),
                ],
                ["employee_id", "date_start"],
                order="date_start desc, id desc",
            )
            for conversation in done:
                candidates[conversation.employee_id.id].append(conversation)
        for conversation in self:
            previous = self.browse()
            for candidate in candidates[conversation.employee_id.id]:
                if candidate.id == conversation._origin.id:
                    continue
                if (
                    conversation.date_start
                    and candidate.date_start
                    and candidate.date_start >= conversation.date_start
                ):
                    continue
                previous = candidate
                break
            conversation.previous_conversation_id = previous

    @api.depends("employee_id", "date_start", "agreement_ids", "agreement_ids.state")
    def _compute_open_agreement_ids(self):
        # one search for all conversations in self (no search in a loop)
        agreements = self.env["hr.goede.gesprek.agreement"].search(
            [
                ("employee_id", "in", self.employee_id.ids),
                ("state", "in", AGREEMENT_OPEN_STATES),
            ]
        )
        by_employee = {}
        for agreement in agreements:
            by_employee.setdefault(agreement.employee_id.id, []).append(agreement)
        for conversation in self:
            own_id = conversation._origin.id
            date = conversation.date_start
            selected = [
                agreement.id
                for agreement in by_employee.get(conversation.employee_id.id, [])
                if agreement.conversation_id.id != own_id
                and not (
                    date
                    and agreement.conversation_id.date_start
                    and agreement.conversation_id.date_start > date
                )
            ]
            conversation.open_agreement_ids = [fields.Command.set(selected)]
            conversation.open_agreement_count = len(selected)

    @api.depends("previous_conversation_id")
    def _compute_previous_report_summary(self):
        for conversation in self:
            conversation.previous_report_summary = (
                conversation.previous_conversation_id.report_summary
            )

    @api.depends_context("uid")
    @api.depends(
        "state",
        "report_locked",
        "report_author",
        "employee_id.user_id",
        "partner_user_ids",
        "employee_signed_date",
        "partner_signed_date",
    )
    def _compute_user_flags(self):
        """The buttons follow the guards: each flag is "no reason against"."""
        for conversation in self:
            party = conversation._get_user_party()
            conversation.is_employee = party == "employee"
            conversation.is_partner = party == "partner"
            conversation.can_edit_agenda = (
                not conversation._get_cannot_edit_agenda_reason()
            )
            conversation.can_write_report = (
                not conversation._get_cannot_write_report_reason()
            )
            conversation.can_sign = not conversation._get_cannot_sign_reason(party)

    def _compute_access_url(self):
        for conversation in self:
            conversation.access_url = f"/my/conversations/{conversation.id}"

    # ------------------------------------------------------------------
    # Constraints and onchanges
    # ------------------------------------------------------------------
    @api.onchange(
        "report_summary",
        "employee_view",
        "partner_view",
        "privacy_reason",
        "request_note",
    )
    def _onchange_health_words(self):
        """A soft warning when a free text names health data."""
        return self._health_warning(
            "report_summary",
            "employee_view",
            "partner_view",
            "privacy_reason",
            "request_note",
        )

    @api.constrains("duration")
    def _check_duration(self):
        for conversation in self:
            if conversation.duration < 0 or conversation.duration > 24:
                raise ValidationError(conversation._get_step_message("duration:range"))

    @api.constrains("employee_id", "partner_employee_ids")
    def _check_partners(self):
        """The partners sign the report: the employee's manager (direct or of
        the department) or an HR officer, never the employee, never a
        colleague the employee picked."""
        # sudo: managers, departments and groups of employees are read to
        # compare them; plain users cannot read hr.employee.
        for conversation in self.sudo():
            employee = conversation.employee_id
            partners = conversation.partner_employee_ids
            if employee in partners:
                raise ValidationError(
                    self._get_step_message("partners:own", employee=employee.name)
                )
            managers = employee.parent_id | employee.department_id.manager_id
            invalid = partners.filtered(
                lambda partner, managers=managers: partner not in managers
                and not (partner.user_id and self._is_hr(partner.user_id))
            )
            if invalid:
                raise ValidationError(
                    self._get_step_message(
                        "partners:invalid",
                        partners=", ".join(invalid.mapped("name")),
                        employee=employee.name,
                    )
                )

    @api.onchange("employee_id")
    def _onchange_employee_id(self):
        if self.employee_id.company_id:
            self.company_id = self.employee_id.company_id

    @api.onchange("name")
    def _onchange_name(self):
        self.name_is_custom = bool(self.name) and self.name != self._get_default_name()

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name") and "name_is_custom" not in vals:
                # A name given on creation (RPC, import) was typed; the form
                # sends the flag itself.
                vals["name_is_custom"] = True
        if not self.env.su:
            self._check_can_create(vals_list)
        # The declared policy is checked by the workflow mixin before anything
        # is written; the default partner is a precomputed field.
        conversations = super().create(vals_list)
        conversations._pull_carried_over_items()
        conversations.filtered(
            lambda c: c.state == "planned" and c.date_start
        )._sync_calendar_event()
        conversations.activity_update()
        return conversations

    def write(self, vals):
        self._check_write_allowed(vals)
        # The declared policy is checked by the workflow mixin (super).
        result = super().write(vals)
        if "name" in vals and not vals["name"]:
            # A cleared name: the generated one comes back (and follows again).
            self.env.add_to_compute(self._fields["name"], self)
        if "name" in vals and "name_is_custom" not in vals:
            self._mark_custom_names()
        if "date_start" in vals:
            # A new date: the agenda and signing reminders count from it again.
            # sudo: the reminder markers are the scheduler's bookkeeping, never
            # the user's to write; the date itself passed the policy above.
            self.sudo().filtered(
                lambda c: c.agenda_reminder_date or c.sign_reminder_date
            ).write({"agenda_reminder_date": False, "sign_reminder_date": False})
        if CALENDAR_FIELDS.intersection(vals):
            self.filtered(
                lambda c: c.state == "planned" and c.date_start
            )._sync_calendar_event()
        if vals.get("employee_view"):
            # The employee recorded a reflection (only their side may write
            # it, checked above): just-in-time prompts, once per person.
            self.env["hr.goede.gesprek.trigger"]._fire("reflection", self)
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        if self._retention_destroying():
            # Locked records leave only through the retention run.
            return
        for conversation in self:
            if conversation.report_locked:
                raise UserError(conversation._get_step_message("unlink:locked"))

    def _check_write_allowed(self, vals):
        """Refuse writes to a locked report (everyone, the superuser included),
        and the writes the declared policy is too coarse to refuse: the report
        by another than its agreed author, a view by the other party or after
        signing, a planned date moved without "Reschedule"."""
        if self._retention_destroying():
            # The retention run anonymises locked reports (its own path).
            return
        fnames = set(vals)
        locked_changes = {
            fname
            for fname in fnames
            if fname not in LOCK_FREE_FIELDS
            and not fname.startswith(LOCK_FREE_PREFIXES)
        }
        for conversation in self.filtered("report_locked"):
            if locked_changes or (
                "report_attachment_id" in fnames
                and (conversation.report_attachment_id or not self.env.su)
            ):
                raise UserError(conversation._get_step_message("write:locked"))
        if self.env.su:
            return
        for conversation in self:
            party = conversation._get_user_party()
            if "report_summary" in fnames and (
                error := conversation._get_cannot_write_report_reason()
            ):
                raise error
            for view_field, view_party in (
                ("employee_view", "employee"),
                ("partner_view", "partner"),
            ):
                if view_field not in fnames:
                    continue
                if party != view_party:
                    raise AccessError(conversation._get_step_message("write_view:who"))
                if conversation[f"{view_party}_signed_date"]:
                    raise UserError(conversation._get_step_message("write_view:signed"))
            if (
                "date_start" in fnames
                and conversation.state != "preparing"
                and fields.Datetime.to_datetime(vals["date_start"])
                != conversation.date_start
            ):
                raise UserError(conversation._get_step_message("write:planned"))

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _get_wizard_action(self, step, name, wizard_model, *args):
        """The action opening the wizard ``wizard_model`` on this conversation,
        once ``_check_can_<step>(*args)`` allowed the user the step."""
        self.ensure_one()
        getattr(self, f"_check_can_{step}")(*args)
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": wizard_model,
            "view_mode": "form",
            "target": "new",
            "context": {"default_conversation_id": self.id},
        }

    action_plan = step_action("plan")

    action_share_agenda = step_action("share_agenda")

    action_hold = step_action("hold")

    action_submit_report = step_action("submit_report")

    def action_open_sign_wizard(self):
        return self._get_wizard_action(
            "sign",
            self.env._("Sign the report"),
            "hr.goede.gesprek.sign",
            self._get_user_party(),
        )

    def action_cancel(self):
        return self._get_wizard_action(
            "cancel", self.env._("Cancel the conversation"), "hr.goede.gesprek.cancel"
        )

    def action_reset_to_preparing(self):
        self.check_access("read")
        self._raise_cannot("reopen")
        self.sudo().write({"state": "preparing", "cancel_reason": False})
        self.activity_update()
        return True

    def action_open_reschedule_wizard(self):
        return self._get_wizard_action(
            "reschedule",
            self.env._("Reschedule the conversation"),
            "hr.goede.gesprek.reschedule",
        )

    def action_amend(self):
        self.ensure_one()
        self._check_can_amend()
        new_version = self._do_amend()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new_version.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_print_report(self):
        self.check_access("read")
        self._raise_cannot("print_report")
        return self.env.ref(
            "hr_goede_gesprek.action_report_goede_gesprek"
        ).report_action(self)

    # ------------------------------------------------------------------
    # Actions from the portal (controllers/)
    # Each runs its guard as the user first and only then its step with
    # sudo(): portal users hold a read-only ACL on conversations and agenda
    # items. sudo keeps the uid, so the steps still know who acts.
    # ------------------------------------------------------------------
    def _portal_write(self, vals):
        """Write what the portal form changed, once the guard allowed it."""
        self._check_can_portal_write(vals)
        # sudo: read-only ACL for portal users; the guard above ran as the user.
        self.sudo().write(vals)
        return True

    def portal_update_details(self, vals):
        """Date, duration, place and companion of the conversation."""
        self.ensure_one()
        vals = dict(vals)
        if "companion_name" in vals:
            vals["companion_announced"] = bool(vals.get("companion_name"))
        if self.state != "preparing" and vals.get("date_start") == self.date_start:
            # Once planned, the date moves only by rescheduling: an unchanged
            # date in the form is no change.
            vals.pop("date_start")
        return self._portal_write(vals)

    def portal_plan(self):
        return self._run_portal_step("plan")

    def portal_share_agenda(self):
        return self._run_portal_step("share_agenda")

    def portal_save_report(self, report_summary, submit=False):
        """Save the report (HTML) and, with ``submit``, submit it for signing."""
        self._portal_write({"report_summary": report_summary})
        if submit:
            self._run_portal_step("submit_report")
        return True

    def portal_write_view(self, view):
        """The current user's own view on the conversation (their side's)."""
        self.ensure_one()
        party = self._get_user_party()
        if not party:
            raise AccessError(self.env._("You take no part in this conversation."))
        return self._portal_write({f"{party}_view": (view or "").strip() or False})

    def portal_sign(self, mode, signature=None):
        """Sign the report for the current user's own side."""
        self.ensure_one()
        party = self._get_user_party()
        self._check_can_sign(party)
        # sudo: the signature fields are workflow fields; _do_sign checks again
        # for the same user (sudo keeps the uid).
        self.sudo()._do_sign(party, mode, signature=signature)
        return True

    def portal_add_agenda_line(self, name, description=None, topic_id=False):
        """Add an item at the end of the agenda, by the current user's side."""
        self.ensure_one()
        self._check_agenda_editable()
        party = self._get_user_party() or "partner"
        # sudo: topics are reference data; only their id and name.
        topic = self.env["hr.goede.gesprek.topic"].sudo().browse(topic_id or [])
        topic = topic.exists()
        name = (name or "").strip() or topic.name
        if not name:
            raise UserError(self.env._("Give the agenda item a title."))
        # sudo: the guard above allowed the user to change the agenda; portal
        # users hold no create right on agenda items. The caller's default_*
        # context keys are dropped: they would reach the sudo create.
        env = self.env(context=clean_context(self.env.context), su=True)
        lines = self.with_env(env).agenda_line_ids
        lines.create(
            {
                "conversation_id": self.id,
                "name": name,
                "description": (description or "").strip() or False,
                "topic_id": topic.id,
                "author": party,
                "sequence": max(lines.mapped("sequence"), default=0) + 1,
            }
        )
        return True

    def _portal_agenda_line(self, line_id):
        """The agenda item ``line_id`` of this conversation, as superuser, once
        the current user may edit it (their own item, or HR)."""
        self.ensure_one()
        self.check_access("read")
        # sudo: the line is checked against the conversation by the guard.
        line = self.env["hr.goede.gesprek.agenda.line"].sudo().browse(line_id)
        if not line.exists():
            raise MissingError(self.env._("This agenda item does not exist."))
        self._check_can_edit_agenda_line(line)
        return line

    def portal_edit_agenda_line(self, line_id, name, description=None):
        line = self._portal_agenda_line(line_id)
        name = (name or "").strip()
        if not name:
            raise UserError(self.env._("Give the agenda item a title."))
        line.write({"name": name, "description": (description or "").strip() or False})
        return True

    def portal_delete_agenda_line(self, line_id):
        self._portal_agenda_line(line_id).unlink()
        return True

    def portal_move_agenda_line(self, line_id, direction="up"):
        """Swap an agenda item with its neighbour ("up" or "down") and number
        the items 1, 2, 3... (the employee sets the order, or HR)."""
        self.ensure_one()
        self._check_agenda_editable()
        self._check_can_reorder_agenda()
        # sudo: the user's right to order the agenda was checked above.
        lines = self.sudo().agenda_line_ids.sorted(
            lambda line: (line.sequence, line.id)
        )
        ids = lines.ids
        if line_id not in ids:
            raise MissingError(self.env._("This agenda item does not exist."))
        index = ids.index(line_id)
        other = index - 1 if direction == "up" else index + 1
        if 0 <= other < len(ids):
            ids[index], ids[other] = ids[other], ids[index]
        for sequence, line in enumerate(lines.browse(ids), start=1):
            if line.sequence != sequence:
                line.sequence = sequence
        return True

    def portal_update_choices(self, vals):
        """Chair, report author and privacy: what the user's side may still
        choose in this state (the declared policy, checked as the user)."""
        self.ensure_one()
        vals = {k: v for k, v in vals.items() if k in PORTAL_CHOICE_FIELDS}
        self._check_selection_values(vals)
        if "privacy_reason" in vals:
            vals["privacy_reason"] = (vals["privacy_reason"] or "").strip() or False
        # Only what changes: an unchanged choice the form sends along is no
        # change, even where it can no longer be changed.
        vals = {
            fname: value
            for fname, value in vals.items()
            if not self._policy_unchanged(fname, value)
        }
        return self._portal_write(vals) if vals else True

    def _portal_choice_fields(self):
        """The choices the current user's side may change now (for the form)."""
        self.ensure_one()
        if self.report_locked or not self._get_user_party():
            return frozenset()
        return PORTAL_CHOICE_FIELDS & self._policy_write_fields(
            roles=self._policy_party_roles()
        )

    def _portal_prepare_values(self):
        """What the employee has at hand to prepare this conversation: the
        previous report, the open agreements, the job description, the
        feedback they shared and the conversation card. Read as the user; sudo
        only for what sits on hr.employee and hr.job (their own)."""
        self.ensure_one()
        self.check_access("read")
        conversation = self.sudo()
        # The feedback answers the employee shared with their manager, as the
        # user (record rules: their own requests only).
        shared = self.env["hr.goede.gesprek.feedback.answer"].search(
            [
                ("request_id.employee_id", "=", conversation.employee_id.id),
                ("shared_with_manager", "=", True),
            ],
            order="id desc",
            limit=20,
        )
        return {
            "previous": conversation.previous_conversation_id,
            "previous_report": conversation.previous_report_summary,
            "open_agreements": conversation.open_agreement_ids,
            "job_description": conversation.job_description,
            "shared_answers": shared.sudo(),
            # The user's open prompts (a portal user gets no activity).
            "prompts": self.env[
                "hr.goede.gesprek.trigger.prompt"
            ]._portal_open_prompts(),
            "topics": self._portal_card_topics(),
            "agenda_editable": not self._get_cannot_edit_agenda_reason(),
            "can_propose_agreement": not self._get_cannot_propose_agreement_reason(),
        }

    def _portal_card_topics(self):
        """The conversation card of this conversation's company (sudo: topics
        are read-only reference data for every employee)."""
        self.ensure_one()
        company = self.sudo().company_id
        return (
            self.env["hr.goede.gesprek.topic"]
            .sudo()
            .search(["|", ("company_id", "=", False), ("company_id", "=", company.id)])
        )

    @api.model
    def _portal_next_conversation(self):
        """The current user's next conversation to prepare, as the user."""
        return self.search(
            self._get_portal_domain() + [("state", "in", OPEN_STATES)],
            order="date_start asc nulls last, id desc",
            limit=1,
        )

    @api.model
    def _portal_request_conversation(self, note=None, date_start=None):
        """The right to a conversation: the current user's employee asks."""
        employee = self._check_can_request_conversation()
        return self._do_request_conversation(employee, note=note, date_start=date_start)

    # ------------------------------------------------------------------
    # Business: roles and who the current user is here
    # ------------------------------------------------------------------
    def _policy_roles(self):
        """The mixin's roles plus the conversation's own: "employee" and
        "partner" (the two sides, see ``_get_user_party``) and "companion".

        Portal users get none: their ACL is read-only and they change nothing
        through the ORM; the portal routes check their side's fields with
        ``_check_can_portal_write`` and act with ``sudo()``.
        """
        self.ensure_one()
        if self.env.user.share:
            return set()
        roles = super()._policy_roles() | self._policy_party_roles()
        # sudo: compares the companion's user with the caller only.
        if self.sudo().companion_user_id == self.env.user:
            roles.add("companion")
        return roles

    def _policy_party_roles(self):
        """The side the current user takes in the conversation, as a role."""
        self.ensure_one()
        party = self._get_user_party()
        return {party} if party else set()

    @api.model
    def _policy_roles_create(self, vals):
        if self.env.user.share:
            return set()
        return super()._policy_roles_create(vals)

    def _policy_write_fields(self, roles=None):
        """The declared policy, narrowed to the person: only the agreed author
        (or HR) writes the report; a party's view is closed once it signed."""
        self.ensure_one()
        roles = self._policy_roles() if roles is None else roles
        allowed = super()._policy_write_fields(roles=roles)
        # sudo: who wrote and signed what, compared only.
        conversation = self.sudo()
        if "hr" not in roles and conversation.report_author not in roles:
            allowed -= REPORT_FIELDS
        for party, view_fields in VIEW_FIELDS.items():
            if conversation[f"{party}_signed_date"]:
                allowed -= view_fields
        return allowed

    @api.model
    def _get_user_employees(self, user=None):
        """The employees of ``user``: by ``user_id``, else by work contact."""
        user = user or self.env.user
        # sudo: portal users cannot read hr.employee; this only finds who they are.
        Employee = self.env["hr.employee"].sudo()
        employees = Employee.search([("user_id", "=", user.id)])
        if not employees:
            employees = Employee.search(
                [("user_id", "=", False), ("work_contact_id", "=", user.partner_id.id)]
            )
        return employees

    def _get_user_party(self):
        """'employee', 'partner' or False: the current user's side.

        An employee without a user of their own is recognised by their work
        contact (``_is_employee``). sudo: the employee's user and the partners'
        users sit on hr.employee, which portal users cannot read; only
        identities are compared here.
        """
        self.ensure_one()
        user = self.env.user
        conversation = self.sudo()
        if conversation.employee_id.user_id == user:
            return "employee"
        if user in conversation.partner_user_ids:
            return "partner"
        if self._is_employee(user):
            return "employee"
        return False

    def _is_participant(self):
        """The employee, a conversation partner or HR."""
        self.ensure_one()
        return self._is_hr() or bool(self._get_user_party())

    def _get_portal_sign_party(self):
        """The side the current user signs for, if they may sign now."""
        self.ensure_one()
        party = self._get_user_party()
        if party and not self._get_cannot_sign_reason(party):
            return party
        return False

    # ------------------------------------------------------------------
    # Business: what the current user may do, and why not
    # ------------------------------------------------------------------
    # ``_get_cannot_<action>_reason`` returns the error that refuses the
    # action on the record (None: allowed). The ``can_*`` flags show the
    # buttons by it, the ``_check_can_*`` guards raise it: the rule is
    # written once. Access errors (who) come before user errors (when).
    def _get_participant_reason(self, step, states, takes_part=None):
        """The refusal of ``step`` by a user who does not take part in it
        (``"<step>:who"``; ``takes_part``, default: a participant) or outside
        ``states`` (``"<step>:state"``); None if neither applies."""
        self.ensure_one()
        if not (self._is_participant() if takes_part is None else takes_part):
            return AccessError(self._get_step_message(f"{step}:who"))
        if self.state not in states:
            return UserError(self._get_step_message(f"{step}:state"))
        return None

    def _get_cannot_plan_reason(self):
        if reason := self._get_participant_reason("plan", ("preparing",)):
            return reason
        if not self.date_start:
            return UserError(self._get_step_message("plan:no_date"))
        if self.duration <= 0:
            return UserError(self._get_step_message("plan:no_duration"))
        return None

    def _get_cannot_share_agenda_reason(self):
        if reason := self._get_participant_reason("share_agenda", OPEN_STATES):
            return reason
        if not self.agenda_line_ids:
            return UserError(self._get_step_message("share_agenda:empty"))
        return None

    def _get_cannot_edit_agenda_reason(self):
        """Agenda items change only while the conversation is open to it: by
        the employee, a conversation partner or HR (record rules restrict the
        rest); never after the report is locked."""
        self.ensure_one()
        if self.report_locked or self.state not in AGENDA_STATES:
            return UserError(self._get_step_message("edit_agenda:closed"))
        if not self._is_participant():
            return AccessError(self._get_step_message("edit_agenda:who"))
        return None

    def _get_cannot_reorder_agenda_reason(self):
        self.ensure_one()
        if not self._is_hr() and self._get_user_party() != "employee":
            return AccessError(self._get_step_message("reorder_agenda:who"))
        return None

    def _get_cannot_hold_reason(self):
        if reason := self._get_participant_reason("hold", ("planned",)):
            return reason
        if self.date_start > fields.Datetime.now():
            return UserError(self._get_step_message("hold:not_started"))
        return None

    def _is_report_author(self):
        """The agreed author of the report, or HR."""
        self.ensure_one()
        if self._is_hr():
            return True
        party = self._get_user_party()
        return bool(party) and party == self.report_author

    def _get_cannot_write_report_reason(self):
        return self._get_participant_reason(
            "write_report", ("planned", "held"), self._is_report_author()
        )

    def _get_cannot_submit_report_reason(self):
        author = self._is_report_author()
        if reason := self._get_participant_reason("submit_report", ("held",), author):
            return reason
        if not html2plaintext(self.report_summary or "").strip():
            return UserError(self._get_step_message("submit_report:empty"))
        return None

    def _get_cannot_sign_reason(self, party=None):
        """``party``: the side signed for (default: the current user's own)."""
        self.ensure_one()
        own_party = self._get_user_party()
        party = own_party if party is None else party
        if party not in ("employee", "partner") or party != own_party:
            return AccessError(self._get_step_message("sign:who"))
        if self.state != "report":
            return UserError(self._get_step_message("sign:state"))
        if self[f"{party}_signed_date"]:
            return UserError(self._get_step_message("sign:signed"))
        return None

    def _get_cannot_cancel_reason(self):
        self.ensure_one()
        if not self._is_participant():
            return AccessError(self._get_step_message("cancel:who"))
        if self.state in ("done", "cancelled") or (
            self.employee_signed_date or self.partner_signed_date
        ):
            return UserError(self._get_step_message("cancel:state"))
        return None

    def _get_cannot_reopen_reason(self):
        return self._get_participant_reason("reopen", ("cancelled",))

    def _get_cannot_reschedule_reason(self):
        return self._get_participant_reason("reschedule", ("planned",))

    def _get_cannot_amend_reason(self):
        self.ensure_one()
        if not self._is_participant():
            return AccessError(self._get_step_message("amend:who"))
        if not self.report_locked or self.state != "done":
            return UserError(self._get_step_message("amend:state"))
        if self.next_version_id:
            return UserError(self._get_step_message("amend:amended"))
        return None

    def _get_cannot_print_report_reason(self):
        self.ensure_one()
        if self.state not in ("held", "report", "done"):
            return UserError(self._get_step_message("print_report:state"))
        return None

    # ------------------------------------------------------------------
    # Business: the guards (read access first, then the reasons above)
    # ------------------------------------------------------------------
    @api.model
    def _check_can_create(self, vals_list):
        """Conversations about oneself, one's team (or anyone, for HR)."""
        for vals in vals_list:
            if self._policy_roles_create(vals) & {"employee", "manager", "hr"}:
                continue
            # sudo: the name of the employee for the message only.
            employee = (
                self.env["hr.employee"].sudo().browse(vals.get("employee_id") or [])
            )
            raise AccessError(
                self._get_step_message("create:who", employee=employee.name or "")
            )

    def _check_can_plan(self):
        self.check_access("read")
        self._raise_cannot("plan")

    def _check_can_share_agenda(self):
        self.check_access("read")
        self._raise_cannot("share_agenda")

    def _check_agenda_editable(self):
        """The lock holds for everyone, the superuser included; who may
        change the agenda is not asked of the superuser."""
        if self._retention_destroying():
            # The retention run anonymises the agenda of a locked report.
            return
        if self.env.su:
            for conversation in self:
                error = conversation._get_cannot_edit_agenda_reason()
                if error and not isinstance(error, AccessError):
                    raise error
            return
        self.check_access("read")
        self._raise_cannot("edit_agenda")

    def _retention_anonymise_children(self, label):
        """The agenda goes with the report: item texts and notes (the topic,
        a catalogue entry, stays for the statistics)."""
        self.agenda_line_ids.write(
            {"name": label, "description": False, "notes": False}
        )
        return super()._retention_anonymise_children(label)

    def _check_can_reorder_agenda(self):
        self._raise_cannot("reorder_agenda")

    def _check_can_hold(self):
        self.check_access("read")
        self._raise_cannot("hold")

    def _check_can_submit_report(self):
        self.check_access("read")
        self._raise_cannot("submit_report")

    def _check_can_sign(self, party):
        self.ensure_one()
        self.check_access("read")
        self._raise_cannot("sign", party)

    def _check_can_cancel(self):
        self.check_access("read")
        self._raise_cannot("cancel")

    def _check_can_reschedule(self):
        self.check_access("read")
        self._raise_cannot("reschedule")

    def _check_can_amend(self):
        self.check_access("read")
        self._raise_cannot("amend")

    def _check_can_portal_write(self, vals):
        """May the current user write ``vals`` (details, report, own view)?"""
        fnames = set(vals)
        unknown = (
            fnames - PORTAL_DETAIL_FIELDS - PORTAL_REPORT_FIELDS - PORTAL_CHOICE_FIELDS
        )
        if unknown:
            raise AccessError(
                self._get_step_message(
                    "portal_write:fields", fields=", ".join(sorted(unknown))
                )
            )
        self.check_access("read")
        for conversation in self:
            if not conversation._is_participant():
                raise AccessError(conversation._get_step_message("portal_write:who"))
            if fnames & PORTAL_DETAIL_FIELDS and conversation.state not in OPEN_STATES:
                raise UserError(conversation._get_step_message("portal_write:state"))
        # The backend's own write checks, run as the user (not as superuser).
        self._check_write_allowed(vals)
        for conversation in self:
            # The declared policy of the user's side (employee or partner) in
            # the conversation's state: a portal user has no role of their own
            # over the ORM (read-only ACL), the portal acts for their side.
            allowed = conversation._policy_write_fields(
                roles=conversation._policy_party_roles()
            )
            forbidden = {
                fname
                for fname in fnames - allowed
                if not conversation._policy_unchanged(fname, vals[fname])
            }
            if forbidden:
                raise AccessError(
                    conversation._get_step_message(
                        "portal_write:forbidden",
                        fields=conversation._policy_labels(forbidden),
                    )
                )

    def _get_cannot_propose_agreement_reason(self):
        """Agreements are proposed by a party while the declared policy lets
        their side add agreements (not once the report is signed)."""
        self.ensure_one()
        party = self._get_user_party()
        if not party:
            return AccessError(self._get_step_message("propose_agreement:who"))
        allowed = self._policy_write_fields(roles={party})
        if "agreement_ids" not in allowed or self.report_locked:
            return UserError(self._get_step_message("propose_agreement:state"))
        return None

    def _check_can_propose_agreement(self):
        self.check_access("read")
        for conversation in self:
            if error := conversation._get_cannot_propose_agreement_reason():
                raise error

    def _check_can_edit_agenda_line(self, line):
        """The employee orders the agenda; each party edits their own items."""
        self.ensure_one()
        self._check_agenda_editable()
        if line.conversation_id != self:
            raise AccessError(self.env._("This agenda item belongs elsewhere."))
        if not self._is_hr() and line.author != self._get_user_party():
            raise AccessError(self._get_step_message("edit_agenda_line:not_own"))

    @api.model
    def _check_can_request_conversation(self):
        employees = self._get_user_employees()
        if not employees:
            raise AccessError(self._get_step_message("request:no_employee"))
        return employees[:1]

    def _check_portal_report_readable(self):
        self.ensure_one()
        if self.state not in ("held", "report", "done"):
            raise UserError(
                self.env._("“%(name)s” has no report yet.", name=self.display_name)
            )

    # ------------------------------------------------------------------
    # Business: the steps (run with sudo once the guard passed)
    # ------------------------------------------------------------------
    def _do_plan(self):
        self.sudo().write({"state": "planned"})
        self._sync_calendar_event()
        self.activity_update()

    def _do_share_agenda(self, on_behalf=False):
        """Send the agenda to the participants.

        ``on_behalf``: the scheduler shares it for the employee, whose agenda it
        is; the message then comes from the employee's work contact (or the
        company when that has no e-mail address), not from the reminder user.
        """
        template = self.env.ref("hr_goede_gesprek.mail_template_share_agenda")
        for conversation in self:
            partners = conversation._get_participant_partners()
            author = {}
            if on_behalf:
                # sudo: the work contact of the employee is not HR data.
                contact = conversation.sudo().employee_id.work_contact_id
                if not contact.email:
                    contact = conversation.company_id.partner_id
                author = {
                    "author_id": contact.id,
                    "email_from": contact.email_formatted,
                }
            conversation.message_post_with_source(
                template,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=partners.ids,
                **author,
            )
        self.sudo().write({"agenda_shared_date": fields.Datetime.now()})
        self.activity_update()

    def _do_hold(self):
        self.sudo().write({"state": "held"})
        self.activity_update()

    def _do_submit_report(self):
        self.sudo().write(
            {"state": "report", "report_submitted_date": fields.Datetime.now()}
        )
        self.activity_update()

    def _do_sign(self, party, mode, view=None, signature=None):
        """Sign the report as ``party`` ('employee' or 'partner')."""
        self.ensure_one()
        self._check_can_sign(party)
        if mode not in dict(SIGN_MODES):
            raise UserError(self.env._("Choose whether you sign as seen or as agreed."))
        now = fields.Datetime.now()
        vals = {
            f"{party}_sign_mode": mode,
            f"{party}_signed_date": now,
            f"{party}_signed_by_id": self.env.uid,
        }
        if signature:
            vals[f"{party}_signature"] = signature
        if view and view.strip():
            vals[f"{party}_view"] = view.strip()
        other = "partner" if party == "employee" else "employee"
        completed = bool(self[f"{other}_signed_date"])
        if completed:
            vals["state"] = "done"
        # Rights were checked above; the signature fields are workflow fields.
        self.sudo().write(vals)
        mode_label = dict(
            self._fields["employee_sign_mode"]._description_selection(self.env)
        )[mode]
        self.message_post(
            body=self.env._(
                "%(user)s signed the report as %(mode)s.",
                user=self.env.user.name,
                mode=mode_label.lower(),
            ),
            subtype_xmlid="mail.mt_note",
        )
        if completed:
            self._do_lock()
        self.activity_update()
        return True

    def _do_lock(self):
        """Both signed: file the PDF in the personnel file, carry open items."""
        for conversation in self:
            conversation._attach_report_to_personnel_file()
        self._carry_over_agenda()

    def _do_cancel(self, reason):
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Give a reason for cancelling."))
        self._check_can_cancel()
        self._write_dropping_calendar_event(
            {"state": "cancelled", "cancel_reason": reason}
        )
        for conversation in self:
            conversation.message_post(
                body=self.env._("Cancelled. Reason: %(reason)s", reason=reason),
                subtype_xmlid="mail.mt_note",
            )
        self.activity_update()
        return True

    def _do_reschedule(self, date_start, reason, duration=None, location=None):
        self.ensure_one()
        self._check_can_reschedule()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self._get_step_message("reschedule:no_reason"))
        if not date_start:
            raise UserError(self.env._("Choose the new date and time."))
        date_start = fields.Datetime.to_datetime(date_start)
        if date_start == self.date_start and duration in (None, self.duration):
            raise UserError(self._get_step_message("reschedule:same_date"))
        old_date = self.date_start
        vals = {
            "date_start": date_start,
            "reschedule_count": self.reschedule_count + 1,
            "last_reschedule_reason": reason,
        }
        if duration is not None:
            vals["duration"] = duration
        if location is not None:
            vals["location"] = location
        # Rights were checked above; the count and reason are workflow fields.
        self.sudo().write(vals)
        self.message_post(
            body=self.env._(
                "Rescheduled from %(old)s to %(new)s. Reason: %(reason)s",
                old=self._format_datetime(old_date),
                new=self._format_datetime(date_start),
                reason=reason,
            ),
            subtype_xmlid="hr_goede_gesprek.mt_conversation_rescheduled",
        )
        self.activity_update()
        return True

    def _do_amend(self):
        self.ensure_one()
        # Rights were checked in _check_can_amend; the link between versions is
        # a workflow field, and the old version stays locked.
        new_version = self.sudo().copy(
            {
                "previous_version_id": self.id,
                "state": "held",
                "date_start": self.date_start,
                "report_summary": self.report_summary,
                "employee_view": self.employee_view,
                "partner_view": self.partner_view,
                "agenda_shared_date": self.agenda_shared_date,
            }
        )
        self.env["hr.goede.gesprek.agenda.line"].sudo().create(
            [
                {
                    **line._get_copy_values(),
                    "conversation_id": new_version.id,
                    "discussed": line.discussed,
                    "notes": line.notes,
                    "carry_over": line.carry_over,
                }
                for line in self.agenda_line_ids
            ]
        )
        self.sudo().write({"next_version_id": new_version.id})
        self.message_post(
            body=self.env._(
                "Amended by a new version: %(name)s", name=new_version.display_name
            ),
            subtype_xmlid="mail.mt_note",
        )
        new_version.message_post(
            body=self.env._(
                "New version of the signed report %(name)s.", name=self.display_name
            ),
            subtype_xmlid="mail.mt_note",
        )
        return new_version.with_env(self.env)

    @api.model
    def _do_request_conversation(self, employee, note=None, date_start=None):
        """Create a conversation in preparation that the employee asked for."""
        vals = {
            "employee_id": employee.id,
            "company_id": employee.company_id.id,
            "requested_date": fields.Date.context_today(self),
        }
        note = (note or "").strip()
        if date_start:
            vals["date_start"] = date_start
        if note:
            vals["request_note"] = note
        # Rights were checked in _check_can_request_conversation: the employee
        # asks for their own conversation; requested_date and request_note are
        # set by the system.
        conversation = self.sudo().create(vals)
        body = self.env._("%(name)s asked for a conversation.", name=employee.name)
        conversation.message_post(
            body=body + (f"\n{note}" if note else ""),
            subtype_xmlid="mail.mt_comment",
            partner_ids=conversation._get_participant_partners().ids,
        )
        for user in conversation.partner_user_ids:
            conversation.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=user.id,
                summary=self.env._("Plan the requested conversation"),
                note=note or False,
            )
        return conversation.with_env(self.env)

    # ------------------------------------------------------------------
    # Business: helpers (participants, calendar, carry-over, report file)
    # ------------------------------------------------------------------
    def _get_participant_partners(self):
        """The contacts of the employee, every conversation partner and the
        companion (if they have a user)."""
        # The work contacts of employees are needed to invite them; reading
        # them does not depend on HR rights.
        conversations = self.sudo()
        return (
            conversations.employee_id.work_contact_id
            | conversations.partner_employee_ids.work_contact_id
            | conversations.partner_user_ids.partner_id
            | conversations.companion_user_id.partner_id
        )

    def _state_label(self):
        # The conversation's messages name its state in lower case.
        return super()._state_label().lower()

    def _format_datetime(self, value):
        if not value:
            return ""
        return fields.Datetime.to_string(
            fields.Datetime.context_timestamp(self, value)
        )[:16]

    def _calendar_event_values(self):
        """The event of a planned conversation, organised by the employee."""
        self.ensure_one()
        return {
            "name": self.name,
            "start": self.date_start,
            "stop": self.date_stop,
            "duration": self.duration,
            "location": self.location,
            "partners": self._get_participant_partners(),
            "organiser": self.employee_id.user_id,
        }

    def _carry_over_agenda(self):
        """Copy open agenda items of done conversations to the next one.

        The next conversation is the employee's earliest one in preparation or
        planned. One search for all targets, one create for all items.
        """
        # The items stay within the same employee's conversations; the user
        # completing a conversation need not be a partner of the next one.
        conversations = self.sudo().filtered(
            lambda c: c.state == "done" and not c.previous_version_id
        )
        if not conversations:
            return
        targets = self.sudo().search(
            [
                ("employee_id", "in", conversations.employee_id.ids),
                ("state", "in", OPEN_STATES),
                ("previous_version_id", "=", False),
                ("id", "not in", conversations.ids),
            ],
            order="date_start asc, id asc",
        )
        target_by_employee = {}
        for target in targets:
            target_by_employee.setdefault(target.employee_id.id, target)
        vals_list = []
        for conversation in conversations:
            target = target_by_employee.get(conversation.employee_id.id)
            if target:
                vals_list += (
                    conversation.agenda_line_ids._get_open_items()._prepare_carry_over(
                        target
                    )
                )
        self.env["hr.goede.gesprek.agenda.line"].sudo().create(vals_list)

    def _pull_carried_over_items(self):
        """New conversations pull the open items of the employee's past ones."""
        new = self.filtered(
            lambda c: c.state in OPEN_STATES and not c.previous_version_id
        )
        if not new:
            return
        # Past items of the same employee, possibly with other partners.
        lines = (
            self.env["hr.goede.gesprek.agenda.line"]
            .sudo()
            .search(
                [
                    ("employee_id", "in", new.employee_id.ids),
                    ("conversation_id.state", "=", "done"),
                    ("conversation_id.previous_version_id", "=", False),
                    ("carried_to_ids", "=", False),
                    "|",
                    ("carry_over", "=", True),
                    ("discussed", "=", False),
                ]
            )
        )
        target_by_employee = {}
        for conversation in new.sorted(lambda c: (not c.date_start, c.date_start or 0)):
            target_by_employee.setdefault(conversation.employee_id.id, conversation)
        vals_list = []
        for line in lines:
            vals_list += line._prepare_carry_over(
                target_by_employee[line.employee_id.id]
            )
        self.env["hr.goede.gesprek.agenda.line"].sudo().create(vals_list)

    def _attach_report_to_personnel_file(self):
        self.ensure_one()
        # Filed by the system on behalf of both parties (see
        # ir_actions_report._file_in_personnel_file); the report_attachment_id
        # it sets once, right after locking, is allowed by _check_write_allowed.
        return self.env["ir.actions.report"]._file_in_personnel_file(
            self,
            {
                "name": self._report_filename(),
                "description": self.env._(
                    "Signed report of %(name)s",
                    name=self.display_name,
                ),
            },
        )

    def _report_filename(self):
        self.ensure_one()
        return self.env._("Report - %(name)s", name=self.name or "").replace("/", "-")

    # ------------------------------------------------------------------
    # Business: the next step (the hint on the form)
    # ------------------------------------------------------------------
    def _get_next_step_hint(self):
        self.ensure_one()
        _ = self.env._
        party = self._get_user_party()
        if self.state == "preparing":
            if party == "employee":
                return _(
                    "Next: you set the agenda and share it, then plan the date "
                    "with your conversation partner."
                )
            return _(
                "Next: the employee sets and shares the agenda; the employee or "
                "the conversation partner plans the date."
            )
        if self.state == "planned":
            if party:
                return _(
                    "Next: hold the conversation on the planned date, then mark "
                    "it as held."
                )
            return _(
                "Next: the employee and the conversation partner hold the "
                "conversation and mark it as held."
            )
        if self.state == "held":
            if party and party == self.report_author:
                return _("Next: you write the report and submit it for signing.")
            if self.report_author == "employee":
                return _(
                    "Next: the employee writes the report; then both parties "
                    "sign it."
                )
            return _(
                "Next: the conversation partner writes the report; then both "
                "parties sign it."
            )
        if self.state == "report":
            if party and not self._get_cannot_sign_reason(party):
                return _("Next: read the report and sign it as seen or agreed.")
            if party:
                return _(
                    "You signed. Next: the other party signs; then the report "
                    "is locked."
                )
            return _(
                "Next: the employee and the conversation partner read the "
                "report and sign it."
            )
        if self.state == "done":
            return _(
                "Done: both parties signed. Follow up the agreements; to change "
                "the report, make an amended version."
            )
        return _("Cancelled: back to preparing plans it again.")

    # ------------------------------------------------------------------
    # Mail: followers, activities, tracking
    # ------------------------------------------------------------------
    def activity_update(self):
        """The one place where activities follow the state."""
        prepare = "hr_goede_gesprek.mail_activity_type_prepare_agenda"
        sign = "hr_goede_gesprek.mail_activity_type_sign_report"
        to_unlink_prepare = self.browse()
        to_unlink_sign = self.browse()
        for conversation in self:
            employee_user = conversation.employee_id.user_id
            if (
                conversation.state in OPEN_STATES
                and not conversation.agenda_shared_date
            ):
                if employee_user:
                    conversation._activity_schedule_once(
                        prepare,
                        employee_user,
                        conversation._get_agenda_deadline(),
                        self.env._("Set the agenda of your conversation and share it."),
                    )
            elif conversation.state in OPEN_STATES:
                conversation.activity_feedback([prepare])
            else:
                to_unlink_prepare |= conversation
            if conversation.state == "report":
                for party, users in (
                    ("employee", employee_user),
                    ("partner", conversation.partner_user_ids),
                ):
                    if conversation[f"{party}_signed_date"]:
                        signer = conversation[f"{party}_signed_by_id"]
                        for user in users:
                            conversation.activity_feedback(
                                [sign],
                                user_id=user.id,
                                feedback=self.env._(
                                    "Signed by %(user)s", user=signer.name
                                ),
                            )
                        continue
                    for user in users:
                        conversation._activity_schedule_once(
                            sign,
                            user,
                            fields.Date.context_today(self) + timedelta(days=7),
                            self.env._(
                                "Read the report and sign it as seen or agreed."
                            ),
                        )
            elif conversation.state == "done":
                conversation.activity_feedback([sign])
            elif conversation.state == "cancelled":
                # Signing activities exist only in "report", which is left for
                # "done" (feedback above) or "cancelled": nothing to remove in
                # the other states, and no query spent on new conversations.
                to_unlink_sign |= conversation
        if to_unlink_prepare:
            to_unlink_prepare.activity_unlink([prepare])
        if to_unlink_sign:
            to_unlink_sign.activity_unlink([sign])

    def _activity_schedule_once(self, xmlid, user, deadline, note):
        self.ensure_one()
        # Cached id lookup: ``env.ref`` would also query that the type exists.
        activity_type = self.env["mail.activity.type"].browse(
            self.env["ir.model.data"]._xmlid_to_res_id(xmlid)
        )
        existing = self.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type and a.user_id == user
        )
        if existing:
            existing.date_deadline = deadline
            return existing
        return self.activity_schedule(
            xmlid, date_deadline=deadline, note=note, user_id=user.id
        )

    def _mark_custom_names(self):
        """After a name was written without the flag (RPC, import; the form
        sends the flag itself): the name is the user's own when it is not the
        generated one."""
        for record in self:
            custom = bool(record.name) and record.name != record._get_default_name()
            if custom != record.name_is_custom:
                # sudo: a flag derived from the name the caller just set (the
                # policy and the lock were checked for the name); skips only
                # this model's write checks, not the ORM.
                super(HrGoedeGesprek, record.sudo()).write({"name_is_custom": custom})
        return True

    def _get_default_name(self):
        """The name a conversation has until the user types one."""
        self.ensure_one()
        if self.conversation_type == "checkin":
            label = self.env._("Check-in")
        else:
            label = self.env._("Good conversation")
        parts = [label, self.employee_id.name or self.env._("New")]
        if self.date_start:
            local = fields.Datetime.context_timestamp(self, self.date_start)
            parts.append(format_date(self.env, local.date()))
        return " – ".join(parts)

    def _get_agenda_deadline(self):
        self.ensure_one()
        today = fields.Date.context_today(self)
        if not self.date_start:
            return today + timedelta(days=7)
        days = self.company_id.goede_gesprek_agenda_days
        deadline = fields.Datetime.context_timestamp(
            self, self.date_start
        ).date() - timedelta(days=days)
        return max(deadline, today)

    def _track_subtype(self, init_values):
        self.ensure_one()
        if "state" in init_values:
            xmlid = {
                "planned": "hr_goede_gesprek.mt_conversation_planned",
                "held": "hr_goede_gesprek.mt_conversation_held",
                "report": "hr_goede_gesprek.mt_conversation_report",
                "done": "hr_goede_gesprek.mt_conversation_done",
                "cancelled": "hr_goede_gesprek.mt_conversation_cancelled",
            }.get(self.state)
            if xmlid:
                return self.env.ref(xmlid)
        return super()._track_subtype(init_values)

    # ------------------------------------------------------------------
    # Cron: batched, idempotent, a savepoint per record, working as the
    # reminder user (see tools/cron.py)
    # ------------------------------------------------------------------
    _cron_share_agenda = api.model(cron_entry("_batch_share_agenda", 100))

    @api.model
    def _batch_share_agenda(self, batch_size=100):
        """Share agendas that are due: the company's number of days before.

        Planned conversations whose agenda was not shared yet, with at least
        one item (an empty agenda gets a reminder instead, see
        ``_cron_agenda_not_shared``). A conversation that fails is skipped and
        tried again on the next run; never commits.
        """
        now = fields.Datetime.now()
        max_days = max(self.env.user.company_ids.mapped("goede_gesprek_agenda_days"))
        candidates = self.search(
            [
                ("state", "=", "planned"),
                ("agenda_shared_date", "=", False),
                ("agenda_line_ids", "!=", False),
                ("date_start", ">", now),
                ("date_start", "<=", now + timedelta(days=max_days)),
            ],
            order="date_start, id",
        )
        due = candidates.filtered(
            lambda c: c.date_start
            - timedelta(days=c.company_id.goede_gesprek_agenda_days)
            <= now
        )
        batch = due[:batch_size]
        _process_batch(batch, lambda records: records._do_share_agenda(on_behalf=True))
        return len(batch), len(due) - len(batch)

    def _search_per_company(self, batch_size, domain_of):
        """Up to ``batch_size`` records, company by company of the cron user;
        ``domain_of(company)`` gives the terms that depend on the company."""
        todo = self.browse()
        for company in self.env.user.company_ids:
            todo |= self.search(
                [("company_id", "=", company.id), *domain_of(company)],
                limit=batch_size - len(todo),
                order="id",
            )
            if len(todo) >= batch_size:
                break
        return todo

    def _remind_per_company(
        self, batch_size, domain_of, activity_xmlid, reminders_of, marker_of
    ):
        """One run of a reminder cron (``remind_batch``) over the records
        ``_search_per_company`` finds."""
        todo = self._search_per_company(batch_size, domain_of)
        return remind_batch(todo, activity_xmlid, reminders_of, marker_of, batch_size)

    _cron_agenda_not_shared = cron_entry("_batch_agenda_not_shared")

    def _batch_agenda_not_shared(self, batch_size=200):
        """The agenda is not shared N days before a planned conversation."""
        today = fields.Date.context_today(self)
        now = fields.Datetime.now()
        summary = self.env._("Share the agenda of your conversation")
        return self._remind_per_company(
            batch_size,
            lambda company: [
                ("state", "=", "planned"),
                ("date_start", ">", now),
                (
                    "date_start",
                    "<=",
                    now + timedelta(days=company.goede_gesprek_agenda_days),
                ),
                ("agenda_shared_date", "=", False),
                ("agenda_reminder_date", "=", False),
            ],
            "hr_goede_gesprek.mail_act_agenda_share",
            lambda conv: [(user, summary) for user in conv.employee_user_id],
            lambda conv: {"agenda_reminder_date": today},
        )

    _cron_report_not_signed = cron_entry("_batch_report_not_signed")

    def _batch_report_not_signed(self, batch_size=200):
        """The report is not signed N days after the conversation."""
        today = fields.Date.context_today(self)
        now = fields.Datetime.now()
        summary = self.env._("Sign the conversation report")

        def unsigned_users(conv):
            users = self.env["res.users"]
            if not conv.employee_signed_date:
                users |= conv.employee_user_id
            if not conv.partner_signed_date:
                users |= conv.partner_employee_ids.user_id
            return [(user, summary) for user in users]

        return self._remind_per_company(
            batch_size,
            lambda company: [
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
            "hr_goede_gesprek.mail_act_report_sign",
            unsigned_users,
            lambda conv: {"sign_reminder_date": today},
        )

    _cron_conversation_request = cron_entry("_batch_conversation_request")

    def _batch_conversation_request(self, batch_size=200):
        """A requested conversation without a date: next-level manager, then HR."""
        today = fields.Date.context_today(self)
        stages = {}

        def stage_of(conv):
            """The escalation stage of ``conv`` and whom it reminds."""
            if conv.id in stages:
                return stages[conv.id]
            days = conv.company_id.goede_gesprek_request_days
            late = conv.requested_date <= today - timedelta(days=2 * days)
            next_manager = conv.employee_id.parent_id.parent_id.user_id
            if late or not next_manager:
                stages[conv.id] = (
                    "hr",
                    conv.company_id._goede_gesprek_hr_user(conv.employee_id),
                )
            else:
                stages[conv.id] = ("next_manager", next_manager)
            return stages[conv.id]

        def reminders_of(conv):
            user = stage_of(conv)[1]
            summary = self.env._(
                "%(employee)s asked for a conversation on %(date)s: propose a date",
                employee=conv.employee_id.name,
                date=conv.requested_date,
            )
            return [(user, summary)] if user else []

        return self._remind_per_company(
            batch_size,
            lambda company: [
                ("requested_date", "!=", False),
                (
                    "requested_date",
                    "<=",
                    today - timedelta(days=company.goede_gesprek_request_days),
                ),
                ("date_start", "=", False),
                ("state", "not in", ("done", "cancelled")),
                "|",
                ("request_stage", "=", False),
                "&",
                ("request_stage", "=", "next_manager"),
                (
                    "requested_date",
                    "<=",
                    today - timedelta(days=2 * company.goede_gesprek_request_days),
                ),
            ],
            "hr_goede_gesprek.mail_act_conversation_request",
            reminders_of,
            lambda conv: {"request_stage": stage_of(conv)[0]},
        )
