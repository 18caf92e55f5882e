# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The conversation in the employee portal (``/my/conversations``).

Portal users hold a read-only ACL on their own conversations (record rules in
``security/hr_goede_gesprek_portal_security.xml``); every change goes through a
``_check_can_*`` guard run as the user, after which the controller performs it
with ``sudo()``. The guards are the same ones the backend uses, the declared
field policy of the user's side included.
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .hr_goede_gesprek import OPEN_STATES

# What the employee may change from the portal (the guards decide when).
PORTAL_DETAIL_FIELDS = frozenset(
    {"date_start", "duration", "location", "companion_name", "companion_announced"}
)
PORTAL_REPORT_FIELDS = frozenset({"report_summary", "employee_view", "partner_view"})


class HrGoedeGesprek(models.Model):
    _name = "hr.goede.gesprek"
    _inherit = ["hr.goede.gesprek", "portal.mixin"]

    # Stored, so that portal domains never search hr.employee as the user.
    employee_work_contact_id = fields.Many2one(
        related="employee_id.work_contact_id",
        store=True,
        precompute=True,
        string="Employee contact",
    )

    def _compute_access_url(self):
        for conversation in self:
            conversation.access_url = f"/my/conversations/{conversation.id}"

    # ------------------------------------------------------------------
    # Who is the employee (portal and internal users alike)
    # ------------------------------------------------------------------
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

    @api.model
    def _get_portal_domain(self, user=None):
        """Conversations in which ``user`` is the employee, as one SQL query."""
        user = user or self.env.user
        return [
            "|",
            ("employee_user_id", "=", user.id),
            "&",
            ("employee_user_id", "=", False),
            ("employee_work_contact_id", "=", user.partner_id.id),
        ]

    def _get_user_party(self):
        """Also recognise an employee by their work contact (no user linked).

        sudo: the employee's user and contact sit on hr.employee, which portal
        users cannot read; only identities are compared here.
        """
        self.ensure_one()
        party = super(HrGoedeGesprek, self.sudo())._get_user_party()
        if party:
            return party
        employee = self.sudo().employee_id
        if (
            not employee.user_id
            and employee.work_contact_id
            and employee.work_contact_id == self.env.user.partner_id
        ):
            return "employee"
        return False

    # ------------------------------------------------------------------
    # Guards for what the portal changes directly
    # ------------------------------------------------------------------
    def _check_can_portal_write(self, vals):
        """May the current user write ``vals`` (details, report, own view)?"""
        fnames = set(vals)
        unknown = fnames - PORTAL_DETAIL_FIELDS - PORTAL_REPORT_FIELDS
        if unknown:
            raise AccessError(
                self.env._(
                    "These fields cannot be changed from the portal: %(fields)s.",
                    fields=", ".join(sorted(unknown)),
                )
            )
        self._check_participant(
            lambda c: self.env._(
                "Only the employee or a conversation partner can change “%(name)s”.",
                name=c.display_name,
            )
        )
        if fnames & PORTAL_DETAIL_FIELDS:
            self._check_state(
                OPEN_STATES,
                lambda c: self.env._(
                    "Date, place and duration of “%(name)s” can only change before "
                    "it is held.",
                    name=c.display_name,
                ),
            )
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
                    self.env._(
                        "You may not change these fields of “%(name)s” now: "
                        "%(fields)s.",
                        name=conversation.display_name,
                        fields=conversation._policy_labels(forbidden),
                    )
                )

    def _check_can_edit_agenda_line(self, line):
        """The employee orders the agenda; each party edits their own items."""
        self.ensure_one()
        self._check_agenda_editable()
        if line.conversation_id != self:
            raise AccessError(self.env._("This agenda item belongs elsewhere."))
        if not self._is_hr() and line.author != self._get_user_party():
            raise AccessError(
                self.env._(
                    "You can only change the agenda items you added yourself.",
                )
            )

    # ------------------------------------------------------------------
    # The right to a conversation
    # ------------------------------------------------------------------
    @api.model
    def _check_can_request_conversation(self):
        employees = self._get_user_employees()
        if not employees:
            raise AccessError(
                self.env._(
                    "Only employees can ask for a conversation; your account is "
                    "not linked to an employee."
                )
            )
        return employees[:1]

    @api.model
    def _do_request_conversation(self, employee, note=None, date_start=None):
        """Create a conversation in preparation that the employee asked for."""
        vals = {
            "employee_id": employee.id,
            "company_id": employee.company_id.id,
            "requested_date": fields.Date.context_today(self),
        }
        if date_start:
            vals["date_start"] = date_start
        # Rights were checked in _check_can_request_conversation: the employee
        # asks for their own conversation; requested_date is set by the system.
        conversation = self.sudo().create(vals)
        note = (note or "").strip()
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

    def _get_portal_sign_party(self):
        """The side the current user signs for, if they may sign now."""
        self.ensure_one()
        party = self._get_user_party()
        if party and self._user_can_sign(party):
            return party
        return False

    def _check_portal_report_readable(self):
        self.ensure_one()
        if self.state not in ("held", "report", "done"):
            raise UserError(
                self.env._("“%(name)s” has no report yet.", name=self.display_name)
            )
