"""The organiser's side: an event with its sessions from the form (past and malformed dates refused with a
message), the registrations and the attendance list behind the second factor with each read recorded, only
confirmed registrations ticked, the printable sign-in sheet, and the registrations deleted months later."""

from datetime import timedelta

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from netzlotse.accounts.tests.second_factor import verified
from netzlotse.events.models import Attendance, Event, ListRead, Registration
from netzlotse.events.services import registration_create
from netzlotse.events.tests.factories import training


def form(world, sessions, **extra):
    return {"kind": "seminar", "title_de": "Interkulturelle Öffnung", "title_en": "Intercultural opening",
            "organizer": world.provider_a.pk, "status": "published", "address": "Markt 1, Kamenz",
            "capacity": 15, "public": "on", "sessions_text": sessions, "audience_kinds": ["jobcenter"], **extra}


def test_an_organiser_creates_an_event_with_two_sessions(client, world):
    from netzlotse.directory.models import ProcessChain

    client.force_login(world.owner)
    day = (timezone.localdate() + timedelta(days=20)).strftime("%d.%m.%Y")
    later = (timezone.localdate() + timedelta(days=27)).strftime("%d.%m.%Y")
    phase = ProcessChain.objects.default().phases.order_by("position").first()
    response = client.post(reverse("events:create"), form(world, f"{day} 09:00-13:00\n{later} 09:00-12:30",
                                                          phases=[phase.pk]))
    event = Event.objects.get()
    assert list(event.phases.all()) == [phase]
    assert response.status_code == 302 and event.sessions.count() == 2 and event.audience == ",jobcenter,"
    assert [s.hours for s in event.sessions.all()] == [4.0, 3.5]
    listed = client.get(reverse("events:manage")).content.decode()
    assert "Interkulturelle Öffnung" in listed


def test_past_and_malformed_sessions_are_refused_with_a_message(client, world):
    client.force_login(world.owner)
    past = client.post(reverse("events:create"), form(world, "01.01.2020 09:00-13:00"))
    assert past.status_code == 400 and "in der Vergangenheit" in past.content.decode()
    wrong = client.post(reverse("events:create"), form(world, "morgen früh"))
    assert wrong.status_code == 400 and "Zeile 1" in wrong.content.decode()
    backwards = client.post(reverse("events:create"), form(world, "01.01.2030 13:00-09:00"))
    assert backwards.status_code == 400 and "vor dem Beginn" in backwards.content.decode()
    assert not Event.objects.exists()


def test_the_lists_need_the_second_factor_and_each_read_is_recorded(client, world):
    event = training(world.provider_a)
    client.force_login(world.owner)
    assert client.get(reverse("events:registrations", args=[event.pk])).status_code == 302
    verified(client, world.owner)
    registration_create(event=event, verified=True, name="Amal Haddad", email="amal@example.org")
    page = client.get(reverse("events:registrations", args=[event.pk]))
    assert "Amal Haddad" in page.content.decode() and page["Cache-Control"].startswith("max-age=0")
    assert ListRead.objects.filter(event=event, user=world.owner, part="registrations").count() == 1
    verified(client, world.outsider)
    assert client.get(reverse("events:registrations", args=[event.pk])).status_code == 404


def test_attendance_ticks_only_confirmed_registrations_and_prints_a_sheet(client, world):
    event = training(world.provider_a, capacity=1)
    here = registration_create(event=event, verified=True, name="Da", email="da@example.org")
    waiting = registration_create(event=event, verified=True, name="Wartet", email="wartet@example.org")
    session = event.sessions.first()
    verified(client, world.owner)
    url = reverse("events:attendance", args=[event.pk, session.pk])
    client.post(url, {"anwesend": [here.pk, waiting.pk, 999]})
    assert list(Attendance.objects.values_list("registration_id", flat=True)) == [here.pk]
    sheet = client.get(url + "?ansicht=druck").content.decode()
    assert "Unterschriftenliste" in sheet and "Da" in sheet and "Wartet" not in sheet
    assert client.get(url + "?ansicht=pdf").status_code == 400


def test_registrations_are_deleted_months_after_the_event(world, settings):
    settings.EVENT_RETENTION_MONTHS = 6
    old, recent = training(world.provider_a, days=1), training(world.provider_a, days=1)
    for event in (old, recent):
        registration_create(event=event, verified=True, name="Person", email="p@example.org")
    long_ago = timezone.now() - timedelta(days=200)
    for session in old.sessions.all():
        session.starts_at, session.ends_at = long_ago, long_ago + timedelta(hours=3)
        session.save()
    call_command("prune_registrations")
    assert not Registration.objects.filter(event=old).exists() and Registration.objects.filter(event=recent).exists()


def test_a_person_gets_everything_stored_about_them_in_the_organisers_events(client, world):
    import io

    from openpyxl import load_workbook

    mine, other = training(world.provider_a), training(world.provider_c)
    for event in (mine, other):
        registration_create(event=event, verified=True, name="Amal Haddad", email="amal@example.org",
                            needs="Dolmetschen")
    verified(client, world.owner)
    response = client.post(reverse("events:person_export"), {"email": "AMAL@example.org"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert len(rows) == 1 and rows[0][1] == "Amal Haddad" and rows[0][4] == "Dolmetschen"  # not provider C's event
    assert ListRead.objects.filter(event=mine, part="person_export").exists()
    assert client.post(reverse("events:person_export"), {"email": "kein-at"}).status_code == 400


def test_a_new_run_starts_from_an_event_as_its_template(client, world):
    from netzlotse.events.models import Series

    series = Series.objects.create(organizer=world.provider_a, name="Interkulturelle Öffnung")
    first = training(world.provider_a, series=series, description_de="Ein Tag zu Kommunikation.",
                     audience=",jobcenter,")
    client.force_login(world.owner)
    page = client.get(reverse("events:create"), {"vorlage": first.pk}).content.decode()
    assert "Ein Tag zu Kommunikation." in page and f'<option value="{series.pk}" selected>' in page
    assert 'value="jobcenter" class="kern-form-check__checkbox" id="id_audience_kinds_' in page and "checked" in page
    assert client.get(reverse("events:create"), {"vorlage": "x"}).status_code == 400
    other = training(world.provider_c)
    assert client.get(reverse("events:create"), {"vorlage": other.pk}).status_code == 404
