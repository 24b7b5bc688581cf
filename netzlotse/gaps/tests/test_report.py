from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook

from netzlotse.gaps.models import Gap, Measure
from netzlotse.gaps.services import detect_gaps, measure_add
from netzlotse.network.models import Project, Region, RegionGroup


def test_the_report_has_a_section_per_region_group_with_open_gaps_and_measures(client, world):
    world.network.regions.set([Region.objects.get(ags="14628"), Region.objects.get(ags="14612")])
    group = RegionGroup.objects.create(name="Förderregion Elbtal")
    group.regions.set([Region.objects.get(ags="14628")])
    Project.objects.create(name="Elbtal-Projekt", lead=world.provider_a, network=world.network, funding_region=group)
    detect_gaps(network=world.network)
    gap = Gap.objects.get(network=world.network, district__ags="14628", phase__code="sicherung")
    measure_add(gap=gap, by=world.coordinator, measure=Measure(kind=Measure.Kind.TRANSFER,
                                                               description="Nachsorge aus Dresden übertragen"))
    client.force_login(world.coordinator)
    page = client.get(reverse("gaps:report"))
    titles = [s.title for s in page.context["sections"]]
    assert titles == ["Gesamtes Netzwerkgebiet", "Förderregion Elbtal"]
    elbtal = page.context["sections"][1]
    assert [d.ags for d in elbtal.matrix.districts] == ["14628"] and elbtal.open_gaps == 5
    assert "Nachsorge aus Dresden übertragen" in page.content.decode()
    book = load_workbook(BytesIO(client.get(reverse("gaps:report"), {"format": "xlsx"}).getvalue()))
    assert book.sheetnames == ["1 Gesamtes Netzwerkgebiet", "2 Lücken Gesamtes Netzwerkgebie",
                               "3 Förderregion Elbtal", "4 Lücken Förderregion Elbtal"]
    rows = list(book["4 Lücken Förderregion Elbtal"].iter_rows(values_only=True))
    assert any(row[-1] == "Transfer aus einer anderen Region: Nachsorge aus Dresden übertragen" for row in rows)


def test_a_network_not_ones_own_is_not_found(client, world):
    client.force_login(world.outsider)
    assert client.get(reverse("gaps:report"), {"netzwerk": world.network.pk}).status_code == 404
