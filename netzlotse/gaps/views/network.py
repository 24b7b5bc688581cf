"""The network graph with its metrics and handovers, and the recorded interfaces between projects."""

from dataclasses import dataclass

import networkx as nx
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from netzlotse.accounts import roles
from netzlotse.accounts.decorators import permission_required
from netzlotse.network.models import Cooperation, Network, Organization

from ..detect import network_districts
from ..forms import GraphFilterForm, InterfaceForm, networks_of
from ..graph import MEMBERSHIP, PROJECT, build_graph, compare, handovers, metrics
from ..models import Interface

EDGE_LABELS = {MEMBERSHIP: gettext_lazy("Netzwerkmitglied"), PROJECT: gettext_lazy("Projektpartner"),
               **dict(Cooperation.Kind.choices)}


def _edge_label(kind):
    return str(EDGE_LABELS.get(kind, kind))


@dataclass
class Row:
    """One organisation in the list beside the drawing; the `_before` figures are those of the comparison date."""

    name: str
    degree: int
    betweenness: float
    neighbours: list[str]
    degree_before: int | None = None
    betweenness_before: float | None = None


@require_GET
@permission_required(roles.VIEW_GAPS)
def graph_page(request):
    form = GraphFilterForm(request.GET, networks=networks_of(request.user).order_by("name"))
    context = {"form": form}
    if form.is_valid():
        network, day, earlier = form.cleaned_data["netzwerk"], form.day(), form.cleaned_data.get("vergleich")
        result = metrics(build_graph([network], form.organizations(), day=day))
        before = metrics(build_graph([network], form.organizations(), day=earlier)) if earlier else None
        change = compare(before.graph, result.graph) if before else None
        districts = [form.cleaned_data["kreis"]] if form.cleaned_data.get("kreis") else network_districts(network)
        steps = handovers(districts, day)
        context.update(network=network, day=day, earlier=earlier, rows=_rows(result, before),
                       chart=_chart(result, change), summary=_summary(result, before), change=_named_change(change),
                       isolated=[result.graph.nodes[n]["name"] for n in result.isolated],
                       interface_gaps=[h for h in steps if h.is_interface_gap],
                       steps=_named_links([h for h in steps if h.links]))
    # A parameter the form refuses is a 400; a reader in no network who sent nothing gets the page as it is.
    return render(request, "gaps/graph.html", context, status=400 if request.GET and not form.is_valid() else 200)


def _rows(result, before) -> list[Row]:
    graph = result.graph
    rows = [Row(graph.nodes[n]["name"], result.degree[n], result.betweenness[n],
                sorted(graph.nodes[m]["name"] for m in graph.neighbors(n)),
                before.degree.get(n, 0) if before else None, before.betweenness.get(n, 0.0) if before else None)
            for n in graph.nodes]
    return sorted(rows, key=lambda row: (-row.betweenness, -row.degree, row.name))


def _summary(result, before) -> list[tuple[str, object, object]]:
    """The network's figures on the day and, when comparing, on the earlier date."""
    def figures(m):
        return [m.graph.number_of_nodes(), m.graph.number_of_edges(), len(m.isolated), round(nx.density(m.graph), 3)]

    labels = [_("Organisationen"), _("Verbindungen"), _("ohne Verbindung"), _("Dichte")]
    earlier = figures(before) if before else [None] * len(labels)
    return list(zip(labels, figures(result), earlier, strict=True))


def _chart(result, change) -> dict:
    graph = result.graph
    kinds = dict(Organization.Kind.choices)
    gained = set(change.gained) if change else set()
    links = [{"source": str(a), "target": str(b), "label": ", ".join(sorted(_edge_label(k) for k in d["kinds"])),
              "gained": (min(a, b), max(a, b)) in gained} for a, b, d in graph.edges(data=True)]
    return {
        "categories": sorted({str(kinds.get(data["kind"], data["kind"])) for _n, data in graph.nodes(data=True)}),
        "nodes": [{"id": str(n), "name": d["name"], "category": str(kinds.get(d["kind"], d["kind"])),
                   "degree": result.degree[n]} for n, d in graph.nodes(data=True)],
        "links": links,
    }


def _named_change(change):
    """Gained and lost links and organisations as names, for the list under the drawing."""
    if change is None:
        return None
    ids = {*change.joined, *change.left, *(p for link in change.gained + change.lost for p in link)}
    names = dict(Organization.objects.filter(pk__in=ids).values_list("pk", "name"))
    return {"joined": sorted(names[n] for n in change.joined), "left": sorted(names[n] for n in change.left),
            "gained": sorted((names[a], names[b]) for a, b in change.gained),
            "lost": sorted((names[a], names[b]) for a, b in change.lost)}


def _named_links(steps):
    """Each transition with its links as (from, to) names; `to` is None for an in-house handover."""
    names = dict(Organization.objects.filter(pk__in={p for h in steps for link in h.links for p in link})
                 .values_list("pk", "name"))
    return [(h, [(names[a], None if a == b else names[b]) for a, b in h.links]) for h in steps]


@require_GET
@permission_required(roles.VIEW_GAPS)
def interfaces(request):
    networks = networks_of(request.user)
    items = Interface.objects.filter(network__in=networks).select_related("network", "project_a", "project_b")
    managed = set(Network.objects.managed_by(request.user).values_list("pk", flat=True)) \
        if roles.can(request.user, roles.MANAGE_GAPS) else set()
    return render(request, "gaps/interfaces.html", {
        "interfaces": items, "managed": managed,
        "networks": [n for n in networks.order_by("name") if n.pk in managed]})


@require_http_methods(["GET", "POST"])
@permission_required(roles.MANAGE_GAPS)
def interface_edit(request, network_pk, pk=None):
    network = get_object_or_404(Network.objects.managed_by(request.user), pk=network_pk)
    interface = get_object_or_404(Interface, network=network, pk=pk) if pk else Interface(network=network)
    form = InterfaceForm(request.POST or None, instance=interface, network=network)
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        item.updated_on = timezone.localdate()
        item.save()
        messages.success(request, _("Die Schnittstelle ist gespeichert."))
        return redirect("gaps:interfaces")
    return render(request, "gaps/interface_edit.html", {"form": form, "network": network, "interface": interface})
