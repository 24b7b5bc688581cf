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


def checked_upload(request, plan, *, filename: str, content: bytes, kind: str, run_view: str, upload_view: str,
                   headings=None, keep=None):
    """The check page of an upload. Only a file without errors is kept, until it is imported (or expires);
    anything else is answered with 400 and its reasons, and nothing of it stays on the server. `keep` holds
    what the import needs besides the file (the choices made on the upload form)."""
    ImportRun.objects.expired().delete()
    run = ImportRun.objects.create(uploaded_by=request.user, filename=filename[:255], content=content, kind=kind,
                                   summary={"valid": True, **(keep or {})}) if plan.is_valid else None
    return render_check(request, plan, run, filename=filename, run_view=run_view, upload_view=upload_view,
                        headings=headings)


def checked_run(request, pk, kind: str) -> ImportRun:
    """The user's own checked upload of this kind, waiting to be imported; anyone else's is a 404."""
    return get_object_or_404(ImportRun, pk=pk, uploaded_by=request.user, status=ImportRun.Status.CHECKED, kind=kind)


def report_imported(request, plan) -> None:
    """The success message after an import: what was new and what was updated, per sheet."""
    messages.success(request, _("Import abgeschlossen: %(summary)s") % {"summary": "; ".join(
        f"{sheet}: {c['neu']} neu, {c['aktualisieren']} aktualisiert" for sheet, c in plan.counts().items())})


def refused_import(request, run, plan, **views):
    """After the import of a stored upload: the file goes either way (it may hold personal data); the check page
    again, with its reasons, if nothing was written, else None."""
    run.delete()
    if plan.written:
        return None
    messages.error(request, _("Die Datei hat inzwischen Fehler; es wurde nichts importiert."))
    return render_check(request, plan, None, filename=run.filename, **views)


def render_check(request, plan, run, *, filename: str, run_view: str, upload_view: str, headings=None):
    return render(request, "directory/import_check.html", {
        "plan": plan, "run": run, "filename": filename, "headings": headings,
        "run_url": reverse(run_view, args=[run.pk]) if run else "", "upload_url": reverse(upload_view)},
        status=200 if plan.is_valid else 400)


@permission_required(roles.IMPORT_DATA)
def upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        plan = offers_import(filename=upload.name, content=content, by=request.user, dry_run=True)
        return checked_upload(request, plan, filename=upload.name, content=content, kind=ImportRun.Kind.OFFERS,
                              **_VIEWS)
    return render(request, "directory/import.html", {"form": form})


_VIEWS = {"run_view": "directory:import_run", "upload_view": "directory:import"}


@require_POST
@permission_required(roles.IMPORT_DATA)
def run_import(request, pk):
    run = checked_run(request, pk, ImportRun.Kind.OFFERS)
    plan = offers_import(filename=run.filename, content=bytes(run.content), by=request.user)
    if refused := refused_import(request, run, plan, **_VIEWS):
        return refused
    report_imported(request, plan)
    return redirect("directory:manage")


@require_GET
@permission_required(roles.IMPORT_DATA)
def download_template(request):
    return xlsx_download(template_bytes(), "netzlotse-importvorlage.xlsx")
