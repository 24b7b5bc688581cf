"""Indicators computed live from the case events at cut-off dates (Stichtage).

Each indicator is defined once, with how it aggregates over time:
- cumulative count of events up to the date (profilings, follow-up conversations, early terminations, exits),
- cumulative distinct participants (admissions),
- stock at the date (occupied slots: placements started and not yet ended),
- open at the date (planned placements neither started nor called off yet),
- ratio of two other indicators at the date (share of placements ended early, share of exits into work).
The counts for every date come from one query with a conditional aggregate per date (grouped by the
breakdown's key when there is one); the planned placements, which need to follow each placement, from one
query of placement ids.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from netzlotse.cases.models import Case, CaseEvent, Contact

E = CaseEvent.Type
# Follow-up conversations as the StaTA table counts them: follow-up profilings and the conversations held at
# the counselling centre, at the provider or on a home visit.
FOLLOW_UP_CONTACTS = [Contact.Kind.COUNSELLING, Contact.Kind.AT_PROVIDER, Contact.Kind.HOME_VISIT]

STATA, PLACEMENTS, EXITS, RATIOS = "stata", "placements", "exits", "ratios"
GROUPS = {STATA: _("StaTA-Kennzahlen"), PLACEMENTS: _("Platzierungen"), EXITS: _("Austritte nach Verbleib"),
          RATIOS: _("Quoten")}


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    aggregation: str  # "count", "distinct_participants", "stock", "open_planned", "ratio"
    events: Q = Q()
    ends: Q = Q()  # for stocks: the events that end what the others start
    group: str = STATA
    parts: tuple[str, str] | None = None  # for ratios: numerator and denominator codes

    @property
    def is_ratio(self) -> bool:
        return self.aggregation == "ratio"

    @property
    def counts_people(self) -> bool:
        """Whether a small value could point to a person (every figure but a ratio)."""
        return not self.is_ratio


INDICATORS = [
    Indicator("profilings", _("Profilings"), "count", Q(type=E.PROFILING)),
    Indicator("admissions", _("Teilnehmende aufgenommen"), "distinct_participants", Q(type=E.ADMISSION)),
    Indicator("follow_ups", _("Folge-Profilings und Folgegespräche"), "count",
              Q(type=E.FOLLOW_UP) | Q(type=E.CONTACT, data__kind__in=FOLLOW_UP_CONTACTS)),
    Indicator("slots_occupied", _("besetzte Plätze"), "stock", Q(type=E.PLACEMENT_STARTED), Q(type=E.PLACEMENT_ENDED)),
    Indicator("placements_planned", _("geplante Besetzungen"), "open_planned"),
    Indicator("placements_ended_early", _("vorzeitig beendete Platzierungen"), "count",
              Q(type=E.PLACEMENT_ENDED, data__early=True)),
    Indicator("placements_started", _("begonnene Platzierungen"), "count", Q(type=E.PLACEMENT_STARTED),
              group=PLACEMENTS),
    Indicator("placements_ended", _("beendete Platzierungen"), "count", Q(type=E.PLACEMENT_ENDED), group=PLACEMENTS),
    Indicator("exits", _("Austritte"), "count", Q(type=E.EXIT), group=EXITS),
    Indicator("exits_early", _("davon vorzeitig"), "count", Q(type=E.EXIT, data__early=True), group=EXITS),
    *[Indicator(f"exits_{outcome.value}", format_lazy(_("davon: {outcome}"), outcome=outcome.label), "count",
                Q(type=E.EXIT, reason=outcome.value), group=EXITS) for outcome in Case.Outcome],
    Indicator("early_end_rate", _("Anteil vorzeitig beendeter Platzierungen (%)"), "ratio", group=RATIOS,
              parts=("placements_ended_early", "placements_started")),
    Indicator("exit_job_rate", _("Anteil der Austritte in Beschäftigung (%)"), "ratio", group=RATIOS,
              parts=(f"exits_{Case.Outcome.JOB.value}", "exits")),
]
BY_CODE = {indicator.code: indicator for indicator in INDICATORS}
STATA_CODES = [i.code for i in INDICATORS if i.group == STATA]


def in_groups(groups) -> list[Indicator]:
    return [indicator for indicator in INDICATORS if indicator.group in groups]


def ratio(numerator, denominator) -> float | None:
    return None if not denominator else round(100 * numerator / denominator, 1)


def _with_parts(chosen: list[Indicator]) -> list[Indicator]:
    """The chosen indicators and what their ratios are computed from."""
    codes = {i.code for i in chosen}
    needed = {part for i in chosen if i.is_ratio for part in i.parts}
    return chosen + [BY_CODE[code] for code in sorted(needed - codes)]


def _aggregates(chosen: list[Indicator], dates: list[date]) -> dict:
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
    return aggregates


def _values(indicator: Indicator, totals: dict, dates: list[date], planned: dict) -> dict[str, int]:
    values = {}
    for i, day in enumerate(dates):
        if indicator.aggregation == "open_planned":
            values[day.isoformat()] = planned.get(day, 0)
        elif indicator.aggregation == "stock":
            values[day.isoformat()] = totals[f"{indicator.code}__in__{i}"] - totals[f"{indicator.code}__out__{i}"]
        else:
            values[day.isoformat()] = totals[f"{indicator.code}__{i}"]
    return values


def _assemble(chosen, computed, totals, dates, planned) -> dict[str, dict[str, object]]:
    result = {i.code: _values(i, totals, dates, planned) for i in computed if not i.is_ratio}
    for indicator in chosen:
        if indicator.is_ratio:
            top, bottom = (result[code] for code in indicator.parts)
            result[indicator.code] = {day: ratio(top[day], bottom[day]) for day in top}
    return {i.code: result[i.code] for i in chosen}


def compute(events, dates: list[date], codes=None, by=None) -> dict:
    """{indicator code: {"YYYY-MM-DD": value}} for the given events (already scoped to a programme or project).

    With `by` (an expression, see breakdowns.py) the same per group: {group key: {code: {date: value}}}.
    """
    chosen = [BY_CODE[code] for code in codes] if codes else INDICATORS
    computed = _with_parts(chosen)
    aggregates = _aggregates(computed, dates)
    wants_planned = any(i.aggregation == "open_planned" for i in computed)
    if by is None:
        totals = events.aggregate(**aggregates) if aggregates else {}
        planned = _open_planned(events, dates).get(None, {}) if wants_planned else {}
        return _assemble(chosen, computed, totals, dates, planned)
    grouped = events.annotate(group_key=by)
    rows = {row.pop("group_key"): row for row in grouped.values("group_key").annotate(**aggregates)} \
        if aggregates else {}
    planned = _open_planned(grouped, dates, keyed=True) if wants_planned else {}
    return {key: _assemble(chosen, computed, rows.get(key) or dict.fromkeys(aggregates, 0), dates, planned.get(key, {}))
            for key in set(rows) | set(planned)}


def _open_planned(events, dates: list[date], keyed=False) -> dict:
    """{group key (None without a breakdown): {date: placements planned by the date and neither started nor
    called off by then}}, each placement followed by its id."""
    fields = ["type", "date", "data", "group_key"] if keyed else ["type", "date", "data"]
    rows = events.filter(date__lte=max(dates), type__in=[E.PLACEMENT_PLANNED, E.PLACEMENT_STARTED,
                                                         E.PLACEMENT_CANCELLED]).values_list(*fields)
    planned, closed = {}, {}  # planned: (placement, group key) → first day planned; a person may be in several groups
    for type_, day, data, *key in rows:
        placement = (data or {}).get("placement")
        if placement is None:
            continue
        if type_ == E.PLACEMENT_PLANNED:
            entry = (placement, key[0] if key else None)
            planned[entry] = min(day, planned.get(entry, day))
        else:
            closed[placement] = min(day, closed.get(placement, day))
    result = {}
    for (placement, key), since in planned.items():
        counts = result.setdefault(key, {})
        for day in dates:
            if since <= day and not (placement in closed and closed[placement] <= day):
                counts[day] = counts.get(day, 0) + 1
    return result
