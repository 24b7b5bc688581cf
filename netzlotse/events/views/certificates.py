"""Attendance certificates: one attendee's PDF at once, or all of an event's as a ZIP drawn by the task worker
while the page shows the progress. They carry personal data: second factor, each download recorded."""

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from netzlotse.accounts import roles
from netzlotse.accounts.decorators import personal_data_required

from .. import services
from ..certificates import Renderer, attendees
from ..models import CertificateBatch, ListRead
from .manage import event_organised


@require_GET
@personal_data_required(roles.MANAGE_EVENTS)
def certificate(request, pk, registration):
    event = event_organised(request.user, pk)
    found = attendees(event, registration_id=registration)
    if not found:
        raise Http404(_("Für diese Person ist keine Anwesenheit eingetragen."))
    ListRead.objects.create(event=event, user=request.user, part="certificate")
    response = HttpResponse(Renderer(event).pdf(found[0]), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{found[0].filename}"'
    return response


@require_POST
@personal_data_required(roles.MANAGE_EVENTS)
def certificates_start(request, pk):
    event = event_organised(request.user, pk)
    batch = services.certificates_request(event=event, by=request.user)
    return redirect("events:certificates", batch.pk)


def _batch(request, batch, **extra):
    return get_object_or_404(CertificateBatch.objects.filter(requested_by=request.user).select_related("event"),
                             pk=batch, **extra)


@require_GET
@personal_data_required(roles.MANAGE_EVENTS)
def certificates_status(request, batch):
    item = _batch(request, batch)
    template = "events/certificates.html#status" if request.htmx else "events/certificates.html"
    return render(request, template, {"job": item, "event": item.event})


@require_GET
@personal_data_required(roles.MANAGE_EVENTS)
def certificates_file(request, batch):
    item = _batch(request, batch, status=CertificateBatch.Status.DONE)
    if not item.path.exists():
        raise Http404(_("Die Datei ist nicht mehr vorhanden; bitte die Bescheinigungen neu erstellen."))
    ListRead.objects.create(event=item.event, user=request.user, part="certificates")
    return FileResponse(open(item.path, "rb"), as_attachment=True, filename=item.filename,
                        content_type="application/zip")
