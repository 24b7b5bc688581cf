"""Running tallies of the indicators: per programme, day (and month), measure, and breakdown group.

A whole programme's report would otherwise read every one of its events (millions at national scale). Since
case events are only ever appended, the tallies can follow them: `refresh()` reads the events written since
the last refresh and the participants changed since then, takes back what each of those people had
contributed and counts their events again, and moves the watermark on. Reports call it first, so a figure is
right the moment its event is saved. The counting below follows the indicator definitions in indicators.py
(their Q objects are evaluated on each event) and the breakdown groups in breakdowns.py; the test suite
checks that tallies and the live computation agree.
"""

from collections import Counter, defaultdict
from datetime import date, timedelta

from django.db import OperationalError, connection, transaction
from django.db.models import Max, Q, Sum
from django.utils import timezone

from netzlotse.cases.models import Case, CaseEvent, Participant, ResidenceRecord
from netzlotse.cases.writers import WRITER_LOCK  # the contract this module reads the case file under
from netzlotse.core.dates import parse_date
from netzlotse.network.models import Organization, Project

from .indicators import INDICATORS
from .models import DailyTally, MonthlyTally, PersonTally, TallyState

E = CaseEvent.Type
# Provider and project have about as many groups as a programme has projects, so their tallies would be as
# large as the events themselves; those two breakdowns are computed from the events directly.
DIMS = ["", "jobcenter", "kreis", "geschlecht", "altersgruppe", "zielgruppe", "aufenthaltsstatus"]
INTEGER_DIMS = {"jobcenter", "kreis", "zielgruppe", "aufenthaltsstatus"}
TALLIED = [i for i in INDICATORS if not i.is_ratio]
BATCH = 2000  # participants re-counted per round
EVENT_FIELDS = ["id", "type", "date", "data", "reason", "participant_id", "project_id", "organization_id", "case_id"]


# --- evaluating an indicator's Q on one event ----------------------------------------------------------------

def _lookup(event: dict, lookup: str, value) -> bool:
    parts = lookup.split("__")
    operator = parts.pop() if parts[-1] == "in" else "exact"
    found = (event["data"] or {}).get(parts[1]) if parts[0] == "data" else event[parts[0]]
    return found in value if operator == "in" else found == value


def matches(q: Q, event: dict) -> bool:
    results = (matches(child, event) if isinstance(child, Q) else _lookup(event, *child) for child in q.children)
    found = all(results) if q.connector == Q.AND else any(results)
    return not found if q.negated else found


# --- the groups an event counts in ----------------------------------------------------------------------------

def _age_band(born: str | None, day: date) -> str | None:
    if not born:
        return None
    born = parse_date(born)
    age = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    return "u18" if age < 18 else "18_29" if age < 30 else "30_54" if age < 55 else "55plus"


def _status_on(records: list, day: date):
    """The status recorded last on or before the day (by date, then entry), else the first one recorded."""
    before = [r for r in records if r[0] <= day.isoformat()]
    if before:
        return max(before)[2]
    return min(records)[2] if records else None


def _keys(event: dict, person: dict, jobcentres: set) -> dict[str, list]:
    org = event["organization_id"]
    # The person's record keeps each case's Jobcenter as counted, so a corrected one is taken back exactly.
    case_jobcenter = person["jobcentres"].get(str(event["case_id"])) if event["case_id"] else None
    jobcenter = case_jobcenter or (org if org in jobcentres else None)
    return {"": [None], "jobcenter": [jobcenter], "kreis": [person["district"]], "geschlecht": [person["gender"]],
            "altersgruppe": [_age_band(person["born"], event["date"])],
            "zielgruppe": person["groups"] or [None],
            "aufenthaltsstatus": [_status_on(person["residence"], event["date"])]}


