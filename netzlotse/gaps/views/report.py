"""The gap report: printable page and Excel file for all projects of a network."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from netzlotse.accounts import roles
from netzlotse.accounts.decorators import permission_required
from netzlotse.core.xlsx import xlsx_response

from ..forms import networks_of
from ..report import report_sections, report_sheets
from .matrix import STATUS_TEXT


@require_GET
@permission_required(roles.VIEW_GAPS)
def report(request):
    networks = list(networks_of(request.user).filter(regions__isnull=False).distinct().order_by("name"))
    chosen = request.GET.get("netzwerk")
    network = next((n for n in networks if str(n.pk) == chosen), None) if chosen else (networks[0] if networks else None)
    if chosen and network is None:
        raise Http404
    day = timezone.localdate()
    sections = report_sections(network, day) if network else []
    if network and request.GET.get("format") == "xlsx":
        return xlsx_response(f"lueckenbericht-{day.isoformat()}.xlsx", report_sheets(sections))
    return render(request, "gaps/report.html", {"networks": networks, "network": network, "sections": sections,
                                                "day": day, "status_text": STATUS_TEXT})
