"""Spreadsheet import: upload, dry run showing every row with its errors, then one-transaction import."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from netzlotse.accounts import roles
from netzlotse.accounts.decorators import permission_required
from netzlotse.core.forms import KernForm
from netzlotse.core.xlsx import xlsx_download

from ..imports.template import template_bytes
from ..models import ImportRun
from ..services import offers_import


class UploadForm(KernForm):
    file = forms.FileField(label=gettext_lazy("Datei (.xlsx oder .csv)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(_("Die Datei ist zu groß."))
        return upload


@permission_required(roles.IMPORT_DATA)
def upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        plan = offers_import(filename=upload.name, content=content, by=request.user, dry_run=True)
        run = ImportRun.objects.create(uploaded_by=request.user, filename=upload.name[:255], content=content,
                                       summary={"valid": plan.is_valid})
        return render(request, "directory/import_check.html", _check_context(plan, run))
    return render(request, "directory/import.html", {"form": form})


def _check_context(plan, run):
    return {"plan": plan, "run": run, "run_url": reverse("directory:import_run", args=[run.pk]),
            "upload_url": reverse("directory:import")}


@require_POST
@permission_required(roles.IMPORT_DATA)
def run_import(request, pk):
    run = get_object_or_404(ImportRun, pk=pk, uploaded_by=request.user, status=ImportRun.Status.CHECKED,
                            kind=ImportRun.Kind.OFFERS)
    plan = offers_import(filename=run.filename, content=bytes(run.content), by=request.user)
    if not plan.written:
        messages.error(request, _("Die Datei hat inzwischen Fehler; es wurde nichts importiert."))
        return render(request, "directory/import_check.html", _check_context(plan, run))
    run.status = ImportRun.Status.IMPORTED
    run.summary = plan.counts()
    run.content = b""  # the data now lives in the directory; keep no second copy
    run.save()
    counts = plan.counts()
    messages.success(request, _("Import abgeschlossen: %(summary)s") % {"summary": "; ".join(
        f"{sheet}: {c['neu']} neu, {c['aktualisieren']} aktualisiert" for sheet, c in counts.items())})
    return redirect("directory:manage")


@require_GET
@permission_required(roles.IMPORT_DATA)
def download_template(request):
    return xlsx_download(template_bytes(), "netzlotse-importvorlage.xlsx")