def contribution(events: list[dict], person: dict, programmes: dict, jobcentres: set) -> Counter:
    """{(programme, dim, key, day, measure): count} for one participant's events."""
    out, firsts, planned, closed = Counter(), {}, {}, {}
    for event in events:
        programme = programmes.get(event["project_id"])
        if programme is None:
            continue
        day, groups = event["date"], None
        placement = (event["data"] or {}).get("placement")
        for indicator in TALLIED:
            aggregation = indicator.aggregation
            if aggregation == "open_planned":
                if placement is None:
                    continue
                if event["type"] == E.PLACEMENT_PLANNED:
                    groups = groups or _keys(event, person, jobcentres)
                    for dim, keys in groups.items():
                        for key in keys:
                            entry = (programme, dim, key, placement)
                            planned[entry] = min(day, planned.get(entry, day))
                elif event["type"] in (E.PLACEMENT_STARTED, E.PLACEMENT_CANCELLED):
                    closed[placement] = min(day, closed.get(placement, day))
                continue
            measure = None
            if matches(indicator.events, event):
                measure = indicator.code + ("+in" if aggregation == "stock" else "")
            elif aggregation == "stock" and matches(indicator.ends, event):
                measure = indicator.code + "+out"
            if measure is None:
                continue
            groups = groups or _keys(event, person, jobcentres)
            for dim, keys in groups.items():
                for key in keys:
                    if aggregation == "distinct_participants":  # counted once, on the first such day
                        entry = (programme, dim, key, measure)
                        firsts[entry] = min(day, firsts.get(entry, day))
                    else:
                        out[(programme, dim, key, day, measure)] += 1
    for (programme, dim, key, measure), day in firsts.items():
        out[(programme, dim, key, day, measure)] += 1
    for (programme, dim, key, placement), since in planned.items():
        out[(programme, dim, key, since, "placements_planned+in")] += 1
        if placement in closed:
            out[(programme, dim, key, max(since, closed[placement]), "placements_planned+out")] += 1
    return out


# --- reading people and events, applying changes ----------------------------------------------------------------

def _people(ids) -> dict[int, dict]:
    people = {pk: {"gender": gender, "district": district, "born": born.isoformat() if born else None, "groups": [],
                   "residence": [], "jobcentres": {}}
              for pk, gender, district, born in Participant.objects.filter(pk__in=ids).values_list(
                  "pk", "gender", "district_id", "birth_date")}
    for pk, group in Participant.target_groups.through.objects.filter(participant_id__in=ids).values_list(
            "participant_id", "targetgroup_id"):
        people[pk]["groups"].append(group)
    for pk, recorded, record, status in ResidenceRecord.objects.filter(participant_id__in=ids).values_list(
            "participant_id", "recorded_on", "pk", "status_id"):
        people[pk]["residence"].append([recorded.isoformat(), record, status])
    for pk, case, jobcenter in Case.objects.filter(participant_id__in=ids).values_list("participant_id", "pk",
                                                                                        "jobcenter_id"):
        people[pk]["jobcentres"][str(case)] = jobcenter
    for person in people.values():
        person["groups"].sort()
        person["residence"].sort()
    return people


def _events(ids, up_to: int) -> dict[int, list]:
    events = defaultdict(list)
    for row in CaseEvent.objects.filter(participant_id__in=ids, pk__lte=up_to).order_by("pk").values(*EVENT_FIELDS):
        events[row["participant_id"]].append(row)
    return events


def _context():
    programmes = dict(Project.objects.exclude(programme=None).values_list("pk", "programme_id"))
    jobcentres = set(Organization.objects.filter(kind=Organization.Kind.JOBCENTER).values_list("pk", flat=True))
    return programmes, jobcentres


def _text(dim: str, key) -> str:
    return "" if key is None else str(key)


def _apply(delta: Counter) -> None:
    """Add the changes to the daily and the monthly rows (rows that reach zero are removed)."""
    for model, bucket in ((DailyTally, lambda d: d), (MonthlyTally, lambda d: d.replace(day=1))):
        merged = Counter()
        for (programme, dim, key, day, measure), value in delta.items():
            if value:
                merged[(programme, dim, _text(dim, key), bucket(day), measure)] += value
        merged = {k: v for k, v in merged.items() if v}
        if not merged:
            continue
        existing = {}
        for chunk in _chunks(list(merged), 500):
            condition = Q()
            for programme, dim, key, day, measure in chunk:
                condition |= Q(programme_id=programme, dim=dim, key=key, day=day, measure=measure)
            for row in model.objects.filter(condition):
                existing[(row.programme_id, row.dim, row.key, row.day, row.measure)] = row
        new, changed, gone = [], [], []
        for entry, value in merged.items():
            row = existing.get(entry)
            if row is None:
                programme, dim, key, day, measure = entry
                new.append(model(programme_id=programme, dim=dim, key=key, day=day, measure=measure, value=value))
            elif row.value + value == 0:
                gone.append(row.pk)
            else:
                row.value += value
                changed.append(row)
        model.objects.bulk_create(new, batch_size=5000)
        model.objects.bulk_update(changed, ["value"], batch_size=2000)
        model.objects.filter(pk__in=gone).delete()


