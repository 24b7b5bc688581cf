"""Placements: a free slot is taken, a full site puts people on the waiting list, never overbooked."""

from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from netzlotse.cases.models import Case, CaseEvent, Participant, Placement, PlacementSite
from netzlotse.cases.services import SiteFull, placement_book, placement_end
from netzlotse.network.models import Organization, Project

TODAY = timezone.localdate()


def make_cases(org, n):
    people = Participant.objects.bulk_create(
        [Participant(organization=org, first_name="Person", last_name=f"Nr {i}", birth_date=date(1980, 1, 1),
                     name_key=f"nr person {i}", code=f"TN-TEST{i:03d}") for i in range(n)])
    return Case.objects.bulk_create([Case(participant=p, organization=org) for p in people])


def make_site(slots):
    org = Organization.objects.create(name="Träger der AGH")
    project = Project.objects.create(name="StaTA-Projekt", lead=org)
    return org, PlacementSite.objects.create(project=project, organization=org, name="Grünpflege", slots=slots)


def test_a_full_site_puts_people_on_the_waiting_list_and_an_end_frees_the_slot(db):
    org, site = make_site(1)
    first, second = make_cases(org, 2)
    running = placement_book(case=first, site=site, start=TODAY, by=None)
    assert running.status == Placement.Status.ACTIVE
    with pytest.raises(SiteFull) as full:
        placement_book(case=second, site=site, start=TODAY, by=None)
    assert full.value.placement.status == Placement.Status.WAITING
    placement_end(placement=running, reason=Placement.EndReason.HEALTH, early=True, by=None)
    later = placement_book(case=second, site=site, start=TODAY + timedelta(days=14), by=None)
    assert later.status == Placement.Status.PLANNED  # a planned placement holds its slot already
    ended = first.events.get(type=CaseEvent.Type.PLACEMENT_ENDED)
    assert (ended.reason, ended.data["early"], ended.slot) == ("gesundheit", True, site)
    assert second.events.filter(type=CaseEvent.Type.PLACEMENT_PLANNED).exists()


def test_200_concurrent_bookings_never_overbook_113_slots(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("parallel transactions are tested on PostgreSQL; SQLite admits one writer at a time")
    org, site = make_site(113)
    cases = make_cases(org, 200)

    def attempt(case):
        try:
            placement_book(case=case, site=site, start=TODAY, by=None)
            return "booked"
        except SiteFull:
            return "waiting"
        finally:
            connection.close()  # each worker thread has its own connection

    with ThreadPoolExecutor(max_workers=20) as pool:
        outcomes = list(pool.map(attempt, cases))
    assert outcomes.count("booked") == 113 and outcomes.count("waiting") == 87
    assert site.placements.filter(status__in=Placement.OCCUPYING).count() == 113


def test_the_slots_board_counts_taken_planned_free_and_waiting(client, world):
    from django.urls import reverse

    from .test_pages import verified

    project = Project.objects.create(name="StaTA-Projekt 01", lead=world.provider_a)
    site = PlacementSite.objects.create(project=project, organization=world.provider_a, name="Tafel", slots=2)
    first, second, third = make_cases(world.provider_a, 3)
    placement_book(case=first, site=site, start=TODAY, by=None)
    placement_book(case=second, site=site, start=TODAY + timedelta(days=7), by=None)
    with pytest.raises(SiteFull):
        placement_book(case=third, site=site, start=TODAY, by=None)
    verified(client, world.counsellor)
    board = client.get(reverse("cases:slots"))
    row = board.context["sites"][0]
    assert (row.active, row.planned, row.free, row.waiting) == (1, 1, 0, 1)
    assert board.context["totals"] == {"slots": 2, "taken": 2}


def test_booking_starting_and_ending_through_the_case_page(client, world):
    from django.urls import reverse

    from .test_pages import open_case, verified

    project = Project.objects.create(name="StaTA-Projekt 02", lead=world.provider_a)
    site = PlacementSite.objects.create(project=project, organization=world.provider_a, name="Werkstatt", slots=1)
    case, other = open_case(world.provider_a), open_case(world.provider_a, last="Zweite")
    verified(client, world.counsellor)
    bad = client.post(reverse("cases:book", args=[case.pk]), {"site": site.pk, "start": "2026-12-01",
                                                              "planned_end": "2026-11-01"})
    assert bad.status_code == 200 and not Placement.objects.exists()
    client.post(reverse("cases:book", args=[case.pk]), {"site": site.pk, "start": (TODAY + timedelta(days=3)).isoformat()})
    placement = Placement.objects.get(case=case)
    assert placement.status == Placement.Status.PLANNED
    full = client.post(reverse("cases:book", args=[other.pk]), {"site": site.pk, "start": TODAY.isoformat()}, follow=True)
    assert "Warteliste" in full.content.decode()
    client.post(reverse("cases:placement_start", args=[case.pk, placement.pk]))
    client.post(reverse("cases:placement_end", args=[case.pk, placement.pk]),
                {"reason": "arbeitsaufnahme", "early": "on", "day": TODAY.isoformat()})
    placement.refresh_from_db()
    assert (placement.status, placement.end_reason, placement.early) == ("ended", "arbeitsaufnahme", True)
