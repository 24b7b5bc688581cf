"""Report exports handed off to the task worker: progress on the page, the file for the requester only, the
reader's suppression, and nothing left half-done when the request or the reader's access is not right."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from netzlotse.monitoring.models import ExportJob
from netzlotse.monitoring.report import HIDDEN

from .test_report_features import programme  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def query(programme, *breakdowns):  # noqa: F811 - the fixture's name
    parts = [f"programm={programme.pk}", "stichtage=01.02.2026%2C01.03.2026"]
    return "&".join(parts + [f"aufschluesselung={code}" for code in breakdowns])


def start(client, programme, fmt="xlsx", *breakdowns, captured):  # noqa: F811
    with captured(execute=True):
        return client.post(reverse("monitoring:export_start"), {"query": query(programme, *breakdowns),
                                                                 "format": fmt})


def work():
    """The worker as deployed; it closes its database connection between tasks, so the tests that run it use
    the `committed` database rather than a test transaction."""
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def test_an_export_is_queued_shows_its_progress_and_offers_the_file_when_done(
        committed, client, world, programme, django_capture_on_commit_callbacks):  # noqa: F811
    client.force_login(world.coordinator)
    answer = start(client, programme, "xlsx", "jobcenter", "geschlecht", captured=django_capture_on_commit_callbacks)
    job = ExportJob.objects.get()
    assert answer.status_code == 302 and answer["Location"] == reverse("monitoring:export", args=[job.pk])
    assert job.status == ExportJob.Status.QUEUED and job.steps == 4  # table, two breakdowns, file
    waiting = client.get(answer["Location"])
    assert "Der Export wartet auf den Start." in waiting.content.decode()
    assert 'hx-trigger="every 1s"' in waiting.content.decode()
    assert client.get(reverse("monitoring:export_file", args=[job.pk])).status_code == 404  # not ready yet

    work()
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE and job.step == job.steps and job.percent == 100
    # The page polls the same address; once done, the fragment no longer asks to be polled.
    fragment = client.get(answer["Location"], headers={"HX-Request": "true"}).content.decode()
    assert "<h1" not in fragment and "hx-trigger" not in fragment and job.filename in fragment
    download = client.get(reverse("monitoring:export_file", args=[job.pk]))
    assert download["Content-Disposition"] == f'attachment; filename="{job.filename}"'
    book = load_workbook(io.BytesIO(download.getvalue()))
    assert book.sheetnames[:3] == ["Bericht", "Jobcenter", "Geschlecht"]
    assert [c.value for c in book["Bericht"][3]][:3] == ["Teilnehmende aufgenommen", 12, 20]


def test_a_running_export_shows_the_step_it_has_reached_and_says_when_it_takes_too_long(client, world, programme):  # noqa: F811
    client.force_login(world.coordinator)
    job = ExportJob.objects.create(requested_by=world.coordinator, query=query(programme), format="csv",
                                   title="StaTA", status=ExportJob.Status.RUNNING, step=1, steps=3)
    page = client.get(reverse("monitoring:export", args=[job.pk])).content.decode()
    assert 'value="33"' in page and "Schritt 1 von 3" in page
    assert "ungewöhnlich lange" not in page
    ExportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(minutes=20))
    assert "ungewöhnlich lange" in client.get(reverse("monitoring:export", args=[job.pk])).content.decode()


def test_a_funders_export_is_suppressed_like_the_page_and_only_the_requester_gets_it(
        committed, client, world, programme, django_capture_on_commit_callbacks):  # noqa: F811
    client.force_login(world.funder)
    start(client, programme, "csv", "jobcenter", captured=django_capture_on_commit_callbacks)
    work()
    job = ExportJob.objects.get()
    lines = list(csv.reader(io.StringIO(bytes(job.content).decode("utf-8-sig")), delimiter=";"))
    assert ["Jobcenter", "ohne Angabe", "admissions", "Teilnehmende aufgenommen", "2026-03-01", HIDDEN, HIDDEN] in lines
    client.force_login(world.coordinator)
    assert client.get(reverse("monitoring:export", args=[job.pk])).status_code == 404
    assert client.get(reverse("monitoring:export_file", args=[job.pk])).status_code == 404


def test_a_request_that_is_no_report_queues_nothing_and_says_why(client, world, programme):  # noqa: F811
    client.force_login(world.coordinator)
    answer = client.post(reverse("monitoring:export_start"), {"query": f"programm={programme.pk}&stichtage=31.02.2026",
                                                              "format": "xlsx"}, follow=True)
    assert ExportJob.objects.count() == 0
    assert "31.02.2026" in answer.content.decode() and answer.context["form"].errors
    answer = client.post(reverse("monitoring:export_start"), {"query": query(programme), "format": "pdf"}, follow=True)
    assert ExportJob.objects.count() == 0 and "Unbekanntes Format." in answer.content.decode()
    answer = client.post(reverse("monitoring:export_start"), {"query": "programm=x\r\nSet-Cookie: a=b", "format": "csv"})
    assert answer.status_code == 302 and "\n" not in answer["Location"] and ExportJob.objects.count() == 0


def test_a_reader_who_lost_access_before_the_worker_ran_gets_no_file(
        committed, client, world, programme, django_capture_on_commit_callbacks):  # noqa: F811
    client.force_login(world.funder)
    start(client, programme, "xlsx", captured=django_capture_on_commit_callbacks)
    programme.funders.clear()
    work()
    job = ExportJob.objects.get()
    assert job.status == ExportJob.Status.FAILED and job.content is None
    assert "nicht mehr zur Verfügung" in client.get(reverse("monitoring:export", args=[job.pk])).content.decode()


def test_exports_are_kept_a_day(client, world, programme, django_capture_on_commit_callbacks):  # noqa: F811
    old = ExportJob.objects.create(requested_by=world.funder, query=query(programme), format="csv", title="alt",
                                   status=ExportJob.Status.DONE, content=b"x")
    ExportJob.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=1, minutes=1))
    client.force_login(world.coordinator)
    start(client, programme, "csv", captured=django_capture_on_commit_callbacks)
    assert list(ExportJob.objects.values_list("title", flat=True)) == ["StaTA"]
