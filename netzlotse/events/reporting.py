"""What a programme's projects achieved with their events, per project and year: events held, sessions, hours,
registrations, attendees by kind of organisation, the no-show rate and the mean feedback score. Everything is
counted in the database (a handful of grouped queries however many events); a year is that of the session, so
an event across New Year counts in both. For readers without small cells (funders), person counts of 1 to 4 are
hidden by the one suppression rule, and what would be worked out from them with them."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, FloatField, Sum
from django.db.models.functions import Cast, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from netzlotse.core.suppression import HIDDEN, SMALL, small, suppress_column
from netzlotse.network.models import Organization
from netzlotse.surveys.models import Answer, Question

from .followup import PREFIX
from .models import Event, Registration, Session

UNKNOWN_KIND = "unknown"


@dataclass
class Row:
    project: object
    year: int
    events: int = 0
    sessions: int = 0
    hours: float = 0.0
    registrations: int | str = 0
    attendees: int | str = 0
    by_kind: dict = field(default_factory=dict)
    no_show: float | str | None = None  # share of registrations with a place who came to no session
    score: float | str | None = None  # mean of the scale answers in the events' feedback and follow-up
    responses: int = 0


def kinds() -> list[tuple[str, str]]:
    return list(Organization.Kind.choices) + [(UNKNOWN_KIND, _("ohne Zuordnung"))]


def build(projects, *, now=None, suppress: bool = False) -> list[Row]:
    """Rows per project and year, newest year first, for the projects' published events up to `now`."""
    now = now or timezone.now()
    events = Event.objects.filter(project__in=projects, status=Event.Status.PUBLISHED)
    past = Session.objects.filter(event__in=events, starts_at__lt=now)
    rows: dict[tuple, Row] = {}

    def row(project_id, year) -> Row:
        return rows.setdefault((project_id, year), Row(project_id, year))

    duration = ExpressionWrapper(F("ends_at") - F("starts_at"), output_field=DurationField())
    for found in past.values("event__project", year=ExtractYear("starts_at")).annotate(
            events=Count("event", distinct=True), sessions=Count("pk"), length=Sum(duration)):
        r = row(found["event__project"], found["year"])
        r.events, r.sessions = found["events"], found["sessions"]
        r.hours = round((found["length"] or timedelta()).total_seconds() / 3600, 1)
    held = Registration.objects.filter(event__in=events, event__sessions__starts_at__lt=now)
    for found in held.filter(status=Registration.Status.CONFIRMED).values(
            "event__project", year=ExtractYear("event__sessions__starts_at")).annotate(n=Count("pk", distinct=True)):
        row(found["event__project"], found["year"]).registrations = found["n"]
    came = Registration.objects.filter(event__in=events, attendances__session__starts_at__lt=now)
    for found in came.values("event__project", "organization__kind",
                             year=ExtractYear("attendances__session__starts_at")).annotate(n=Count("pk", distinct=True)):
        r = row(found["event__project"], found["year"])
        r.by_kind[found["organization__kind"] or UNKNOWN_KIND] = found["n"]
    for found in came.values("event__project", year=ExtractYear("attendances__session__starts_at")).annotate(
            n=Count("pk", distinct=True)):
        row(found["event__project"], found["year"]).attendees = found["n"]
    _scores(events, row)
    projects_by_id = {p.pk: p for p in projects}
    result = []
    for (project_id, _year), r in rows.items():
        r.project = projects_by_id.get(project_id)
        if r.registrations:
            r.no_show = round(max(0.0, 1 - r.attendees / r.registrations), 3)
        if suppress:
            _suppress(r)
        result.append(r)
    return sorted(result, key=lambda r: (-r.year, str(r.project)))


def _scores(events, row) -> None:
    """The mean answer on the numbered scales (Likert, matrix) of the surveys sent for the events, per event's
    occasion, added up per project and year of the occasion."""
    project_of = {f"{PREFIX}{uuid}": project for uuid, project in events.values_list("uuid", "project")}
    answers = Answer.objects.filter(response__occasion__reference__in=list(project_of),
                                    question__kind__in=[Question.Kind.LIKERT, Question.Kind.MATRIX],
                                    option__key__regex=r"^[0-9]+$", dont_know=False)
    totals: dict[tuple, list] = {}
    for found in answers.values("response__occasion__reference", year=ExtractYear("response__occasion__held_on")).annotate(
            mean=Avg(Cast("option__key", FloatField())), n=Count("pk"), responses=Count("response", distinct=True)):
        key = (project_of[found["response__occasion__reference"]], found["year"])
        total = totals.setdefault(key, [0.0, 0, 0])
        total[0] += found["mean"] * found["n"]
        total[1] += found["n"]
        total[2] += found["responses"]
    for (project_id, year), (weighted, count, responses) in totals.items():
        if year is None:
            continue
        r = row(project_id, year)
        r.score, r.responses = round(weighted / count, 2), responses


def _suppress(r: Row) -> None:
    hidden = suppress_column(r.by_kind)
    r.by_kind = {kind: hidden.get(kind, value) for kind, value in r.by_kind.items()}
    if small(r.registrations) or small(r.attendees):
        r.no_show = HIDDEN
    if small(r.registrations):
        r.registrations = HIDDEN
    if small(r.attendees):
        r.attendees = HIDDEN
    if r.score is not None and r.responses < SMALL:
        r.score = HIDDEN


def table(rows: list[Row]) -> tuple[list[str], list[list]]:
    """Headers and cells for the page and the Excel file."""
    columns = [k for k, _label in kinds() if any(k in r.by_kind for r in rows)]
    labels = dict(kinds())
    headers = [_("Projekt"), _("Jahr"), _("Veranstaltungen"), _("Termine"), _("Stunden"), _("Anmeldungen"),
               _("Teilnehmende")] + [labels[k] for k in columns] + [_("nicht erschienen"), _("Feedback (Mittelwert)")]
    cells = [[str(r.project), r.year, r.events, r.sessions, r.hours, r.registrations, r.attendees]
             + [r.by_kind.get(k, 0) for k in columns]
             + [f"{round(r.no_show * 100)} %" if isinstance(r.no_show, float) else (r.no_show or "–"),
                r.score if r.score is not None else "–"] for r in rows]
    return headers, cells


def programme_rows(programme, *, suppress: bool) -> list[Row]:
    """The rows of the projects of a programme that organise events (none: the programme runs no events)."""
    from netzlotse.network.models import Project

    projects = list(Project.objects.filter(programme=programme, events__isnull=False).distinct())
    return build(projects, suppress=suppress) if projects else []
