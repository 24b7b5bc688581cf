"""The cooperation graph and handovers on a small hand-built network."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from netzlotse.directory.tests.helpers import make_offer
from netzlotse.gaps.graph import build_graph, compare, handovers, metrics
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
    graph = build_graph([world.network], day=TODAY)
    assert graph.edges[world.provider_a.pk, world.provider_b.pk]["kinds"] == {"referral_route", "project"}
    assert graph.has_edge(world.provider_a.pk, world.coordination.pk)  # member ↔ coordinator
    assert world.provider_c.pk not in graph  # not in the network
    result = metrics(graph)
    assert result.degree[world.coordination.pk] == 3
    assert result.betweenness[world.coordination.pk] > result.betweenness[world.provider_a.pk]
    assert result.isolated == []  # membership links the lonely member to the coordinator
    only_providers = metrics(build_graph([world.network], Organization.objects.exclude(pk=world.coordination.pk),
                                              day=TODAY))
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
    assert [row.name for row in page.context["rows"]][0] == "Koordinierungsstelle"
    assert [(h.district.ags, h.before.code) for h in page.context["interface_gaps"]] == [("14628", "zugang")]
    assert 'id="network-data"' in page.content.decode()


def test_the_graph_counts_only_links_valid_on_the_day(world):
    """A cooperation that ended, a membership that ended and a project whose funding ended are no links on a
    later day; on a day before they began, neither are those that started later."""
    year = timedelta(days=365)
    Cooperation.objects.create(source=world.provider_a, target=world.provider_b, kind=Cooperation.Kind.HANDOVER,
                               since=TODAY - 3 * year, until=TODAY - year)
    Cooperation.objects.create(source=world.provider_a, target=world.coordination, kind=Cooperation.Kind.STRATEGIC,
                               since=TODAY - 30 * timedelta(days=1))
    world.network.memberships.filter(organization=world.provider_b).update(until=TODAY - year)
    ended = Project.objects.create(name="Ausgelaufen", lead=world.provider_b, network=world.network,
                                   funding_starts_on=TODAY - 3 * year, funding_ends_on=TODAY - 2 * year)
    ended.partners.add(world.provider_a)

    now = build_graph([world.network], day=TODAY)
    assert world.provider_b.pk not in now  # no longer a member
    assert set(now.edges[world.provider_a.pk, world.coordination.pk]["kinds"]) == {"membership", "strategic"}

    then = build_graph([world.network], day=TODAY - 2 * year - timedelta(days=30))
    assert then.edges[world.provider_a.pk, world.provider_b.pk]["kinds"] == {"handover", "project"}
    assert then.edges[world.provider_a.pk, world.coordination.pk]["kinds"] == {"membership"}  # strategic: later

    change = compare(then, now)
    assert change.left == [world.provider_b.pk] and change.joined == []
    assert (min(world.provider_a.pk, world.provider_b.pk), max(world.provider_a.pk, world.provider_b.pk)) in change.lost
    assert metrics(then).degree[world.provider_a.pk] == 2 and metrics(now).degree[world.provider_a.pk] == 1


def test_the_graph_page_compares_two_dates(client, world):
    Cooperation.objects.create(source=world.provider_a, target=world.provider_b, kind=Cooperation.Kind.HANDOVER,
                               since=TODAY - timedelta(days=100))
    Cooperation.objects.create(source=world.provider_b, target=world.coordination, kind=Cooperation.Kind.STRATEGIC,
                               until=TODAY - timedelta(days=10))
    client.force_login(world.owner)
    earlier = (TODAY - timedelta(days=200)).isoformat()
    page = client.get(reverse("gaps:graph"), {"stand": TODAY.isoformat(), "vergleich": earlier})
    change = page.context["change"]
    assert change["gained"] == [("Träger A", "Träger B")] and change["lost"] == []  # B–coordination: membership
    rows = {row.name: row for row in page.context["rows"]}
    assert (rows["Träger A"].degree, rows["Träger A"].degree_before) == (2, 1)
    summary = {str(label): (now, then) for label, now, then in page.context["summary"]}
    assert summary["Verbindungen"] == (3, 2)
    html = page.content.decode()
    assert "1 Verbindung hinzugekommen" in html and "Stand am " + TODAY.strftime("%d.%m.%Y") in html
    bad = client.get(reverse("gaps:graph"), {"stand": "kein Datum"})
    assert bad.status_code == 400 and bad.context["form"].errors["stand"]  # said at the field


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
