"""Service chains in a case: apply a network's chain, tick its steps off (htmx updates the list in place)."""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from netzlotse.accounts.decorators import personal_data_view
from netzlotse.core.params import int_param
from netzlotse.directory.models import ServiceChain

from .access import own_case
from .models import CaseStep
from .services import case_step_tick, service_chain_apply


def chains_for(case):
    """The service chains of the networks the case's organisation coordinates or belongs to."""
    org = case.organization_id
    return ServiceChain.objects.filter(Q(network__coordinator_id=org) | Q(network__memberships__organization_id=org)) \
        .distinct().order_by("name")


@require_POST
@personal_data_view
def apply(request, pk):
    case = own_case(request.user, pk)
    chain = get_object_or_404(chains_for(case), pk=int_param(request, "chain", source="POST", required=True))
    steps = service_chain_apply(case=case, chain=chain, by=request.user)
    messages.success(request, _("„%(chain)s“ ist mit %(n)d Schritten geplant.") % {"chain": chain.name, "n": len(steps)})
    return redirect("cases:case", pk=case.pk)


@require_POST
@personal_data_view
def tick(request, pk, step_pk):
    case = own_case(request.user, pk)
    step = get_object_or_404(CaseStep.objects.filter(case=case), pk=step_pk)
    case_step_tick(step=step, done=request.POST.get("done") == "1", by=request.user)
    if request.htmx:
        return render(request, "cases/case.html#steps", {"case": case, "steps": case.steps.select_related("phase"),
                                                          "can_edit": True, "today": timezone.localdate()})
    return redirect("cases:case", pk=case.pk)
