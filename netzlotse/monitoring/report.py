"""The cut-off report: indicators as rows, cut-off dates as columns, the change against the previous date,
targets, closed figures beside corrected ones, and breakdowns; built once for the page, exports and API.

Readers outside the network's staff (funders) get aggregates with small cells suppressed: values from 1
to 4 show as "< 5" (primary suppression) and, in a breakdown, where a single cell of a column would be
hidden, the next smallest one is hidden as well, so the hidden value cannot be worked out from the total
(secondary suppression, shown as "x"). Ratios, changes and filtered reports follow suppression.py.
"""

from dataclasses import dataclass, field, replace
from datetime import date

from django.db.models import Sum
from django.utils.translation import gettext as _

from netzlotse.cases.models import CaseEvent
from netzlotse.network.models import Programme, Project

from . import breakdowns as bd
from . import tally
from .indicators import BY_CODE, Indicator, _with_parts, compute, in_groups
from .models import Cutoff, Target
from .suppression import BLOCKED, HIDDEN, MARKS, against_unfiltered, changes, ratio_hidden, small, suppress_column

# Targets a project already states in its own record, used where no target was entered for the indicator.
PROJECT_FIELDS = {"admissions": "planned_participants", "slots_occupied": "planned_slots"}


@dataclass
class Scope:
    """Whose figures: a programme or one project, optionally filtered by breakdown values."""

    programme: Programme | None = None
    project: Project | None = None
    filters: dict = field(default_factory=dict)  # breakdown code → key

    def events(self):
        events = CaseEvent.objects.filter(project=self.project) if self.project else \
            CaseEvent.objects.filter(project__programme=self.programme)
        for code, key in self.filters.items():
            events = bd.BY_CODE[code].filter(events, key)
        return events

    @property
    def whole_programme(self) -> bool:
        return self.project is None and not self.filters

    def __str__(self):
        return str(self.project or self.programme)


def targets_for(scope: Scope) -> dict[str, int]:
    """Targets entered for the programme (or project); for a programme without its own, the sum of its
    projects' targets, and the planned participants and slots the projects state."""
    if scope.project is not None:
        found = dict(Target.objects.filter(project=scope.project).values_list("indicator", "value"))
        for code, name in PROJECT_FIELDS.items():
            if code not in found and getattr(scope.project, name):
                found[code] = getattr(scope.project, name)
        return found
    found = dict(Target.objects.filter(programme=scope.programme).values_list("indicator", "value"))
    summed = dict(Target.objects.filter(project__programme=scope.programme).values("indicator")
                  .annotate(total=Sum("value")).values_list("indicator", "total"))
    planned = scope.programme.projects.aggregate(**{code: Sum(name) for code, name in PROJECT_FIELDS.items()})
    for code, total in planned.items():
        if total:
            summed[code] = summed.get(code, 0) + total
    return {**summed, **found}


@dataclass
class Cell:
    value: object  # the figure as reported (the closed one where the date is closed)
    shown: object  # what the reader sees: the value, "< 5" or "x"
    change: object = None  # against the previous date, as shown
    corrected: object = None  # the figure the events give now, where it differs from a closed one


@dataclass
class Row:
    indicator: Indicator
    label: str
    cells: list[Cell]
    target: int | None = None
    progress: float | None = None  # the last date's value as a percentage of the target
    key: object = None  # in a breakdown: the group's key


@dataclass
class Section:
    breakdown: bd.Breakdown
    blocks: list[tuple[Indicator, list[Row]]]


@dataclass
class Report:
    scope: Scope
    dates: list[date]
    rows: list[Row]
    sections: list[Section]
    closed: dict  # date → Cutoff, for the dates of the series that are closed
    suppressed: bool

    @property
    def has_corrections(self) -> bool:
        return any(cell.corrected is not None for row in self.rows for cell in row.cells)

    def as_json(self) -> dict:
        """{"indicators": {code: {"YYYY-MM-DD": value}}} with the values as shown to this reader."""
        return {"indicators": {row.indicator.code: {day.isoformat(): cell.shown for day, cell in
                                                    zip(self.dates, row.cells, strict=True)} for row in self.rows}}


def _shown(indicator: Indicator, value, suppress: bool, parts_at=None):
    if not suppress:
        return value
    if indicator.counts_people and small(value):
        return HIDDEN
    if indicator.is_ratio and parts_at is not None and ratio_hidden(indicator, parts_at):
        return BLOCKED
    return value


