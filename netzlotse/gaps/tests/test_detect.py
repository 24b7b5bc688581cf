"""Gap detection and the register's lifecycle on small hand-built networks."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from netzlotse.directory.models import FieldOfAction, Phase, TargetGroup
from netzlotse.directory.tests.helpers import make_offer
from netzlotse.gaps.detect import detect
from netzlotse.gaps.models import DemandFigure, DemandSignal, Gap, Measure
from netzlotse.gaps.services import detect_gaps, gap_update, measure_add
from netzlotse.network.models import Network, Region

TODAY = timezone.localdate()
K = Gap.Kind


def phase(code):
    return Phase.objects.get(chain__is_default=True, code=code)


@pytest.fixture
def pirna(world):
    """The world's network working in one district (Sächsische Schweiz-Osterzgebirge) with no offers yet."""
    world.network.regions.set([Region.objects.get(ags="14628")])
    return Region.objects.get(ags="14628")


def kinds(findings, kind):
    return {(Phase.objects.get(pk=f.phase_id).code, f.target_group_id) for f in findings if f.kind == kind}


def test_an_empty_district_has_no_offer_in_any_phase(world, pirna):
    found = detect(world.network, TODAY)
    assert {code for code, _g in kinds(found, K.NO_OFFER)} == {"zugang", "orientierung", "qualifizierung",
                                                                "einmuendung", "sicherung"}


def test_a_chain_break_is_a_target_group_with_nowhere_to_go_next(world, pirna):
    refugees = TargetGroup.objects.get(code="gefluechtete")
    make_offer(world.provider_a, "Erstberatung", districts=("14628",), phases=("zugang",), groups=("gefluechtete",))
    assert kinds(detect(world.network, TODAY), K.CHAIN_BREAK) == {("orientierung", refugees.pk)}
    # An orientation offer open to everyone mends the break.
    make_offer(world.provider_b, "Orientierung", districts=("14628",), phases=("orientierung",))
    assert kinds(detect(world.network, TODAY), K.CHAIN_BREAK) == set()


def test_a_target_group_that_does_not_move_through_the_chain_has_no_chain_breaks(world, pirna):
    """Found by users: a training for Jobcenter staff in phase 1 showed as a break before phase 2."""
    staff = TargetGroup.objects.get(code="fachkraefte")
    assert not staff.follows_chain  # marked so in the reference data, editable in the administration
    make_offer(world.provider_a, "Schulung Anerkennung", districts=("14628",), phases=("zugang",), groups=("fachkraefte",))
    assert kinds(detect(world.network, TODAY), K.CHAIN_BREAK) == set()
    staff.follows_chain = True
    staff.save()
    assert kinds(detect(world.network, TODAY), K.CHAIN_BREAK) == {("orientierung", staff.pk)}


def test_a_cell_whose_offers_all_end_within_six_months_is_a_funding_cliff(world, pirna):
    make_offer(world.provider_a, "Endet bald", districts=("14628",), valid_until=TODAY + timedelta(days=100))
    cliff = [f for f in detect(world.network, TODAY) if f.kind == K.FUNDING_CLIFF]
    assert [(f.phase_id, f.figures["offers"]) for f in cliff] == [(phase("zugang").pk, 1)]
    make_offer(world.provider_b, "Läuft weiter", districts=("14628",))
    assert not [f for f in detect(world.network, TODAY) if f.kind == K.FUNDING_CLIFF]


def test_capacity_below_the_entered_demand_is_short(world, pirna):
    make_offer(world.provider_a, "Kurs", districts=("14628",), phases=("qualifizierung",), capacity=12)
    DemandFigure.objects.create(network=world.network, district=pirna, phase=phase("qualifizierung"),
                                places_needed=30)
    short = [f for f in detect(world.network, TODAY) if f.kind == K.CAPACITY_SHORT]
    assert [f.figures for f in short] == [{"places": 12, "needed": 30}]


def test_offers_of_the_same_kind_from_two_providers_are_duplicates(world, pirna):
    for provider in (world.provider_a, world.provider_b):
        make_offer(provider, "Anerkennung", districts=("14628",), groups=("migrantinnen",), fields=("anerkennung",))
    make_offer(world.provider_c, "Anderes Feld", districts=("14628",), groups=("migrantinnen",), fields=("sprache",))
    found = [f for f in detect(world.network, TODAY) if f.kind == K.DUPLICATES]
    assert [(f.field_of_action_id, f.figures["providers"]) for f in found] == [
        (FieldOfAction.objects.get(code="anerkennung").pk, 2)]


