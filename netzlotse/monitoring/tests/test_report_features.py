"""Targets, closed cut-off dates with corrections, breakdowns with secondary suppression, exports and the API."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from netzlotse.cases.models import Case, Contact, Participant
from netzlotse.cases.services import case_open, contact_record, participant_register
from netzlotse.monitoring import services
from netzlotse.monitoring.indicators import BY_CODE
from netzlotse.monitoring.models import Cutoff
from netzlotse.monitoring.report import BLOCKED, HIDDEN, Scope, build
from netzlotse.network.models import Organization, Programme, Project

FEB, MAR, APR = date(2026, 2, 1), date(2026, 3, 1), date(2026, 4, 1)


def admit(org, project, name, day, gender="f", jobcenter=None, born=date(1980, 5, 5)):
    person = participant_register(participant=Participant(organization=org, first_name=name, last_name="Test",
                                                          birth_date=born, gender=gender), by=None, allow_duplicate=True)
    return case_open(case=Case(participant=person, organization=org, project=project, opened_on=day,
                               jobcenter=jobcenter), by=None)


@pytest.fixture
def programme(world):
    programme = Programme.objects.create(name="Stabilisierung und Teilhabe", short_name="StaTA")
    programme.funders.add(world.funder_org)
    project = Project.objects.create(name="StaTA-Projekt 01", code="STATA-01", lead=world.provider_a,
                                     programme=programme, network=world.network, planned_participants=20)
    north = Organization.objects.create(name="Jobcenter Nord", kind=Organization.Kind.JOBCENTER)
    south = Organization.objects.create(name="Jobcenter Süd", kind=Organization.Kind.JOBCENTER)
    # Nord: 9 women and 3 men; Süd: 6 women; 2 with no Jobcenter: 20 people.
    for i in range(9):
        admit(world.provider_a, project, f"N{i}", FEB, jobcenter=north)
    for i in range(3):
        admit(world.provider_a, project, f"M{i}", FEB, gender="m", jobcenter=north, born=date(2010, 1, 1))
    for i in range(6):
        admit(world.provider_a, project, f"S{i}", MAR, jobcenter=south)
    for i in range(2):
        admit(world.provider_a, project, f"O{i}", MAR)
    return programme


def test_targets_give_the_share_reached_and_projects_add_up(programme):
    scope = Scope(programme=programme)
    admissions = build(scope=scope, dates=[MAR]).rows[1]
    assert (admissions.indicator.code, admissions.target, admissions.progress) == ("admissions", 20, 100.0)
    services.targets_save(programme=programme, values={"admissions": 40, "profilings": None})
    assert build(scope=scope, dates=[MAR]).rows[1].progress == 50.0  # the programme's own target wins


def test_a_closed_date_keeps_its_figure_and_shows_the_correction_beside_it(programme, world):
    cutoff = services.cutoffs_add(programme=programme, dates=[FEB])[0]
    services.cutoff_close(cutoff=cutoff, by=world.coordinator)
    case = Case.objects.filter(project__programme=programme).first()
    contact_record(case=case, by=None, contact=Contact(kind=Contact.Kind.PROFILING, date=FEB))  # entered late
    row = build(scope=Scope(programme=programme), dates=[FEB, MAR]).rows[0]
    assert row.indicator.code == "profilings"
    assert (row.cells[0].value, row.cells[0].corrected) == (0, 1)  # as reported, and as the events say now
    assert row.cells[1].value == 1 and row.cells[1].corrected is None  # an open date is simply live
    with pytest.raises(ValueError):
        services.cutoff_close(cutoff=cutoff, by=world.coordinator)
    assert Cutoff.objects.get().figures["admissions"] == 12


def test_breakdowns_hide_small_cells_and_one_more_so_none_can_be_worked_out(programme):
    report = build(scope=Scope(programme=programme), dates=[MAR], breakdowns=["jobcenter", "geschlecht"],
                   suppress=True)
    jobcentres, genders = report.sections
    admissions = dict(jobcentres.blocks)[next(i for i, _ in jobcentres.blocks if i.code == "admissions")]
    shown = {row.label: row.cells[0].shown for row in admissions}
    # Nord 12 and Süd 6 are shown; the 2 without a Jobcenter are "< 5", and Süd, the next smallest, is blocked,
    # since 20 − 12 − 6 would otherwise give them away.
    assert shown == {"Jobcenter Nord": 12, "Jobcenter Süd": BLOCKED, "ohne Angabe": HIDDEN}
    by_gender = {row.label: row.cells[0].shown for row in genders.blocks[1][1]}
    assert by_gender == {"männlich": HIDDEN, "weiblich": BLOCKED}
    staff = build(scope=Scope(programme=programme), dates=[MAR], breakdowns=["jobcenter"], suppress=False)
    assert {r.label: r.cells[0].shown for r in staff.sections[0].blocks[1][1]}["ohne Angabe"] == 2


def test_filters_and_age_bands_use_the_same_expression(programme):
    scope = Scope(programme=programme, filters={"altersgruppe": "u18"})
    assert build(scope=scope, dates=[MAR]).rows[1].cells[0].value == 3  # born 2010: 16 on admission
    for band, expected in (("u18", 3), ("30_54", 0)):  # two filters at once: the three men are all under 18
        both = Scope(programme=programme, filters={"altersgruppe": band, "geschlecht": "m"})
        assert build(scope=both, dates=[MAR]).rows[1].cells[0].value == expected
    bands = build(scope=Scope(programme=programme), dates=[MAR], breakdowns=["altersgruppe"]).sections[0]
    assert {r.label: r.cells[0].value for r in bands.blocks[1][1]} == {"30 bis 54": 17, "unter 18": 3}


def test_the_page_exports_excel_and_csv_with_the_readers_suppression(client, world, programme):
    client.force_login(world.funder)
    params = {"programm": programme.pk, "stichtage": "01.03.2026", "aufschluesselung": ["jobcenter"]}
    workbook = load_workbook(io.BytesIO(client.get(reverse("monitoring:report"), {**params, "format": "xlsx"}).getvalue()))
    assert workbook.sheetnames[:2] == ["Bericht", "Jobcenter"]
    sheet = workbook["Bericht"]
    assert [c.value for c in sheet[1]][:2] == ["Kennzahl", "01.03.2026"] and sheet["A3"].value == "Teilnehmende aufgenommen"
    assert sheet["B3"].value == 20
    jobcentres = [[c.value for c in row] for row in workbook["Jobcenter"].iter_rows(min_row=2)]
    assert ["Teilnehmende aufgenommen", "ohne Angabe", HIDDEN] in jobcentres
    text = client.get(reverse("monitoring:report"), {**params, "format": "csv"}).getvalue().decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert lines[0][:3] == ["bereich", "gruppe", "kennzahl"]
    assert ["Jobcenter", "Jobcenter Süd", "admissions", "Teilnehmende aufgenommen", "2026-03-01", BLOCKED, ""] in lines
    printable = client.get(reverse("monitoring:report"), {**params, "format": "druck"})
    assert printable.status_code == 200 and "Monitoring StaTA" in printable.content.decode()


def test_coordinators_keep_the_series_and_targets(client, world, programme):
    client.force_login(world.coordinator)
    url = reverse("monitoring:cutoffs", args=[programme.pk])
    assert client.post(url, {"action": "add", "stichtage": "31.02.2026"}).status_code == 200  # bad date: form again
    assert not Cutoff.objects.exists()
    client.post(url, {"action": "add", "stichtage": "01.02.2026, 01.03.2026"})
    first = Cutoff.objects.get(date=FEB)
    client.post(url, {"action": "close", "cutoff": first.pk})
    first.refresh_from_db()
    assert first.is_closed and first.closed_by == world.coordinator
    client.post(url, {"action": "remove", "cutoff": first.pk})  # a closed date stays
    assert Cutoff.objects.count() == 2
    page = client.get(reverse("monitoring:report"), {"programm": programme.pk})  # no dates: the series
    assert page.context["report"].dates == [FEB, MAR]
    targets = reverse("monitoring:targets", args=[programme.pk])
    assert client.post(targets, {"admissions": "-3"}).status_code == 200  # refused, with the form
    client.post(targets, {"admissions": "30"})
    assert page.context["report"].rows[1].target == 20
    assert client.get(reverse("monitoring:report"), {"programm": programme.pk}).context["report"].rows[1].target == 30
    other = Programme.objects.create(name="Fremd")
    assert client.get(reverse("monitoring:cutoffs", args=[other.pk])).status_code == 404


def test_the_target_fields_are_styled_and_exit_outcomes_are_named_in_the_readers_language(client, world, programme):
    client.force_login(world.coordinator)
    page = client.get(reverse("monitoring:targets", args=[programme.pk])).content.decode()
    assert 'class="kern-form-input__input" id="id_admissions"' in page
    with translation.override("en"):
        assert str(BY_CODE["exits_ausbildung"].label) == "of which: Apprenticeship"
    assert str(BY_CODE["exits_ausbildung"].label) == "davon: Ausbildung"


def test_the_api_answers_like_the_command(client, world, programme):
    url = "/api/v1/monitoring/report"
    assert client.get(url, {"programme": "StaTA", "dates": "2026-03-01"}).status_code == 401
    client.force_login(world.coordinator)
    data = client.get(url, {"programme": "stata", "dates": "2026-02-01,2026-03-01"}).json()
    assert data["indicators"]["admissions"] == {"2026-02-01": 12, "2026-03-01": 20}
    assert client.get(url, {"project": "STATA-01", "dates": "2026-03-01"}).json()["indicators"]["admissions"] == {
        "2026-03-01": 20}
    bad = client.get(url, {"programme": "StaTA", "dates": "gestern"})
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["query", "dates"]
    assert client.get(url, {"programme": "Fremd", "dates": "2026-03-01"}).status_code == 422
    client.force_login(world.funder)
    assert client.get(url, {"programme": "StaTA", "dates": "2026-03-01"}).json()["indicators"]["profilings"] == {
        "2026-03-01": 0}
    client.force_login(world.counsellor)
    assert client.get(url, {"programme": "StaTA", "dates": "2026-03-01"}).status_code == 403