def build(*, scope: Scope, dates: list[date], groups=("stata",), breakdowns=(), suppress=False,
          progress=None) -> Report:
    """`progress(done)` is called after the table and after each breakdown (an export shows it)."""
    chosen = in_groups(groups)
    with_parts = _with_parts(chosen)  # a ratio's parts decide whether the ratio may be shown
    events = scope.events()
    tallied = scope.whole_programme and _tallies_ready()
    if tallied:
        # A whole programme reads the running tallies (a few thousand rows) rather than all of its events.
        zeros = {i.code: dict.fromkeys((d.isoformat() for d in dates), 0) for i in with_parts}
        figures = tally.figures(scope.programme.pk, "", dates, with_parts).get(None, zeros)
    else:
        figures = compute(events, dates, [i.code for i in with_parts])
    closed = {}
    if scope.whole_programme:
        closed = {c.date: c for c in Cutoff.objects.closed().filter(programme=scope.programme, date__in=dates)}
    targets = targets_for(scope)
    rows = []
    for indicator in chosen:
        cells = []
        for day in dates:
            live = figures[indicator.code][day.isoformat()]
            cutoff = closed.get(day)
            reported = cutoff.figures.get(indicator.code, live) if cutoff else live
            parts_at = {code: figures[code][day.isoformat()] for code in indicator.parts or ()}
            cell = Cell(reported, _shown(indicator, reported, suppress, parts_at))
            if reported != live:
                cell.corrected = _shown(indicator, live, suppress, parts_at)
            cells.append(cell)
        changes(cells, suppress)
        target = targets.get(indicator.code)
        last = cells[-1].value if cells else None
        share = round(100 * last / target, 1) if target and isinstance(last, int | float) else None
        if suppress and cells and cells[-1].shown in MARKS:
            share = None
        rows.append(Row(indicator, str(indicator.label), cells, target, share))
    sections = []
    for done, code in enumerate(breakdowns, start=1):
        if progress:
            progress(done)
        sections.append(_section(bd.BY_CODE[code], events, dates, chosen, suppress,
                                 scope.programme.pk if tallied and code in tally.DIMS else None))
    report = Report(scope, dates, rows, sections, closed, suppress)
    if suppress and scope.filters:  # what the same report without the filters would let a reader subtract
        against_unfiltered(report, build(scope=replace(scope, filters={}), dates=dates, groups=groups,
                                         breakdowns=breakdowns, suppress=True))
        for row in [*report.rows, *(r for s in report.sections for _i, rs in s.blocks for r in rs)]:
            changes(row.cells, suppress)
    if progress:
        progress(len(breakdowns) + 1)
    return report


def _tallies_ready() -> bool:
    try:
        tally.refresh()
    except tally.Busy:  # a long import is still writing: count this report from the events, as they stand
        return False
    return True


def _section(breakdown: bd.Breakdown, events, dates, chosen: list[Indicator], suppress: bool,
             tallied_programme=None) -> Section:
    codes = {i.code for i in chosen} | {part for i in chosen if i.is_ratio for part in i.parts}
    if tallied_programme is not None:
        grouped = tally.figures(tallied_programme, breakdown.code, dates, [BY_CODE[c] for c in sorted(codes)])
    else:
        grouped = compute(events, dates, sorted(codes), by=breakdown.expression())
    labels = breakdown.labels(list(grouped))
    order = [key for key, _label in sorted(labels.items(), key=bd.sort_key)]
    hidden = _hidden_cells(grouped, order, codes, dates) if suppress else {}
    blocks = []
    for indicator in chosen:
        rows = []
        for key in order:
            cells = []
            for day in dates:
                value = grouped[key][indicator.code][day.isoformat()]
                mark = hidden.get((key, indicator.code, day))
                if indicator.is_ratio and suppress and (
                        any(hidden.get((key, part, day)) for part in indicator.parts)
                        or ratio_hidden(indicator, {p: grouped[key][p][day.isoformat()] for p in indicator.parts})):
                    mark = BLOCKED
                cells.append(Cell(value, mark or value))
            changes(cells, suppress)
            rows.append(Row(indicator, labels[key], cells, key=key))
        blocks.append((indicator, rows))
    return Section(breakdown, blocks)


def _hidden_cells(grouped, order, codes, dates) -> dict:
    """(group key, code, date) → "< 5" or "x" for each count cell that must not be shown."""
    hidden = {}
    for code in codes:
        if not BY_CODE[code].counts_people:
            continue
        for day in dates:
            column = {key: grouped[key][code][day.isoformat()] for key in order}
            for key, mark in suppress_column(column).items():
                hidden[(key, code, day)] = mark
    return hidden


def describe_filters(scope: Scope) -> list[str]:
    """'Breakdown: value' for each filter, for headings and exports."""
    parts = []
    for code, key in scope.filters.items():
        breakdown = bd.BY_CODE[code]
        parts.append(f"{breakdown.label}: {breakdown.labels([key])[key]}")
    return parts or [_("alle")]
