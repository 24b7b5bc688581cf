"""Case pages. Every one is a personal-data view: second factor required, access logged."""

from django import forms
from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from netzlotse.core.access import personal_data_view
from netzlotse.core.forms import KernForm
from netzlotse.core.paging import paginate

from .models import AccessLog, Case


class CaseloadForm(KernForm):
    q = forms.CharField(label=_("Kennung oder Name"), required=False, max_length=100)
    meine = forms.BooleanField(label=_("nur meine Fälle"), required=False)
    beendet = forms.BooleanField(label=_("auch beendete Fälle"), required=False)


@require_GET
@personal_data_view
def caseload(request):
    form = CaseloadForm(request.GET)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    cases = Case.objects.visible_to(request.user, own_caseload_only=bool(data.get("meine")))
    if not data.get("beendet"):
        cases = cases.filter(closed_on__isnull=True)
    query = (data.get("q") or "").strip()
    if query:
        words = query.split()
        match = Q(participant__code__iexact=query)
        name = Q()
        for word in words:
            name &= Q(participant__first_name__icontains=word) | Q(participant__last_name__icontains=word)
        cases = cases.filter(match | name)
    cases = cases.select_related("participant", "project", "phase").order_by("participant__code")
    page = paginate(request, cases)
    if query:  # a search by name processes personal data: log who found whom
        AccessLog.objects.bulk_create([AccessLog(user=request.user, participant=case.participant,
                                                 action=AccessLog.Action.SEARCH, purpose="Fallliste")
                                       for case in page])
    return render(request, "cases/caseload.html", {"form": form, "page": page})
