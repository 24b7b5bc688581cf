"""A survey's results page and the export of its answers (written by the task worker)."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from netzlotse.accounts import roles
from netzlotse.accounts.decorators import permission_required
from netzlotse.core.params import BadParameter, choice_param

from .. import results, services
from ..access import survey_managed, survey_results
from ..forms import ExportForm
from ..models import Survey, SurveyExport


@require_GET
@permission_required(roles.VIEW_SURVEY_RESULTS)
def results_page(request, pk):
    survey = survey_results(request.user, pk)
    manages = Survey.objects.managed_by(request.user).filter(pk=survey.pk).exists()
    choices = results.breakdown_choices(survey)
    breakdown = choice_param(request, "nach", tuple(key for key, _label in choices) + ("",), default="")
    built = results.build(survey, breakdown=breakdown, small_cells=manages, language=request.LANGUAGE_CODE[:2])
    charts = {f"diagramm-{r.question.key}": results.chart(r, built.groups) for r in built.questions}
    return render(request, "surveys/results.html", {
        "survey": survey, "results": built, "choices": choices, "breakdown": breakdown, "manage": manages,
        "charts": {k: v for k, v in charts.items() if v}, "export_form": ExportForm(initial={"format": "xlsx"})})


@require_POST
@permission_required(roles.MANAGE_SURVEYS)
def export_start(request, pk):
    survey = survey_managed(request.user, pk)
    form = ExportForm(request.POST)
    if not form.is_valid():
        raise BadParameter(" ".join(m for errors in form.errors.values() for m in errors))
    export = services.export_request(survey=survey, user=request.user, format=form.cleaned_data["format"],
                                     labels=form.cleaned_data["labels"])
    return redirect("surveys:export", export.pk)


@require_GET
@permission_required(roles.MANAGE_SURVEYS)
def export_status(request, export):
    item = get_object_or_404(SurveyExport.objects.filter(requested_by=request.user).select_related("survey"), pk=export)
    template = "surveys/export.html#status" if request.htmx else "surveys/export.html"
    return render(request, template, {"export": item, "survey": item.survey})


@require_GET
@permission_required(roles.MANAGE_SURVEYS)
def export_file(request, export):
    item = get_object_or_404(SurveyExport.objects.filter(requested_by=request.user), pk=export,
                             status=SurveyExport.Status.DONE)
    if not item.path.exists():
        raise Http404(_("Die Datei ist nicht mehr vorhanden; bitte den Export neu anstoßen."))
    kind = "text/csv; charset=utf-8" if item.format == "csv" else \
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return FileResponse(open(item.path, "rb"), as_attachment=True, filename=item.filename, content_type=kind)
