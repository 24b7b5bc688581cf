"""The gap register: list, detail with lifecycle and measures, and a detection run on demand."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netzlotse.accounts import roles
from netzlotse.accounts.decorators import permission_required
from netzlotse.core.locking import EditedMeanwhile, edited_meanwhile_message
from netzlotse.core.paging import paginate
from netzlotse.core.redirects import safe_next
from netzlotse.core.xlsx import xlsx_response
from netzlotse.network.models import Network

from ..forms import BulkStatusForm, GapUpdateForm, MeasureForm, RegisterFilterForm, networks_of
from ..models import Gap
from ..services import detect_gaps, gap_update, gaps_set_status, measure_add, offers_in_cell


def register_gaps(user):
    """Gaps of the networks the user reads; anything else does not exist for them."""
    return Gap.objects.of_networks(networks_of(user)).select_related(
        "network", "phase", "district", "target_group", "field_of_action", "responsible")


def _may_manage(user, gap) -> bool:
    return roles.can(user, roles.MANAGE_GAPS) and Network.objects.managed_by(user).filter(pk=gap.network_id).exists()


@require_GET
@permission_required(roles.VIEW_GAPS)
def register(request):
    networks = list(networks_of(request.user))
    form = RegisterFilterForm(request.GET, networks=networks)
    gaps = form.apply(register_gaps(request.user)).annotate(measure_count=Count("measures"))
    if request.GET.get("format") == "xlsx":
        return register_xlsx(gaps)
    can_detect = roles.can(request.user, roles.MANAGE_GAPS) and Network.objects.managed_by(request.user).exists()
    managed = set(Network.objects.managed_by(request.user).values_list("pk", flat=True)) if can_detect else set()
    return render(request, "gaps/register.html", {
        "form": form, "page": paginate(request, gaps), "can_detect": can_detect, "managed_networks": managed,
        "statuses": Gap.Status.choices})


@require_POST
@permission_required(roles.MANAGE_GAPS)
def bulk_status(request):
    """The chosen gaps of the register to one status at once (e.g. all as communicated after a meeting)."""
    form = BulkStatusForm(request.POST, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        changed = gaps_set_status(gaps=Gap.objects.filter(pk__in=[g.pk for g in data["luecken"]]), by=request.user,
                                  status=data["status"], note=data["note"])
        messages.success(request, ngettext("%(n)d Lücke steht jetzt auf „%(status)s“.",
                                           "%(n)d Lücken stehen jetzt auf „%(status)s“.", changed)
                         % {"n": changed, "status": Gap.Status(data["status"]).label})
    else:
        messages.error(request, " ".join(m for messages_ in form.errors.values() for m in messages_))
    return redirect(safe_next(request, "gaps:register"))


def register_xlsx(gaps):
    headers = ["Netzwerk", "Kreis", "AGS", "Phase", "Zielgruppe", "Handlungsfeld", "Art", "Befund", "Status",
               "erkannt am", "geschlossen am", "verantwortlich", "Maßnahmen"]
    rows = [[g.network.name, g.district.label, g.district.ags, f"{g.phase.position}. {g.phase.name_de}",
             str(g.target_group or ""), str(g.field_of_action or ""), str(g.get_kind_display()), g.describe(),
             str(g.get_status_display()), g.found_on, g.closed_on, str(g.responsible or ""), g.measure_count]
            for g in gaps]
    return xlsx_response("angebotsluecken.xlsx", {"Lückenregister": (headers, rows)})


@require_POST
@permission_required(roles.MANAGE_GAPS)
def detect_now(request):
    created = closed = 0
    for network in Network.objects.managed_by(request.user).filter(regions__isnull=False).distinct():
        result = detect_gaps(network=network)
        created, closed = created + result.created, closed + result.closed
    messages.success(request, _("Prüfung abgeschlossen: %(new)s neue Lücken, %(closed)s geschlossen.")
                     % {"new": created, "closed": closed})
    return redirect("gaps:register")


def directory_link(gap) -> str:
    params = {"kreis": gap.district.ags, "phase": gap.phase_id}
    if gap.target_group_id:
        params["zielgruppe"] = gap.target_group.code
    if gap.field_of_action_id:
        params["handlungsfeld"] = gap.field_of_action.code
    return f"{reverse('directory:search')}?{urlencode(params)}"


@require_http_methods(["GET", "POST"])
@permission_required(roles.VIEW_GAPS)
def gap_detail(request, pk):
    gap = get_object_or_404(register_gaps(request.user), pk=pk)
    may_manage = _may_manage(request.user, gap) and gap.is_open
    update_form, measure_form = GapUpdateForm(gap=gap), MeasureForm(gap=gap)
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied
        if "measure" in request.POST:
            measure_form = MeasureForm(request.POST, gap=gap)
            if measure_form.is_valid():
                measure_add(gap=gap, measure=measure_form.save(commit=False), by=request.user)
                messages.success(request, _("Die Maßnahme ist eingetragen."))
                return redirect("gaps:gap", pk=gap.pk)
        else:
            update_form = GapUpdateForm(request.POST, gap=gap)
            if update_form.is_valid():
                data = update_form.cleaned_data
                try:
                    gap_update(gap=gap, by=request.user, status=data["status"], note=data["note"],
                               responsible=data["responsible"], notes=data["notes"], version=data["version"])
                except EditedMeanwhile:
                    last = gap.events.select_related("by").order_by("-at").first()
                    update_form.add_error(None, edited_meanwhile_message(last.summary() if last else ""))
                else:
                    messages.success(request, _("Die Lücke ist aktualisiert."))
                    return redirect("gaps:gap", pk=gap.pk)
    return render(request, "gaps/gap.html", {
        "gap": gap, "may_manage": may_manage, "update_form": update_form, "measure_form": measure_form,
        "events": gap.events.select_related("by"), "measures": gap.measures.select_related("responsible"),
        "closing": gap.closing_offers.select_related("provider"), "directory_link": directory_link(gap),
        "cell_offers": offers_in_cell(gap).select_related("provider")[:10] if gap.is_open else None,
    })
