"""Attendance certificates: a real PDF per attendee with name, event, organiser, the sessions attended and their
hours; all of an event's drawn by the task worker into a ZIP with progress; behind the second factor, each
download recorded, nobody else's event reachable; the renderer fetches nothing outside the app's static files."""

import io
import zipfile

import pytest
from django.urls import reverse
from pypdf import PdfReader

from netzlotse.accounts.tests.second_factor import verified
from netzlotse.events.certificates import _only_static, batches_remove_expired
from netzlotse.events.models import Attendance, CertificateBatch, ListRead
from netzlotse.events.services import registration_create
from netzlotse.events.tests.factories import training


def text_of(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def held(world):
    """A training of two four-hour sessions: Amal came to both, Jonas to the first, Lea registered only."""
    event = training(world.provider_a, capacity=5, description_de="Grundlagen des Aufenthaltsrechts")
    first, second = event.sessions.all()
    people = [registration_create(event=event, verified=True, name=name, email=f"{name.split()[0].lower()}@example.org",
                                  organization_name="Jobcenter Bautzen")
              for name in ("Amal Haddad", "Jonas Weber", "Lea Schulz")]
    Attendance.objects.bulk_create([Attendance(session=first, registration=people[0]),
                                    Attendance(session=second, registration=people[0]),
                                    Attendance(session=first, registration=people[1])])
    return event, people


def test_an_attendee_gets_a_german_pdf_with_the_hours_attended(client, world, held):
    event, (amal, jonas, lea) = held
    verified(client, world.owner)
    response = client.get(reverse("events:certificate", args=[event.pk, jonas.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and 'filename="teilnahmebescheinigung-jonas-weber.pdf"' in \
        response["Content-Disposition"]
    text = text_of(response.content)
    for expected in ("Teilnahmebescheinigung", "Jonas Weber", "Jobcenter Bautzen", "Aufenthaltsrecht für die Beratung",
                     world.provider_a.name, "4 Zeitstunden", "Teilgenommen an 1 Termin (von 2)",
                     "Grundlagen des Aufenthaltsrechts"):
        assert expected in text
    assert "8 Zeitstunden" in text_of(client.get(reverse("events:certificate", args=[event.pk, amal.pk])).content)
    assert client.get(reverse("events:certificate", args=[event.pk, lea.pk])).status_code == 404
    assert ListRead.objects.filter(event=event, part="certificate").count() == 2


def test_all_certificates_are_drawn_by_the_worker_into_one_zip(client, world, held, after_commit):
    event, _people = held
    verified(client, world.owner)
    page = client.get(reverse("events:registrations", args=[event.pk])).content.decode()
    assert reverse("events:certificates_start", args=[event.pk]) in page
    with after_commit():
        response = client.post(reverse("events:certificates_start", args=[event.pk]))
    batch = CertificateBatch.objects.get()
    assert response.url == reverse("events:certificates", args=[batch.pk])
    assert batch.status == "done" and batch.total == 2 and batch.step == batch.steps == 2
    status = client.get(response.url).content.decode()
    assert "2 Bescheinigungen sind fertig." in status and reverse("events:certificates_file", args=[batch.pk]) in status
    download = client.get(reverse("events:certificates_file", args=[batch.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert sorted(archive.namelist()) == ["teilnahmebescheinigung-amal-haddad.pdf",
                                          "teilnahmebescheinigung-jonas-weber.pdf"]
    assert "Amal Haddad" in text_of(archive.read("teilnahmebescheinigung-amal-haddad.pdf"))
    assert ListRead.objects.filter(event=event, part="certificates").count() == 1
    batch.path.unlink()


def test_the_queued_batch_shows_its_progress_and_the_file_goes_a_day_later(client, world, held):
    from datetime import timedelta

    from django.utils import timezone

    event, _people = held
    verified(client, world.owner)
    client.post(reverse("events:certificates_start", args=[event.pk]))
    batch = CertificateBatch.objects.get()
    waiting = client.get(reverse("events:certificates", args=[batch.pk]))
    assert "Der Export wartet auf den Start." in waiting.content.decode() and "hx-get" in waiting.content.decode()
    assert client.get(reverse("events:certificates_file", args=[batch.pk])).status_code == 404
    verified(client, world.outsider)
    assert client.get(reverse("events:certificates", args=[batch.pk])).status_code == 404
    assert client.post(reverse("events:certificates_start", args=[event.pk])).status_code == 404
    assert batches_remove_expired(now=timezone.now() + timedelta(days=2)) == 1


def test_certificates_need_the_second_factor(client, world, held):
    event, (amal, _jonas, _lea) = held
    client.force_login(world.owner)
    assert client.get(reverse("events:certificate", args=[event.pk, amal.pk])).status_code == 302
    assert client.post(reverse("events:certificates_start", args=[event.pk])).status_code == 302
    assert not CertificateBatch.objects.exists()


def test_a_batch_for_an_event_no_longer_run_by_the_requester_fails_with_a_message(world, held):
    from netzlotse.events.certificates import batch_run

    event, _people = held
    batch = CertificateBatch.objects.create(event=event, requested_by=world.outsider)
    batch_run(str(batch.pk))
    batch.refresh_from_db()
    assert batch.status == "failed" and "nicht mehr zur Verfügung" in batch.error and not batch.path.exists()


@pytest.mark.parametrize("url", ["https://example.org/font.woff2", "file:///etc/passwd",
                                 "file:///work/static/../../etc/passwd", "http://127.0.0.1/x.css"])
def test_the_renderer_fetches_nothing_outside_the_static_files(url):
    with pytest.raises(ValueError):
        _only_static(url)


def test_the_certificate_uses_the_apps_own_font(client, world, held):
    event, (amal, _jonas, _lea) = held
    verified(client, world.owner)
    pdf = client.get(reverse("events:certificate", args=[event.pk, amal.pk])).content
    fonts = {str(font["/BaseFont"]) for page in PdfReader(io.BytesIO(pdf)).pages
             for font in page["/Resources"]["/Font"].values()}
    assert fonts and all("Fira-Sans" in name for name in fonts)
    import pathlib
    pathlib.Path("test-artifacts").mkdir(exist_ok=True)
    pathlib.Path("test-artifacts/certificate.pdf").write_bytes(pdf)
