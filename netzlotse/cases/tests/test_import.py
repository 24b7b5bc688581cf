"""Importing a participant list and its history: every row checked first, then all or nothing."""

from datetime import timedelta

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from netzlotse.cases.imports import HISTORY_COLUMNS, PEOPLE_COLUMNS, participants_import, template_bytes
from netzlotse.cases.models import Case, CaseEvent, Participant, Placement, PlacementSite
from netzlotse.core.xlsx import workbook_bytes
from netzlotse.directory.tests.spreadsheets import csv_bytes
from netzlotse.network.models import Project

from .test_pages import open_case, verified

TODAY = timezone.localdate()
DAY = (TODAY - timedelta(days=200)).isoformat()


def person(code="SDL-001", **values):
    row = {"teilnehmer": code, "vorname": "Birgit", "nachname": "Lange", "geburtsdatum": "1968-03-14",
           "geschlecht": "f", "wohnkreis": "15090", "deutsch": "C2", "zielgruppen": "langzeitarbeitslose",
           "aufgenommen_am": DAY}
    row.update(values)
    return row


def event(code="SDL-001", days_after=0, ereignis="profiling", **values):
    row = {"teilnehmer": code, "datum": (TODAY - timedelta(days=200 - days_after)).isoformat(), "ereignis": ereignis}
    row.update(values)
    return row


def xlsx(people=(), history=()) -> bytes:
    sheets = {}
    if people is not None:
        headers = [c.header for c in PEOPLE_COLUMNS]
        sheets["Teilnehmende"] = (headers, [[row.get(h) for h in headers] for row in people])
    if history:
        headers = [c.header for c in HISTORY_COLUMNS]
        sheets["Verlauf"] = (headers, [[row.get(h) for h in headers] for row in history])
    return workbook_bytes(sheets)


def make_site(world, slots=1, code="AGH-01"):
    project = Project.objects.create(name="StaTA-Projekt 01", lead=world.provider_a)
    return PlacementSite.objects.create(project=project, organization=world.provider_a, name="Tafel", slots=slots,
                                        code=code)


def test_a_list_with_history_becomes_cases_with_the_same_events_as_the_pages_write(world):
    site = make_site(world)
    content = xlsx(people=[person(beendet_am=(TODAY - timedelta(days=20)).isoformat(), ergebnis="sv_beschaeftigung",
                                  vorzeitig="ja", projekt="StaTA-Projekt 01")],
                   history=[event(), event(days_after=30, ereignis="folgegespraech", dauer_minuten=45),
                            event(days_after=10, ereignis="platzierung_geplant", einsatzstelle="AGH-01",
                                  beginn_geplant=(TODAY - timedelta(days=170)).isoformat()),
                            event(days_after=30, ereignis="platzierung_beginn", einsatzstelle="AGH-01")])
    plan = participants_import(filename="liste.xlsx", content=content, organization=world.provider_a, by=None)
    assert plan.is_valid and plan.written, plan.errors
    case = Case.objects.get(participant__code="SDL-001")
    assert case.opened_on.isoformat() == DAY and case.project.name == "StaTA-Projekt 01"
    assert (case.outcome, case.early_exit) == ("sv_beschaeftigung", True)
    types = list(case.events.order_by("date", "pk").values_list("type", flat=True))
    assert types == ["admission", "profiling", "placement_planned", "follow_up", "placement_started",
                     "placement_ended", "exit"]
    placement = Placement.objects.get(case=case, site=site)
    assert placement.status == "ended" and placement.end_reason == "arbeitsaufnahme"  # ended with the exit
    assert case.participant.target_groups.filter(code="langzeitarbeitslose").exists()


def test_one_bad_row_stops_the_whole_file_and_every_error_names_row_and_column(world):
    make_site(world)
    content = xlsx(people=[person(), person("SDL-002", geburtsdatum="14.13.1968", aufgenommen_am=""),
                           person("SDL-003", vorname="Uwe", wohnkreis="99999", geschlecht="q")],
                   history=[event("SDL-404"), event(ereignis="platzierung_ende", einsatzstelle="AGH-01"),
                            event(days_after=-10), event(ereignis="platzierung_beginn", einsatzstelle="AGH-99")])
    plan = participants_import(filename="liste.xlsx", content=content, organization=world.provider_a, by=None)
    assert not plan.is_valid and not Participant.objects.exists() and not CaseEvent.objects.exists()
    found = {(e.sheet, e.row, e.column) for e in plan.errors}
    assert {("Teilnehmende", 3, "geburtsdatum"), ("Teilnehmende", 4, "wohnkreis"), ("Teilnehmende", 4, "geschlecht"),
            ("Verlauf", 2, "teilnehmer"), ("Verlauf", 3, "ereignis"), ("Verlauf", 4, "datum"),
            ("Verlauf", 5, "einsatzstelle")} <= found
    assert ("Teilnehmende", 3, "aufgenommen_am") in found or ("Teilnehmende", 3, "geburtsdatum") in found


