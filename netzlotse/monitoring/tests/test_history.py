"""The history import: a programme's years of events from one spreadsheet, checked row by row, then written
through the case services. The first test rebuilds the StaTA monitoring table from such a file."""

from datetime import date, timedelta

import pytest
from django.core.management import CommandError, call_command

from netzlotse.cases.models import CaseEvent, Participant, Placement, PlacementSite
from netzlotse.monitoring import stata as seed
from netzlotse.monitoring.breakdowns import BY_CODE
from netzlotse.monitoring.history import history_import
from netzlotse.monitoring.indicators import STATA_CODES, compute
from netzlotse.monitoring.report import Scope, build
from netzlotse.network.models import Organization, Programme, Project

HEADERS = seed.HEADERS
DATES, TABLE = seed.DATES, seed.TABLE


def csv_file(rows) -> bytes:
    return seed.csv_bytes(rows)


@pytest.fixture
def stata(db):
    programme = Programme.objects.create(name="Stabilisierung und Teilhabe am Arbeitsleben", short_name="StaTA")
    centre = Organization.objects.create(name="Intensivbetreuung Stendal", external_id="bic")
    for town in ("Stendal", "Havelberg", "Osterburg"):
        Organization.objects.create(name=f"Jobcenter {town}", external_id=f"jc-{town.lower()}",
                                    kind=Organization.Kind.JOBCENTER)
    for i, slots in enumerate([3] * 29 + [2] * 13, start=1):  # 42 projects, 113 slots
        project = Project.objects.create(name=f"StaTA-Projekt {i:02d}", code=f"STATA-{i:02d}", lead=centre,
                                         programme=programme, planned_slots=slots)
        PlacementSite.objects.create(project=project, organization=centre, name=f"AGH {i}", code=f"AGH-{i:02d}",
                                     slots=slots)
    return programme


def stata_history() -> list[dict]:
    return seed.history_rows(period_end=False)


def test_it_rebuilds_the_stata_table_at_its_six_cut_off_dates(stata):
    content = csv_file(seed.history_rows())  # with the close of the funding period after the last date
    checked = history_import(filename="stata.csv", content=content, by=None, programme=stata, create_missing=True,
                             dry_run=True)
    assert checked.is_valid, checked.errors[:5]
    assert not CaseEvent.objects.exists()  # a dry run writes nothing
    plan = history_import(filename="stata.csv", content=content, by=None, programme=stata, create_missing=True)
    assert plan.written
    figures = compute(CaseEvent.objects.filter(project__programme=stata), DATES, STATA_CODES)
    assert {code: list(values.values()) for code, values in figures.items()} == TABLE
    after = compute(CaseEvent.objects.filter(project__programme=stata), [seed.PERIOD_END + timedelta(days=3)],
                    ["slots_occupied", "admissions"])
    assert [list(v.values())[0] for v in after.values()] == [0, 181]  # every slot free again, every case closed
    assert not Placement.objects.filter(status__in=Placement.OCCUPYING).exists()
    # Admitted people keep the Jobcenter that profiled them, for the breakdown by Jobcenter.
    assert Participant.objects.filter(cases__jobcenter__kind=Organization.Kind.JOBCENTER).count() == 181
    # The whole programme's report reads the tallies: the same table, and the same by Jobcenter as counted live.
    report = build(scope=Scope(programme=stata), dates=DATES, breakdowns=["jobcenter"])
    assert {row.indicator.code: [c.value for c in row.cells] for row in report.rows} == TABLE
    live = compute(CaseEvent.objects.filter(project__programme=stata), DATES, STATA_CODES,
                   by=BY_CODE["jobcenter"].expression())
    assert {r.key: [c.value for c in r.cells] for r in report.sections[0].blocks[0][1]} == {
        key: list(values["profilings"].values()) for key, values in live.items() if any(values["profilings"].values())}


