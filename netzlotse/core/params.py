"""The one way a view reads a query or form parameter it does not hand to a form: parsed here, and a value that
is not what it must be is a 400 with a message the user can act on, never a server error."""

from datetime import date

from django.utils.translation import gettext as _

from .dates import NotADate, parse_date


class BadParameter(ValueError):
    """A parameter the request got wrong; the message says which and how (shown with status 400)."""


def _raw(request, name, source):
    return (request.POST if source == "POST" else request.GET).get(name, "")


def text_param(request, name: str, *, source: str = "GET", max_length: int = 200) -> str:
    value = _raw(request, name, source).strip()
    if "\x00" in value:
        raise BadParameter(_("„%(name)s“ enthält ungültige Zeichen.") % {"name": name})
    if len(value) > max_length:
        raise BadParameter(_("„%(name)s“ ist zu lang (höchstens %(n)d Zeichen).") % {"name": name, "n": max_length})
    return value


def choice_param(request, name: str, choices: tuple[str, ...], *, default: str, source: str = "GET") -> str:
    """One of a few fixed values; absent means the default."""
    value = text_param(request, name, source=source, max_length=40) or default
    if value not in choices:
        raise BadParameter(_("„%(name)s“ muss eines davon sein: %(allowed)s.") % {"name": name,
                                                                                "allowed": ", ".join(choices)})
    return value


def int_param(request, name: str, *, source: str = "GET", required: bool = False) -> int | None:
    """A positive whole number (an id, a page), or None when absent and not required."""
    value = text_param(request, name, source=source, max_length=12)
    if not value:
        if required:
            raise BadParameter(_("„%(name)s“ fehlt.") % {"name": name})
        return None
    if not value.isdigit() or not 0 < int(value) < 2**31:
        raise BadParameter(_("„%(name)s“ muss eine positive ganze Zahl sein, nicht „%(value)s“.")
                           % {"name": name, "value": value[:20]})
    return int(value)


def date_param(request, name: str, *, source: str = "GET") -> date | None:
    """A date in either of the forms `core.dates` reads, or None when absent."""
    value = text_param(request, name, source=source, max_length=20)
    try:
        return parse_date(value) if value else None
    except NotADate as exc:
        raise BadParameter(str(exc)) from None
