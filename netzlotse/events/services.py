"""Registering for an event, confirming, cancelling, and the waiting list: each one transaction on the event's
row, so however many register at once, never more hold a place than the event has. Mails go after commit."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Event, Registration


class Refused(ValueError):
    """A registration that cannot be taken; the message says why (shown at the form)."""


def _enqueue(kind: str, registration_id: int, base_url: str) -> None:
    from .tasks import send_registration_mail

    transaction.on_commit(lambda: send_registration_mail.enqueue(kind, registration_id, base_url))


def _place_or_wait(event: Event, registration: Registration, now) -> None:
    """Confirm a registration: a place if one is free, else the end of the waiting list (the event is locked)."""
    taken = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
    free = event.capacity is None or taken < event.capacity
    registration.status = Registration.Status.CONFIRMED if free else Registration.Status.WAITING
    registration.confirmed_at = now
    registration.save(update_fields=["status", "confirmed_at"])


@transaction.atomic
def registration_create(*, event: Event, name: str, email: str, organization_name: str = "", needs: str = "",
                        organization=None, verified: bool = False, base_url: str = "") -> Registration:
    """Register someone. The public confirm their e-mail address first (`verified` False: a mail with a link);
    signed-in staff are confirmed at once. Full: the waiting list."""
    now = timezone.now()
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not event.registration_open(now):
        raise Refused(_("Für diese Veranstaltung ist keine Anmeldung (mehr) möglich."))
    if not event.sessions.filter(starts_at__gt=now).exists():
        raise Refused(_("Diese Veranstaltung hat keinen Termin mehr in der Zukunft."))
    email = email.strip().lower()
    if event.registrations.exclude(status=Registration.Status.CANCELLED).filter(email=email).exists():
        raise Refused(_("Mit dieser E-Mail-Adresse ist bereits jemand angemeldet. Die Bestätigung kam per E-Mail."))
    try:
        with transaction.atomic():
            registration = Registration.objects.create(event=event, name=name.strip(), email=email,
                                                       organization_name=organization_name.strip(),
                                                       organization=organization, needs=needs.strip())
    except IntegrityError:
        raise Refused(_("Mit dieser E-Mail-Adresse ist bereits jemand angemeldet.")) from None
    if verified:
        _place_or_wait(event, registration, now)
        _enqueue("placed", registration.pk, base_url)
    else:
        _enqueue("confirm", registration.pk, base_url)
    return registration


@transaction.atomic
def registration_confirm(*, token: str, base_url: str = "") -> Registration:
    """The double opt-in: the link from the mail confirms the address and takes a place (or a waiting one)."""
    registration = Registration.objects.select_related("event").filter(token=token).first()
    if registration is None:
        raise Refused(_("Dieser Link ist ungültig."))
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration.refresh_from_db()
    if registration.status == Registration.Status.PENDING:
        _place_or_wait(event, registration, timezone.now())
        _enqueue("placed", registration.pk, base_url)
    return registration


@transaction.atomic
def registration_cancel(*, token: str, base_url: str = "") -> Registration:
    """Cancel by the link from the mail; a place that frees goes to the first on the waiting list."""
    registration = Registration.objects.filter(token=token).first()
    if registration is None:
        raise Refused(_("Dieser Link ist ungültig."))
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration.refresh_from_db()
    if registration.status == Registration.Status.CANCELLED:
        return registration
    held_place = registration.status == Registration.Status.CONFIRMED
    registration.status = Registration.Status.CANCELLED
    registration.save(update_fields=["status"])
    if held_place:
        waiting_promote(event=event, base_url=base_url)
    return registration


def waiting_promote(*, event: Event, base_url: str = "") -> int:
    """Move the waiting list up into the places that are free (the caller holds the event's lock)."""
    taken = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
    free = None if event.capacity is None else max(0, event.capacity - taken)
    waiting = event.registrations.filter(status=Registration.Status.WAITING).order_by("confirmed_at", "pk")
    moved = list(waiting if free is None else waiting[:free])
    for registration in moved:
        registration.status = Registration.Status.CONFIRMED
        registration.save(update_fields=["status"])
        _enqueue("promoted", registration.pk, base_url)
    return len(moved)
