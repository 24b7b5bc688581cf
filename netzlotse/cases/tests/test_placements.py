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
    later = Placement.objects.get(case=second)
    assert later.status == Placement.Status.PLANNED  # moved up; a planned placement holds its slot already
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
    assert (row.active, row.planned, row.free_slots, row.waiting) == (1, 1, 0, 1)
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


def test_a_freed_slot_goes_to_the_first_person_on_the_waiting_list(db):
    org, site = make_site(1)
    running_case, first_waiting, second_waiting = make_cases(org, 3)
    running = placement_book(case=running_case, site=site, start=TODAY, by=None)
    for case in (first_waiting, second_waiting):
        with pytest.raises(SiteFull):
            placement_book(case=case, site=site, start=TODAY, by=None)
    ended = placement_end(placement=running, reason=Placement.EndReason.REGULAR, early=False, by=None)
    moved = Placement.objects.get(case=first_waiting)
    assert ended.moved_up == moved
    assert (moved.status, moved.planned_start) == (Placement.Status.PLANNED, TODAY + timedelta(days=1))
    assert Placement.objects.get(case=second_waiting).status == Placement.Status.WAITING
    event = first_waiting.events.get(type=CaseEvent.Type.PLACEMENT_PLANNED)
    assert event.data["from_waiting_list"] and event.slot == site
    assert site.placements.filter(status__in=Placement.OCCUPYING).count() == 1  # never more than the slots


def test_calling_off_a_planned_placement_moves_the_waiting_list_up_and_leaving_it_does_not(db):
    from netzlotse.cases.services import placement_cancel

    org, site = make_site(1)
    planned_case, waiting_case, other_case = make_cases(org, 3)
    planned = placement_book(case=planned_case, site=site, start=TODAY + timedelta(days=10), by=None)
    with pytest.raises(SiteFull):
        placement_book(case=waiting_case, site=site, start=TODAY + timedelta(days=20), by=None)
    with pytest.raises(SiteFull):
        placement_book(case=other_case, site=site, start=TODAY, by=None)
    leaving = Placement.objects.get(case=other_case)
    assert placement_cancel(placement=leaving, by=None).moved_up is None
    assert placement_cancel(placement=planned, by=None).moved_up.case == waiting_case
    moved = Placement.objects.get(case=waiting_case)
    assert moved.planned_start == TODAY + timedelta(days=20)  # keeps a later wish for the start
    assert planned_case.events.filter(type=CaseEvent.Type.PLACEMENT_CANCELLED).count() == 1
    with pytest.raises(ValueError):
        placement_cancel(placement=Placement.objects.get(case=planned_case), by=None)


def test_an_exit_ends_running_placements_for_its_reason_and_frees_the_slot(db):
    from netzlotse.cases.services import case_close

    org, site = make_site(1)
    leaving, waiting = make_cases(org, 2)
    Case.objects.filter(pk=leaving.pk).update(opened_on=TODAY - timedelta(days=30))
    leaving.refresh_from_db()
    running = placement_book(case=leaving, site=site, start=TODAY, by=None)
    with pytest.raises(SiteFull):
        placement_book(case=waiting, site=site, start=TODAY, by=None)
    case_close(case=leaving, outcome=Case.Outcome.JOB, early=True, by=None)
    running.refresh_from_db()
    assert (running.status, running.end_reason, running.early) == ("ended", "arbeitsaufnahme", True)
    assert Placement.objects.get(case=waiting).status == Placement.Status.PLANNED


def test_the_case_page_calls_off_a_place_on_the_waiting_list(client, world):
    from django.urls import reverse

    from .test_pages import open_case, verified

    project = Project.objects.create(name="StaTA-Projekt 03", lead=world.provider_a)
    site = PlacementSite.objects.create(project=project, organization=world.provider_a, name="Tafel", slots=1)
    first, second = open_case(world.provider_a), open_case(world.provider_a, last="Zweite")
    placement_book(case=first, site=site, start=TODAY, by=None)
    with pytest.raises(SiteFull):
        placement_book(case=second, site=site, start=TODAY, by=None)
    waiting = Placement.objects.get(case=second)
    verified(client, world.counsellor)
    page = client.get(reverse("cases:case", args=[second.pk]))
    assert "Von der Warteliste nehmen" in page.content.decode()
    running = Placement.objects.get(case=first)
    assert client.post(reverse("cases:placement_cancel", args=[second.pk, running.pk])).status_code == 404
    client.post(reverse("cases:placement_cancel", args=[second.pk, waiting.pk]))
    waiting.refresh_from_db()
    assert waiting.status == Placement.Status.CANCELLED
