"""The public side of events: the calendar with its iCalendar feed, each event with its `.ics`, registering,
confirming the address and cancelling by the links from the mails."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .. import calendar, services
from ..forms import CalendarForm, RegistrationForm
from ..ics import calendar as ics_calendar
from ..mails import event_calendar
from ..models import Event, Registration

ICS_TYPE = "text/calendar; charset=utf-8"


def _calendar_form(request):
    form = CalendarForm(request.GET or None)
    if request.GET and not form.is_valid():
        return form, False
    if not request.GET:
        form = CalendarForm({})
        form.is_valid()
    return form, True


@require_GET
def calendar_page(request):
    form, ok = _calendar_form(request)
    found = calendar.items(request.user, **form.filters()) if ok else []
    query = urlencode({k: v for k, v in request.GET.items() if v})
    return render(request, "events/calendar.html", {"form": form, "items": found, "query": query,
                                                    "limit": calendar.PER_PAGE}, status=200 if ok else 400)


@require_GET
def calendar_feed(request):
    form, ok = _calendar_form(request)
    if not ok:
        return HttpResponse(" ".join(m for errors in form.errors.values() for m in errors), status=400,
                            content_type="text/plain; charset=utf-8")
    entries = [item.entry(request.build_absolute_uri("/")) for item in
               calendar.items(request.user, **form.filters(), limit=1000)]
    response = HttpResponse(ics_calendar(entries, name=_("netzlotse: Veranstaltungen"), now=timezone.now()),
                            content_type=ICS_TYPE)
    response["Content-Disposition"] = 'inline; filename="veranstaltungen.ics"'
    return response


def _event(request, uuid) -> Event:
    return get_object_or_404(Event.objects.visible_to(request.user).select_related("organizer", "district", "location"),
                             uuid=uuid)


@require_http_methods(["GET", "POST"])
def detail(request, uuid):
    event = _event(request, uuid)
    form = RegistrationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        staff = request.user.is_authenticated
        try:
            registration = services.registration_create(
                event=event, name=data["name"], email=data["email"], organization_name=data["organization_name"],
                needs=data["needs"], verified=staff, base_url=request.build_absolute_uri("/"))
        except services.Refused as refused:
            form.add_error(None, str(refused))
        else:
            if registration.status == Registration.Status.PENDING:
                messages.success(request, _("Fast geschafft: Bitte bestätigen Sie Ihre Anmeldung mit dem Link, den wir "
                                            "Ihnen eben per E-Mail geschickt haben."))
            elif registration.status == Registration.Status.WAITING:
                messages.info(request, _("Die Veranstaltung ist ausgebucht: Sie stehen auf der Warteliste."))
            else:
                messages.success(request, _("Sie sind angemeldet. Die Bestätigung kommt per E-Mail."))
            return redirect("events:detail", event.uuid)
    now = timezone.now()
    taken = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
    return render(request, "events/detail.html", {
        "event": event, "sessions": list(event.sessions.all()), "form": form, "open": event.registration_open(now),
        "free": None if event.capacity is None else max(0, event.capacity - taken),
        "future": event.sessions.filter(starts_at__gt=now).exists()},
        status=400 if request.method == "POST" else 200)


@require_GET
def event_ics(request, uuid):
    event = _event(request, uuid)
    response = HttpResponse(event_calendar(event, request.build_absolute_uri("/")), content_type=ICS_TYPE)
    response["Content-Disposition"] = f'attachment; filename="veranstaltung-{event.pk}.ics"'
    return response


def _by_link(request, token, action, template):
    """A page for the link from the mail that acts only on its button (a mail scanner that opens links changes
    nothing); an unknown or altered link is a 404."""
    registration = get_object_or_404(Registration.objects.select_related("event"), token=token)
    if request.method == "POST":
        action(token=token, base_url=request.build_absolute_uri("/"))
        registration.refresh_from_db()
    return render(request, template, {"registration": registration, "event": registration.event,
                                      "done": request.method == "POST"})


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    return _by_link(request, token, services.registration_confirm, "events/confirm.html")


@require_http_methods(["GET", "POST"])
def cancel(request, token):
    return _by_link(request, token, services.registration_cancel, "events/cancel.html")



