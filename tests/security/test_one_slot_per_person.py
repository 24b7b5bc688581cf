"""Finding 8 of the security review: one person holds one slot at a time and is at most once at a site (also
on its waiting list) — in the database, in the booking service and page, and in both history imports."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from netzlotse.cases.models import Case, Participant, Placement, PlacementSite
from netzlotse.cases.services import AlreadyPlaced, SiteFull, placement_book, placement_end
from netzlotse.cases.tests.test_pages import verified
from netzlotse.network.models import Project

TODAY = timezone.localdate()


@pytest.fixture
def sites(world):
    project = Project.objects.create(name="AGH", lead=world.provider_a)
    return [PlacementSite.objects.create(project=project, organization=world.provider_a, name=name, slots=1,
                                         code=name.upper()) for name in ("Garten", "Tafel")]


def person(world, last="Lehmann"):
    participant = Participant.objects.create(organization=world.provider_a, first_name="Mia", last_name=last,
                                             birth_date=date(1985, 3, 1))
    return Case.objects.create(participant=participant, organization=world.provider_a, opened_on=TODAY)


def test_the_database_refuses_a_second_open_placement(world, sites):
    case = person(world)
    Placement.objects.create(case=case, site=sites[0], status="active", planned_start=TODAY)
    with pytest.raises(IntegrityError), transaction.atomic():
        Placement.objects.create(case=case, site=sites[1], status="planned", planned_start=TODAY)
    Placement.objects.create(case=case, site=sites[1], status="waiting", planned_start=TODAY)  # waiting elsewhere: fine
    with pytest.raises(IntegrityError), transaction.atomic():
        Placement.objects.create(case=case, site=sites[1], status="waiting", planned_start=TODAY)


def test_booking_a_second_slot_or_the_same_waiting_list_twice_is_refused(world, sites):
    case, other = person(world), person(world, "Krause")
    placement_book(case=case, site=sites[0], start=TODAY, by=None)
    with pytest.raises(AlreadyPlaced):
        placement_book(case=case, site=sites[1], start=TODAY, by=None)
    with pytest.raises(SiteFull):
        placement_book(case=other, site=sites[0], start=TODAY, by=None)
    with pytest.raises(AlreadyPlaced):
        placement_book(case=other, site=sites[0], start=TODAY, by=None)
    assert Placement.objects.filter(case=other).count() == 1


def test_a_person_holding_a_slot_elsewhere_is_passed_over_on_the_waiting_list(world, sites):
    first, waiting_but_placed, waiting = person(world), person(world, "Krause"), person(world, "Schulz")
    running = placement_book(case=first, site=sites[0], start=TODAY, by=None)
    for case in (waiting_but_placed, waiting):
        with pytest.raises(SiteFull):
            placement_book(case=case, site=sites[0], start=TODAY, by=None)
    placement_book(case=waiting_but_placed, site=sites[1], start=TODAY, by=None)  # placed at the other site
    ended = placement_end(placement=running, reason="regulaer", early=False, by=None)
    assert ended.moved_up.case == waiting


def test_the_booking_page_says_why_at_the_field(client, world, sites):
    case = person(world)
    placement_book(case=case, site=sites[0], start=TODAY, by=None)
    verified(client, world.counsellor)
    response = client.post(reverse("cases:book", args=[case.pk]), {"site": sites[1].pk, "start": TODAY.isoformat()})
    assert response.status_code == 200
    assert "hat schon einen Platz in Garten" in response.context["form"].errors["site"][0]
    assert case.placements.count() == 1


def test_a_history_with_two_slots_at_once_is_refused(stata_like):
    from netzlotse.monitoring.history import history_import
    from netzlotse.monitoring.tests.test_history import csv_file

    programme = stata_like
    rows = [{"teilnehmer": "TN-Z1", "datum": "2019-01-02", "ereignis": "aufnahme", "organisation": "bic",
             "projekt": "STATA-01"},
            {"teilnehmer": "TN-Z1", "datum": "2019-01-05", "ereignis": "platzierung_beginn", "einsatzstelle": "AGH-01"},
            {"teilnehmer": "TN-Z1", "datum": "2019-01-06", "ereignis": "platzierung_beginn", "einsatzstelle": "AGH-02"}]
    plan = history_import(filename="h.csv", content=csv_file(rows), by=None, programme=programme, create_missing=True)
    assert not plan.written and [(e.row, e.column) for e in plan.errors] == [(4, "einsatzstelle")]
    assert "einen Platz zur Zeit" in plan.errors[0].message


@pytest.fixture
def stata_like(db):
    from netzlotse.network.models import Organization, Programme

    programme = Programme.objects.create(name="StaTA", short_name="StaTA")
    centre = Organization.objects.create(name="Intensivbetreuung", external_id="bic")
    for i in (1, 2):
        project = Project.objects.create(name=f"StaTA-Projekt {i:02d}", code=f"STATA-{i:02d}", lead=centre,
                                         programme=programme)
        PlacementSite.objects.create(project=project, organization=centre, name=f"AGH {i}", code=f"AGH-{i:02d}", slots=2)
    return programme
