"""An event in the test world: a training of provider A with two sessions next month."""

from datetime import timedelta

from django.utils import timezone

from netzlotse.events.models import Event, Kind, Session


def training(organizer, *, capacity=3, days=30, public=True, **fields) -> Event:
    fields = {"kind": Kind.SEMINAR, "title_de": "Aufenthaltsrecht für die Beratung",
              "title_en": "Residence law for counselling", **fields}
    event = Event.objects.create(organizer=organizer, capacity=capacity, public=public, status=Event.Status.PUBLISHED,
                                 address="Königstraße 1, 01097 Dresden", **fields)
    start = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0) + timedelta(days=days)
    for n in range(2):
        Session.objects.create(event=event, starts_at=start + timedelta(days=n), ends_at=start + timedelta(days=n, hours=4))
    return event
