"""Network reporting: per project and year the events held, sessions, hours, registrations, attendees by kind
of organisation, no-show rate and mean feedback score, counted in the database; on the monitoring page of the
programme as its own section and as an Excel file; a funder sees person counts of 1 to 4 suppressed."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from netzlotse.events import reporting
from netzlotse.events.followup import occasion_for
from netzlotse.events.models import Attendance, Registration, Session
from netzlotse.events.tests.factories import training
from netzlotse.network.models import Organization, Programme, Project
from netzlotse.surveys.models import Answer, Response
from netzlotse.surveys.tests.factories import feedback_survey


@pytest.fixture
def programme(world):
    programme = Programme.objects.create(name="Integration durch Qualifizierung", short_name="IQ")
    programme.funders.add(world.funder_org)
    return programme


def _held(world, project, *, people, came, survey=None, scores=()):
    """A two-session training last month: `people` (kind, count) registered, the first `came` attended both."""
    event = training(world.provider_a, capacity=100, days=-40, project=project)
    registrations = []
    for kind, count in people:
        org = Organization.objects.create(name=f"{kind} Musterstadt", kind=kind)
        for n in range(count):
            registrations.append(Registration.objects.create(
                event=event, name=f"{kind} {n}", email=f"{kind}{n}.{event.pk}@example.org", organization=org,
                status=Registration.Status.CONFIRMED, confirmed_at=timezone.now()))
    Attendance.objects.bulk_create([Attendance(session=s, registration=r) for s in event.sessions.all()
                                    for r in registrations[:came]])
    if survey is not None:
        occasion = occasion_for(event, survey)
        useful = survey.questions.get(key="useful")
        for score in scores:
            response = Response.objects.create(survey=survey, occasion=occasion, version=survey.version,
                                               submitted_on=timezone.localdate())
            Answer.objects.create(response=response, question=useful, option=useful.options.get(key=str(score)))
    return event


def test_figures_per_project_and_year(world, programme):
    project = Project.objects.create(name="Anerkennung Sachsen", lead=world.provider_a, programme=programme)
    survey = feedback_survey(world.provider_a, anonymous=True)
    _held(world, project, people=[("jobcenter", 6), ("authority", 4)], came=8, survey=survey, scores=[4, 5, 3, 4, 4])
    _held(world, project, people=[("jobcenter", 5)], came=5)
    training(world.provider_a, project=project, days=20)  # still to come: not held
    year = timezone.localdate().year if (timezone.now() - timedelta(days=40)).year == timezone.localdate().year \
        else timezone.localdate().year - 1
    rows = reporting.build([project])
    assert len(rows) == 1
    r = rows[0]
    assert (r.project, r.year, r.events, r.sessions, r.hours) == (project, year, 2, 4, 16.0)
    assert (r.registrations, r.attendees) == (15, 13)
    assert r.by_kind == {"jobcenter": 11, "authority": 2}
    assert r.no_show == round(2 / 15, 3) and (r.score, r.responses) == (4.0, 5)


def test_a_funder_sees_small_person_counts_suppressed(client, world, programme):
    project = Project.objects.create(name="Anerkennung Sachsen", lead=world.provider_a, programme=programme)
    _held(world, project, people=[("jobcenter", 9), ("authority", 3)], came=11)
    staff = reporting.build([project])[0]
    assert staff.by_kind == {"jobcenter": 9, "authority": 2}
    funder = reporting.build([project], suppress=True)[0]
    assert funder.by_kind["authority"] == "< 5" and funder.by_kind["jobcenter"] == "x"  # 11 − 9 would tell
    client.force_login(world.funder)
    page = client.get(reverse("monitoring:report"), {"programm": programme.pk, "stichtage": "01.03.2026"})
    body = page.content.decode()
    assert page.status_code == 200 and "Veranstaltungen und Schulungen der Projekte" in body and "Anerkennung Sachsen" in body
    assert "&lt; 5" in body
    sheet = load_workbook(io.BytesIO(b"".join(client.get(reverse("events:programme_report", args=[programme.pk]))
                                             .streaming_content))).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][:3] == ["Projekt", "Jahr", "Veranstaltungen"] and values[1][0] == "Anerkennung Sachsen"
    assert "< 5" in values[1] and 2 not in values[1][7:9]
    client.force_login(world.outsider)  # neither funds nor coordinates the programme
    assert client.get(reverse("events:programme_report", args=[programme.pk])).status_code == 403


def test_a_programme_without_events_has_no_section(client, world, programme):
    Project.objects.create(name="Ohne Schulungen", lead=world.provider_a, programme=programme)
    client.force_login(world.funder)
    page = client.get(reverse("monitoring:report"), {"programm": programme.pk, "stichtage": "01.03.2026"})
    assert "Veranstaltungen und Schulungen der Projekte" not in page.content.decode()


def test_the_figures_take_a_few_queries_however_many_events(world, programme, django_assert_max_num_queries):
    project = Project.objects.create(name="Anerkennung Sachsen", lead=world.provider_a, programme=programme)
    for _n in range(6):
        _held(world, project, people=[("jobcenter", 3)], came=2)
    with django_assert_max_num_queries(7):
        reporting.build([project])
    assert Session.objects.count() == 12
