"""200 people register at the same moment for 20 places (PostgreSQL; 50 connections at once, as many as a
default server leaves a test, each sending four): exactly 20 hold a place and 180 wait, in the order their
transactions took the event's lock."""

import threading

import pytest
from django.db import connection, connections

from netzlotse.events.models import Registration
from netzlotse.events.services import registration_create
from netzlotse.events.tests.factories import training

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks under load: PostgreSQL")


def test_never_more_places_than_the_event_has_under_200_concurrent_registrations(committed):
    from netzlotse.network.models import Organization

    event = training(Organization.objects.create(name="Träger"), capacity=20)
    workers = 50
    start, errors = threading.Barrier(workers), []

    def register(worker):
        try:
            start.wait()
            for n in range(worker, 200, workers):
                registration_create(event=event, name=f"Person {n}", email=f"p{n}@example.org", verified=True)
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses.count("confirmed") == 20 and statuses.count("waiting") == 180
