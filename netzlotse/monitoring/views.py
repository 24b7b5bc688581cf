"""The cut-off report page (with its exports and print view), a programme's cut-off series and its targets."""

from datetime import date

from django.contrib import messages
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netzlotse.accounts import roles
from netzlotse.accounts.decorators import permission_required
from netzlotse.core.dashboard import panels_for
from netzlotse.core.params import int_param
from netzlotse.core.xlsx import xlsx_response
from netzlotse.network.models import Project

from . import exports, services
from .esf import COLUMNS, GENDERS, esf_report, workbook_sheets
from .forms import CutoffAddForm, EsfReportForm, ReportForm, TargetForm
from .indicators import INDICATORS
from .models import Cutoff, ExportJob, Target
from .report import build, describe_filters
from .scope import programmes_for


def _chart(report) -> dict:
    """What the charts draw: a time series per indicator with its target, bars per breakdown group."""
    def number(cell):
        return cell.value if cell.shown == cell.value else None  # suppressed cells are not drawn

    return {
        "dates": [day.strftime("%d.%m.%Y") for day in report.dates],
        "series": [{"name": row.label, "values": [number(c) for c in row.cells], "target": row.target,
                    "ratio": row.indicator.is_ratio} for row in report.rows],
        "breakdowns": [{"title": str(section.breakdown.label), "groups": [r.label for r in section.blocks[0][1]],
                        "series": [{"name": str(indicator.label), "values": [number(r.cells[-1]) for r in rows]}
                                   for indicator, rows in section.blocks if not indicator.is_ratio]}
                       for section in report.sections if section.blocks],
    }


@require_GET
@permission_required(roles.VIEW_MONITORING)
def report(request):
    form = ReportForm(request.GET if "programm" in request.GET else None, user=request.user)
    result = None
    if form.is_bound and form.is_valid():
        # Only the network's own staff see figures of 1 to 4 people; funders read suppressed aggregates.
        result = build(**form.parameters(today=timezone.localdate()),
                       suppress=not roles.can(request.user, roles.SEE_SMALL_CELLS))
        if request.GET.get("format") in ExportJob.Format.values:  # a direct download, for links and scripts
            return exports.response(result, request.GET["format"])
    template = "monitoring/print.html" if result and request.GET.get("format") == "druck" else "monitoring/report.html"
    query = request.GET.copy()
    query.pop("format", None)
    return render(request, template, {
        "form": form, "report": result, "chart": _chart(result) if result else None,
        "filters": describe_filters(result.scope) if result else [], "query": query.urlencode(),
        "now": timezone.localtime().strftime("%d.%m.%Y %H:%M"),
        "can_manage": roles.can(request.user, roles.MANAGE_MONITORING),
        # Sections of the apps above (the events of the programme's projects), without importing them.
        "sections": panels_for(request, "monitoring", programme=result.scope.programme) if result else []})


@require_POST
@permission_required(roles.VIEW_MONITORING)
def export_start(request):
    """Hand the export of the report on the page to the worker and show its progress."""
    query = QueryDict(request.POST.get("query", "")).urlencode()  # re-encoded: only parameters go back in a URL
    try:
        job = services.export_request(user=request.user, query=query, format=request.POST.get("format", ""),
                                      language=request.LANGUAGE_CODE)
    except ValueError as error:
        messages.error(request, str(error))
        return redirect(reverse("monitoring:report") + f"?{query}")
    return redirect("monitoring:export", pk=job.pk)


@require_GET
@permission_required(roles.VIEW_MONITORING)
def export_status(request, pk):
    job = get_object_or_404(ExportJob.objects.of(request.user).defer("content"), pk=pk)
    template = "monitoring/export.html#status" if request.htmx else "monitoring/export.html"
    return render(request, template, {"job": job, "report_url": reverse("monitoring:report") + f"?{job.query}"})


@require_GET
@permission_required(roles.VIEW_MONITORING)
def export_file(request, pk):
    job = get_object_or_404(ExportJob.objects.of(request.user), pk=pk, status=ExportJob.Status.DONE)
    return exports.download(bytes(job.content), job.filename, job.format)


def _programme_for(request, pk):
    """A programme the user may manage (404 outside their scope)."""
    return get_object_or_404(programmes_for(request.user), pk=pk)


@require_http_methods(["GET", "POST"])
@permission_required(roles.MANAGE_MONITORING)
def cutoffs(request, pk):
    programme = _programme_for(request, pk)
    form = CutoffAddForm(request.POST if request.POST.get("action") == "add" else None)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "add" and form.is_valid():
            services.cutoffs_add(programme=programme, dates=form.cleaned_data["stichtage"])
            messages.success(request, _("Stichtage gespeichert."))
            return redirect("monitoring:cutoffs", pk=programme.pk)
        if action in ("close", "remove"):
            cutoff = get_object_or_404(Cutoff, programme=programme, pk=int_param(request, "cutoff", source="POST",
                                                                               required=True))
            try:
                if action == "close":
                    services.cutoff_close(cutoff=cutoff, by=request.user)
                    messages.success(request, _("Stichtag %(day)s abgeschlossen: die Zahlen sind festgehalten.")
                                     % {"day": f"{cutoff.date:%d.%m.%Y}"})
                else:
                    services.cutoff_remove(cutoff=cutoff)
                    messages.success(request, _("Stichtag entfernt."))
            except ValueError:
                messages.error(request, _("Ein abgeschlossener Stichtag bleibt unverändert."))
            return redirect("monitoring:cutoffs", pk=programme.pk)
    series = programme.cutoffs.select_related("closed_by")
    return render(request, "monitoring/cutoffs.html", {"programme": programme, "series": series, "form": form})


@require_http_methods(["GET", "POST"])
@permission_required(roles.MANAGE_MONITORING)
def targets(request, pk):
    programme = _programme_for(request, pk)
    project = None
    if int_param(request, "projekt"):
        project = programme.projects.filter(pk=int_param(request, "projekt")).first()
        if project is None:
            raise Http404
    owner = {"project": project} if project else {"programme": programme}
    current = dict(Target.objects.filter(**owner).values_list("indicator", "value"))
    form = TargetForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        services.targets_save(**owner, values=form.cleaned_data)
        messages.success(request, _("Zielwerte gespeichert."))
        return redirect(request.get_full_path())
    return render(request, "monitoring/targets.html", {
        "programme": programme, "project": project, "form": form, "indicators": INDICATORS,
        "projects": Project.objects.filter(programme=programme).order_by("name"),
        "report_url": reverse("monitoring:report") + f"?programm={programme.pk}"})


@require_GET
@permission_required(roles.VIEW_MONITORING)
def esf(request):
    """The ESF+ common indicators of one project for a period, on the page and as an Excel file."""
    today = timezone.localdate()
    form = EsfReportForm(request.GET if "projekt" in request.GET else None, user=request.user,
                         initial={"von": date(today.year, 1, 1), "bis": today})
    result = None
    if form.is_bound and form.is_valid():
        result = esf_report(scope=form.scope(), start=form.cleaned_data["von"], end=form.cleaned_data["bis"],
                            suppress=not roles.can(request.user, roles.SEE_SMALL_CELLS))
        if request.GET.get("format") == "xlsx":
            return xlsx_response(f"esf-{result.scope.project.code or result.scope.project.pk}-"
                                 f"{result.start:%Y%m%d}-{result.end:%Y%m%d}.xlsx", workbook_sheets(result))
    query = request.GET.copy()
    query.pop("format", None)
    return render(request, "monitoring/esf.html", {"form": form, "report": result, "query": query.urlencode(),
                                                   "genders": GENDERS, "columns": COLUMNS})