def test_searches_without_result_signal_unmet_demand_until_an_offer_fits(world, pirna):
    women = TargetGroup.objects.get(code="frauen")
    for _ in range(3):
        DemandSignal.objects.create(district=pirna, phase=phase("einmuendung"), target_group=women)
    DemandSignal.objects.create(district=pirna, phase=phase("einmuendung"), day=TODAY - timedelta(days=200))
    found = [f for f in detect(world.network, TODAY) if f.kind == K.UNMET_DEMAND]
    assert [(f.target_group_id, f.figures) for f in found] == [(women.pk, {"signals": 3})]
    make_offer(world.provider_a, "Jobcoaching", districts=("14628",), phases=("einmuendung",), groups=("frauen",))
    assert not [f for f in detect(world.network, TODAY) if f.kind == K.UNMET_DEMAND]


def test_detection_records_gaps_once_and_an_offer_closes_them_with_history(world, pirna, after_commit):
    first = detect_gaps(network=world.network)
    assert first.created == 5 and detect_gaps(network=world.network).created == 0
    gap = Gap.objects.get(network=world.network, phase=phase("sicherung"), kind=K.NO_OFFER)
    # Saving an offer re-checks the register of the networks it serves, once the save committed.
    with after_commit():
        offer = make_offer(world.provider_a, "Nachbetreuung", districts=("14628",), phases=("sicherung",), capacity=5)
    gap.refresh_from_db()
    assert gap.status == Gap.Status.CLOSED and gap.closed_on == TODAY
    assert list(gap.closing_offers.all()) == [offer]
    assert [e.status for e in gap.events.all()] == [Gap.Status.FOUND, Gap.Status.CLOSED]


def test_a_coordinator_moves_a_gap_along_and_a_measure_plans_it(world, pirna):
    detect_gaps(network=world.network)
    gap = Gap.objects.filter(network=world.network).first()
    gap_update(gap=gap, by=world.coordinator, status=Gap.Status.COMMUNICATED, note="An alle Projekte gemailt",
               responsible=world.provider_a)
    measure_add(gap=gap, by=world.coordinator,
                measure=Measure(kind=Measure.Kind.TRANSFER, description="Angebot aus Dresden übertragen"))
    gap.refresh_from_db()
    assert gap.status == Gap.Status.MEASURE_PLANNED and gap.responsible == world.provider_a
    assert [e.note for e in gap.events.all()][1:] == ["An alle Projekte gemailt", "Maßnahme: Transfer aus einer "
                                                                                  "anderen Region"]
    gap_update(gap=gap, by=world.coordinator, status=Gap.Status.CLOSED, note="erledigt")
    with pytest.raises(ValueError):
        gap_update(gap=gap, by=world.coordinator, status=Gap.Status.FOUND)


def test_the_command_reports_what_it_did(world, pirna, capsys):
    call_command("detect_gaps", "--network", world.network.name)
    assert "Netzwerk Dresden: 5 neu, 0 geschlossen" in capsys.readouterr().out


def test_a_directory_search_by_district_that_finds_nothing_is_logged_without_text(client, world, pirna, after_commit):
    women = TargetGroup.objects.get(code="frauen")
    with after_commit():
        client.get("/angebote/", {"kreis": "14628", "phase": phase("einmuendung").pk, "zielgruppe": women.code})
        client.get("/angebote/", {"kreis": "14628", "q": "Jobcoaching Maria"})  # typed text: never logged
        client.get("/angebote/", {"kreis": "14612"})  # found offers: nothing to log
    miss = DemandSignal.objects.get()
    assert (miss.district, miss.phase, miss.target_group, miss.field_of_action) == (
        pirna, phase("einmuendung"), women, None)


def test_a_coordinator_sets_several_gaps_to_one_status_at_once(client, world, pirna):
    detect_gaps(network=world.network, day=TODAY)
    gaps = list(Gap.objects.filter(network=world.network)[:3])
    client.force_login(world.coordinator)
    page = client.get(reverse("gaps:register"))
    assert f'name="luecken" value="{gaps[0].pk}"' in page.content.decode()
    response = client.post(reverse("gaps:bulk_status"), {"luecken": [g.pk for g in gaps], "status": "communicated",
                                                         "note": "Netzwerktreffen 3.12.", "next": "/luecken/register/"})
    assert response.status_code == 302 and response.url == "/luecken/register/"
    assert set(Gap.objects.filter(pk__in=[g.pk for g in gaps]).values_list("status", flat=True)) == {"communicated"}
    assert all(g.events.filter(status="communicated", note="Netzwerktreffen 3.12.").exists() for g in gaps)
    # A gap of a network the coordinator does not manage cannot be chosen: nothing changes.
    other = Gap.objects.create(network=Network.objects.create(name="Anderes Netz", coordinator=world.provider_c),
                               chain=gaps[0].chain, phase=gaps[0].phase, district=pirna, kind=Gap.Kind.NO_OFFER)
    client.post(reverse("gaps:bulk_status"), {"luecken": [other.pk], "status": "closed"})
    assert Gap.objects.get(pk=other.pk).status == "found"
