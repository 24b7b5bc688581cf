import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from netzlotse.directory.generate import PREFIX
from netzlotse.directory.models import Offer
from netzlotse.network.models import Organization, Programme


def test_it_generates_a_region_sized_network_and_replaces_it(db, capsys):
    call_command("generate_data", "--size", "region")
    assert Offer.objects.filter(external_id__startswith=PREFIX).count() == 1000
    assert Organization.objects.filter(external_id__startswith=PREFIX).count() == 100
    offer = Offer.objects.filter(external_id__startswith=PREFIX, status="published").first()
    assert offer.phases.exists() and offer.locations.exists() and offer.search_text
    with pytest.raises(CommandError):
        call_command("generate_data", "--size", "region")
    call_command("generate_data", "--size", "region", "--replace")
    assert Offer.objects.filter(external_id__startswith=PREFIX).count() == 1000


def test_it_generates_case_files_with_their_events_and_removes_them(db):
    from netzlotse.cases import generate as cases
    from netzlotse.cases.models import Case, CaseEvent, Participant

    call_command("generate_data", "--size", "region")
    people = Participant.objects.filter(code__startswith=cases.CODE_PREFIX)
    assert people.count() == 10_000 and Case.objects.count() == 10_000
    assert 120_000 < CaseEvent.objects.count() < 200_000  # about fifteen per person
    case = Case.objects.filter(closed_on__isnull=False).first()
    assert case.events.filter(type="exit", reason=case.outcome).exists()
    # Cases belong to the projects of generated programmes, so the monitoring has programmes to report on.
    assert case.project.programme.short_name.startswith("GEN-P") and not case.events.filter(project=None).exists()
    assert case.events.filter(type="admission", date=case.opened_on).exists()
    for _i in range(40):  # the id sequences continue after the generated rows; real codes are never removed
        Participant.objects.create(organization=case.organization, first_name="Neu", last_name="Person",
                                   birth_date="1990-01-01")
    cases.remove()
    assert not people.exists() and not CaseEvent.objects.exists()
    assert not Programme.objects.filter(short_name__startswith="GEN-P").exists()
    assert Participant.objects.count() == 40


def test_the_benchmark_reports_p50_and_p95_per_operation(db, capsys):
    call_command("generate_data", "--size", "region")
    capsys.readouterr()
    operations = {"search", "detail", "hsds_services", "gap_matrix_state", "caseload", "case_page", "matching"}
    call_command("bench", "--size", "region", "--runs", "3", "--json", "--only", *sorted(operations))
    report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert set(report) == operations
    assert all({"p50_ms", "p95_ms", "n"} <= set(row) for row in report.values())


def test_the_monitoring_benchmark_checks_duckdb_against_the_live_report(db, capsys):
    call_command("generate_data", "--size", "region")
    capsys.readouterr()
    call_command("bench", "--size", "region", "--runs", "2", "--only", "monitoring_report", "monitoring_breakdowns")
    out = capsys.readouterr().out
    assert "monitoring_report" in out and "Verhältnis" in out and "gleiche Zahlen: ja" in out


def test_it_generates_surveys_for_the_benchmark_and_removes_them(db, capsys):
    from netzlotse.surveys import generate as surveys
    from netzlotse.surveys.models import Answer, Survey

    call_command("generate_data", "--size", "region")
    results = Survey.objects.get(title__de="GEN-Seminarfeedback (Ergebnisse)")
    assert results.responses.count() == 10_000 and results.questions.count() == 40
    assert Survey.objects.get(title__de__startswith="GEN-Langer").questions.count() == 100
    capsys.readouterr()
    operations = {"survey_save", "question_save", "survey_results", "survey_by_year", "survey_submit"}
    call_command("bench", "--size", "region", "--runs", "2", "--json", "--only", *sorted(operations))
    report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert set(report) - {"notes"} == operations
    assert results.responses.count() > 10_000  # the submissions were real responses
    surveys.remove()
    assert not Survey.objects.filter(title__de__startswith="GEN-").exists() and not Answer.objects.exists()


def test_it_generates_events_for_the_benchmark_and_removes_them(db, capsys):
    from netzlotse.events import generate as events
    from netzlotse.events.models import Event, Registration

    call_command("generate_data", "--size", "region")
    assert Event.objects.filter(title_de__startswith="GEN-Veranstaltung").count() == 50_000
    capsys.readouterr()
    operations = {"events_calendar", "event_registration", "registration_rush", "certificates_200"}
    call_command("bench", "--size", "region", "--runs", "2", "--import-runs", "1", "--json", "--only", *sorted(operations))
    report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert set(report) - {"notes"} == operations and report["registration_rush"]["n"] == 500
    assert "100 mit Platz, 400 auf der Warteliste" in report["notes"][0]
    rush = Event.objects.get(title_de=events.RUSH)
    assert rush.registrations.filter(status=Registration.Status.CONFIRMED).count() == 100
    events.remove()
    assert not Event.objects.filter(title_de__startswith="GEN-").exists()
