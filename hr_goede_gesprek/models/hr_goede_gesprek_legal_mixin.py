# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import AccessError, ValidationError
from odoo.osv import expression


def configuration_policy(fnames, create_only=frozenset()):
    """The declared policy of a configuration model of the formal layer
    (topics, dispute routes, appraisal scales): HR administrators create,
    change and delete it, in line with the ACLs. ``create_only``: fields given
    on creation and fixed from then on. Returns ``(_policy_create,
    _policy_write, _policy_unlink)``."""
    return (
        {"admin": frozenset(fnames) | frozenset(create_only)},
        {"*": {"admin": frozenset(fnames)}},
        {"*": {"admin"}},
    )


class HrGoedeGesprekLegalMixin(models.AbstractModel):
    """Small helpers shared by the formal-layer models."""

    _name = "hr.goede.gesprek.legal.mixin"
    _description = "Formal layer helpers"

    # "Is this user HR?" is the workflow mixin's ``_is_hr``: every model of
    # the formal layer inherits both mixins.

    # Legal dates (issue, receipt, objection, request, term start and end) are
    # dates of the company's calendar, stamped once when the event happens:
    # never the date in the acting user's time zone (context_today) nor in UTC
    # (Date.today), or a receipt could be dated before its issue.
    def _legal_today(self):
        """Today for the record's company (the current company without one).

        Call it on one record, or on records of one company.
        """
        company = self[:1].company_id if "company_id" in self._fields else None
        return (company or self.env.company)._goede_gesprek_today()

    @api.model
    def _default_legal_today(self):
        """Field default: today for the current company."""
        return self.env.company._goede_gesprek_today()

    @api.model
    def _legal_today_domain(self, fname, operator, companies=None):
        """``[(fname, operator, today)]`` with each company's own today, for
        the scheduled actions that work across companies."""
        companies = companies if companies is not None else self.env.user.company_ids
        by_day = {}
        for company in companies:
            by_day.setdefault(company._goede_gesprek_today(), []).append(company.id)
        return expression.OR(
            [
                [("company_id", "in", ids), (fname, operator, day)]
                for day, ids in by_day.items()
            ]
        )

    def _legal_activity_once(self, xmlid, user, summary, deadline=None):
        """Schedule one activity of a type per user; move its deadline if it exists."""
        self.ensure_one()
        if not user or user.share:
            return self.env["mail.activity"]
        activity_type = self.env.ref(xmlid)
        existing = self.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type and a.user_id == user
        )
        if existing:
            if deadline:
                existing.date_deadline = deadline
            return existing
        return self.activity_schedule(
            xmlid, date_deadline=deadline, summary=summary, user_id=user.id
        )

    def _raise_first(self, checks, exception_class=ValidationError):
        """Raise for the first failed check. ``checks``: ``(failed, message)``
        or ``(failed, message, exception_class)``, ``message`` a lazy
        translation (``_lt`` with its arguments), translated in the user's
        language. A step's guard lists what must hold in the order the user
        is told, each with the exception it has always raised."""
        for failed, message, *own_class in checks:
            if failed:
                error_class = own_class[0] if own_class else exception_class
                raise error_class(self.env._(message))

    def _check_employee_or_hr(self, message):
        """Refuse (``AccessError(message(record))``) every record of which the
        current user is neither the employee (employee mixin) nor HR."""
        if self._is_hr():
            return
        for record in self:
            if not record._is_employee():
                raise AccessError(message(record))

    def _check_linked_employees(self, linked_employees, message):
        """Refuse (``ValidationError(message(record))``) every record linked to
        records about another employee than its own (``linked_employees(record)``:
        the employees of its links)."""
        # sudo: ids compared only; the user may not read every linked record.
        for record in self.sudo():
            if linked_employees(record) - record.employee_id:
                raise ValidationError(message(record))

    # Hooks called by the decision on its origin (an empty recordset when the
    # decision has none of this kind).
    def _check_decision_issuable(self, decision):
        return True

    def _on_decision_issued(self, decision):
        return True

    def _on_decision_final(self, decision):
        return True