def test_a_site_is_never_overbooked_by_an_import(world):
    make_site(world, slots=1)
    content = xlsx(people=[person(), person("SDL-002", vorname="Uwe", nachname="Voigt")],
                   history=[event(ereignis="platzierung_beginn", einsatzstelle="AGH-01"),
                            event("SDL-002", days_after=5, ereignis="platzierung_beginn", einsatzstelle="AGH-01")])
    plan = participants_import(filename="liste.xlsx", content=content, organization=world.provider_a, by=None)
    assert [(e.sheet, e.row, e.column) for e in plan.errors] == [("Verlauf", 3, "einsatzstelle")]
    assert not Placement.objects.exists()


def test_known_people_are_updated_duplicates_refused_and_codes_of_others_kept_apart(world):
    existing = open_case(world.provider_a)  # Amira Haddad, born 1990-04-02
    foreign = open_case(world.provider_c, last="Fremd")
    content = xlsx(people=[person(existing.participant.code, vorname="Amira", nachname="Haddad-Nasser",
                                  geburtsdatum="1990-04-02"),
                           person("NEU-1", vorname="Amira", nachname="Hadad", geburtsdatum="1990-04-02"),
                           person(foreign.participant.code, vorname="X", nachname="Y")])
    plan = participants_import(filename="liste.xlsx", content=content, organization=world.provider_a, by=None,
                               dry_run=True)
    assert [(e.row, e.column) for e in plan.errors] == [(3, "vorname"), (4, "teilnehmer")]
    assert "Wahrscheinlich schon erfasst als " + existing.participant.code in plan.errors[0].message
    fixed = xlsx(people=[person(existing.participant.code, vorname="Amira", nachname="Haddad-Nasser",
                                geburtsdatum="1990-04-02"),
                         person("NEU-1", vorname="Amira", nachname="Hadad", geburtsdatum="1990-04-02",
                                andere_person="ja")])
    plan = participants_import(filename="liste.xlsx", content=fixed, organization=world.provider_a, by=None)
    assert plan.written and plan.counts()["Teilnehmende"] == {"neu": 1, "aktualisieren": 1, "fehlerhaft": 0}
    existing.participant.refresh_from_db()
    assert existing.participant.last_name == "Haddad-Nasser"
    assert existing.participant.changes.get().changes["last_name"] == ["Haddad", "Haddad-Nasser"]
    assert Case.objects.filter(participant__organization=world.provider_a).count() == 2  # no second case


def test_csv_lists_and_the_command_and_a_formula_is_refused(world, tmp_path, capsys):
    path = tmp_path / "liste.csv"
    path.write_bytes(csv_bytes([person(), person("SDL-002", vorname="=HYPERLINK(1)")], columns=PEOPLE_COLUMNS))
    import pytest
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("import_participants", str(path), "--organisation", "traeger-a")
    assert "Formeln sind nicht erlaubt" in capsys.readouterr().err
    path.write_bytes(csv_bytes([person()], columns=PEOPLE_COLUMNS))
    call_command("import_participants", str(path), "--organisation", "traeger-a", "--dry-run")
    assert not Participant.objects.exists()
    call_command("import_participants", str(path), "--organisation", "traeger-a")
    assert Participant.objects.get().code == "SDL-001"


def test_the_upload_page_checks_then_imports_for_the_counsellors_organisation(client, world):
    verified(client, world.counsellor)
    assert client.get(reverse("cases:import_template")).getvalue()[:2] == b"PK"
    assert template_bytes()[:2] == b"PK"
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("liste.xlsx", xlsx(people=[person()]))
    check = client.post(reverse("cases:import"), {"file": upload})
    assert "Alle Zeilen sind fehlerfrei" in check.content.decode() and not Participant.objects.exists()
    run = check.context["run"]
    client.post(reverse("cases:import_run", args=[run.pk]))
    assert Participant.objects.get().organization == world.provider_a
    assert client.post(reverse("cases:import_run", args=[run.pk])).status_code == 404  # imported once only
