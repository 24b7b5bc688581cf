"""The monitoring benchmark: the cut-off report (the six StaTA indicators at six cut-off dates) for the
largest generated programme, whole and with three breakdowns, as the page builds it (from the running tallies
kept from the case events); and the
same figures from DuckDB over the same events, exported once to Parquet, with the ratio of the two times and
a check that both gave the same numbers.

DuckDB is a development dependency (requirements-test.txt); the product never needs it.
"""

import csv
import functools
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from django.db.models import Count
from django.utils import timezone

from netzlotse.cases.models import CaseEvent
from netzlotse.core.bench import operation, percentile
from netzlotse.network.models import Programme

from .indicators import FOLLOW_UP_CONTACTS, STATA_CODES
from .report import Scope, build

BREAKDOWNS = ["geschlecht", "altersgruppe", "kreis"]
RUNS = 10  # each run reads every event of a third of all cases; ten give a stable median
CSV_TYPES = ("{'kind': 'VARCHAR', 'early': 'BOOLEAN', 'placement': 'BIGINT', 'district_id': 'BIGINT', "
             "'gender': 'VARCHAR', 'birth_date': 'DATE', 'programme_id': 'BIGINT'}")
EXPORT_COLUMNS = ["type", "date", "participant_id", "programme_id", "kind", "early", "placement", "gender",
                  "district_id", "birth_date"]


@functools.cache  # one benchmark process reads one database
def _programme():
    """The generated programme with the most case events."""
    return (Programme.objects.filter(short_name__startswith="GEN-P").annotate(n=Count("projects__cases"))
            .order_by("-n").first())


def _dates():
    """Six quarterly cut-off dates back from today, as a programme reports over a year and a half."""
    today = timezone.localdate().replace(day=1)
    return sorted(today - timedelta(days=91 * k) for k in range(6))


def _export(path: Path) -> None:
    """The events as one flat table (the JSON fields a figure needs as columns), written once as CSV."""
    rows = CaseEvent.objects.values_list("type", "date", "participant_id", "project__programme_id", "data__kind",
                                         "data__early", "data__placement", "participant__gender",
                                         "participant__district_id", "participant__birth_date")
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(EXPORT_COLUMNS)
        for row in rows.iterator(chunk_size=50_000):
            writer.writerow(["" if value is None else str(value).lower() if isinstance(value, bool) else value
                             for value in row])


class DuckDB:
    """The same indicators over the Parquet export, in DuckDB's SQL."""

    def __init__(self, folder: Path):
        import duckdb

        csv_path, self.parquet = folder / "events.csv", folder / "events.parquet"
        _export(csv_path)
        self.db = duckdb.connect()
        source = f"read_csv('{csv_path}', header=true, types={CSV_TYPES})"
        self.db.execute(f"COPY (SELECT * FROM {source}) TO '{self.parquet}' (FORMAT parquet)")  # noqa: S608 - own paths
        csv_path.unlink()

    def figures(self, programme_id: int, dates, by: str | None = None) -> dict:
        """{group key or None: {code: {"YYYY-MM-DD": value}}}."""
        kinds = ", ".join(f"'{k}'" for k in FOLLOW_UP_CONTACTS)
        key = {None: "NULL", "geschlecht": "gender", "kreis": "district_id", "altersgruppe": _AGE_BAND}[by]
        parts = []
        for i, day in enumerate(dates):
            d = f"DATE '{day.isoformat()}'"
            parts += [f"count(*) FILTER (WHERE type = 'profiling' AND date <= {d}) AS profilings_{i}",
                      f"count(DISTINCT participant_id) FILTER (WHERE type = 'admission' AND date <= {d}) AS admissions_{i}",
                      f"count(*) FILTER (WHERE (type = 'follow_up' OR (type = 'contact' AND kind IN ({kinds}))) "
                      f"AND date <= {d}) AS follow_ups_{i}",
                      f"count(*) FILTER (WHERE type = 'placement_started' AND date <= {d}) - count(*) FILTER "
                      f"(WHERE type = 'placement_ended' AND date <= {d}) AS slots_occupied_{i}",
                      f"count(*) FILTER (WHERE type = 'placement_ended' AND early AND date <= {d}) "
                      f"AS placements_ended_early_{i}"]
        sql = (f"SELECT {key} AS k, {', '.join(parts)} FROM read_parquet('{self.parquet}') "  # noqa: S608 - own SQL
               f"WHERE programme_id = {int(programme_id)} GROUP BY k")
        result = {}
        for row in self.db.execute(sql).fetchall():
            values = dict(zip(["k", *[p.rsplit(" AS ", 1)[1] for p in parts]], row, strict=True))
            result[values["k"]] = {code: {day.isoformat(): values[f"{code}_{i}"] for i, day in enumerate(dates)}
                                   for code in STATA_CODES if code != "placements_planned"}
        planned = self._planned(programme_id, dates, key)
        for k in set(result) | set(planned):
            result.setdefault(k, {code: dict.fromkeys((d.isoformat() for d in dates), 0) for code in STATA_CODES
                                  if code != "placements_planned"})
            result[k]["placements_planned"] = planned.get(k, dict.fromkeys((d.isoformat() for d in dates), 0))
        return result

    def _planned(self, programme_id, dates, key) -> dict:
        counts = ", ".join(f"count(*) FILTER (WHERE planned <= DATE '{d}' AND (closed IS NULL OR closed > DATE '{d}'))"
                           for d in dates)
        sql = (f"WITH p AS (SELECT {key} AS k, placement, min(date) FILTER (WHERE type = 'placement_planned') AS planned, "  # noqa: S608
               f"min(date) FILTER (WHERE type IN ('placement_started', 'placement_cancelled')) AS closed "
               f"FROM read_parquet('{self.parquet}') WHERE programme_id = {int(programme_id)} AND placement IS NOT NULL "
               f"GROUP BY k, placement) SELECT k, {counts} FROM p WHERE planned IS NOT NULL GROUP BY k")
        return {row[0]: {d.isoformat(): n for d, n in zip(dates, row[1:], strict=True)}
                for row in self.db.execute(sql).fetchall()}


