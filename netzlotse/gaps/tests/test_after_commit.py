"""What the gap analysis does after an offer is saved or a search finds nothing runs after the commit, in the task
worker: the save and the search never wait for it, and its failure never undoes them."""

import logging

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from netzlotse.directory.models import Offer
from netzlotse.directory.tests.helpers import make_offer
from netzlotse.gaps.models import DemandSignal, Gap
from netzlotse.gaps.services import detect_gaps

from .test_detect import phase, pirna  # noqa: F401 - the fixture


def queued(task_name):
    return DBTaskResult.objects.filter(task_path=f"netzlotse.gaps.tasks.{task_name}")


def test_saving_an_offer_queues_the_gap_check_instead_of_running_it(world, pirna, django_capture_on_commit_callbacks):  # noqa: F811
    detect_gaps(network=world.network)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        offer = make_offer(world.provider_a, "Nachbetreuung", districts=("14628",), phases=("sicherung",))
        assert not queued("recheck_gaps").exists()  # nothing is queued while the save's transaction is open
    assert callbacks and queued("recheck_gaps").get().args_kwargs["args"] == [[offer.pk]]
    # Until the worker has run, the register is as it was.
    assert Gap.objects.get(phase=phase("sicherung"), district=pirna).status == Gap.Status.FOUND


def test_an_offer_is_saved_although_the_gap_check_fails(world, pirna, after_commit, monkeypatch, caplog):  # noqa: F811
    def broken(offer_ids):
        raise RuntimeError("detection failed")

    monkeypatch.setattr("netzlotse.gaps.tasks.recheck_after_offer_change", broken)
    with caplog.at_level(logging.ERROR), after_commit():
        offer = make_offer(world.provider_a, "Nachbetreuung", districts=("14628",), phases=("sicherung",))
    assert Offer.objects.filter(pk=offer.pk, title_de="Nachbetreuung").exists()
    assert "detection failed" in caplog.text


def test_a_search_that_finds_nothing_queues_the_demand_signal(client, world, pirna,  # noqa: F811
                                                               django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get("/angebote/", {"kreis": "14628"}).status_code == 200
    assert not DemandSignal.objects.exists()
    task = queued("record_demand").get()
    assert task.args_kwargs["args"] == ["search", pirna.pk, None, None, None]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a lock on one table needs PostgreSQL")
def test_the_search_answers_while_the_signal_table_is_locked(committed, client, world, pirna):  # noqa: F811
    import psycopg

    params = connection.get_connection_params()
    with psycopg.connect(**{k: v for k, v in params.items() if k in ("dbname", "user", "host", "port", "password")}) \
            as other:
        other.execute("LOCK TABLE gaps_demandsignal IN ACCESS EXCLUSIVE MODE")  # held until this block ends
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '3s'")  # a write to the locked table would fail, not hang
        try:
            assert client.get("/angebote/", {"kreis": "14628"}).status_code == 200
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SET lock_timeout = 0")
    assert queued("record_demand").count() == 1 and not DemandSignal.objects.exists()
