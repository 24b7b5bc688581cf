"""Service chains in a case: apply a network's chain, tick its steps off (htmx updates the list in place)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from netzlotse.accounts.decorators import personal_data_view
from netzlotse.core.params import int_param

from .. import access
from ..access import case_for
from ..models import CaseStep
from ..services import case_step_tick, service_chain_apply


@require_POST
@personal_data_view
def apply(request, pk):
    case = case_for(request.user, pk, part=access.STEPS, reading=False)
    chain = get_object_or_404(case.service_chains(), pk=int_param(request, "chain", source="POST", required=True))
    steps = service_chain_apply(case=case, chain=chain, by=request.user)
    messages.success(request, _("„%(chain)s“ ist mit %(n)d Schritten geplant.") % {"chain": chain.name, "n": len(steps)})
    return redirect("cases:case", pk=case.pk)


@require_POST
@personal_data_view
def tick(request, pk, step_pk):
    case = case_for(request.user, pk, part=access.STEPS, reading=False)
    step = get_object_or_404(CaseStep.objects.filter(case=case), pk=step_pk)
    case_step_tick(step=step, done=request.POST.get("done") == "1", by=request.user)
    if request.htmx:
        return render(request, "cases/case.html#steps", {"case": case, "steps": case.steps.select_related("phase"),
                                                          "can_edit": True, "today": timezone.localdate()})
    return redirect("cases:case", pk=case.pk)
