# Copyright 2026 hr_goede_gesprek contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Terms computed as Dutch law computes them (pure functions, no ORM).

* A term of N weeks starts on the day after notification (Awb art. 6:8 and the
  same rule in civil-law dispute regulations) and ends at the end of the same
  weekday N weeks later: ``notified + 7 * N days``.
* Algemene termijnenwet art. 1: a term that ends on a Saturday, a Sunday or a
  general public holiday runs on to the next day that is none of those.
* Atw art. 3 lists the general public holidays: New Year's Day, Easter Monday,
  Ascension Day, Whit Monday, Christmas Day and Boxing Day, the King's birthday
  as celebrated (27 April, or 26 April when the 27th is a Sunday) and
  Liberation Day (5 May). Good Friday is *not* one of them; Easter Sunday and
  Whit Sunday are Sundays anyway.
* Atw art. 3(2): the government may declare other days equal to them (by
  Royal Decree). Those are data, not code: ``hr.goede.gesprek.holiday``; the
  callers pass them as ``extra_holidays``.
* Atw art. 1(2): a term counted back from a moment (such as the Wet flexibel
  werken's "one month before the start") is never extended; so only terms
  counted forward from a notification use these functions.
"""

import re
from datetime import date, timedelta

from dateutil.easter import EASTER_WESTERN, easter

PLACEHOLDER_RE = re.compile(r"\{([a-z_]+)\}")


def easter_sunday(year):
    """Gregorian Easter Sunday."""
    return easter(year, EASTER_WESTERN)


def dutch_public_holiday_codes(year):
    """The general public holidays of the Algemene termijnenwet (art. 3(1)),
    as ``{date: code}`` (the code names the day; labels are the model's)."""
    easter_day = easter_sunday(year)
    kings_day = date(year, 4, 27)
    if kings_day.weekday() == 6:
        kings_day = date(year, 4, 26)
    return {
        date(year, 1, 1): "new_year",
        easter_day + timedelta(days=1): "easter_monday",  # tweede Paasdag
        kings_day: "kings_day",
        date(year, 5, 5): "liberation_day",
        easter_day + timedelta(days=39): "ascension_day",  # Hemelvaartsdag
        easter_day + timedelta(days=50): "whit_monday",  # tweede Pinksterdag
        date(year, 12, 25): "christmas_day",
        date(year, 12, 26): "boxing_day",
    }


def dutch_public_holidays(year):
    """The general public holidays of the Algemene termijnenwet (art. 3(1))."""
    return set(dutch_public_holiday_codes(year))


def is_working_day(day, extra_holidays=()):
    """Not a Saturday, Sunday, Atw holiday or one of ``extra_holidays``: the
    days the government declared equal (Atw art. 3(2)), as configured in
    ``hr.goede.gesprek.holiday`` (pass ``_extra_holidays()``)."""
    return (
        day.weekday() < 5
        and day not in dutch_public_holidays(day.year)
        and day not in extra_holidays
    )


def next_working_day(day, extra_holidays=()):
    """``day`` itself when it is a working day, else the next one (Atw art. 1)."""
    while not is_working_day(day, extra_holidays):
        day += timedelta(days=1)
    return day


def term_end(notified, weeks, extra_holidays=()):
    """Last day of a term of ``weeks`` weeks for a decision notified on ``notified``."""
    if not notified or weeks is None:
        return False
    return next_working_day(notified + timedelta(weeks=weeks), extra_holidays)


def render_placeholders(template, values):
    """Replace ``{name}`` by ``values[name]``; nothing else is evaluated.

    Only plain lower-case names are placeholders (no attribute or index access as
    ``str.format`` would allow); unknown names stay as they are.
    """
    if not template:
        return ""

    def replace(match):
        key = match.group(1)
        return str(values[key]) if key in values else match.group(0)

    return PLACEHOLDER_RE.sub(replace, template)


def unknown_placeholders(template, allowed):
    return sorted(set(PLACEHOLDER_RE.findall(template or "")) - set(allowed))