def _chunks(items, size):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _recount(ids: list[int], up_to: int, programmes, jobcentres, collect: Counter | None = None) -> None:
    """Take back what these participants counted for and count their events (up to id `up_to`) again. With
    `collect` (the first count, when no tally exists yet) the changes are gathered there instead of written."""
    previous = {t.participant_id: t for t in PersonTally.objects.filter(participant_id__in=ids)} if collect is None \
        else {}
    people, events = _people(ids), _events(ids, up_to)
    delta = Counter() if collect is None else collect
    for pk in ids:
        before = previous.get(pk)
        if before is not None:
            seen = [e for e in events.get(pk, []) if e["id"] <= before.last_event_id]
            counted = before.groups
            if "jobcentres" not in counted and pk in people:  # kept before Jobcenters could change: as they are
                counted = {**counted, "jobcentres": people[pk]["jobcentres"]}
            delta.subtract(contribution(seen, counted, programmes, jobcentres))
        if pk in people:
            delta.update(contribution(events.get(pk, []), people[pk], programmes, jobcentres))
    if collect is None:
        _apply(delta)
        PersonTally.objects.filter(participant_id__in=ids).delete()
    PersonTally.objects.bulk_create([PersonTally(participant_id=pk, last_event_id=up_to, groups=people[pk])
                                     for pk in ids if pk in people], batch_size=5000)


def _insert(collected: Counter) -> None:
    """The first count: every row is new, so they go in without looking for existing ones."""
    from netzlotse.core.bulk import insert_rows

    monthly = Counter()
    daily = []
    for (programme, dim, key, day, measure), value in collected.items():
        if value:
            daily.append((programme, dim, _text(dim, key), day, measure, value))
            monthly[(programme, dim, _text(dim, key), day.replace(day=1), measure)] += value
    columns = ["programme_id", "dim", "key", "day", "measure", "value"]
    for start in range(0, len(daily), 50_000):
        insert_rows(DailyTally._meta.db_table, columns, daily[start:start + 50_000])
    rows = [(*entry, value) for entry, value in monthly.items() if value]
    for start in range(0, len(rows), 50_000):
        insert_rows(MonthlyTally._meta.db_table, columns, rows[start:start + 50_000])


class Busy(Exception):
    """Writers kept the tallies locked past the wait (a long import, say); the report counts live instead."""


# How long a refresh waits for writers; writers that arrive meanwhile queue behind it, so it stays short.
WAIT = "2s"
# SQLite takes a change time from the app's clock before the writer gets the database; a refresh then re-reads
# the people changed in the last minute as well, so a change that commits just after a refresh is not missed.
SQLITE_MARGIN = timedelta(minutes=1)


def _writers_settled():
    """The moment up to which every event and change of a person has committed. On PostgreSQL, ids and
    timestamps are handed out before commit, so a refresh first waits for the transactions writing them (they
    hold the shared lock; new ones wait until this refresh commits) and then reads the database clock."""
    if connection.vendor != "postgresql":
        return timezone.now() - SQLITE_MARGIN
    try:
        with transaction.atomic(), connection.cursor() as cursor:  # a savepoint: a timeout leaves no harm
            cursor.execute(f"SET LOCAL lock_timeout = '{WAIT}'")
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [WRITER_LOCK])
            cursor.execute("SET LOCAL lock_timeout = DEFAULT")
    except OperationalError:
        raise Busy from None
    with connection.cursor() as cursor:
        cursor.execute("SELECT clock_timestamp()")
        return cursor.fetchone()[0]


