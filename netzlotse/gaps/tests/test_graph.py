"""The cooperation graph and handovers on a small hand-built network."""

import pytest
from django.urls import reverse
from django.utils import timezone

from netzlotse.directory.tests.helpers import make_offer
from netzlotse.gaps.graph import build_graph, handovers, metrics
from netzlotse.gaps.models import Interface
from netzlotse.network.models import Cooperation, Organization, Project, Region

TODAY = timezone.localdate()


def test_links_come_from_cooperations_memberships_and_projects(world):
    lonely = Organization.objects.create(name="Einzelkämpfer")
    world.network.memberships.create(organization=lonely, role="cooperation_partner")
    Cooperation.objects.create(source=world.provider_a, target=world.provider_b, kind=Cooperation.Kind.REFERRAL_ROUTE,
                               network=world.network)
    project = Project.objects.create(name="Gemeinsam", lead=world.provider_b, network=world.network)
    project.partners.add(world.provider_a)
    graph = build_graph([world.network])
    assert graph.edges[world.provider_a.pk, world.provider_b.pk]["kinds"] == {"referral_route", "project"}
    assert graph.has_edge(world.provider_a.pk, world.coordination.pk)  # member ↔ coordinator
    assert world.provider_c.pk not in graph  # not in the network
    result = metrics(graph)
    assert result.degree[world.coordination.pk] == 3
    assert result.betweenness[world.coordination.pk] > result.betweenness[world.provider_a.pk]
    assert result.isolated == []  # membership links the lonely member to the coordinator
    only_providers = metrics(build_graph([world.network], Organization.objects.exclude(pk=world.coordination.pk)))
    assert only_providers.isolated == [lonely.pk]


def test_a_missing_handover_between_phases_is_an_interface_gap(world):
    pirna = Region.objects.get(ags="14628")
    make_offer(world.provider_a, "Erstberatung", districts=("14628",), phases=("zugang",))
    make_offer(world.provider_b, "Orientierung", districts=("14628",), phases=("orientierung",))
    first = next(h for h in handovers([pirna], TODAY) if h.before.code == "zugang")
    assert first.is_interface_gap and first.providers_before == {world.provider_a.pk}
    Cooperation.objects.create(source=world.provider_b, target=world.provider_a, kind=Cooperation.Kind.HANDOVER)
    first = next(h for h in handovers([pirna], TODAY) if h.before.code == "zugang")
    assert not first.is_interface_gap and first.links == [(world.provider_a.pk, world.provider_b.pk)]
    later = next(h for h in handovers([pirna], TODAY) if h.before.code == "orientierung")
    assert not later.is_interface_gap  # nothing in phase 3 to hand over to: a gap of its own kind, not an interface


def test_the_graph_page_shows_the_list_and_interface_gaps(client, world):
    world.network.regions.set([Region.objects.get(ags="14628")])
    make_offer(world.provider_a, "Erstberatung", districts=("14628",), phases=("zugang",))
    make_offer(world.provider_b, "Orientierung", districts=("14628",), phases=("orientierung",))
    client.force_login(world.owner)
    page = client.get(reverse("gaps:graph"))
    assert [row[1]["name"] for row in page.context["rows"]][0] == "Koordinierungsstelle"
    assert [(h.district.ags, h.before.code) for h in page.context["interface_gaps"]] == [("14628", "zugang")]
    assert 'id="network-data"' in page.content.decode()


@pytest.fixture
def projects(world):
    return [Project.objects.create(name=name, lead=world.provider_a, network=world.network) for name in ("A", "B")]


def test_a_coordinator_records_an_interface_and_members_read_it(client, world, projects):
    client.force_login(world.coordinator)
    url = reverse("gaps:interface_create", args=[world.network.pk])
    same = client.post(url, {"project_a": projects[0].pk, "project_b": projects[0].pk, "description": "x",
                             "status": "identified"})
    assert same.status_code == 200 and not Interface.objects.exists()
    client.post(url, {"project_a": projects[0].pk, "project_b": projects[1].pk, "status": "initiated",
                      "description": "Gemeinsame Fallkonferenz geplant"})
    assert Interface.objects.get().status == Interface.Status.INITIATED
    client.force_login(world.partner)
    assert "Gemeinsame Fallkonferenz geplant" in client.get(reverse("gaps:interfaces")).content.decode()
    assert client.get(url).status_code == 403
