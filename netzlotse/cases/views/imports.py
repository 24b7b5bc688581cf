"""Upload of participant lists and their history: template, dry run with every row's errors, then the import."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netzlotse.accounts import roles
from netzlotse.accounts.decorators import personal_data_view
from netzlotse.core.xlsx import xlsx_download
from netzlotse.directory.models import ImportRun
from netzlotse.directory.views.imports import UploadForm, checked_run, checked_upload, refused_import, report_imported
from netzlotse.network.models import Organization

from ..imports import participants_import, template_bytes


def _organization(user) -> Organization:
    """Imports go into the counsellor's own organisation (the first, if they belong to several)."""
    orgs = roles.organization_ids(user, roles.EDIT_CASES)
    if not roles.can(user, roles.EDIT_CASES) or not orgs:
        raise PermissionDenied
    return Organization.objects.get(pk=min(orgs))


_VIEWS = {"run_view": "cases:import_run", "upload_view": "cases:import"}


@require_http_methods(["GET", "POST"])
@personal_data_view
def upload(request):
    organization = _organization(request.user)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        plan = participants_import(filename=upload.name, content=content, organization=organization,
                                   by=request.user, dry_run=True)
        return checked_upload(request, plan, filename=upload.name, content=content, kind=ImportRun.Kind.PARTICIPANTS,
                              **_VIEWS)
    return render(request, "cases/import.html", {"form": form, "organization": organization})


@require_GET
@personal_data_view
def template(request):
    _organization(request.user)
    return xlsx_download(template_bytes(), "teilnehmende-vorlage.xlsx")


@require_POST
@personal_data_view
def run(request, pk):
    organization = _organization(request.user)
    run = checked_run(request, pk, ImportRun.Kind.PARTICIPANTS)
    plan = participants_import(filename=run.filename, content=bytes(run.content), organization=organization,
                               by=request.user)
    if refused := refused_import(request, run, plan, **_VIEWS):
        return refused
    report_imported(request, plan)
    return redirect("cases:caseload")
