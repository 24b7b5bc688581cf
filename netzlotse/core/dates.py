"""The one date parser: dates as people type them (TT.MM.JJJJ) and as forms, files and the API send them
(JJJJ-MM-TT), with one message for anything else. Every reader of a date from text uses it: the import files,
the report's cut-off dates, mobile dates of an offer, figures stored in events."""

from datetime import date, datetime

from django.utils.translation import gettext as _

FORMATS = ("%Y-%m-%d", "%d.%m.%Y")


class NotADate(ValueError):
    """The text is no date in either form; the message says so in the user's words."""


def parse_date(text: str) -> date:
    text = str(text).strip()
    for pattern in FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise NotADate(_("„%(value)s“ ist kein Datum (TT.MM.JJJJ oder JJJJ-MM-TT).") % {"value": text[:40]})
