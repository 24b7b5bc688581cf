"""A coordinator's settings for the gap analysis: thresholds and known demand, per coordinated network."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from netzlotse.accounts import roles
from netzlotse.accounts.decorators import permission_required
from netzlotse.directory.models import ProcessChain
from netzlotse.network.models import Network

from ..detect import network_districts
from ..forms import DemandFormSet, ThresholdForm
from ..services import demand_save, thresholds_save


@require_http_methods(["GET"])
@permission_required(roles.MANAGE_GAPS)
def settings_index(request):
    networks = Network.objects.managed_by(request.user)
    if len(networks) == 1:
        return redirect("gaps:settings", pk=networks[0].pk)
    return render(request, "gaps/settings_index.html", {"networks": networks})


@require_http_methods(["GET", "POST"])
@permission_required(roles.MANAGE_GAPS)
def network_settings(request, pk):
    network = get_object_or_404(Network.objects.managed_by(request.user), pk=pk)
    phases = list(ProcessChain.objects.default().phases.all())
    post = request.POST if request.method == "POST" else None
    thresholds = ThresholdForm(post if post and "thresholds" in post else None, network=network, phases=phases)
    demand = DemandFormSet(post if post and "demand" in post else None, prefix="bedarf", network=network,
                           phases=phases, districts=network_districts(network))
    if post and "thresholds" in post and thresholds.is_valid():
        thresholds_save(network=network, default=thresholds.cleaned_data["standard"], per_phase=thresholds.per_phase())
        messages.success(request, _("Die Schwellenwerte sind gespeichert."))
        return redirect("gaps:settings", pk=network.pk)
    if post and "demand" in post and demand.is_valid():
        demand_save(network=network, formset=demand)
        messages.success(request, _("Die Bedarfe sind gespeichert."))
        return redirect("gaps:settings", pk=network.pk)
    return render(request, "gaps/settings.html", {"network": network, "thresholds": thresholds, "demand": demand})
