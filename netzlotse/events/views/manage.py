"""The organiser's side: their events, an event's form with its sessions, the registrations and the
attendance list per session (printable as a sign-in sheet). The lists hold personal data: second factor, each
read recorded."""

from django.conf import settings
from django.contrib import messages
from django.db.models import Count, Min, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from netzlotse.accounts import roles
from netzlotse.accounts.decorators import permission_required, personal_data_required
from netzlotse.core.params import choice_param, int_param
from netzlotse.network.models import Organization
from netzlotse.surveys.models import Survey

from .. import services
from ..forms import EventForm, PersonExportForm
from ..models import Event, ListRead, Registration


def event_organised(user, pk: int) -> Event:
    """An event the user runs (404 outside their scope)."""
    return get_object_or_404(Event.objects.organised_by(user).select_related("organizer"), pk=pk)


@require_GET
@permission_required(roles.MANAGE_EVENTS)
def event_list(request):
    confirmed = Q(registrations__status=Registration.Status.CONFIRMED)
    events = (Event.objects.organised_by(request.user).select_related("organizer")
              .annotate(first=Min("sessions__starts_at"), sessions_count=Count("sessions", distinct=True),
                        confirmed=Count("registrations", filter=confirmed, distinct=True),
                        waiting=Count("registrations", filter=Q(registrations__status="waiting"), distinct=True))
              .order_by("-first"))
    return render(request, "events/manage_list.html", {"events": events})


@require_http_methods(["GET", "POST"])
@permission_required(roles.MANAGE_EVENTS)
def event_edit(request, pk=None):
    event = event_organised(request.user, pk) if pk else Event()
    template = int_param(request, "vorlage") if pk is None and request.method == "GET" else None
    organizations = Organization.objects.all() if roles.can(request.user, roles.MANAGE_ALL_NETWORKS) else \
        Organization.objects.filter(pk__in=roles.organization_ids(request.user, roles.MANAGE_EVENTS))
    form = EventForm(request.POST if request.method == "POST" else None, instance=event,
                     organizations=organizations.order_by("name"), surveys=Survey.objects.managed_by(request.user),
                     initial=_from_template(event_organised(request.user, template)) if template else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_save(event=form.save(commit=False), sessions=form.cleaned_data["sessions_text"],
                                by=request.user)
            form.save_m2m()
        except services.Refused as refused:
            form.add_error("sessions_text", str(refused))
        else:
            messages.success(request, _("Die Veranstaltung ist gespeichert."))
            return redirect("events:registrations", form.instance.pk)
    return render(request, "events/event_edit.html", {"form": form, "event": event},
                  status=400 if request.method == "POST" else 200)


def _from_template(template: Event) -> dict:
    """A new run of an event (of a series): everything but its dates, as a draft."""
    from django.forms.models import model_to_dict

    return {**model_to_dict(template, fields=EventForm._meta.fields), "status": Event.Status.DRAFT,
            "audience_kinds": template.audience_kinds}


@require_GET
@personal_data_required(roles.MANAGE_EVENTS)
def registrations(request, pk):
    event = event_organised(request.user, pk)
    ListRead.objects.create(event=event, user=request.user, part="registrations")
    return render(request, "events/registrations.html", {
        "event": event, "months": settings.EVENT_RETENTION_MONTHS,
        "sessions": list(event.sessions.annotate(present=Count("attendances"))),
        "registrations": event.registrations.exclude(status=Registration.Status.PENDING)
        .annotate(attended=Count("attendances")).order_by("status", "confirmed_at")})


@require_http_methods(["GET", "POST"])
@personal_data_required(roles.MANAGE_EVENTS)
def attendance(request, pk, session):
    event = event_organised(request.user, pk)
    session = get_object_or_404(event.sessions, pk=session)
    view = choice_param(request, "ansicht", ("liste", "druck"), default="liste")
    if request.method == "POST":
        ticked = {int(v) for v in request.POST.getlist("anwesend") if v.isdigit()}
        count = services.attendance_save(session=session, present=ticked)
        messages.success(request, _("%(n)d Anwesende gespeichert.") % {"n": count})
        return redirect("events:attendance", event.pk, session.pk)
    ListRead.objects.create(event=event, user=request.user, part="attendance")
    present = set(session.attendances.values_list("registration_id", flat=True))
    people = event.registrations.filter(status=Registration.Status.CONFIRMED).order_by("name")
    template = "events/sign_in_sheet.html" if view == "druck" else "events/attendance.html"
    return render(request, template, {"event": event, "session": session, "people": people, "present": present})


@require_http_methods(["GET", "POST"])
@personal_data_required(roles.MANAGE_EVENTS)
def person_export(request):
    """Everything stored about one person in the user's events (Art. 15 GDPR), as an Excel file."""
    from netzlotse.core.xlsx import xlsx_response

    form = PersonExportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].strip().lower()
        found = (Registration.objects.filter(event__in=Event.objects.organised_by(request.user), email=email)
                 .select_related("event").prefetch_related("attendances__session").order_by("created_at"))
        for event in {r.event for r in found}:
            ListRead.objects.create(event=event, user=request.user, part="person_export")
        rows = [[r.event.title_de, r.name, r.email, r.organization_name, r.needs, r.get_status_display(),
                 f"{timezone.localtime(r.created_at):%d.%m.%Y %H:%M}",
                 ", ".join(f"{timezone.localtime(a.session.starts_at):%d.%m.%Y}" for a in r.attendances.all())]
                for r in found]
        headers = [_("Veranstaltung"), _("Name"), _("E-Mail"), _("Organisation"), _("Unterstützung"), _("Stand"),
                   _("angemeldet am"), _("anwesend an")]
        return xlsx_response("auskunft-veranstaltungen.xlsx", {_("Auskunft"): (headers, rows)})
    return render(request, "events/person_export.html", {"form": form}, status=400 if request.method == "POST" else 200)


@require_GET
@permission_required(roles.VIEW_MONITORING)
def programme_report(request, programme):
    """The events of a programme's projects per year as an Excel file (suppressed as on the monitoring page)."""
    from netzlotse.core.xlsx import xlsx_response
    from netzlotse.network.models import Programme

    from .. import reporting

    found = get_object_or_404(Programme.objects.reported_to(request.user), pk=programme)
    rows = reporting.programme_rows(found, suppress=not roles.can(request.user, roles.SEE_SMALL_CELLS))
    headers, cells = reporting.table(rows)
    return xlsx_response(f"veranstaltungen-{found.pk}.xlsx", {_("Veranstaltungen"): (headers, cells)})
