"""The chain editor: networks define their own process chains with ordered phases."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from netzlotse.accounts import roles
from netzlotse.accounts.decorators import permission_required
from netzlotse.network.models import Network

from ..forms import ChainForm, PhaseFormSet
from ..models import ProcessChain
from ..services import chain_save


def get_chain_for_user(user, pk, for_edit=False) -> ProcessChain:
    """Everyone with the chain permission sees shared chains and their networks' chains; only admins edit shared ones."""
    chains = ProcessChain.objects.all() if roles.can(user, roles.MANAGE_ALL_NETWORKS) else \
        ProcessChain.objects.visible_to_network(Network.objects.managed_by(user))
    chain = get_object_or_404(chains, pk=pk)
    if for_edit and chain.network_id is None and not roles.can(user, roles.EDIT_SHARED_CHAINS):
        raise PermissionDenied
    return chain


@require_GET
@permission_required(roles.EDIT_CHAINS)
def chain_list(request):
    chains = ProcessChain.objects.visible_to_network(Network.objects.managed_by(request.user)) \
        .select_related("network").prefetch_related("phases").annotate(offer_count=Count("phases__offers"))
    return render(request, "directory/chains.html", {"chains": chains})


@permission_required(roles.EDIT_CHAINS)
def chain_edit(request, pk=None):
    chain = get_chain_for_user(request.user, pk, for_edit=True) if pk else ProcessChain()
    networks = Network.objects.managed_by(request.user)
    form = ChainForm(request.POST or None, instance=chain)
    form.fields["network"].queryset = networks
    if not roles.can(request.user, roles.EDIT_SHARED_CHAINS):
        form.fields["network"].required = True
    initial = [{"code": p.code, "name_de": p.name_de, "name_en": p.name_en} for p in chain.phases.all()] \
        if chain.pk else []
    phases = PhaseFormSet(request.POST or None, prefix="phasen", initial=initial)
    if request.method == "POST" and form.is_valid() and phases.is_valid():
        wanted = [f.cleaned_data for f in phases.ordered_forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        remaining = {p["code"] for p in wanted}
        in_use = chain.phases.exclude(code__in=remaining).filter(offers__isnull=False).distinct() if chain.pk else []
        if in_use:
            names = ", ".join(str(p.name) for p in in_use)
            messages.error(request, _("Diese Phasen haben noch Angebote und können nicht entfernt werden: %(names)s")
                           % {"names": names})
        else:
            chain_save(chain=form.save(commit=False), phases=wanted)
            messages.success(request, _("Prozesskette gespeichert."))
            return redirect("directory:chains")
    return render(request, "directory/chain_edit.html", {"form": form, "phases": phases, "chain": chain})
