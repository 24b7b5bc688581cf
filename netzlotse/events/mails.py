"""The mails of a registration (confirm your address, your place, the waiting list, moved up), written by the
task worker after the request."""

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from .ics import Entry, calendar
from .models import Registration

SUBJECTS = {"confirm": "events/mail/confirm_subject.txt", "placed": "events/mail/placed_subject.txt",
            "promoted": "events/mail/placed_subject.txt", "reminder": "events/mail/reminder_subject.txt"}


def event_calendar(event, base_url: str) -> bytes:
    url = base_url.rstrip("/") + reverse("events:detail", args=[event.uuid])
    entries = [Entry(f"session-{s.pk}@netzlotse", s.starts_at, s.ends_at, str(event.title), str(event.description),
                     event.place, url) for s in event.sessions.all()]
    return calendar(entries, name=str(event.title), now=timezone.now())


def send(kind: str, registration_id: int, base_url: str) -> None:
    registration = Registration.objects.select_related("event", "event__organizer").get(pk=registration_id)
    event = registration.event
    base = base_url.rstrip("/")
    context = {"registration": registration, "event": event, "kind": kind,
               "sessions": list(event.sessions.all()),
               "confirm_link": base + reverse("events:confirm", args=[registration.token]),
               "cancel_link": base + reverse("events:cancel", args=[registration.token]),
               "event_link": base + reverse("events:detail", args=[event.uuid])}
    message = EmailMessage(render_to_string(SUBJECTS[kind], context).strip(),
                           render_to_string("events/mail/registration.txt", context), to=[registration.email],
                           reply_to=[event.organizer.email] if event.organizer.email else None)
    if kind in ("placed", "promoted") and registration.status == Registration.Status.CONFIRMED:
        message.attach("veranstaltung.ics", event_calendar(event, base_url), "text/calendar")
    message.send()