def test_without_create_missing_unknown_codes_are_errors_and_nothing_is_written(stata):
    rows = [{"teilnehmer": "TN-NEU1", "datum": "2018-01-10", "ereignis": "profiling", "organisation": "jc-stendal",
             "projekt": "STATA-01"}]
    plan = history_import(filename="h.csv", content=csv_file(rows), by=None, programme=stata)
    assert not plan.is_valid and plan.errors[0].column == "teilnehmer"
    assert not CaseEvent.objects.exists() and not Participant.objects.exists()


def test_each_rule_is_checked_with_row_and_column(stata):
    other = Programme.objects.create(name="Anderes Programm")
    Project.objects.create(name="Fremd", code="FREMD-01", lead=Organization.objects.get(external_id="bic"),
                           programme=other)
    rows = [
        {"teilnehmer": "TN-A", "datum": "2018-01-10", "ereignis": "folgegespraech"},  # 2: new code, no organisation
        {"teilnehmer": "TN-B", "datum": "2018-01-10", "ereignis": "aufnahme", "organisation": "bic",
         "projekt": "STATA-01"},
        {"teilnehmer": "TN-B", "datum": "2018-01-12", "ereignis": "platzierung_ende", "einsatzstelle": "AGH-01"},  # 4
        {"teilnehmer": "TN-B", "datum": "2018-01-09", "ereignis": "austritt", "ergebnis": "umzug"},  # 5: no case yet
        {"teilnehmer": "TN-B", "datum": "2018-02-01", "ereignis": "austritt"},  # 6: no outcome
        {"teilnehmer": "TN-C", "datum": "2018-01-10", "ereignis": "aufnahme", "organisation": "bic",
         "projekt": "FREMD-01"},  # 7: another programme's project
        {"teilnehmer": "TN-D", "datum": "2099-01-01", "ereignis": "profiling", "organisation": "bic",
         "projekt": "STATA-01"},  # 8: future
        {"teilnehmer": "TN-E", "datum": "2018-13-01", "ereignis": "wunder"},  # 9: bad date and event
    ]
    rows += [{"teilnehmer": f"TN-F{i}", "datum": "2018-03-01", "ereignis": "aufnahme", "organisation": "bic",
              "projekt": "STATA-02"} for i in range(4)]
    rows += [{"teilnehmer": f"TN-F{i}", "datum": "2018-03-02", "ereignis": "platzierung_beginn",
              "einsatzstelle": "AGH-02"} for i in range(4)]  # site AGH-02 has three slots: row 17 overbooks
    plan = history_import(filename="h.csv", content=csv_file(rows), by=None, programme=stata, create_missing=True)
    errors = {(e.row, e.column) for e in plan.errors}
    assert {(2, "organisation"), (4, "ereignis"), (5, "ereignis"), (6, "ergebnis"), (7, "projekt"), (8, "datum"),
            (9, "datum"), (9, "ereignis"), (17, "einsatzstelle")} <= errors
    assert not CaseEvent.objects.exists() and not Participant.objects.exists()
    assert Project.objects.count() == 43  # nothing created either


def test_create_missing_adds_people_organisations_projects_and_sites(db):
    programme = Programme.objects.create(name="Landesprogramm", short_name="LP")
    rows = [{"teilnehmer": "TN-X1", "datum": "2019-01-02", "ereignis": "aufnahme", "organisation": "Träger Nord",
             "projekt": "LP-01"},
            {"teilnehmer": "TN-X2", "datum": "2019-01-02", "ereignis": "aufnahme", "organisation": "Träger Nord",
             "projekt": "LP-01"}]
    rows += [{"teilnehmer": code, "datum": "2019-01-05", "ereignis": "platzierung_beginn", "einsatzstelle": "NORD-1",
              "plaetze": 3} for code in ("TN-X1", "TN-X2")]
    rows.append({"teilnehmer": "TN-X1", "datum": "2019-03-01", "ereignis": "austritt", "ergebnis": "sv_beschaeftigung"})
    plan = history_import(filename="h.csv", content=csv_file(rows), by=None, programme=programme, create_missing=True)
    assert plan.written, plan.errors
    site = PlacementSite.objects.get(code="NORD-1")
    assert site.slots == 3 and site.project.programme == programme and site.organization.name == "Träger Nord"
    assert Participant.objects.get(code="TN-X1").birth_date is None  # known by the code alone
    figures = compute(CaseEvent.objects.filter(project__programme=programme), [date(2019, 2, 1), date(2019, 4, 1)])
    assert figures["slots_occupied"] == {"2019-02-01": 2, "2019-04-01": 1}  # the exit ended the placement
    assert figures[f"exits_{'sv_beschaeftigung'}"] == {"2019-02-01": 0, "2019-04-01": 1}