_AGE = ("(year(date) - year(birth_date) - CASE WHEN month(date) < month(birth_date) OR (month(date) = "
        "month(birth_date) AND day(date) < day(birth_date)) THEN 1 ELSE 0 END)")
_AGE_BAND = (f"CASE WHEN birth_date IS NULL THEN NULL WHEN {_AGE} < 18 THEN 'u18' WHEN {_AGE} < 30 THEN '18_29' "
             f"WHEN {_AGE} < 55 THEN '30_54' ELSE '55plus' END")


def _orm(programme, dates, breakdowns=()):
    return build(scope=Scope(programme=programme), dates=dates, breakdowns=breakdowns)


def _orm_figures(report) -> dict:
    return {None: {row.indicator.code: {d.isoformat(): c.value for d, c in zip(report.dates, row.cells, strict=True)}
                   for row in report.rows}}


def _section_figures(section, dates) -> dict:
    out = {}
    for indicator, rows in section.blocks:
        for row in rows:
            out.setdefault(row.key, {})[indicator.code] = {d.isoformat(): c.value for d, c in zip(dates, row.cells,
                                                                                              strict=True)}
    return out


def _compare(ctx, programme, dates):
    """Time both, check the numbers agree, and note the ratio (once per benchmark run)."""
    if getattr(ctx, "_monitoring", None) is not None:
        return ctx._monitoring
    folder = Path(tempfile.mkdtemp(prefix="netzlotse-bench-"))
    started = time.perf_counter()
    duck = DuckDB(folder)
    export_s = time.perf_counter() - started
    runs = min(ctx.runs, RUNS)
    result = {"whole": {}, "breakdowns": {}}
    _orm(programme, dates)  # warm the caches of both before timing
    duck.figures(programme.pk, dates)
    result["whole"]["orm"] = ctx.time_calls(lambda: _orm(programme, dates), runs)
    result["whole"]["duckdb"] = ctx.time_calls(lambda: duck.figures(programme.pk, dates), runs)
    same = _orm_figures(_orm(programme, dates)) == {None: duck.figures(programme.pk, dates)[None]}
    result["breakdowns"]["orm"] = ctx.time_calls(lambda: _orm(programme, dates, BREAKDOWNS), runs)
    result["breakdowns"]["duckdb"] = ctx.time_calls(
        lambda: [duck.figures(programme.pk, dates, by) for by in BREAKDOWNS], runs)
    report = _orm(programme, dates, BREAKDOWNS)
    for code, section in zip(BREAKDOWNS, report.sections, strict=True):
        same = same and _section_figures(section, dates) == duck.figures(programme.pk, dates, code)
    for name, times in result.items():
        orm, duckdb = percentile(times["orm"], 50), percentile(times["duckdb"], 50)
        ctx.notes.append(f"monitoring {name}: ORM p50 {orm:.0f} ms, DuckDB p50 {duckdb:.0f} ms, "
                         f"Verhältnis {orm / duckdb:.2g}")
    ctx.notes.append(f"monitoring: Export nach Parquet {export_s:.0f} s; gleiche Zahlen: {'ja' if same else 'NEIN'}")
    if not same:
        raise RuntimeError("ORM und DuckDB ergeben verschiedene Zahlen")
    ctx._monitoring = result
    return result


@operation("monitoring_report", goal_ms=1000)
def monitoring_report(ctx):
    """Six indicators at six cut-off dates for the largest programme, as the report page builds them."""
    programme = _programme()
    return _compare(ctx, programme, _dates())["whole"]["orm"]


@operation("monitoring_breakdowns", goal_ms=1000)
def monitoring_breakdowns(ctx):
    """The same report broken down by gender, age band and district of residence."""
    programme = _programme()
    return _compare(ctx, programme, _dates())["breakdowns"]["orm"]
