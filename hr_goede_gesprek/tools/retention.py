# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Plain date arithmetic of the retention rules (bewaartermijnen): no ORM."""

import datetime

from dateutil.relativedelta import relativedelta

# The start events a retention term counts from.
START_EVENTS = [
    ("employment_end", "End of employment"),
    ("completion", "Completion of the document"),
    ("payment", "Payment"),
]


def as_date(value):
    """A ``date`` from a date, a datetime or nothing (None)."""
    if not value:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    return value


def destroy_date(start, years=0, months=0):
    """The day a record started on ``start`` is due for destruction: ``start``
    plus the term (a 29 February start ends on 28 February); None without a
    start."""
    start = as_date(start)
    if start is None:
        return None
    return start + relativedelta(years=years or 0, months=months or 0)


def in_validity(day, valid_from=None, valid_to=None):
    """Does ``day`` fall within a rule's validity (open ends allowed)?"""
    day = as_date(day)
    if day is None:
        return False
    return (not valid_from or valid_from <= day) and (not valid_to or day <= valid_to)
