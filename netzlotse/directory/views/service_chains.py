"""Service chains (Dienstleistungsketten): a coordinator describes the steps a person usually goes through
across the network's partners; counsellors apply them to cases."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from netzlotse.accounts import roles
from netzlotse.accounts.decorators import permission_required
from netzlotse.network.models import Network

from ..forms import ServiceChainForm, ServiceChainStepFormSet
from ..models import Phase, ProcessChain, ServiceChain
from ..services import service_chain_save


def _networks(user):
    return Network.objects.managed_by(user)


@require_GET
@permission_required(roles.EDIT_CHAINS)
def service_chain_list(request):
    chains = ServiceChain.objects.filter(network__in=_networks(request.user)).select_related("network") \
        .prefetch_related("steps__phase")
    return render(request, "directory/service_chains.html", {"chains": chains})


@permission_required(roles.EDIT_CHAINS)
def service_chain_edit(request, pk=None):
    networks = _networks(request.user)
    chain = get_object_or_404(ServiceChain.objects.filter(network__in=networks), pk=pk) if pk else ServiceChain()
    form = ServiceChainForm(request.POST or None, instance=chain)
    form.fields["network"].queryset = networks
    phases = Phase.objects.filter(chain__in=ProcessChain.objects.visible_to_network(networks)).select_related("chain")
    initial = [{"title": s.title, "phase": s.phase_id, "responsible_kind": s.responsible_kind,
                "expected_days": s.expected_days} for s in chain.steps.all()] if chain.pk else []
    steps = ServiceChainStepFormSet(request.POST or None, prefix="schritte", initial=initial,
                                    form_kwargs={"phases": phases})
    if request.method == "POST" and form.is_valid() and steps.is_valid():
        wanted = [f.cleaned_data for f in steps.ordered_forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        service_chain_save(chain=form.save(commit=False), steps=wanted)
        messages.success(request, _("Dienstleistungskette gespeichert."))
        return redirect("directory:service_chains")
    return render(request, "directory/service_chain_edit.html", {"form": form, "steps": steps, "chain": chain})
