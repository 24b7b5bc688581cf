"""Reading a report's scope and dates from text (command line and API), within what the reader may see."""

from datetime import date

from django.utils.translation import gettext as _

from netzlotse.core.dates import NotADate, parse_date
from netzlotse.network.models import Programme, Project

from .report import Scope

MAX_DATES = 12


class ScopeError(ValueError):
    pass


def programmes_for(user):
    """Admins see every programme, funders the ones they fund, coordinators those with projects in their networks."""
    return Programme.objects.reported_to(user)


def parse_dates(text: str) -> list[date]:
    """ISO (2018-12-01) or German (01.12.2018) dates, separated by commas or semicolons; sorted, each once."""
    days = set()
    for part in text.replace(";", ",").split(","):
        value = part.strip()
        if not value:
            continue
        try:
            days.add(parse_date(value))
        except NotADate as exc:
            raise ScopeError(str(exc)) from None
    if not days:
        raise ScopeError(_("Bitte mindestens einen Stichtag angeben."))
    if len(days) > MAX_DATES:
        raise ScopeError(_("Höchstens %(n)d Stichtage.") % {"n": MAX_DATES})
    return sorted(days)


def _one(queryset, key: str, *fields):
    key = key.strip()
    if key.isdigit():
        found = queryset.filter(pk=int(key)).first()
        if found is not None:
            return found
    for name in fields:
        found = queryset.filter(**{f"{name}__iexact": key}).first()
        if found is not None:
            return found
    return None


def resolve_scope(*, programme: str | None = None, project: str | None = None, user=None) -> Scope:
    """The programme (short name or id) or project (code, name or id), among those the user may read."""
    if bool(programme) == bool(project):
        raise ScopeError(_("Bitte genau eines angeben: Programm oder Projekt."))
    visible = programmes_for(user)
    if programme:
        found = _one(visible, programme, "short_name", "name")
        if found is None:
            raise ScopeError(_("Programm nicht gefunden: %(key)s") % {"key": programme[:50]})
        return Scope(programme=found)
    found = _one(Project.objects.filter(programme__in=visible), project, "code", "name")
    if found is None:
        raise ScopeError(_("Projekt nicht gefunden: %(key)s") % {"key": project[:50]})
    return Scope(programme=found.programme, project=found)
