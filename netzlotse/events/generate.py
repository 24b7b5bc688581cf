"""Synthetic events for the benchmark, at every size: 50,000 published events of the generated organisations
over two years around today (one to three sessions each, in all districts), and the two events the registration
benchmarks fill: one with 100 places for the rush, one held with 200 attendees for the certificates."""

import random
import time
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.utils import timezone

from netzlotse.network.models import Organization, Region

from .models import Attendance, Event, Kind, Registration, Session

PREFIX = "GEN-"
EVENTS = 50_000
BATCH = 5_000
RUSH = f"{PREFIX}Ansturm: 100 Plätze"
HELD = f"{PREFIX}Schulung mit 200 Teilnehmenden"
KINDS = [Kind.SEMINAR, Kind.SEMINAR, Kind.INFORMATION, Kind.WORKSHOP, Kind.MEETING]
AUDIENCES = ["", ",jobcenter,", ",jobcenter,employment_agency,", ",authority,", ",provider,counselling,"]


def _start(rng, today) -> datetime:
    day = today + timedelta(days=rng.randint(-365, 365))
    return timezone.make_aware(datetime(day.year, day.month, day.day, rng.choice([9, 10, 13, 14])))


def extend(size: str, seed: int = 42, progress=print) -> dict:
    organizations = list(Organization.objects.filter(external_id__startswith="gen-").values_list("pk", flat=True))
    if not organizations:
        return {}
    rng = random.Random(seed + 13)  # noqa: S311 - synthetic data, not security
    districts = list(Region.objects.filter(level=Region.Level.DISTRICT).values_list("pk", flat=True))
    today, started = timezone.localdate(), time.perf_counter()
    for first in range(0, EVENTS, BATCH):
        with transaction.atomic():
            events = Event.objects.bulk_create([Event(
                organizer_id=rng.choice(organizations), kind=rng.choice(KINDS), status=Event.Status.PUBLISHED,
                title_de=f"{PREFIX}Veranstaltung {n + 1}", title_en=f"Event {n + 1}", district_id=rng.choice(districts),
                address=f"Musterstraße {n % 90 + 1}", capacity=rng.choice([None, 12, 20, 30]),
                public=rng.random() < 0.7, audience=rng.choice(AUDIENCES), cost="kostenfrei")
                for n in range(first, min(first + BATCH, EVENTS))])
            sessions = []
            for event in events:
                start = _start(rng, today)
                for n in range(rng.choice([1, 1, 2, 3])):
                    at = start + timedelta(days=7 * n)
                    sessions.append(Session(event=event, starts_at=at, ends_at=at + timedelta(hours=3)))
            Session.objects.bulk_create(sessions, batch_size=2000)
        progress(f"Veranstaltungen: {first + len(events)} von {EVENTS} ({time.perf_counter() - started:.0f} s)")
    _benchmark_events(organizations[0], today)
    # Fresh statistics after a bulk load (autovacuum would gather them later): without them PostgreSQL takes
    # the published events for a handful and plans the calendar as a loop over all of them.
    with connection.cursor() as cursor:
        for model in (Event, Session):
            cursor.execute(f"ANALYZE {model._meta.db_table}")
    return {"events": Event.objects.filter(title_de__startswith=PREFIX).count(),
            "sessions": Session.objects.filter(event__title_de__startswith=PREFIX).count()}


@transaction.atomic
def _benchmark_events(organizer: int, today) -> None:
    soon = timezone.make_aware(datetime(today.year, today.month, today.day, 9)) + timedelta(days=30)
    rush = Event.objects.create(organizer_id=organizer, kind=Kind.SEMINAR, status=Event.Status.PUBLISHED, title_de=RUSH,
                                capacity=100, public=True, address="Musterstraße 1")
    Session.objects.create(event=rush, starts_at=soon, ends_at=soon + timedelta(hours=4))
    past = soon - timedelta(days=60)
    held = Event.objects.create(organizer_id=organizer, kind=Kind.SEMINAR, status=Event.Status.PUBLISHED, title_de=HELD,
                                capacity=250, public=False, address="Musterstraße 2",
                                description_de="Grundlagen, Übungen und Fallbesprechungen.")
    sessions = [Session.objects.create(event=held, starts_at=past + timedelta(days=n),
                                       ends_at=past + timedelta(days=n, hours=6)) for n in range(2)]
    people = Registration.objects.bulk_create([Registration(
        event=held, name=f"Teilnehmende Person {n + 1}", email=f"person{n + 1}@example.org",
        organization_name="Jobcenter Musterstadt", status=Registration.Status.CONFIRMED, confirmed_at=past)
        for n in range(200)])
    Attendance.objects.bulk_create([Attendance(session=s, registration=r) for s in sessions for r in people])


def remove() -> None:
    with transaction.atomic():
        Event.objects.filter(title_de__startswith=PREFIX).delete()
