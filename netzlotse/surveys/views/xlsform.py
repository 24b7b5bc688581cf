"""XLSForm in and out: import a form as a new draft survey (every problem listed first), export any survey."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from netzlotse.accounts import roles
from netzlotse.accounts.decorators import permission_required
from netzlotse.core.xlsx import xlsx_download

from .. import xlsform
from ..access import survey_managed
from ..forms import XLSFormUploadForm
from .builder import management_scope


@require_http_methods(["GET", "POST"])
@permission_required(roles.MANAGE_SURVEYS)
def xlsform_import(request):
    organizations, networks = management_scope(request.user)
    data = request.POST if request.method == "POST" else None
    form = XLSFormUploadForm(data, request.FILES or None, organizations=organizations, networks=networks)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            # Read in memory and never kept: the upload is gone once this request ends.
            survey = xlsform.survey_import(filename=upload.name, content=upload.read(),
                                           organization=form.cleaned_data["organization"],
                                           network=form.cleaned_data["network"], by=request.user)
        except xlsform.Refused as refused:
            problems = refused.problems
        else:
            messages.success(request, _("Das XLSForm ist als Entwurf „%(title)s“ angelegt.") % {"title": survey})
            return redirect("surveys:builder", survey.pk)
    return render(request, "surveys/xlsform_import.html", {"form": form, "problems": problems},
                  status=400 if request.method == "POST" else 200)


@require_GET
@permission_required(roles.MANAGE_SURVEYS)
def xlsform_export(request, pk):
    survey = survey_managed(request.user, pk)
    return xlsx_download(xlsform.export(survey), f"xlsform-{survey.pk}.xlsx")
