"""The cut-off report as JSON: the same parameters and figures as `manage.py report` and the page."""

from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.security import django_auth

from netzlotse.accounts import roles
from netzlotse.core.api_forms import NO_NUL
from netzlotse.core.api_schemas import NotFoundOut, ValidationErrorOut

from .indicators import GROUPS
from .report import build
from .scope import ScopeError, parse_dates, resolve_scope

router = Router(tags=["Monitoring"])


class ReportQuery(Schema):
    # Text without NUL, as everywhere in the API (core.middleware refuses it before any view).
    programme: str | None = Field(None, max_length=200, pattern=NO_NUL, description="Programm: Kurzname oder id")
    project: str | None = Field(None, max_length=200, pattern=NO_NUL, description="Projekt: Kennung, Name oder id")
    dates: str = Field(max_length=400, pattern=NO_NUL,
                       description="Stichtage, durch Kommas getrennt, JJJJ-MM-TT oder TT.MM.JJJJ (höchstens zwölf)")


class ReportOut(Schema):
    # {indicator code: {"YYYY-MM-DD": value}}; for readers outside the network's staff, counts of 1–4 are "< 5"
    # and "x" where a figure is hidden so that no small one can be worked out (a ratio over a small count too);
    # a ratio whose denominator is 0 is null.
    indicators: dict[str, dict[str, int | float | str | None]]


@router.get("/monitoring/report", auth=django_auth, summary="Kennzahlen zu Stichtagen",
            response={200: ReportOut, 401: NotFoundOut, 403: NotFoundOut, 422: ValidationErrorOut})
def report(request, query: Query[ReportQuery]):
    if not roles.can(request.user, roles.VIEW_MONITORING):
        raise HttpError(403, "Keine Berechtigung für das Monitoring.")
    try:
        days = parse_dates(query.dates)
    except ScopeError as exc:
        return 422, {"detail": [{"loc": ["query", "dates"], "msg": str(exc)}]}
    try:
        scope = resolve_scope(programme=query.programme, project=query.project, user=request.user)
    except ScopeError as exc:
        return 422, {"detail": [{"loc": ["query", "project" if query.project else "programme"], "msg": str(exc)}]}
    result = build(scope=scope, dates=days, groups=list(GROUPS),
                   suppress=not roles.can(request.user, roles.SEE_SMALL_CELLS))
    return result.as_json()
