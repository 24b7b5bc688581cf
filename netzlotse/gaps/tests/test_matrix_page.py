from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook

from netzlotse.directory.models import Phase
from netzlotse.gaps.models import CoverageThreshold
from netzlotse.network.models import Region


def test_it_shows_the_networks_state_with_gaps_marked_in_text(client, world):
    world.network.regions.add(Region.objects.get(ags="14"))
    client.force_login(world.coordinator)
    response = client.get(reverse("gaps:matrix"))
    html = response.content.decode()
    assert response.status_code == 200
    assert [d.ags for d in response.context["matrix"].districts][:2] == ["14625", "14511"]  # Bautzen, Chemnitz
    assert "Lücke" in html  # the status is written out, not only coloured
    assert 'id="coverage-data"' in html


def test_a_cell_links_to_its_offers(client, world):
    client.force_login(world.coordinator)
    response = client.get(reverse("gaps:matrix"), {"bereich": "land:14"})
    dresden_row = next(cells for d, cells in response.context["rows"] if d.ags == "14612")
    cell, link = dresden_row[0]
    assert cell.offers == 1
    assert "kreis=14612" in link and f"phase={Phase.objects.get(code='zugang', chain__is_default=True).pk}" in link


def test_it_uses_the_networks_thresholds(client, world):
    CoverageThreshold.objects.create(network=world.network, minimum=2)
    client.force_login(world.coordinator)
    response = client.get(reverse("gaps:matrix"), {"bereich": "land:14"})
    dresden_row = next(cells for d, cells in response.context["rows"] if d.ags == "14612")
    assert dresden_row[0][0].status == "too_few"


def test_it_compares_two_dates(client, world):
    client.force_login(world.coordinator)
    response = client.get(reverse("gaps:matrix"), {"bereich": "land:14", "vergleich": "2020-01-01"})
    opened = {(d.ags, p.code, what) for d, p, what in response.context["changes"]}
    assert ("14612", "zugang", "opened") in opened


def test_it_exports_the_matrix_as_xlsx(client, world):
    client.force_login(world.coordinator)
    response = client.get(reverse("gaps:matrix"), {"bereich": "land:14", "format": "xlsx"})
    rows = list(load_workbook(BytesIO(response.getvalue()))["Abdeckung"].iter_rows(values_only=True))
    assert rows[0][:3] == ("Kreis", "AGS", "1. Zugang, Ansprache und Information")
    assert any(r[1] == "14612" and r[2].startswith("1 (") for r in rows[1:])


def test_the_public_sees_no_gap_pages(client, world):
    assert client.get(reverse("gaps:matrix")).status_code == 302


def test_it_explains_invalid_filters_next_to_the_field(client, world):
    client.force_login(world.coordinator)
    response = client.get(reverse("gaps:matrix"), {"bereich": "gruppe:abc", "stand": "kaputt", "zielgruppe": "x"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "matrix" not in response.context
    for field in ("bereich", "stand", "zielgruppe"):
        assert f'id="{field}-error"' in html


def test_searches_without_result_show_as_demand_in_their_cell(client, world):
    from netzlotse.gaps.models import DemandSignal

    phase = Phase.objects.get(code="einmuendung", chain__is_default=True)
    for _ in range(2):
        DemandSignal.objects.create(district=Region.objects.get(ags="14628"), phase=phase)
    client.force_login(world.coordinator)
    response = client.get(reverse("gaps:matrix"), {"bereich": "land:14"})
    row = next(cells for d, cells in response.context["rows"] if d.ags == "14628")
    assert row[3][0].unmet == 2
    assert "2 Mal nichts Passendes gefunden" in response.content.decode()


def test_a_region_group_shows_only_its_districts(client, world):
    from netzlotse.network.models import RegionGroup

    group = RegionGroup.objects.create(name="Elbtal")
    group.regions.set(Region.objects.filter(ags__in=["14612", "14628", "14627"]))
    client.force_login(world.coordinator)
    response = client.get(reverse("gaps:matrix"), {"bereich": f"gruppe:{group.pk}"})
    assert [d.ags for d in response.context["matrix"].districts] == ["14612", "14627", "14628"]  # by name
    assert response.context["totals"]["covered"] == 1  # Dresden, phase 1: offer A
