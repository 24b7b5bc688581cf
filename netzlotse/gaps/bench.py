"""The gap analysis's benchmark operations (registered with `manage.py bench`)."""

from django.utils import timezone

from netzlotse.core.bench import operation
from netzlotse.directory.models import ProcessChain
from netzlotse.network.models import Region

from .matrix import coverage


def _matrix_runs(ctx, districts):
    chain, today = ProcessChain.objects.default(), timezone.localdate()
    return ctx.time_calls(lambda: coverage(chain=chain, day=today, districts=districts), runs=max(5, ctx.runs // 20))


@operation("gap_matrix_state", goal_ms=300)
def gap_matrix_state(ctx):
    return _matrix_runs(ctx, list(Region.objects.districts().filter(parent__ags="09")))  # Bayern: 96 districts


@operation("gap_matrix_all", goal_ms=300)
def gap_matrix_all(ctx):
    return _matrix_runs(ctx, list(Region.objects.districts()))


def _largest_generated_network():
    """The generated network with the most districts (a whole state), as coordinators of a Land have."""
    from netzlotse.network.models import Network

    from .detect import network_districts

    networks = Network.objects.filter(name__startswith="Generiertes Netzwerk", regions__isnull=False).distinct()
    return max(networks, key=lambda n: len(network_districts(n)))


@operation("gap_detection", goal_ms=2000)
def gap_detection(ctx):
    """Every gap kind (no offer, too few, chain breaks, funding cliffs, duplicates, …) for a state network."""
    from .detect import detect

    network = _largest_generated_network()
    today = timezone.localdate()
    return ctx.time_calls(lambda: detect(network, today), runs=max(3, ctx.runs // 50))


@operation("graph_metrics", goal_ms=2000)
def graph_metrics(ctx):
    """Build the whole cooperation graph of a network and compute degree, betweenness and isolated members."""
    from .graph import build_graph, metrics

    network = _largest_generated_network()
    return ctx.time_calls(lambda: metrics(build_graph([network], day=timezone.localdate())), runs=max(3, ctx.runs // 50))
