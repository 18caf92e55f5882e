# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Days the government declares equal to the general public holidays
(Algemene termijnenwet art. 3(2), by Royal Decree).

A term ending on such a day runs on to the next working day, as it does for
the statutory holidays that ``legal_terms`` computes. These are national days:
no company, no personal data (so no record rules). HR administrators keep the
list; internal users read it. Portal users have no access: their terms are
computed by the model (``_extra_holidays`` reads with sudo) and the portal
shows the stored term end.

The term computations read the active dates through ``_extra_holidays()``,
cached per registry (``ormcache``) and cleared whenever a day is created,
changed or deleted, so computing terms for many records costs one query at
most. Terms are computed when a decision is notified and then stored: adding a
day later does not change the term of a decision already notified (its letter
and its term stay as they were).
"""

from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError
from odoo.tools import format_date

from ..tools import legal_terms
from .hr_goede_gesprek_legal_mixin import configuration_policy

# HR administrators keep the list, everybody else only reads it (the declared
# policy of hr.goede.gesprek.workflow.mixin, agreeing with the ACL).
HOLIDAY_FIELDS = frozenset({"date", "name", "legal_basis", "active"})


class HrGoedeGesprekHoliday(models.Model):
    _name = "hr.goede.gesprek.holiday"
    _inherit = ["hr.goede.gesprek.workflow.mixin"]
    _description = "Day declared equal to a public holiday"
    _order = "date desc, id"
    _policy_create, _policy_write, _policy_unlink = configuration_policy(HOLIDAY_FIELDS)
    _policy_state_field = None
    _policy_employee_field = None

    date = fields.Date(required=True)
    name = fields.Char(required=True)
    legal_basis = fields.Char(
        help="The decision that declares this day equal, e.g. the Royal Decree "
        "and its publication in the Staatsblad.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "date_unique",
            "unique(date)",
            "This day is already listed (perhaps archived): each day is listed once.",
        ),
    ]

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("date")
    def _check_date(self):
        """Weekends and the Atw's own holidays already extend a term."""
        for holiday in self:
            day = holiday.date
            date = format_date(self.env, day)
            if day.weekday() >= 5:
                raise ValidationError(
                    self.env._(
                        "%(date)s is a %(weekday)s: a term that ends on a Saturday "
                        "or Sunday already runs on to the next working day, so this "
                        "day need not be listed.",
                        date=date,
                        weekday=format_date(self.env, day, date_format="EEEE"),
                    )
                )
            code = legal_terms.dutch_public_holiday_codes(day.year).get(day)
            if code:
                raise ValidationError(
                    self.env._(
                        "%(date)s is %(holiday)s, already a general public holiday "
                        "under the Algemene termijnenwet (art. 3(1)): it need not be "
                        "listed.",
                        date=date,
                        holiday=self._statutory_holiday_labels()[code],
                    )
                )

    def _check_date_unique(self, days):
        """Refuse a day that is listed already, naming it (the unique index
        refuses it too, but only with the database's generic message)."""
        days = [fields.Date.to_date(day) for day in days if day]
        seen = set()
        for day in days:
            if day in seen:
                raise ValidationError(
                    self.env._(
                        "%(date)s is given twice: each day is listed once.",
                        date=format_date(self.env, day),
                    )
                )
            seen.add(day)
        if not seen:
            return
        # Archived days too: the unique index covers them.
        existing = self.with_context(active_test=False).search(
            [("date", "in", list(seen)), ("id", "not in", self.ids)], limit=1
        )
        if existing:
            listed = {
                "date": format_date(self.env, existing.date),
                "name": existing.name,
            }
            if existing.active:
                message = self.env._(
                    "%(date)s is already listed as “%(name)s”.", **listed
                )
            else:
                message = self.env._(
                    "%(date)s is already listed as “%(name)s”, archived: "
                    "restore that day instead of adding it again.",
                    **listed,
                )
            raise ValidationError(message)

    # ------------------------------------------------------------------
    # CRUD: every change clears the cache of ``_extra_holidays``
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self._check_date_unique([vals.get("date") for vals in vals_list])
        holidays = super().create(vals_list)
        self.env.registry.clear_cache()
        return holidays

    def write(self, vals):
        if vals.get("date"):
            self._check_date_unique([vals["date"]] * len(self))
        result = super().write(vals)
        if {"date", "active"} & set(vals):
            self.env.registry.clear_cache()
        return result

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()
        return result

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    @api.model
    @tools.ormcache()
    def _extra_holidays(self):
        """The active days as a frozenset of dates, for ``legal_terms``.

        Cached per database until a day is created, changed or deleted: the
        first call runs one query, later calls none.
        """
        # sudo: national days, no personal data; the cached result is shared
        # by every user, including portal employees whose term is computed
        # when they acknowledge a decision (they have no access to this model).
        days = self.sudo().search_fetch([("active", "=", True)], ["date"])
        return frozenset(days.mapped("date"))

    def _statutory_holiday_labels(self):
        return {
            "new_year": self.env._("New Year's Day"),
            "easter_monday": self.env._("Easter Monday"),
            "kings_day": self.env._("King's Day"),
            "liberation_day": self.env._("Liberation Day"),
            "ascension_day": self.env._("Ascension Day"),
            "whit_monday": self.env._("Whit Monday"),
            "christmas_day": self.env._("Christmas Day"),
            "boxing_day": self.env._("Boxing Day"),
        }
