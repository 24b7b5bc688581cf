"""The StaTA programme's history as its interim report tells it (Landkreis Stendal, 2017–2019): the monitoring
table at six cut-off dates in 2018 (figures from the report, see docs/data-sources.md), and a history of single
events that produces exactly that table when imported. The demo imports it at its real dates, and a test proves
the table is rebuilt; the people in it are invented (codes only)."""

import csv
import io
from dataclasses import dataclass
from datetime import date, timedelta

HEADERS = ["teilnehmer", "datum", "ereignis", "organisation", "projekt", "einsatzstelle", "plaetze", "beginn_geplant",
           "grund", "vorzeitig", "ergebnis"]
DATES = [date(2018, 2, 21), date(2018, 5, 8), date(2018, 7, 4), date(2018, 8, 28), date(2018, 10, 23), date(2018, 12, 1)]
TABLE = {
    "profilings": [179, 241, 267, 287, 296, 302],
    "admissions": [117, 146, 156, 170, 177, 181],
    "follow_ups": [39, 102, 237, 368, 498, 605],
    "slots_occupied": [0, 85, 94, 99, 108, 111],
    "placements_planned": [0, 11, 2, 7, 2, 2],
    "placements_ended_early": [0, 4, 11, 16, 16, 17],
}
SLOTS = [3] * 29 + [2] * 13  # 42 projects with one site each, 113 slots
FIRST_DAY = date(2017, 12, 1)
# After the last cut-off date the first funding period closes: every placement ends, every case is left.
PERIOD_END = date(2019, 3, 29)
REASONS = ["gesundheit", "ueberforderung", "qualifizierung", "arbeitsaufnahme"]
OUTCOMES = ["sv_beschaeftigung", "weiterbildung", "sonstiges", "sonstiges", "gesundheit", "sv_beschaeftigung"]


@dataclass(frozen=True)
class Names:
    """How the organisations, projects and sites of the installation are called in the file."""

    centre: str = "bic"
    jobcenters: tuple = ("jc-stendal", "jc-havelberg", "jc-osterburg")
    project: str = "STATA-{:02d}"
    site: str = "AGH-{:02d}"
    # As a joint project: admitted at the Jobcenter that profiled them, followed up at the providers and the
    # centre, placed at the providers' sites (site i at provider i mod 7). Empty: everything at the centre.
    providers: tuple = ()

    def admitting(self, person_number: int) -> str:
        return self.jobcenters[person_number % 3] if self.providers else self.centre

    def following_up(self, i: int) -> str:
        return (self.centre, *self.providers)[i % (len(self.providers) + 1)] if self.providers else ""

    def running(self, site: str) -> str:
        return self.providers[(int(site.rsplit("-", 1)[1]) - 1) % len(self.providers)] if self.providers else ""


def history_rows(names: Names = Names(), *, period_end: bool = True) -> list[dict]:  # noqa: B008 - frozen
    """Rows that produce the table: per interval between cut-off dates, the profilings, admissions and
    follow-ups that happened in it, the placements that began (planned before or directly), ended early and
    were planned to begin later, in that order, so no site is ever overbooked. With `period_end`, the rows
    that close the funding period follow (after the last cut-off date, so the table stays as it is)."""
    rows = []
    free = {names.site.format(i): n for i, n in enumerate(SLOTS, start=1)}
    profiled, admitted, active, planned = [], [], [], []  # active, planned: (person, site)
    start = FIRST_DAY
    previous = dict.fromkeys(TABLE, 0)
    for k, cut in enumerate(DATES):
        want = {code: values[k] - previous[code] for code, values in TABLE.items()}
        started_total = TABLE["slots_occupied"][k] + TABLE["placements_ended_early"][k]
        started_before = previous["slots_occupied"] + previous["placements_ended_early"]

        def day(offset, start=start):  # one interval's calendar
            return start + timedelta(days=offset)

        for _ in range(want["profilings"]):
            person = f"TN-H{len(profiled) + 1:04d}"
            profiled.append(person)
            rows.append({"teilnehmer": person, "datum": day(0), "ereignis": "profiling",
                         "organisation": names.jobcenters[len(profiled) % 3],
                         "projekt": names.project.format(len(profiled) % 42 + 1)})
        for _ in range(want["admissions"]):
            person = profiled[len(admitted)]
            admitted.append(person)
            rows.append({"teilnehmer": person, "datum": day(1), "ereignis": "aufnahme",
                         "organisation": names.admitting(len(admitted)),
                         "projekt": names.project.format(len(admitted) % 42 + 1)})
        for i in range(want["follow_ups"]):
            rows.append({"teilnehmer": admitted[i % len(admitted)], "datum": day(2 + i % 30), "ereignis": "folgegespraech",
                         "organisation": names.following_up(i)})
        starts = started_total - started_before
        placed = {p for p, _s in active} | {p for p, _s in planned}
        ended = {r["teilnehmer"] for r in rows if r["ereignis"] == "platzierung_ende"}
        waiting = [p for p in admitted if p not in placed and p not in ended]
        for person, site in planned:
            rows.append({"teilnehmer": person, "datum": day(33), "ereignis": "platzierung_beginn", "einsatzstelle": site})
            active.append((person, site))
        for _ in range(starts - len(planned)):
            person, site = waiting.pop(0), next(s for s, n in free.items() if n)
            free[site] -= 1
            rows.append({"teilnehmer": person, "datum": day(34), "ereignis": "platzierung_beginn", "einsatzstelle": site})
            active.append((person, site))
        for _ in range(want["placements_ended_early"]):
            person, site = active.pop(0)
            free[site] += 1
            rows.append({"teilnehmer": person, "datum": day(35), "ereignis": "platzierung_ende", "einsatzstelle": site,
                         "grund": REASONS[len(rows) % 4], "vorzeitig": "ja"})
        planned = []
        for _ in range(TABLE["placements_planned"][k]):
            person, site = waiting.pop(0), next(s for s, n in free.items() if n)
            free[site] -= 1
            rows.append({"teilnehmer": person, "datum": day(36), "ereignis": "platzierung_geplant", "einsatzstelle": site,
                         "beginn_geplant": cut + timedelta(days=31)})
            planned.append((person, site))
        previous = {code: values[k] for code, values in TABLE.items()}
        start = cut + timedelta(days=1)
    if period_end:
        rows += _period_end(admitted, active, planned)
    for row in rows:  # a placement happens where its site is
        if row.get("einsatzstelle"):
            row["organisation"] = names.running(row["einsatzstelle"])
    return rows


def _period_end(admitted, active, planned) -> list[dict]:
    rows = [{"teilnehmer": person, "datum": DATES[-1] + timedelta(days=31), "ereignis": "platzierung_beginn",
             "einsatzstelle": site} for person, site in planned]
    rows += [{"teilnehmer": person, "datum": PERIOD_END, "ereignis": "platzierung_ende", "einsatzstelle": site,
              "grund": "regulaer", "vorzeitig": "nein"} for person, site in active + planned]
    rows += [{"teilnehmer": person, "datum": PERIOD_END + timedelta(days=2), "ereignis": "austritt",
              "ergebnis": OUTCOMES[i % len(OUTCOMES)], "vorzeitig": "nein"} for i, person in enumerate(admitted)]
    return rows


def csv_bytes(rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow([row.get(h, "") for h in HEADERS])
    return buffer.getvalue().encode()