@transaction.atomic
def refresh() -> int:
    """Bring the tallies up to date; returns how many participants were counted again. Raises Busy if writers
    hold the tallies' lock for longer than WAIT."""
    now = _writers_settled()
    state, _created = TallyState.objects.select_for_update().get_or_create(pk=1)
    up_to = CaseEvent.objects.aggregate(last=Max("pk"))["last"] or 0
    changed = Participant.objects.none() if state.people_changed_until is None else \
        Participant.objects.filter(updated_at__gt=state.people_changed_until)
    if up_to == state.last_event_id and not changed.exists():
        return 0
    ids = set(CaseEvent.objects.filter(pk__gt=state.last_event_id, pk__lte=up_to).values_list(
        "participant_id", flat=True).distinct()) | set(changed.values_list("pk", flat=True))
    programmes, jobcentres = _context()
    first = not DailyTally.objects.exists() and not PersonTally.objects.exists()
    collected = Counter() if first else None
    for chunk in _chunks(sorted(ids), BATCH):
        _recount(chunk, up_to, programmes, jobcentres, collected)
    if first:
        _insert(collected)
    state.last_event_id, state.people_changed_until = up_to, now
    state.save()
    return len(ids)


@transaction.atomic
def rebuild() -> int:
    """Count everything again from the events (after moving projects between programmes, say)."""
    for model in (DailyTally, MonthlyTally, PersonTally, TallyState):
        model.objects.all()._raw_delete(DailyTally.objects.db)
    return refresh()


# --- reading the tallies for a report ---------------------------------------------------------------------------

def sums(programme_id: int, dim: str, dates: list[date]) -> dict:
    """{key: {measure: [sum up to each date]}}: whole months from the monthly rows, the cut-off's own month from
    the daily ones."""
    result = defaultdict(lambda: defaultdict(lambda: [0] * len(dates)))
    monthly = {f"m{i}": Sum("value", filter=Q(day__lt=day.replace(day=1))) for i, day in enumerate(dates)}
    rows = MonthlyTally.objects.filter(programme_id=programme_id, dim=dim, day__lt=max(dates).replace(day=1))
    for row in rows.values("key", "measure").annotate(**monthly):
        for i in range(len(dates)):
            result[row["key"]][row["measure"]][i] += row[f"m{i}"] or 0
    days = Q()
    for day in dates:
        days |= Q(day__gte=day.replace(day=1), day__lte=day)
    daily = {f"d{i}": Sum("value", filter=Q(day__gte=day.replace(day=1), day__lte=day)) for i, day in enumerate(dates)}
    for row in DailyTally.objects.filter(days, programme_id=programme_id, dim=dim).values("key", "measure") \
            .annotate(**daily):
        for i in range(len(dates)):
            result[row["key"]][row["measure"]][i] += row[f"d{i}"] or 0
    return result


def figures(programme_id: int, dim: str, dates: list[date], chosen) -> dict:
    """{key (typed as the breakdown's keys): {code: {"YYYY-MM-DD": value}}} for the indicators chosen
    (ratios included), from the tallies."""
    from .indicators import _with_parts, ratio

    wanted = chosen
    chosen = _with_parts(list(chosen))
    out = {}
    for text, measures in sums(programme_id, dim, dates).items():
        key = (int(text) if dim in INTEGER_DIMS else text) if text != "" else None
        values = {}
        for indicator in chosen:
            if indicator.is_ratio:
                continue
            if indicator.aggregation in ("stock", "open_planned"):
                series = [a - b for a, b in zip(measures[indicator.code + "+in"], measures[indicator.code + "+out"],
                                                strict=True)]
            else:
                series = measures[indicator.code]
            values[indicator.code] = {day.isoformat(): n for day, n in zip(dates, series, strict=True)}
        for indicator in chosen:
            if indicator.is_ratio:
                top, bottom = (values[code] for code in indicator.parts)
                values[indicator.code] = {day: ratio(top[day], bottom[day]) for day in top}
        out[key] = {i.code: values[i.code] for i in wanted}
    return out
