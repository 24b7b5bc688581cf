"""Registering for an event: the public confirm their address first, staff are in at once; a full event puts
people on the waiting list, which moves up when someone cancels; the same address only once; no registration
outside the window or for an event that is over; the links from the mails act only on their button."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from netzlotse.events.models import Registration
from netzlotse.events.services import Refused, registration_cancel, registration_confirm, registration_create
from netzlotse.events.tests.factories import training


@pytest.fixture
def event(world):
    return training(world.provider_a, capacity=2)


def person(n):
    return {"name": f"Person {n}", "email": f"person{n}@example.org"}


def test_the_public_confirm_their_address_before_they_hold_a_place(client, event, after_commit):
    url = reverse("events:detail", args=[event.uuid])
    with after_commit():
        response = client.post(url, {**person(1), "consent": "on"}, follow=True)
    assert "Bitte bestätigen Sie Ihre Anmeldung" in response.content.decode()
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.PENDING and len(mail.outbox) == 1
    link = reverse("events:confirm", args=[registration.token])
    assert link in mail.outbox[0].body
    client.get(link)  # opening the link (a mail scanner does) changes nothing
    assert Registration.objects.get().status == Registration.Status.PENDING
    with after_commit():
        client.post(link)
    assert Registration.objects.get().status == Registration.Status.CONFIRMED
    placed = mail.outbox[1]
    assert placed.attachments[0][0] == "veranstaltung.ics" and "BEGIN:VEVENT" in str(placed.attachments[0][1])


def test_a_full_event_takes_a_waiting_list_that_moves_up_when_someone_cancels(event, after_commit):
    with after_commit():
        first, second, third = (registration_create(event=event, verified=True, **person(n)) for n in range(3))
    assert [r.status for r in (first, second, third)] == ["confirmed", "confirmed", "waiting"]
    with after_commit():
        registration_cancel(token=first.token)
    third.refresh_from_db()
    assert third.status == Registration.Status.CONFIRMED
    assert "Ein Platz ist frei geworden" in mail.outbox[-1].body
    assert event.registrations.filter(status="confirmed").count() == 2


def test_the_same_address_registers_once_and_again_after_cancelling(event):
    registration = registration_create(event=event, verified=True, **person(1))
    with pytest.raises(Refused, match="bereits"):
        registration_create(event=event, verified=True, name="Jemand", email="PERSON1@example.org ")
    registration_cancel(token=registration.token)
    assert registration_create(event=event, verified=True, **person(1)).status == "confirmed"


def test_no_registration_outside_the_window_or_after_the_last_session(world):
    closed = training(world.provider_a, registration_closes=timezone.now() - timedelta(days=1))
    with pytest.raises(Refused, match="keine Anmeldung"):
        registration_create(event=closed, verified=True, **person(1))
    over = training(world.provider_a, days=-10)
    with pytest.raises(Refused, match="keinen Termin mehr"):
        registration_create(event=over, verified=True, **person(1))
    assert not Registration.objects.exists()


def test_a_tampered_link_is_a_404_and_a_bad_form_a_message(client, event):
    registration = registration_create(event=event, verified=False, **person(1))
    assert client.get(reverse("events:confirm", args=[registration.token[:-2] + "xx"])).status_code == 404
    assert client.post(reverse("events:cancel", args=["nope"])).status_code == 404
    with pytest.raises(Refused):
        registration_confirm(token="nope")
    bad = client.post(reverse("events:detail", args=[event.uuid]), {"name": "", "email": "kein-at"})
    assert bad.status_code == 400 and Registration.objects.count() == 1


def test_signed_in_staff_are_registered_at_once(client, world, event, after_commit):
    client.force_login(world.owner)
    with after_commit():
        client.post(reverse("events:detail", args=[event.uuid]), {**person(2), "consent": "on"})
    assert Registration.objects.get().status == Registration.Status.CONFIRMED


def test_everyone_with_a_place_is_reminded_once_before_the_event(world, after_commit):
    from django.core.management import call_command

    soon = training(world.provider_a, days=1, capacity=1)
    later = training(world.provider_a, days=20)
    with after_commit():
        placed = registration_create(event=soon, verified=True, **person(1))
        registration_create(event=soon, verified=True, **person(2))  # waiting: no reminder
        registration_create(event=later, verified=True, **person(3))
    mail.outbox.clear()
    with after_commit():
        call_command("send_event_reminders")
        call_command("send_event_reminders")
    assert [m.to for m in mail.outbox] == [[placed.email]] and mail.outbox[0].subject.startswith("Erinnerung")
    assert reverse("events:cancel", args=[placed.token]) in mail.outbox[0].body
