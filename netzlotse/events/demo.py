"""The events of the demo (our own wording): RESQUE's trainings for Jobcenter and employment agency staff,
PsssT's intercultural seminar series with past runs and their attendance, and StaTA's counsellors' exchange
meetings; the mobile counselling dates in rural districts come from the directory's offers."""

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from netzlotse.network.models import Organization, Project, Region

from .models import Attendance, Event, Kind, Registration, Series, Session

RESQUE_TRAININGS = [
    ("Aufenthaltsrecht kompakt: Arbeitsmarktzugang mit Gestattung und Duldung",
     "Residence law in brief: labour-market access with permission to stay and toleration"),
    ("Beschäftigungsduldung und Ausbildungsduldung in der Praxis", "Toleration for employment and training in practice"),
    ("Fallbesprechung: Geflüchtete in Ausbildung begleiten", "Case discussion: supporting refugees in training"),
]
NAMES = ["Anna Schulze", "Murat Yilmaz", "Sofia Petrenko", "Jan Hoffmann", "Leyla Karimi", "Thomas Wagner",
         "Nadia Haddad", "Peter König", "Olga Sidorova", "Samir Aziz", "Katrin Vogel", "Elif Demir"]


def _at(day, hour, minutes=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minutes)))


def _event(organizer, title, kind, days, *, hours=(9, 13), district=None, capacity=20, public=False, project=None,
           series=None, audience="", address="", online_url=""):
    event = Event.objects.create(organizer=organizer, kind=kind, title_de=title[0], title_en=title[1],
                                 description_de=title[2] if len(title) > 2 else "", status=Event.Status.PUBLISHED,
                                 capacity=capacity, public=public, project=project, series=series, audience=audience,
                                 district=district, address=address, online_url=online_url, cost="kostenfrei")
    for day in days:
        Session.objects.create(event=event, starts_at=_at(day, hours[0]), ends_at=_at(day, hours[1]))
    return event


def _register(event, rng, count, *, attended=False):
    people = rng.sample(NAMES, min(count, len(NAMES)))
    rows = [Registration(event=event, name=name, email=f"{name.split()[0].lower()}.{event.pk}@example.org",
                         organization_name=rng.choice(["Jobcenter Dresden", "Agentur für Arbeit Leipzig",
                                                       "Ausländerbehörde Chemnitz", "Jobcenter Meißen"]),
                         status=Registration.Status.CONFIRMED, confirmed_at=timezone.now()) for name in people]
    Registration.objects.bulk_create(rows)
    if attended:
        Attendance.objects.bulk_create([Attendance(session=session, registration=r) for session in event.sessions.all()
                                        for r in rows if rng.random() < 0.85])


@transaction.atomic
def load_events_demo() -> dict:
    resque = Organization.objects.filter(external_id="org-resque").first()
    if resque is None:
        return {}
    if Event.objects.filter(organizer=resque).exists():
        return {"events": Event.objects.count(), "registrations": Registration.objects.count()}
    rng, today = random.Random(13), timezone.localdate()
    regions = {r.ags: r for r in Region.objects.filter(ags__in=["14612", "14713", "14511", "15090"])}
    project = Project.objects.filter(name="RESQUE continued").first()
    for n, title in enumerate(RESQUE_TRAININGS):
        event = _event(resque, title, Kind.SEMINAR, [today + timedelta(days=9 + 14 * n)], district=regions["14612"],
                       project=project, audience=",jobcenter,employment_agency,", address="Königsbrücker Str. 1, Dresden")
        _register(event, rng, 6 + 2 * n)
    ist = Organization.objects.filter(external_id="org-ist").first()
    series = Series.objects.create(organizer=ist, name="Interkulturelle Öffnung der Verwaltung")
    psst = Project.objects.filter(name__startswith="PsssT").first()
    for n in range(6):
        day = today + timedelta(days=-70 + 21 * n)
        city = ["14612", "14713", "14511"][n % 3]
        event = _event(ist, ("Interkulturelle Öffnung: Beratung ohne Missverständnisse",
                             "Intercultural opening: counselling without misunderstandings",
                             "Ein Tag zu Kommunikation, Vorurteilen und gutem Umgang mit Sprachbarrieren."),
                       Kind.SEMINAR, [day], hours=(9, 16), district=regions[city], series=series, project=psst,
                       public=True, capacity=16, address="Seminarraum, Hauptstraße 4")
        _register(event, rng, 10, attended=day < today)
    bic = Organization.objects.filter(external_id="org-stata-bic").first()
    for n in range(3):
        _event(bic, ("Austauschtreffen der Intensivbetreuung StaTA", "Exchange meeting of StaTA's counsellors"),
               Kind.MEETING, [today + timedelta(days=5 + 28 * n)], hours=(13, 16), district=regions["15090"],
               capacity=25, address="Beratungs- und Integrationscenter, Stendal", online_url="https://meet.example.org/stata")
    return {"events": Event.objects.count(), "registrations": Registration.objects.count()}
