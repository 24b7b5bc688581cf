"""Tallies under concurrent writers (PostgreSQL): ids and change times are handed out before a transaction
commits, so a refresh must not move its watermark past an event that is still being written."""

import threading
import time
from datetime import date

import pytest
from django.db import connection, transaction

from netzlotse.cases.models import Case, Contact, Participant
from netzlotse.cases.services import contact_record, participant_update
from netzlotse.monitoring import tally

from .test_indicators import admit, stata  # noqa: F401 - the fixture
from .test_tally import assert_tallies_agree


def in_thread(work):
    """Run `work` on its own connection; returns the thread and a list that receives its outcome."""
    outcome = []

    def run():
        try:
            outcome.append(work())
        except Exception as error:  # noqa: BLE001 - handed to the test to raise
            outcome.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


def test_an_event_committed_after_a_later_one_is_still_counted(committed, stata):  # noqa: F811
    if connection.vendor != "postgresql":
        pytest.skip("SQLite admits one writer at a time, so ids commit in order")
    org, programme, (project, _), _site = stata
    anna, bernd = admit(org, project, "Anna", date(2026, 1, 5)), admit(org, project, "Bernd", date(2026, 1, 6))
    tally.refresh()
    written, release = threading.Event(), threading.Event()

    def slow_writer():  # takes its event id first and commits last
        with transaction.atomic():
            contact_record(case=Case.objects.get(pk=anna.pk), by=None,
                           contact=Contact(kind=Contact.Kind.PROFILING, date=date(2026, 1, 7)))
            written.set()
            release.wait(10)

    writer, failed = in_thread(slow_writer)
    assert written.wait(10)
    contact_record(case=bernd, by=None, contact=Contact(kind=Contact.Kind.PROFILING, date=date(2026, 1, 8)))
    refresher, refreshed = in_thread(tally.refresh)
    time.sleep(0.5)
    assert refresher.is_alive()  # waiting for the slow writer, not reading past its event
    release.set()
    writer.join(10)
    refresher.join(10)
    assert not failed or failed == [None]
    assert refreshed and not isinstance(refreshed[0], Exception)
    assert_tallies_agree(programme)


def test_a_refresh_that_cannot_wait_for_writers_leaves_the_report_to_the_live_count(committed, stata):  # noqa: F811
    if connection.vendor != "postgresql":
        pytest.skip("only PostgreSQL writers hold the tallies' lock")
    from netzlotse.monitoring.report import Scope, build

    org, programme, (project, _), _site = stata
    case = admit(org, project, "Anna", date(2026, 1, 5))
    written, release = threading.Event(), threading.Event()

    def long_import():
        with transaction.atomic():
            person = Participant.objects.get(pk=case.participant_id)
            person.gender = Participant.Gender.MALE
            participant_update(participant=person, by=None)
            written.set()
            release.wait(20)

    writer, _outcome = in_thread(long_import)
    assert written.wait(10)
    tally.WAIT = "200ms"
    try:
        report = build(scope=Scope(programme=programme), dates=[date(2026, 2, 1)])
    finally:
        tally.WAIT = "2s"
        release.set()
        writer.join(10)
    assert report.rows[1].cells[0].value == 1  # admitted, counted from the events while the tallies were locked
