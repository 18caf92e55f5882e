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
"""

from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date, html2plaintext

from .hr_goede_gesprek_agreement import OPEN_STATES as AGREEMENT_OPEN_STATES
from .hr_goede_gesprek_cron_tools import (
    NO_FOLLOW,
    _activities,
    _process_batch,
    _run_as_cron_user,
)

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
    {"name", "conversation_type", "date_start", "duration", "location", "chair"}
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
LOCK_FREE_FIELDS = frozenset(
    {"website_message_ids", "next_version_id", "report_attachment_id"}
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


class HrGoedeGesprek(models.Model):
    _name = "hr.goede.gesprek"
    _description = "Good Conversation"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "hr.goede.gesprek.workflow.mixin",
        "hr.goede.gesprek.state.mixin",
        "hr.goede.gesprek.calendar.mixin",
    ]
    _order = "date_start desc, id desc"
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

    name = fields.Char(
        compute="_compute_name", store=True, readonly=False, precompute=True
    )
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
    # Stored computes are precomputed: they go into the INSERT of the record
    # instead of a second UPDATE.
    employee_user_id = fields.Many2one(
        related="employee_id.user_id", store=True, precompute=True
    )
    department_id = fields.Many2one(
        related="employee_id.department_id",
        store=True,
        precompute=True,
        string="Department",
    )
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
    state = fields.Selection(
        STATES,
        default="preparing",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
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

    # What the current user may do (button visibility; enforced again in Python)
    is_employee = fields.Boolean(compute="_compute_user_flags")
    is_partner = fields.Boolean(compute="_compute_user_flags")
    can_edit_agenda = fields.Boolean(compute="_compute_user_flags")
    can_write_report = fields.Boolean(compute="_compute_user_flags")
    can_sign = fields.Boolean(compute="_compute_user_flags")

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("employee_id.name", "date_start", "conversation_type")
    def _compute_name(self):
        for conversation in self:
            if conversation.conversation_type == "checkin":
                label = self.env._("Check-in")
            else:
                label = self.env._("Good conversation")
            parts = [label, conversation.employee_id.name or self.env._("New")]
            if conversation.date_start:
                local = fields.Datetime.context_timestamp(
                    conversation, conversation.date_start
                )
                parts.append(format_date(self.env, local.date()))
            conversation.name = " – ".join(parts)

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
        is_hr = self._is_hr()
        for conversation in self:
            party = conversation._get_user_party()
            conversation.is_employee = party == "employee"
            conversation.is_partner = party == "partner"
            participant = bool(party) or is_hr
            conversation.can_edit_agenda = (
                participant
                and not conversation.report_locked
                and conversation.state in ("preparing", "planned", "held")
            )
            conversation.can_write_report = conversation.state in (
                "planned",
                "held",
            ) and (is_hr or (party and party == conversation.report_author))
            conversation.can_sign = conversation._user_can_sign(party)

    # ------------------------------------------------------------------
    # Constraints and onchanges
    # ------------------------------------------------------------------
    @api.constrains("duration")
    def _check_duration(self):
        for conversation in self:
            if conversation.duration < 0 or conversation.duration > 24:
                raise ValidationError(
                    self.env._(
                        "The duration of “%(name)s” must be between 0 and 24 hours.",
                        name=conversation.display_name,
                    )
                )

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
                    self.env._(
                        "%(employee)s cannot be their own conversation partner.",
                        employee=employee.name,
                    )
                )
            managers = employee.parent_id | employee.department_id.manager_id
            invalid = partners.filtered(
                lambda partner, managers=managers: partner not in managers
                and not (partner.user_id and self._is_hr(partner.user_id))
            )
            if invalid:
                raise ValidationError(
                    self.env._(
                        "%(partners)s cannot be the conversation partner of "
                        "%(employee)s: a conversation partner is the employee's "
                        "manager or an HR officer.",
                        partners=", ".join(invalid.mapped("name")),
                        employee=employee.name,
                    )
                )

    @api.onchange("employee_id")
    def _onchange_employee_id(self):
        if self.employee_id.company_id:
            self.company_id = self.employee_id.company_id

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
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
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        for conversation in self:
            if conversation.report_locked:
                raise UserError(
                    self.env._(
                        "“%(name)s” has a signed report and cannot be deleted; "
                        "it belongs to the employee's personnel file.",
                        name=conversation.display_name,
                    )
                )

    def _check_write_allowed(self, vals):
        """Refuse writes to a locked report (everyone, the superuser included),
        and the writes the declared policy is too coarse to refuse: the report
        by another than its agreed author, a view by the other party or after
        signing, a planned date moved without "Reschedule"."""
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
                raise UserError(
                    self.env._(
                        "The report of “%(name)s” is signed by both parties and "
                        "locked; nobody can change it any more. Use “Amend” to "
                        "create a new version.",
                        name=conversation.display_name,
                    )
                )
        if self.env.su:
            return
        is_hr = self._is_hr()
        for conversation in self:
            party = conversation._get_user_party()
            if "report_summary" in fnames:
                if conversation.state not in ("planned", "held"):
                    raise UserError(
                        self.env._(
                            "The report of “%(name)s” can only be written before "
                            "it is submitted for signature.",
                            name=conversation.display_name,
                        )
                    )
                if not is_hr and party != conversation.report_author:
                    raise AccessError(
                        self.env._(
                            "Only the agreed author (or HR) can write the report "
                            "of “%(name)s”.",
                            name=conversation.display_name,
                        )
                    )
            for view_field, view_party in (
                ("employee_view", "employee"),
                ("partner_view", "partner"),
            ):
                if view_field not in fnames:
                    continue
                if party != view_party:
                    raise AccessError(
                        self.env._(
                            "Only the party concerned can write their own view "
                            "on “%(name)s”.",
                            name=conversation.display_name,
                        )
                    )
                if conversation[f"{view_party}_signed_date"]:
                    raise UserError(
                        self.env._(
                            "You already signed “%(name)s”; your view can no "
                            "longer change.",
                            name=conversation.display_name,
                        )
                    )
            if (
                "date_start" in fnames
                and conversation.state != "preparing"
                and fields.Datetime.to_datetime(vals["date_start"])
                != conversation.date_start
            ):
                raise UserError(
                    self.env._(
                        "“%(name)s” is already planned: use “Reschedule” and give "
                        "a reason to move it.",
                        name=conversation.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Roles
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

    def _get_user_party(self):
        """'employee', 'partner' or False: the current user's side."""
        self.ensure_one()
        user = self.env.user
        if self.employee_id.user_id == user:
            return "employee"
        if user in self.partner_user_ids:
            return "partner"
        return False

    def _user_can_sign(self, party):
        self.ensure_one()
        return (
            self.state == "report"
            and party in ("employee", "partner")
            and not self[f"{party}_signed_date"]
        )

    def _check_participant(self, message):
        """Read access first (AccessError), then the role.

        :param message: a callable returning the translated error for a record.
        """
        self.check_access("read")
        is_hr = self._is_hr()
        for conversation in self:
            if not is_hr and not conversation._get_user_party():
                raise AccessError(message(conversation))

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
                self.env._(
                    "You can only start conversations for yourself or for "
                    "the members of your own team, not for %(employee)s.",
                    employee=employee.name or "",
                )
            )

    def _check_agenda_editable(self):
        """Agenda items change only while the conversation is open to it.

        Who: the employee, a conversation partner or HR (record rules restrict
        the rest); never after the report is locked, not even the superuser.
        """
        for conversation in self:
            if conversation.report_locked or conversation.state not in (
                "preparing",
                "planned",
                "held",
            ):
                raise UserError(
                    self.env._(
                        "The agenda of “%(name)s” can no longer change.",
                        name=conversation.display_name,
                    )
                )
        if self.env.su:
            return
        self.check_access("read")
        is_hr = self._is_hr()
        for conversation in self:
            if not is_hr and not conversation._get_user_party():
                raise AccessError(
                    self.env._(
                        "Only the employee, a conversation partner or HR can change "
                        "the agenda of “%(name)s”.",
                        name=conversation.display_name,
                    )
                )

    def _check_can_reorder_agenda(self):
        if self._is_hr():
            return
        for conversation in self:
            if conversation._get_user_party() != "employee":
                raise AccessError(
                    self.env._(
                        "The employee sets the order of the agenda of “%(name)s”.",
                        name=conversation.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Actions: plan
    # ------------------------------------------------------------------
    def action_plan(self):
        self._check_can_plan()
        self._do_plan()
        return True

    def _check_can_plan(self):
        self._check_participant(
            lambda c: self.env._(
                "Only the employee, a conversation partner or HR can plan “%(name)s”.",
                name=c.display_name,
            )
        )
        self._check_state(
            ("preparing",),
            lambda c: self.env._(
                "Only a conversation in preparation can be planned; “%(name)s” "
                "is %(state)s.",
                name=c.display_name,
                state=c._state_label(),
            ),
        )
        for conversation in self:
            if not conversation.date_start:
                raise UserError(
                    self.env._(
                        "Propose a date and time for “%(name)s” before planning it.",
                        name=conversation.display_name,
                    )
                )
            if conversation.duration <= 0:
                raise UserError(
                    self.env._(
                        "Give “%(name)s” a duration before planning it.",
                        name=conversation.display_name,
                    )
                )

    def _do_plan(self):
        self.sudo().write({"state": "planned"})
        self._sync_calendar_event()
        self.activity_update()

    # ------------------------------------------------------------------
    # Actions: share the agenda
    # ------------------------------------------------------------------
    def action_share_agenda(self):
        self._check_can_share_agenda()
        self._do_share_agenda()
        return True

    def _check_can_share_agenda(self):
        self._check_participant(
            lambda c: self.env._(
                "Only the employee, a conversation partner or HR can share the "
                "agenda of “%(name)s”.",
                name=c.display_name,
            )
        )
        self._check_state(
            OPEN_STATES,
            lambda c: self.env._(
                "The agenda of “%(name)s” can only be shared before the "
                "conversation is held.",
                name=c.display_name,
            ),
        )
        for conversation in self:
            if not conversation.agenda_line_ids:
                raise UserError(
                    self.env._(
                        "The agenda of “%(name)s” is empty: add at least one item "
                        "before sharing it.",
                        name=conversation.display_name,
                    )
                )

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

    @api.model
    def _cron_share_agenda(self, batch_size=100):
        """Scheduled action: runs as OdooBot, works as the reminder user."""
        _run_as_cron_user(self, "_batch_share_agenda", batch_size)

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

    # ------------------------------------------------------------------
    # Actions: hold, submit the report
    # ------------------------------------------------------------------
    def action_hold(self):
        self._check_can_hold()
        self._do_hold()
        return True

    def _check_can_hold(self):
        self._check_participant(
            lambda c: self.env._(
                "Only the employee, a conversation partner or HR can mark “%(name)s” "
                "as held.",
                name=c.display_name,
            )
        )
        self._check_state(
            ("planned",),
            lambda c: self.env._(
                "Only a planned conversation can be held; “%(name)s” is %(state)s.",
                name=c.display_name,
                state=c._state_label(),
            ),
        )
        now = fields.Datetime.now()
        for conversation in self:
            if conversation.date_start > now:
                raise UserError(
                    self.env._(
                        "“%(name)s” has not started yet; it can be marked as held "
                        "once it has taken place.",
                        name=conversation.display_name,
                    )
                )

    def _do_hold(self):
        self.sudo().write({"state": "held"})
        self.activity_update()

    def action_submit_report(self):
        self._check_can_submit_report()
        self._do_submit_report()
        return True

    def _check_can_submit_report(self):
        self.check_access("read")
        is_hr = self._is_hr()
        for conversation in self:
            if not is_hr and (
                conversation._get_user_party() != conversation.report_author
            ):
                raise AccessError(
                    self.env._(
                        "Only the agreed author of the report (or HR) can submit "
                        "the report of “%(name)s”.",
                        name=conversation.display_name,
                    )
                )
        self._check_state(
            ("held",),
            lambda c: self.env._(
                "Only the report of a held conversation can be submitted; "
                "“%(name)s” is %(state)s.",
                name=c.display_name,
                state=c._state_label(),
            ),
        )
        for conversation in self:
            if not html2plaintext(conversation.report_summary or "").strip():
                raise UserError(
                    self.env._(
                        "Write the report of “%(name)s” before submitting it.",
                        name=conversation.display_name,
                    )
                )

    def _do_submit_report(self):
        self.sudo().write(
            {"state": "report", "report_submitted_date": fields.Datetime.now()}
        )
        self.activity_update()

    # ------------------------------------------------------------------
    # Actions: sign
    # ------------------------------------------------------------------
    def action_open_sign_wizard(self):
        self.ensure_one()
        self._check_can_sign(self._get_user_party())
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Sign the report"),
            "res_model": "hr.goede.gesprek.sign",
            "view_mode": "form",
            "target": "new",
            "context": {"default_conversation_id": self.id},
        }

    def _check_can_sign(self, party):
        self.ensure_one()
        self.check_access("read")
        if party not in ("employee", "partner") or party != self._get_user_party():
            raise AccessError(
                self.env._(
                    "Only the employee and their conversation partner sign the "
                    "report of “%(name)s”, each for themselves.",
                    name=self.display_name,
                )
            )
        if self.state != "report":
            raise UserError(
                self.env._(
                    "The report of “%(name)s” can only be signed once it is "
                    "submitted for signature.",
                    name=self.display_name,
                )
            )
        if self[f"{party}_signed_date"]:
            raise UserError(
                self.env._(
                    "The report of “%(name)s” is already signed by this party.",
                    name=self.display_name,
                )
            )

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
    # Actions: cancel, reset, reschedule
    # ------------------------------------------------------------------
    def action_cancel(self):
        self.ensure_one()
        self._check_can_cancel()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Cancel the conversation"),
            "res_model": "hr.goede.gesprek.cancel",
            "view_mode": "form",
            "target": "new",
            "context": {"default_conversation_id": self.id},
        }

    def _check_can_cancel(self):
        self._check_participant(
            lambda c: self.env._(
                "Only the employee, a conversation partner or HR can cancel "
                "“%(name)s”.",
                name=c.display_name,
            )
        )
        for conversation in self:
            if conversation.state in ("done", "cancelled") or (
                conversation.employee_signed_date or conversation.partner_signed_date
            ):
                raise UserError(
                    self.env._(
                        "“%(name)s” can no longer be cancelled.",
                        name=conversation.display_name,
                    )
                )

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

    def action_reset_to_preparing(self):
        self._check_participant(
            lambda c: self.env._(
                "Only the employee, a conversation partner or HR can reopen "
                "“%(name)s”.",
                name=c.display_name,
            )
        )
        self._check_state(
            ("cancelled",),
            lambda c: self.env._(
                "Only a cancelled conversation can be reopened; “%(name)s” is "
                "%(state)s.",
                name=c.display_name,
                state=c._state_label(),
            ),
        )
        self.sudo().write({"state": "preparing", "cancel_reason": False})
        self.activity_update()
        return True

    def action_open_reschedule_wizard(self):
        self.ensure_one()
        self._check_can_reschedule()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reschedule the conversation"),
            "res_model": "hr.goede.gesprek.reschedule",
            "view_mode": "form",
            "target": "new",
            "context": {"default_conversation_id": self.id},
        }

    def _check_can_reschedule(self):
        self._check_participant(
            lambda c: self.env._(
                "Only the employee, a conversation partner or HR can reschedule "
                "“%(name)s”.",
                name=c.display_name,
            )
        )
        self._check_state(
            ("planned",),
            lambda c: self.env._(
                "Only a planned conversation can be rescheduled; “%(name)s” is "
                "%(state)s.",
                name=c.display_name,
                state=c._state_label(),
            ),
        )

    def _do_reschedule(self, date_start, reason, duration=None, location=None):
        self.ensure_one()
        self._check_can_reschedule()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(
                self.env._(
                    "Give a reason for moving “%(name)s”.", name=self.display_name
                )
            )
        if not date_start:
            raise UserError(self.env._("Choose the new date and time."))
        date_start = fields.Datetime.to_datetime(date_start)
        if date_start == self.date_start and duration in (None, self.duration):
            raise UserError(
                self.env._(
                    "The new date of “%(name)s” is the same as the current one.",
                    name=self.display_name,
                )
            )
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

    def _format_datetime(self, value):
        if not value:
            return ""
        return fields.Datetime.to_string(
            fields.Datetime.context_timestamp(self, value)
        )[:16]

    # ------------------------------------------------------------------
    # Actions: amend, print
    # ------------------------------------------------------------------
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

    def _check_can_amend(self):
        self._check_participant(
            lambda c: self.env._(
                "Only the employee, a conversation partner or HR can amend the "
                "report of “%(name)s”.",
                name=c.display_name,
            )
        )
        for conversation in self:
            if not conversation.report_locked or conversation.state != "done":
                raise UserError(
                    self.env._(
                        "Only a signed report can be amended; “%(name)s” is not "
                        "signed by both parties yet.",
                        name=conversation.display_name,
                    )
                )
            if conversation.next_version_id:
                raise UserError(
                    self.env._(
                        "“%(name)s” was already amended; amend its latest version.",
                        name=conversation.display_name,
                    )
                )

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

    def action_print_report(self):
        self.check_access("read")
        self._check_state(
            ("held", "report", "done"),
            lambda c: self.env._(
                "“%(name)s” has no report to print yet.", name=c.display_name
            ),
        )
        return self.env.ref(
            "hr_goede_gesprek.action_report_goede_gesprek"
        ).report_action(self)

    # ------------------------------------------------------------------
    # Helpers: calendar, carry-over, activities, tracking
    # ------------------------------------------------------------------
    def _state_label(self):
        # The conversation's messages name its state in lower case.
        return super()._state_label().lower()

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

    # Information at hand: what to review from earlier conversations

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

    # Scheduled actions: batched, idempotent, savepoint per record, working as
    # the reminder user (see hr_goede_gesprek_cron_tools).

    requested_date = fields.Date(
        string="Requested on",
        tracking=True,
        copy=False,
        readonly=True,
        index="btree_not_null",
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

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        if self.env.context.get(NO_FOLLOW):
            # A reminder activity does not make its assignee (a next-level
            # manager, HR) a follower of the conversation (see cron tools).
            return True
        return super().message_subscribe(
            partner_ids=partner_ids, subtype_ids=subtype_ids
        )

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
            # sudo: the reminder marker is a workflow field, set by the cron only.
            batch.sudo().write({"agenda_reminder_date": today})

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
            # sudo: the reminder marker is a workflow field, set by the cron only.
            batch.sudo().write({"sign_reminder_date": today})

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
            by_stage = defaultdict(lambda: self.browse())
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
                by_stage[stage] |= conv
            _activities(self.env, self._name, vals_list)
            for stage, conversations in by_stage.items():
                # sudo: the escalation stage is a workflow field, set by the cron.
                conversations.sudo().write({"request_stage": stage})

        _process_batch(todo, process)
        return len(todo), batch_size if len(todo) >= batch_size else 0
