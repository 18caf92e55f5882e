# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Agreements in the employee portal (``/my/agreements``): confirm, decline
(talk again) and mark progress. Guards run as the user; the controller acts
with ``sudo()`` afterwards."""

from odoo import api, fields, models
from odoo.exceptions import UserError


class HrGoedeGesprekAgreement(models.Model):
    _name = "hr.goede.gesprek.agreement"
    _inherit = ["hr.goede.gesprek.agreement", "portal.mixin"]

    # Stored, so that portal domains never search hr.employee as the user.
    employee_user_id = fields.Many2one(
        related="employee_id.user_id",
        store=True,
        precompute=True,
        string="Employee user",
    )
    employee_work_contact_id = fields.Many2one(
        related="employee_id.work_contact_id",
        store=True,
        precompute=True,
        string="Employee contact",
    )
    progress = fields.Integer(
        copy=False,
        tracking=True,
        help="How far the agreement has been carried out, in percent.",
    )

    def _compute_access_url(self):
        for agreement in self:
            agreement.access_url = f"/my/agreements/{agreement.id}"

    @api.model
    def _get_portal_domain(self, user=None):
        """Agreements of which ``user`` is the employee, as one SQL query."""
        user = user or self.env.user
        return [
            "|",
            ("employee_user_id", "=", user.id),
            "&",
            ("employee_user_id", "=", False),
            ("employee_work_contact_id", "=", user.partner_id.id),
        ]

    def _is_employee_side(self, user=None):
        """Also recognise the employee by their work contact (no user linked)."""
        if super()._is_employee_side(user):
            return True
        user = user or self.env.user
        # sudo: portal users cannot read hr.employee; identities are compared.
        employee = self.sudo().employee_id
        return bool(
            not employee.user_id
            and employee.work_contact_id
            and employee.work_contact_id == user.partner_id
        )

    def _check_can_update_progress(self):
        for agreement in self:
            if not agreement._is_party():
                agreement._raise_not_party()
            if agreement.state != "agreed":
                agreement._raise_wrong_state(self.env._("update the progress of"))

    def _do_update_progress(self, progress, note=None):
        progress = int(progress)
        if not 0 <= progress <= 100:
            raise UserError(self.env._("Progress is a percentage from 0 to 100."))
        # sudo: the portal user holds a read-only ACL; the caller ran
        # _check_can_update_progress as the user.
        self.sudo().write({"progress": progress})
        note = (note or "").strip()
        if note:
            for agreement in self:
                agreement.message_post(body=note, subtype_xmlid="mail.mt_comment")
        return True

    def _do_decline(self, reason=None):
        result = super()._do_decline()
        reason = (reason or "").strip()
        if reason:
            # sudo: the decline reason is a workflow field; the caller ran
            # _check_can_decline as the user.
            self.sudo().write({"decline_reason": reason})
            for agreement in self:
                agreement.message_post(
                    body=self.env._("Declined: %(reason)s", reason=reason),
                    subtype_xmlid="mail.mt_comment",
                )
        return result

    # --- portal actions (called by controllers/) ---
    # Each runs its guard as the user first and only then its step with
    # sudo(): portal users hold a read-only ACL on agreements. sudo keeps the
    # uid, so the steps still know who confirms.
    def portal_confirm(self):
        self._check_can_confirm()
        # sudo: confirmations and state are workflow fields; the guard ran as
        # the user.
        self.sudo()._do_confirm(self.env.user)
        return True

    def portal_decline(self, reason=None):
        self._check_can_decline()
        # sudo: state and decline reason are workflow fields; the guard ran as
        # the user.
        self.sudo()._do_decline(reason)
        return True

    def portal_update_progress(self, progress, note=None, done=False):
        """Mark the agreement done, or record its progress (a percentage given
        as text by the portal form) with an optional note."""
        if done:
            self._check_can_close()
            # sudo: the state is a workflow field; the guard ran as the user.
            self.sudo()._do_close("done")
            return True
        self._check_can_update_progress()
        try:
            progress = int(progress or 0)
        except ValueError as error:
            raise UserError(
                self.env._("Progress is a percentage from 0 to 100.")
            ) from error
        # sudo: read-only ACL for portal users; the guard ran as the user.
        self.sudo()._do_update_progress(progress, note)
        return True
