"""Indicators from hand-built case histories, written through the case services (the events are real)."""

import json
from datetime import date, timedelta

import pytest
from django.core.management import call_command

from netzlotse.cases.models import Case, CaseEvent, Contact, Participant, Placement, PlacementSite
from netzlotse.cases.services import (
    SiteFull,
    case_close,
    case_open,
    case_reopen,
    contact_record,
    participant_register,
    placement_book,
    placement_cancel,
    placement_end,
    placement_start,
)
from netzlotse.monitoring.indicators import compute
from netzlotse.network.models import Organization, Programme, Project

D1, D2, D3 = date(2026, 3, 1), date(2026, 6, 1), date(2026, 9, 1)


@pytest.fixture
def stata(db):
    org = Organization.objects.create(name="Intensivbetreuung")
    programme = Programme.objects.create(name="Stabilisierung und Teilhabe", short_name="StaTA")
    projects = [Project.objects.create(name=f"StaTA-Projekt {i}", lead=org, programme=programme) for i in (1, 2)]
    site = PlacementSite.objects.create(project=projects[0], organization=org, name="Tafel", slots=2)
    return org, programme, projects, site


def admit(org, project, name, day):
    person = participant_register(participant=Participant(organization=org, first_name=name, last_name="Test",
                                                          birth_date=date(1970, 1, 1)), by=None, allow_duplicate=True)
    return case_open(case=Case(participant=person, organization=org, project=project, opened_on=day), by=None)


def figures(programme, dates=(D1, D2, D3)):
    return compute(CaseEvent.objects.filter(project__programme=programme), list(dates))


def test_cumulative_counts_include_an_event_on_the_cut_off_date(stata):
    org, programme, (project, _), _site = stata
    case = admit(org, project, "Anna", D1)
    contact_record(case=case, by=None, contact=Contact(kind=Contact.Kind.PROFILING, date=D1))
    contact_record(case=case, by=None, contact=Contact(kind=Contact.Kind.FOLLOW_UP_PROFILING, date=D2))
    contact_record(case=case, by=None, contact=Contact(kind=Contact.Kind.HOME_VISIT, date=D2 + timedelta(days=1)))
    contact_record(case=case, by=None, contact=Contact(kind=Contact.Kind.PHONE, date=D2))  # not a conversation
    result = figures(programme)
    assert result["profilings"] == {"2026-03-01": 1, "2026-06-01": 1, "2026-09-01": 1}
    assert result["follow_ups"] == {"2026-03-01": 0, "2026-06-01": 1, "2026-09-01": 2}


def test_admissions_count_people_once_even_when_a_case_is_reopened(stata):
    org, programme, (project, _), _site = stata
    case = admit(org, project, "Anna", D1)
    case_close(case=case, outcome=Case.Outcome.HEALTH, early=True, by=None, day=D1 + timedelta(days=10))
    case_reopen(case=case, by=None, reason="zurück", day=D2)
    admit(org, project, "Bernd", D2)
    assert figures(programme)["admissions"] == {"2026-03-01": 1, "2026-06-01": 2, "2026-09-01": 2}


def test_occupied_slots_are_a_stock_and_an_end_on_the_start_day_leaves_none(stata):
    org, programme, (project, _), site = stata
    first, second = admit(org, project, "Anna", date(2026, 1, 5)), admit(org, project, "Bernd", date(2026, 1, 5))
    running = placement_book(case=first, site=site, start=date(2026, 2, 1), by=None)
    short = placement_book(case=second, site=site, start=D2, by=None)
    placement_end(placement=short, reason=Placement.EndReason.OVERLOAD, early=True, by=None, day=D2)
    placement_end(placement=running, reason=Placement.EndReason.WORK, early=True, by=None, day=date(2026, 7, 1))
    result = figures(programme)
    assert result["slots_occupied"] == {"2026-03-01": 1, "2026-06-01": 1, "2026-09-01": 0}
    assert result["placements_ended_early"] == {"2026-03-01": 0, "2026-06-01": 1, "2026-09-01": 2}


def test_planned_placements_are_open_until_started_or_called_off(stata):
    org, programme, (project, _), site = stata
    a, b, c = (admit(org, project, name, date(2026, 1, 5)) for name in ("Anna", "Bernd", "Clara"))
    plan_a = placement_book(case=a, site=site, start=D3, day=date(2026, 2, 1), plan_only=True, by=None)
    plan_b = placement_book(case=b, site=site, start=D3, day=date(2026, 2, 1), plan_only=True, by=None)
    with pytest.raises(SiteFull):
        placement_book(case=c, site=site, start=D3, by=None)
    placement_start(placement=plan_a, by=None, day=date(2026, 4, 1))
    placement_cancel(placement=plan_b, by=None, day=date(2026, 8, 1))  # c moves up, planned from 1 August
    result = figures(programme)
    assert result["placements_planned"] == {"2026-03-01": 2, "2026-06-01": 1, "2026-09-01": 1}


def test_a_participant_in_two_projects_counts_in_each_and_the_command_prints_json(stata, capsys):
    org, programme, (first, second), _site = stata
    admit(org, first, "Anna", D1)
    person = Participant.objects.get(first_name="Anna")
    case_open(case=Case(participant=person, organization=org, project=second, opened_on=D2), by=None)
    call_command("report", "--project", first.name, "--dates", "2026-06-01", "--json")
    assert json.loads(capsys.readouterr().out)["indicators"]["admissions"] == {"2026-06-01": 1}
    call_command("report", "--project", str(second.pk), "--dates", "2026-06-01", "--json")
    assert json.loads(capsys.readouterr().out)["indicators"]["admissions"] == {"2026-06-01": 1}
    call_command("report", "--programme", "stata", "--dates", "2026-03-01,2026-06-01")
    out = capsys.readouterr().out
    assert "Teilnehmende aufgenommen" in out and "01.06.2026" in out


def test_duckdb_over_the_parquet_export_gives_the_same_figures(stata, tmp_path):
    """The benchmark's cross-check: DuckDB's SQL must agree with the live figures, placements included."""
    from netzlotse.monitoring.bench import DuckDB

    org, programme, (project, _), site = stata
    first, second = admit(org, project, "Anna", date(2026, 1, 5)), admit(org, project, "Bernd", date(2026, 1, 5))
    contact_record(case=first, by=None, contact=Contact(kind=Contact.Kind.HOME_VISIT, date=D1))
    running = placement_book(case=first, site=site, start=date(2026, 2, 1), by=None)
    placement_book(case=second, site=site, start=D3, day=D1, plan_only=True, by=None)
    placement_end(placement=running, reason=Placement.EndReason.HEALTH, early=True, by=None, day=D2)
    duck = DuckDB(tmp_path).figures(programme.pk, [D1, D2, D3])
    live = figures(programme)
    assert duck == {None: {code: live[code] for code in duck[None]}}
    assert duck[None]["placements_planned"] == {"2026-03-01": 1, "2026-06-01": 1, "2026-09-01": 1}
    assert duck[None]["placements_ended_early"]["2026-06-01"] == 1
