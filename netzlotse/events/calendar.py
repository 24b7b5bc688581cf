"""The public calendar: the sessions of published events and the mobile counselling dates of published offers
(one source each, never entered twice), merged in time order."""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from netzlotse.directory.models import MobileDate, Offer

from .ics import Entry
from .models import Kind, Session

MOBILE = "mobile"
PER_PAGE = 50


@dataclass(frozen=True)
class Item:
    """One line of the calendar: an event's session or an offer's mobile date."""

    uid: str
    starts_at: datetime
    ends_at: datetime
    title: str
    kind: str
    kind_label: str
    place: str
    district: str
    url: str
    online: bool = False
    full: bool = False

    def entry(self, base_url: str) -> Entry:
        return Entry(self.uid, self.starts_at, self.ends_at, self.title, self.kind_label, self.place,
                     base_url.rstrip("/") + self.url)


def sessions(user, *, first: date, last: date, kind: str = "", district=None, audience: str = ""):
    from .models import visible

    condition = visible(user, "event__")
    if kind:
        condition &= Q(event__kind=kind)
    if district is not None:
        condition &= Q(event__district=district)
    if audience == "public":
        condition &= Q(event__public=True)
    elif audience:
        condition &= Q(event__audience__contains=f",{audience},")
    start, end = (timezone.make_aware(datetime.combine(d, t)) for d, t in ((first, time.min), (last, time.max)))
    # One join read along the sessions' start index, so the first 50 come without listing every event.
    return (Session.objects.filter(condition, starts_at__gte=start, starts_at__lte=end)
            .select_related("event", "event__district", "event__location").order_by("starts_at", "pk"))


def mobile_dates(*, first: date, last: date, district=None):
    offers = Offer.objects.public(timezone.localdate())
    dates = MobileDate.objects.filter(date__gte=first, date__lte=last, location__offer__in=offers)
    if district is not None:
        dates = dates.filter(location__district=district)
    return dates.select_related("location", "location__offer", "location__district").order_by("date", "starts", "pk")


def items(user, *, first: date, last: date, kind: str = "", district=None, audience: str = "", limit: int = PER_PAGE):
    """Up to `limit` calendar lines from `first` to `last`, in time order."""
    kinds = dict(Kind.choices)
    found = []
    if kind != MOBILE:
        for session in sessions(user, first=first, last=last, kind=kind, district=district, audience=audience)[:limit]:
            event = session.event
            found.append(Item(f"session-{session.pk}@netzlotse", session.starts_at, session.ends_at, str(event.title),
                              event.kind, str(kinds[event.kind]), event.place or (_("online") if event.online_url else ""),
                              event.district.label if event.district_id else "",
                              reverse("events:detail", args=[event.uuid]), online=bool(event.online_url)))
    if kind in ("", MOBILE) and audience in ("", "public"):
        for mobile in mobile_dates(first=first, last=last, district=district)[:limit]:
            location = mobile.location
            starts = timezone.make_aware(datetime.combine(mobile.date, mobile.starts))
            ends = timezone.make_aware(datetime.combine(mobile.date, mobile.ends))
            found.append(Item(f"mobile-{mobile.pk}@netzlotse", starts, ends, str(location.offer.title), MOBILE,
                              _("Mobile Beratung"), location.address_line if location.street else str(location),
                              location.district.label,
                              reverse("directory:detail", args=[location.offer_id])))
    return sorted(found, key=lambda item: (item.starts_at, item.uid))[:limit]
