"""Pages for placements: book a slot for a case (or join the waiting list), start a planned placement,
end a running one with its reason."""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from netzlotse.accounts import roles
from netzlotse.core.access import personal_data_view

from .forms import PlacementEndForm, PlacementForm
from .models import Placement, PlacementSite
from .services import SiteFull, placement_book, placement_end, placement_start
from .views import _own_case


def _sites(user):
    orgs = roles.organization_ids(user)
    return PlacementSite.objects.filter(Q(organization__in=orgs) | Q(project__lead__in=orgs)).distinct().order_by("name")


@require_http_methods(["GET", "POST"])
@personal_data_view
def book(request, pk):
    case = _own_case(request, pk)
    form = PlacementForm(request.POST or None, sites=_sites(request.user), initial={"start": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            placement_book(case=case, site=data["site"], start=data["start"], planned_end=data["planned_end"],
                           by=request.user)
            messages.success(request, _("Der Platz ist gebucht."))
        except SiteFull:
            messages.warning(request, _("Alle Plätze von %(site)s sind belegt; die Person steht auf der Warteliste.")
                             % {"site": data["site"].name})
        return redirect("cases:case", pk=case.pk)
    return render(request, "cases/record.html", {"case": case, "form": form, "title": _("Platz in einer Einsatzstelle buchen")})


@require_POST
@personal_data_view
def start(request, pk, placement_pk):
    case = _own_case(request, pk)
    placement = get_object_or_404(case.placements.filter(status=Placement.Status.PLANNED), pk=placement_pk)
    placement_start(placement=placement, by=request.user)
    messages.success(request, _("Die Platzierung läuft."))
    return redirect("cases:case", pk=case.pk)


@require_http_methods(["GET", "POST"])
@personal_data_view
def end(request, pk, placement_pk):
    case = _own_case(request, pk)
    placement = get_object_or_404(case.placements.filter(status=Placement.Status.ACTIVE), pk=placement_pk)
    form = PlacementEndForm(request.POST or None, initial={"day": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        placement_end(placement=placement, reason=data["reason"], early=data["early"], day=data["day"], by=request.user)
        messages.success(request, _("Die Platzierung ist beendet; der Platz ist wieder frei."))
        return redirect("cases:case", pk=case.pk)
    return render(request, "cases/record.html", {"case": case, "form": form, "title": _("Platzierung beenden")})
