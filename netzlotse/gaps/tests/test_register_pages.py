from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from netzlotse.directory.tests.helpers import make_offer
from netzlotse.gaps.models import Gap, Measure
from netzlotse.gaps.services import detect_gaps
from netzlotse.network.models import Network, Region


@pytest.fixture
def register(world):
    world.network.regions.set([Region.objects.get(ags="14628")])
    detect_gaps(network=world.network)
    return Gap.objects.filter(network=world.network)


def test_the_register_lists_open_gaps_with_filters_and_exports_them(client, world, register):
    client.force_login(world.coordinator)
    page = client.get(reverse("gaps:register"))
    assert page.context["page"].paginator.count == 5
    assert "Sächsische Schweiz-Osterzgebirge" in page.content.decode()
    filtered = client.get(reverse("gaps:register"), {"phase": register.get(phase__code="sicherung").phase_id})
    assert filtered.context["page"].paginator.count == 1
    sheet = load_workbook(BytesIO(client.get(reverse("gaps:register"), {"format": "xlsx"}).getvalue()))["Lückenregister"]
    assert sheet.max_row == 6 and sheet["G2"].value == "kein Angebot"  # the kind; H2 says it in words


def test_a_coordinator_records_a_measure_and_an_offer_closes_the_gap(client, world, register):
    gap = register.get(phase__code="sicherung")
    client.force_login(world.coordinator)
    response = client.post(reverse("gaps:gap", args=[gap.pk]), {
        "measure": "1", "kind": Measure.Kind.NEW_OFFER, "description": "Nachbetreuung durch Träger A aufbauen",
        "responsible": world.provider_a.pk, "status": Measure.Status.PLANNED})
    assert response.status_code == 302
    gap.refresh_from_db()
    assert gap.status == Gap.Status.MEASURE_PLANNED
    make_offer(world.provider_a, "Nachbetreuung Pirna", districts=("14628",), phases=("sicherung",))
    html = client.get(reverse("gaps:gap", args=[gap.pk])).content.decode()
    assert "geschlossen" in html and "Nachbetreuung Pirna" in html and "Nachbetreuung durch Träger A" in html


def test_an_invalid_measure_is_explained_and_nothing_changes(client, world, register):
    gap = register.first()
    client.force_login(world.coordinator)
    response = client.post(reverse("gaps:gap", args=[gap.pk]), {"measure": "1", "kind": "", "description": ""})
    assert response.status_code == 200 and response.context["measure_form"].errors
    gap.refresh_from_db()
    assert gap.status == Gap.Status.FOUND and not gap.measures.exists()


def test_provider_staff_read_but_do_not_change_and_others_see_nothing(client, world, register):
    gap = register.first()
    client.force_login(world.owner)  # provider A is a member of the network
    assert client.get(reverse("gaps:gap", args=[gap.pk])).status_code == 200
    assert client.post(reverse("gaps:gap", args=[gap.pk]), {"status": "closed"}).status_code == 403
    client.force_login(world.outsider)  # provider C belongs to no network
    assert client.get(reverse("gaps:gap", args=[gap.pk])).status_code == 404
    other = Network.objects.create(name="Anderes Netz", coordinator=world.provider_c)
    assert not Gap.objects.filter(network=other).exists()


def test_detect_now_runs_for_the_coordinators_networks(client, world, register):
    register.delete()
    client.force_login(world.coordinator)
    response = client.post(reverse("gaps:detect"), follow=True)
    assert "5 neue Lücken" in response.content.decode()


def test_a_coordinator_changes_status_responsible_and_notes(client, world, register):
    gap = register.first()
    client.force_login(world.coordinator)
    client.post(reverse("gaps:gap", args=[gap.pk]), {"status": "communicated", "responsible": world.provider_b.pk,
                                                     "note": "Rundmail an alle Projekte", "notes": "Träger B prüft"})
    gap.refresh_from_db()
    assert (gap.status, gap.responsible, gap.notes) == ("communicated", world.provider_b, "Träger B prüft")
    assert gap.events.last().note == "Rundmail an alle Projekte" and gap.events.last().by == world.coordinator
