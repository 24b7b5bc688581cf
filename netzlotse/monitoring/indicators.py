"""Indicators computed live from the case events at cut-off dates (Stichtage).

Each indicator is defined once, with how it aggregates over time:
- cumulative count of events up to the date (profilings, follow-up conversations, early terminations),
- cumulative distinct participants (admissions),
- stock at the date (occupied slots: placements started and not yet ended),
- open at the date (planned placements neither started nor called off yet).
The counts for every date come from one query with a conditional aggregate per date; the planned
placements, which need to follow each placement, from one query of placement ids.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from netzlotse.cases.models import CaseEvent, Contact

E = CaseEvent.Type
# Follow-up conversations as the StaTA table counts them: follow-up profilings and the conversations held at
# the counselling centre, at the provider or on a home visit.
FOLLOW_UP_CONTACTS = [Contact.Kind.COUNSELLING, Contact.Kind.AT_PROVIDER, Contact.Kind.HOME_VISIT]


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    aggregation: str  # "count", "distinct_participants", "stock", "open_planned"
    events: Q = Q()
    ends: Q = Q()  # for stocks: the events that end what the others start


INDICATORS = [
    Indicator("profilings", _("Profilings"), "count", Q(type=E.PROFILING)),
    Indicator("admissions", _("Teilnehmende aufgenommen"), "distinct_participants", Q(type=E.ADMISSION)),
    Indicator("follow_ups", _("Folge-Profilings und Folgegespräche"), "count",
              Q(type=E.FOLLOW_UP) | Q(type=E.CONTACT, data__kind__in=FOLLOW_UP_CONTACTS)),
    Indicator("slots_occupied", _("besetzte Plätze"), "stock", Q(type=E.PLACEMENT_STARTED), Q(type=E.PLACEMENT_ENDED)),
    Indicator("placements_planned", _("geplante Besetzungen"), "open_planned"),
    Indicator("placements_ended_early", _("vorzeitig beendete Platzierungen"), "count",
              Q(type=E.PLACEMENT_ENDED, data__early=True)),
]
BY_CODE = {indicator.code: indicator for indicator in INDICATORS}


def compute(events, dates: list[date], codes=None) -> dict[str, dict[str, int]]:
    """{indicator code: {"YYYY-MM-DD": value}} for the given events (already scoped to a programme or project)."""
    chosen = [BY_CODE[code] for code in codes] if codes else INDICATORS
    aggregates = {}
    for indicator in chosen:
        for i, day in enumerate(dates):
            upto = Q(date__lte=day)
            if indicator.aggregation == "count":
                aggregates[f"{indicator.code}__{i}"] = Count("pk", filter=indicator.events & upto)
            elif indicator.aggregation == "distinct_participants":
                aggregates[f"{indicator.code}__{i}"] = Count("participant", filter=indicator.events & upto,
                                                             distinct=True)
            elif indicator.aggregation == "stock":
                aggregates[f"{indicator.code}__in__{i}"] = Count("pk", filter=indicator.events & upto)
                aggregates[f"{indicator.code}__out__{i}"] = Count("pk", filter=indicator.ends & upto)
    totals = events.aggregate(**aggregates) if aggregates else {}
    result = {}
    for indicator in chosen:
        if indicator.aggregation == "open_planned":
            result[indicator.code] = _open_planned(events, dates)
            continue
        values = {}
        for i, day in enumerate(dates):
            if indicator.aggregation == "stock":
                values[day.isoformat()] = totals[f"{indicator.code}__in__{i}"] - totals[f"{indicator.code}__out__{i}"]
            else:
                values[day.isoformat()] = totals[f"{indicator.code}__{i}"]
        result[indicator.code] = values
    return result


def _open_planned(events, dates: list[date]) -> dict[str, int]:
    """Placements planned by the date and neither started nor called off by then (followed by placement id)."""
    last = max(dates)
    rows = events.filter(date__lte=last, type__in=[E.PLACEMENT_PLANNED, E.PLACEMENT_STARTED,
                                                   E.PLACEMENT_CANCELLED]).values_list("type", "date", "data")
    planned, closed = {}, {}
    for type_, day, data in rows:
        placement = (data or {}).get("placement")
        if placement is None:
            continue
        if type_ == E.PLACEMENT_PLANNED:
            planned[placement] = min(day, planned.get(placement, day))
        else:
            closed[placement] = min(day, closed.get(placement, day))
    return {day.isoformat(): sum(1 for placement, since in planned.items() if since <= day
                                 and not (placement in closed and closed[placement] <= day)) for day in dates}
