"""Opening hours and mobile dates as short text, for forms and spreadsheets.

Weekly hours:  "Mo 09:00-12:00, Do 13:00-16:00"
Mobile dates:  "2026-12-03 10:00-14:00; 2027-01-14 09:30-12:00"  (dates also as 03.12.2026)
"""

import re
from datetime import date, time

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from netzlotse.core.dates import parse_date

WEEKDAYS = {"mo": 0, "di": 1, "mi": 2, "do": 3, "fr": 4, "sa": 5, "so": 6,
            "mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
WEEKDAY_SHORT = ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"]
_TIME_RANGE = r"(\d{1,2})[:.](\d{2})\s*[-–]\s*(\d{1,2})[:.](\d{2})"
_HOURS_ITEM = re.compile(r"^([a-zA-Z]{2,3})\.?\s+" + _TIME_RANGE + r"$")
_DATE_ITEM = re.compile(r"^(\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4})\s+" + _TIME_RANGE + r"$")


def _items(text: str):
    return [item.strip() for item in re.split(r"[,;\n]", text or "") if item.strip()]


def _time_range(match_groups, item):
    h1, m1, h2, m2 = (int(g) for g in match_groups)
    try:
        opens, closes = time(h1, m1), time(h2, m2)
    except ValueError:
        raise ValidationError(_("„%(item)s“: ungültige Uhrzeit.") % {"item": item}) from None
    if closes <= opens:
        raise ValidationError(_("„%(item)s“: das Ende muss nach dem Beginn liegen.") % {"item": item})
    return opens, closes


def parse_opening_hours(text: str) -> list[tuple[int, time, time]]:
    result = []
    for item in _items(text):
        match = _HOURS_ITEM.match(item)
        if not match or match.group(1).lower() not in WEEKDAYS:
            raise ValidationError(
                _("„%(item)s“ ist keine Sprechzeit. Erwartet wird z. B. „Mo 09:00-12:00“.") % {"item": item})
        result.append((WEEKDAYS[match.group(1).lower()], *_time_range(match.groups()[1:], item)))
    return result


def parse_mobile_dates(text: str) -> list[tuple[date, time, time]]:
    result = []
    for item in _items(text):
        match = _DATE_ITEM.match(item)
        if not match:
            raise ValidationError(
                _("„%(item)s“ ist kein Termin. Erwartet wird z. B. „2026-12-03 10:00-14:00“.") % {"item": item})
        try:
            day = parse_date(match.group(1))
        except ValueError:
            raise ValidationError(_("„%(item)s“: ungültiges Datum.") % {"item": item}) from None
        result.append((day, *_time_range(match.groups()[1:], item)))
    return result


def format_opening_hours(hours) -> str:
    return ", ".join(f"{WEEKDAY_SHORT[h.weekday]} {h.opens:%H:%M}-{h.closes:%H:%M}" for h in hours)


def format_mobile_dates(dates) -> str:
    return "; ".join(f"{d.date:%Y-%m-%d} {d.starts:%H:%M}-{d.ends:%H:%M}" for d in dates)
