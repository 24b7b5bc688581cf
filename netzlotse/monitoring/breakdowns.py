"""The dimensions a report can be broken down or filtered by, each one expression over the case events.

The same expression groups the figures (one grouped query per breakdown) and filters them, so a filtered
report and a column of a broken-down one always agree.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Case, F, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce, ExtractDay, ExtractMonth, ExtractYear
from django.db.models.lookups import GreaterThan, LessThan
from django.utils.translation import gettext_lazy as _

from netzlotse.cases.models import Participant, ResidenceRecord
from netzlotse.directory.models import ResidenceStatus, TargetGroup
from netzlotse.network.models import Organization, Project, Region

UNKNOWN = _("ohne Angabe")
AGE_BANDS = [("u18", _("unter 18")), ("18_29", _("18 bis 29")), ("30_54", _("30 bis 54")), ("55plus", _("55 und älter"))]


def _jobcenter():
    # The case's Jobcenter; a profiling recorded at a Jobcenter before anyone was admitted counts for that one.
    return Coalesce(F("case__jobcenter_id"), Case(When(organization__kind=Organization.Kind.JOBCENTER,
                                                       then=F("organization_id")), output_field=IntegerField()))


def _provider():
    # Placements count for the provider of the placement site, everything else for the case's organisation.
    return Coalesce(F("slot__organization_id"), F("organization_id"))


def age(on="date", born="participant__birth_date"):
    """Age in whole years on the day in field `on` (for events, the event's day: admissions count the age at
    entry), computed in the database on SQLite and PostgreSQL alike."""
    month, day = ExtractMonth(on), ExtractDay(on)
    born_month, born_day = ExtractMonth(born), ExtractDay(born)
    before_birthday = Case(When(LessThan(month, born_month), then=Value(1)),
                           When(GreaterThan(month, born_month), then=Value(0)),
                           When(LessThan(day, born_day), then=Value(1)), default=Value(0))
    return ExtractYear(on) - ExtractYear(born) - before_birthday


def _age_band():
    years = age()
    return Case(When(participant__birth_date__isnull=True, then=Value(None)),
                When(LessThan(years, 18), then=Value("u18")), When(LessThan(years, 30), then=Value("18_29")),
                When(LessThan(years, 55), then=Value("30_54")), default=Value("55plus"))


def _residence_status():
    """The residence status recorded last on or before the event's day (else the first one recorded)."""
    records = ResidenceRecord.objects.filter(participant=OuterRef("participant_id"))
    before = records.filter(recorded_on__lte=OuterRef("date")).order_by("-recorded_on", "-pk")
    first = records.order_by("recorded_on", "pk")
    return Coalesce(Subquery(before.values("status_id")[:1]), Subquery(first.values("status_id")[:1]))


def _names(model):
    return lambda keys: {obj.pk: str(obj) for obj in model.objects.filter(pk__in=[k for k in keys if k is not None])}


@dataclass(frozen=True)
class Breakdown:
    code: str
    label: str
    expression: Callable
    names: Callable  # keys → {key: label}
    additive: bool = True  # False where a person can be in several groups (their sum exceeds the total)

    def labels(self, keys) -> dict:
        found = {key: str(label) for key, label in self.names(keys).items()}
        return {key: found.get(key, str(UNKNOWN)) for key in keys}

    def filter(self, events, key):
        # Named per breakdown, so several filters can apply to the same events.
        name = f"filter_{self.code}"
        events = events.annotate(**{name: self.expression()})
        return events.filter(**{f"{name}__isnull": True} if key in (None, "") else {name: key})


BREAKDOWNS = [
    Breakdown("jobcenter", _("Jobcenter"), _jobcenter, _names(Organization)),
    Breakdown("traeger", _("Träger"), _provider, _names(Organization)),
    Breakdown("projekt", _("Projekt"), lambda: F("project_id"), _names(Project)),
    Breakdown("kreis", _("Wohnkreis"), lambda: F("participant__district_id"), _names(Region)),
    Breakdown("geschlecht", _("Geschlecht"), lambda: F("participant__gender"),
              lambda keys: dict(Participant.Gender.choices)),
    Breakdown("altersgruppe", _("Altersgruppe"), _age_band, lambda keys: dict(AGE_BANDS)),
    Breakdown("zielgruppe", _("Zielgruppe"), lambda: F("participant__target_groups"), _names(TargetGroup),
              additive=False),
    Breakdown("aufenthaltsstatus", _("Aufenthaltsstatus"), _residence_status, _names(ResidenceStatus)),
]
BY_CODE = {b.code: b for b in BREAKDOWNS}


def sort_key(item):
    """Groups by label, 'without' last."""
    key, label = item
    return (key is None, label.casefold())

