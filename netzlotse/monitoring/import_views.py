"""Upload of a programme's history: template, dry run with every row's errors, then the import."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netzlotse.accounts import roles
from netzlotse.accounts.decorators import permission_required
from netzlotse.core.xlsx import xlsx_download
from netzlotse.directory.models import ImportRun
from netzlotse.directory.views.imports import UploadForm, checked_run, checked_upload, refused_import
from netzlotse.network.models import Programme

from .history import history_import, template_bytes
from .scope import programmes_for


class HistoryUploadForm(UploadForm):
    programm = forms.ModelChoiceField(label=gettext_lazy("Förderprogramm"), queryset=Programme.objects.none())
    fehlende_anlegen = forms.BooleanField(
        label=gettext_lazy("Unbekannte Teilnehmende, Organisationen, Projekte und Einsatzstellen anlegen"),
        required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programm"].queryset = programmes_for(user).order_by("name")
        self.order_fields(["programm", "file", "fehlende_anlegen"])


def _views():
    return {"run_view": "monitoring:import_run", "upload_view": "monitoring:import",
            "headings": (_("Teilnehmende"), _("Ereignis"))}  # what a history row's key and label are


@require_http_methods(["GET", "POST"])
@permission_required(roles.MANAGE_MONITORING)
def upload(request):
    form = HistoryUploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        programme, create = form.cleaned_data["programm"], form.cleaned_data["fehlende_anlegen"]
        plan = history_import(filename=upload.name, content=content, by=request.user, programme=programme,
                              create_missing=create, dry_run=True)
        return checked_upload(request, plan, filename=upload.name, content=content, kind=ImportRun.Kind.HISTORY,
                              keep={"programme": programme.pk, "create_missing": create}, **_views())
    return render(request, "monitoring/import.html", {"form": form})


@require_GET
@permission_required(roles.MANAGE_MONITORING)
def template(request):
    return xlsx_download(template_bytes(), "verlauf-vorlage.xlsx")


@require_POST
@permission_required(roles.MANAGE_MONITORING)
def run(request, pk):
    run = checked_run(request, pk, ImportRun.Kind.HISTORY)
    programme = get_object_or_404(programmes_for(request.user), pk=run.summary.get("programme"))
    plan = history_import(filename=run.filename, content=bytes(run.content), by=request.user, programme=programme,
                          create_missing=bool(run.summary.get("create_missing")))
    if refused := refused_import(request, run, plan, **_views()):
        return refused
    messages.success(request, _("Verlauf importiert: %(n)d Ereignisse.") % {"n": plan.counts()["Verlauf"]["neu"]})
    return redirect(reverse("monitoring:report") + f"?programm={programme.pk}")