def test_a_new_site_takes_its_slots_from_the_file_never_from_its_placements(db):
    """The slots of a site the file creates come from the column `plaetze`; without it, or with more placements
    than slots, the row is an error and nothing is written (as on the booking page, nothing overbooks)."""
    programme = Programme.objects.create(name="Landesprogramm", short_name="LP")
    admissions = [{"teilnehmer": code, "datum": "2019-01-02", "ereignis": "aufnahme", "organisation": "Träger Nord",
                   "projekt": "LP-01"} for code in ("TN-X1", "TN-X2")]

    def starts(**extra):
        return [{"teilnehmer": code, "datum": "2019-01-05", "ereignis": "platzierung_beginn", "einsatzstelle": "NORD-1",
                 **extra} for code in ("TN-X1", "TN-X2")]

    def errors(rows):
        plan = history_import(filename="h.csv", content=csv_file(rows), by=None, programme=programme, create_missing=True)
        assert not plan.written
        return [(e.row, e.column, e.message) for e in plan.errors]

    missing = errors(admissions + starts())
    assert missing[0][1] == "plaetze" and "Zahl der Plätze" in missing[0][2]
    overbooked = errors(admissions + starts(plaetze=1))
    assert [(row, column) for row, column, _m in overbooked] == [(5, "einsatzstelle")]
    assert "mehr Platzierungen als Plätze (1)" in overbooked[0][2]
    assert not PlacementSite.objects.exists() and not CaseEvent.objects.exists()


def test_a_known_site_keeps_its_slots_and_is_never_overbooked(stata):
    rows = seed.history_rows(period_end=False)
    first = next(r for r in rows if r["ereignis"] == "platzierung_beginn")
    first["plaetze"] = 7  # AGH-01 has 3
    plan = history_import(filename="h.csv", content=csv_file(rows), by=None, programme=stata, create_missing=True)
    assert plan.errors[0].column == "plaetze" and "hat 3 Plätze, die Zeile nennt 7" in plan.errors[0].message
    assert not plan.written
    site = PlacementSite.objects.get(code="AGH-01")
    site.slots = 1
    site.save()
    del first["plaetze"]
    plan = history_import(filename="h.csv", content=csv_file(rows), by=None, programme=stata, create_missing=True)
    assert "mehr Platzierungen als Plätze (1)" in plan.errors[0].message and not plan.written


def test_the_command_checks_and_imports(stata, tmp_path, capsys):
    rows = [{"teilnehmer": "TN-K1", "datum": "2018-01-10", "ereignis": "profiling", "organisation": "Jobcenter Stendal",
             "projekt": "STATA-01"}]
    path = tmp_path / "verlauf.csv"
    path.write_bytes(csv_file(rows))
    call_command("import_history", str(path), "--dry-run", "--create-missing", "--programme", "StaTA")
    assert "nichts geschrieben" in capsys.readouterr().out and not CaseEvent.objects.exists()
    with pytest.raises(CommandError):
        call_command("import_history", str(path))
    call_command("import_history", str(path), "--create-missing", "--programme", "StaTA")
    assert CaseEvent.objects.get().type == CaseEvent.Type.PROFILING

