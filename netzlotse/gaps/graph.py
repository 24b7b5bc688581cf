"""The cooperation graph of a network and its metrics (NetworkX), and handovers between phases.

Edges come from three sources: recorded cooperations (Kooperationen), network membership (each
member is linked to the coordinating organisation) and project partnerships (lead ↔ partner). Each has a
period (cooperation since/until, membership since/until, a project's funding period), so the graph is drawn as
it stood on a day, and two days can be compared: which links were gained and lost in between.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import networkx as nx
from django.db.models import Q

from netzlotse.directory.models import Offer, OfferCell, ProcessChain
from netzlotse.network.models import Cooperation, NetworkMembership, Organization, Project, Region

EXACT_BETWEENNESS_UP_TO = 1000  # nodes; larger graphs use a fixed sample of 500 sources (same result each run)
HANDOVER_KINDS = [Cooperation.Kind.REFERRAL_ROUTE, Cooperation.Kind.HANDOVER, Cooperation.Kind.AGREEMENT]
MEMBERSHIP, PROJECT = "membership", "project"


@dataclass
class Metrics:
    graph: nx.Graph
    degree: dict[int, int]
    betweenness: dict[int, float]
    isolated: list[int]


def build_graph(networks, organizations=None, *, day: date) -> nx.Graph:
    """Organisations of these networks on the day (optionally only some of them) and every link between them
    that was valid that day."""
    network_ids = [n.pk for n in networks]
    memberships = NetworkMembership.objects.filter(network__in=network_ids).on(day)
    members = Organization.objects.filter(Q(pk__in=memberships.values("organization"))
                                          | Q(coordinated_networks__in=network_ids)).distinct()
    if organizations is not None:
        members = members.filter(pk__in=organizations)
    graph = nx.Graph()
    for org_id, name, kind in members.values_list("pk", "name", "kind"):
        graph.add_node(org_id, name=name, kind=kind)
    nodes = set(graph.nodes)

    def link(a, b, kind):
        if a in nodes and b in nodes and a != b:
            kinds = graph.edges[a, b]["kinds"] if graph.has_edge(a, b) else set()
            graph.add_edge(a, b, kinds=kinds | {kind})

    for a, b, kind in Cooperation.objects.on(day).filter(Q(network__in=network_ids) | Q(network__isnull=True)).filter(
            source__in=nodes, target__in=nodes).values_list("source", "target", "kind"):
        link(a, b, kind)
    for org, coordinator in memberships.values_list("organization", "network__coordinator"):
        link(org, coordinator, MEMBERSHIP)
    for lead, partner in Project.objects.funded_on(day).filter(network__in=network_ids).values_list("lead", "partners"):
        if partner:
            link(lead, partner, PROJECT)
    return graph


def metrics(graph: nx.Graph) -> Metrics:
    n = graph.number_of_nodes()
    if n > EXACT_BETWEENNESS_UP_TO:
        betweenness = nx.betweenness_centrality(graph, k=500, seed=1, normalized=True)
    else:
        betweenness = nx.betweenness_centrality(graph, normalized=True)
    degree = dict(graph.degree())
    return Metrics(graph, degree, betweenness, sorted(nx.isolates(graph), key=lambda o: graph.nodes[o]["name"]))


@dataclass
class GraphChange:
    """What changed between an earlier and a later graph: organisations and links gained and lost."""

    joined: list[int]
    left: list[int]
    gained: list[tuple[int, int]]
    lost: list[tuple[int, int]]


def _edges(graph: nx.Graph) -> set[tuple[int, int]]:
    return {(min(a, b), max(a, b)) for a, b in graph.edges}


def compare(earlier: nx.Graph, later: nx.Graph) -> GraphChange:
    before, after = _edges(earlier), _edges(later)
    return GraphChange(joined=sorted(set(later) - set(earlier)), left=sorted(set(earlier) - set(later)),
                       gained=sorted(after - before), lost=sorted(before - after))


@dataclass
class Handover:
    """Providers of phase n and n+1 serving a district, and the handover links between them."""

    district: Region
    before: object  # Phase
    after: object
    providers_before: set = field(default_factory=set)
    providers_after: set = field(default_factory=set)
    links: list[tuple[int, int]] = field(default_factory=list)

    @property
    def is_interface_gap(self) -> bool:
        return bool(self.providers_before and self.providers_after and not self.links)


def handovers(districts: list[Region], day: date, chain: ProcessChain | None = None) -> list[Handover]:
    """Per district and phase transition: does any provider of phase n hand over to one of phase n+1?

    A provider offering both phases counts as a link of its own (the handover happens in-house).
    """
    chain = chain or ProcessChain.objects.default()
    phases = list(chain.phases.all())
    by_cell = defaultdict(set)  # (district, phase) → providers with an active offer there
    active = Offer.objects.as_of(day).values("pk")
    cells = OfferCell.objects.filter(district__in=districts, offer__in=active).filter(
        Q(phase__in=phases) | Q(phase__isnull=True)).values_list("district", "phase", "provider").distinct()
    for district_id, phase_id, provider_id in cells:
        for phase in ([phase_id] if phase_id else [p.pk for p in phases]):
            by_cell[(district_id, phase)].add(provider_id)
    providers = set().union(*by_cell.values()) if by_cell else set()
    linked = set()
    for a, b in Cooperation.objects.on(day).filter(kind__in=HANDOVER_KINDS, source__in=providers,
                                           target__in=providers).values_list("source", "target"):
        linked |= {(a, b), (b, a)}
    result = []
    for district in districts:
        for before, after in zip(phases, phases[1:], strict=False):
            item = Handover(district, before, after, by_cell[(district.pk, before.pk)],
                            by_cell[(district.pk, after.pk)])
            item.links = sorted({(a, b) for a in item.providers_before for b in item.providers_after
                                 if a == b or (a, b) in linked})
            result.append(item)
    return result
