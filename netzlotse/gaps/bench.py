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
