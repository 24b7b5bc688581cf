"""The public calendar: events' sessions and offers' mobile dates in one list, filters by kind, district,
audience and dates (a bad date is a 400 with a message), and iCalendar that a standard parser reads."""

from datetime import time, timedelta

import icalendar
from django.urls import reverse
from django.utils import timezone

from netzlotse.directory.models import Location, MobileDate
from netzlotse.events.models import Event, Kind
from netzlotse.events.tests.factories import training
from netzlotse.network.models import Region


def test_the_calendar_lists_sessions_and_mobile_dates_and_filters_them(client, world):
    dresden = Region.objects.get(ags="14612")
    training(world.provider_a, district=dresden, days=3)
    meeting = training(world.provider_b, days=4, public=False)
    meeting.title_de, meeting.kind = "Treffen der Beratungskräfte", Kind.MEETING
    meeting.save()
    place = Location.objects.create(offer=world.offer_a, kind=Location.Kind.MOBILE, name="Rathaus Kamenz",
                                    city="Kamenz", district=Region.objects.get(ags="14625"))
    MobileDate.objects.create(location=place, date=timezone.localdate() + timedelta(days=5), starts=time(10),
                              ends=time(12))
    page = client.get(reverse("events:calendar")).content.decode()
    assert "Aufenthaltsrecht für die Beratung" in page and "Rathaus Kamenz" in page
    assert "Treffen der Beratungskräfte" not in page  # for staff only
    client.force_login(world.owner)
    assert "Treffen der Beratungskräfte" in client.get(reverse("events:calendar")).content.decode()
    only_mobile = client.get(reverse("events:calendar") + "?art=mobile").content.decode()
    assert "Rathaus Kamenz" in only_mobile and "Aufenthaltsrecht" not in only_mobile
    in_dresden = client.get(reverse("events:calendar") + "?kreis=14612").content.decode()
    assert "Aufenthaltsrecht" in in_dresden and "Kamenz" not in in_dresden
    assert client.get(reverse("events:calendar") + "?von=gestern").status_code == 400
    assert client.get(reverse("events:calendar") + "?von=2026-01-01&bis=2028-01-01").status_code == 400


def test_the_feed_and_each_event_are_valid_icalendar(client, world):
    event = training(world.provider_a, days=2)
    event.title_de = "Recht, Praxis; und mehr – ein sehr langer Titel, der über fünfundsiebzig Zeichen hinausgeht"
    event.save()
    feed = client.get(reverse("events:feed"))
    assert feed["Content-Type"].startswith("text/calendar")
    parsed = icalendar.Calendar.from_ical(feed.content)
    events = [c for c in parsed.walk() if c.name == "VEVENT"]
    assert len(events) == 2 and str(events[0]["SUMMARY"]) == event.title_de
    assert all(len(line.encode()) <= 75 for line in feed.content.decode().split("\r\n"))
    one = icalendar.Calendar.from_ical(client.get(reverse("events:ics", args=[event.uuid])).content)
    starts = sorted(c.decoded("DTSTART") for c in one.walk() if c.name == "VEVENT")
    assert starts == sorted(s.starts_at for s in event.sessions.all())


def test_a_draft_or_staff_event_is_not_found_by_the_public(client, world):
    draft = training(world.provider_a)
    draft.status = Event.Status.DRAFT
    draft.save()
    staff = training(world.provider_a, public=False)
    assert client.get(reverse("events:detail", args=[draft.uuid])).status_code == 404
    assert client.get(reverse("events:detail", args=[staff.uuid])).status_code == 404
