"""Registering for an event, confirming, cancelling, and the waiting list: each one transaction on the event's
row, so however many register at once, never more hold a place than the event has. Mails go after commit."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Attendance, CertificateBatch, Event, Registration, Session


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


@transaction.atomic
def event_save(*, event: Event, sessions: list[tuple], by=None) -> Event:
    """Save an event with its sessions ((start, end) pairs): a session with the same start keeps its row (and
    the attendance ticked for it), new ones are added, the rest removed unless someone was ticked present."""
    event.save()
    known = {s.starts_at: s for s in event.sessions.all()}
    wanted = dict(sessions)
    for starts_at, session in known.items():
        if starts_at not in wanted:
            if session.attendances.exists():
                raise Refused(_("Der Termin am %(day)s hat schon eine Anwesenheitsliste und bleibt.")
                              % {"day": timezone.localtime(starts_at).strftime("%d.%m.%Y %H:%M")})
            session.delete()
    for starts_at, ends_at in wanted.items():
        session = known.get(starts_at) or Session(event=event, starts_at=starts_at)
        session.ends_at = ends_at
        session.save()
    return event


@transaction.atomic
def attendance_save(*, session: Session, present: set[int]) -> int:
    """Tick who was there (registration ids); only confirmed registrations of the event count."""
    allowed = set(session.event.registrations.filter(status=Registration.Status.CONFIRMED).values_list("pk", flat=True))
    present = present & allowed
    session.attendances.exclude(registration_id__in=present).delete()
    have = set(session.attendances.values_list("registration_id", flat=True))
    Attendance.objects.bulk_create([Attendance(session=session, registration_id=pk) for pk in present - have])
    return len(present)


def registrations_remove_expired(*, months: int, today=None) -> int:
    """Delete the registrations (names, addresses, needs, attendance) of events whose last session ended more
    than `months` ago: what they were collected for is over."""
    from datetime import timedelta

    from django.db.models import Max

    cutoff = timezone.now() - timedelta(days=round(months * 30.44))
    old = Event.objects.annotate(last=Max("sessions__ends_at")).filter(last__lt=cutoff)
    return Registration.objects.filter(event__in=old).delete()[1].get("events.Registration", 0)


def reminders_send(*, within_hours: int = 48, base_url: str) -> int:
    """Remind everyone with a place of an event whose next session starts within `within_hours`, once."""
    from datetime import timedelta

    now = timezone.now()
    soon = Event.objects.published().filter(sessions__starts_at__gt=now,
                                            sessions__starts_at__lte=now + timedelta(hours=within_hours))
    due = Registration.objects.filter(event__in=soon, status=Registration.Status.CONFIRMED, reminded_at__isnull=True)
    ids = list(due.values_list("pk", flat=True))
    with transaction.atomic():
        Registration.objects.filter(pk__in=ids).update(reminded_at=now)
        for pk in ids:
            _enqueue("reminder", pk, base_url)
    return len(ids)


def certificates_request(*, event: Event, by) -> CertificateBatch:
    """Queue the attendance certificates of an event for the task worker (after commit, so it finds the row)."""
    from .tasks import draw_certificates

    batch = CertificateBatch.objects.create(event=event, requested_by=by)
    transaction.on_commit(lambda: draw_certificates.enqueue(str(batch.pk)))
    return batch


@transaction.atomic
def minutes_save(*, event: Event, form, actions, by) -> None:
    """Save a meeting's minutes and its actions in one go (both forms are valid): a ticked action is done
    today unless it was done before, an unticked one open again."""
    minutes = form.save(commit=False)
    minutes.event, minutes.written_by = event, by
    minutes.save()
    form.save_m2m()
    actions.instance = minutes
    today = timezone.localdate()
    for action_form in actions.forms:
        if not action_form.has_changed():  # an empty extra row, or an action left as it was
            continue
        if action_form in actions.deleted_forms:
            if action_form.instance.pk:
                action_form.instance.delete()
            continue
        action = action_form.save(commit=False)
        action.minutes = minutes
        done = action_form.cleaned_data.get("done")
        action.done_on = (action.done_on or today) if done else None
        action.save()


def action_done(*, action, on=None) -> None:
    action.done_on = on or timezone.localdate()
    action.save(update_fields=["done_on"])
