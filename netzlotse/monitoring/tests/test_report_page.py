"""The cut-off report page: programmes in the reader's scope, indicators by date, small cells hidden from funders."""

from datetime import date

from django.urls import reverse

from netzlotse.cases.models import Case, Contact, Participant
from netzlotse.cases.services import case_open, contact_record, participant_register
from netzlotse.network.models import Programme, Project


def programme_with_cases(world, people=6):
    programme = Programme.objects.create(name="Stabilisierung und Teilhabe", short_name="StaTA")
    programme.funders.add(world.funder_org)
    project = Project.objects.create(name="StaTA-Projekt 01", lead=world.provider_a, programme=programme,
                                     network=world.network)
    for i in range(people):
        person = participant_register(participant=Participant(organization=world.provider_a, first_name=f"P{i}",
                                                              last_name="Test", birth_date=date(1970, 1, 1)), by=None,
                                     allow_duplicate=True)
        case = case_open(case=Case(participant=person, organization=world.provider_a, project=project,
                                   opened_on=date(2026, 2, 1)), by=None)
        if i < 2:
            contact_record(case=case, by=None, contact=Contact(kind=Contact.Kind.PROFILING, date=date(2026, 2, 2)))
    return programme


def row(page, code):
    return next(r for r in page.context["report"].rows if r.indicator.code == code)


def test_the_report_shows_indicators_by_cut_off_date_with_the_change(client, world):
    programme = programme_with_cases(world)
    client.force_login(world.coordinator)
    page = client.get(reverse("monitoring:report"), {"programm": programme.pk, "stichtage": "01.01.2026, 01.03.2026"})
    admissions = row(page, "admissions")
    assert [c.shown for c in admissions.cells] == [0, 6] and admissions.cells[1].change == 6
    profilings = row(page, "profilings")
    assert [c.shown for c in profilings.cells] == [0, 2]  # the coordination sees small numbers


def test_funders_see_small_cells_and_small_changes_as_under_five(client, world):
    programme = programme_with_cases(world)
    client.force_login(world.funder)
    page = client.get(reverse("monitoring:report"), {"programm": programme.pk, "stichtage": "01.01.2026, 01.03.2026"})
    profilings = row(page, "profilings")
    assert [c.shown for c in profilings.cells] == [0, "< 5"] and profilings.cells[1].change == "< 5"
    assert "&lt; 5" in page.content.decode()


def test_programmes_outside_the_readers_scope_and_bad_dates_are_refused(client, world):
    other = Programme.objects.create(name="Fremdes Programm")
    programme = programme_with_cases(world, people=1)
    client.force_login(world.funder)
    page = client.get(reverse("monitoring:report"), {"programm": other.pk, "stichtage": "01.03.2026"})
    assert page.status_code == 200 and page.context["report"] is None and "programm" in page.context["form"].errors
    bad = client.get(reverse("monitoring:report"), {"programm": programme.pk, "stichtage": "31.02.2026"})
    assert "stichtage" in bad.context["form"].errors and bad.context["report"] is None
