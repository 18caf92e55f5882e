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

    # --- portal actions (called by controllers/) ---
    # Each runs its guard as the user first and only then its step with
    # sudo(): portal users hold a read-only ACL on conversations and agenda
    # items. sudo keeps the uid, so the steps still know who acts.
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
        self._check_can_plan()
        # sudo: read-only ACL for portal users; _check_can_plan ran as the user.
        self.sudo()._do_plan()
        return True

    def portal_share_agenda(self):
        self._check_can_share_agenda()
        # sudo: read-only ACL for portal users; the guard above ran as the user.
        self.sudo()._do_share_agenda()
        return True

    def portal_save_report(self, report_summary, submit=False):
        """Save the report (HTML) and, with ``submit``, submit it for signing."""
        self._portal_write({"report_summary": report_summary})
        if submit:
            self._check_can_submit_report()
            # sudo: read-only ACL for portal users; the guard ran as the user.
            self.sudo()._do_submit_report()
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
        from odoo.tools import clean_context

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
        from odoo.exceptions import MissingError

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
        from odoo.exceptions import MissingError

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

    @api.model
    def _portal_request_conversation(self, note=None, date_start=None):
        """The right to a conversation: the current user's employee asks."""
        employee = self._check_can_request_conversation()
        return self._do_request_conversation(employee, note=note, date_start=date_start)
