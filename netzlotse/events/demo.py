"""The events of the demo (our own wording): RESQUE's trainings for Jobcenter and employment agency staff,
PsssT's intercultural seminar series with past runs and their attendance, and StaTA's counsellors' exchange
meetings (the last one with its minutes); the mobile counselling dates in rural districts come from the
directory's offers. Run after the surveys' demo: the series' follow-up survey is theirs."""

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from netzlotse.network.models import Organization, Project, Region

from .models import Action, Attendance, Event, Kind, Minutes, Registration, Series, Session

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
    runs = []
    for n in range(6):
        day = today + timedelta(days=-70 + 21 * n)
        city = ["14612", "14713", "14511"][n % 3]
        event = _event(ist, ("Interkulturelle Öffnung: Beratung ohne Missverständnisse",
                             "Intercultural opening: counselling without misunderstandings",
                             "Ein Tag zu Kommunikation, Vorurteilen und gutem Umgang mit Sprachbarrieren."),
                       Kind.SEMINAR, [day], hours=(9, 16), district=regions[city], series=series, project=psst,
                       public=True, capacity=16, address="Seminarraum, Hauptstraße 4")
        _register(event, rng, 10, attended=day < today)
        runs.append((event, day))
    _follow_up_responses(runs, rng, today)
    bic = Organization.objects.filter(external_id="org-stata-bic").first()
    for n in range(-1, 3):
        meeting = _event(bic, ("Austauschtreffen der Intensivbetreuung StaTA", "Exchange meeting of StaTA's counsellors"),
                         Kind.MEETING, [today + timedelta(days=5 + 28 * n)], hours=(13, 16), district=regions["15090"],
                         capacity=25, address="Beratungs- und Integrationscenter, Stendal",
                         online_url="https://meet.example.org/stata")
        if n == -1:
            _minutes(meeting, today)
    return {"events": Event.objects.count(), "registrations": Registration.objects.count()}


def _follow_up_responses(runs, rng, today) -> None:
    """The runs of the series that are over ask the follow-up survey four weeks later; some attendees answered,
    each response for its run (an occasion of the survey)."""
    from netzlotse.surveys.demo import FOLLOW_UP_TITLE, follow_up_answer
    from netzlotse.surveys.models import Invitation, Survey

    from .followup import attendees, occasion_for

    survey = Survey.objects.filter(title__de=FOLLOW_UP_TITLE).first()
    if survey is None:
        return
    for event, day in runs:
        Event.objects.filter(pk=event.pk).update(followup_survey=survey, followup_weeks=4)
        invited_on = day + timedelta(weeks=4)
        if invited_on >= today:
            continue
        occasion = occasion_for(event, survey)
        people = attendees(event)
        Invitation.objects.bulk_create([Invitation(survey=survey, occasion=occasion, email=email, name=name,
                                                   sent_on=invited_on) for email, name, _org in people])
        invited = list(survey.invitations.filter(occasion=occasion).order_by("pk"))
        for n, invitation in enumerate(invited[:round(len(invited) * 0.6)]):
            response = follow_up_answer(survey, rng, n, min(today, invited_on + timedelta(days=1 + n)), occasion=occasion)
            Invitation.objects.filter(pk=invitation.pk).update(responded_on=response.submitted_on)
        Event.objects.filter(pk=event.pk).update(followup_sent_on=invited_on)


def _minutes(meeting, today) -> None:
    """Minutes of the last exchange meeting: who came, what was agreed (one action overdue, one soon)."""
    from netzlotse.accounts.models import User

    participants = list(Organization.objects.filter(external_id__in=["org-stata-bic", "org-stata-t1", "org-stata-t2",
                                                                     "org-stata-t3"]))
    minutes = Minutes.objects.create(
        event=meeting, written_by=User.objects.filter(username="admin").first(),
        agenda="Begrüßung und Protokoll des letzten Treffens\nStand der Einsatzstellen in Stendal und Havelberg\n"
               "Übergang in Beschäftigung: was nach dem Ende der Förderung trägt\nVerschiedenes",
        other_participants="Jobcenter Landkreis Stendal (als Gast)",
        results="In Havelberg fehlen Einsatzstellen im Bereich Garten- und Landschaftsbau; zwei Träger prüfen "
                "Kooperationen mit Betrieben vor Ort.\n\nFür den Übergang in Beschäftigung soll jede "
                "Intensivbetreuung drei Monate vor dem Ende der Förderung ein Abschlussgespräch mit dem Jobcenter "
                "vereinbaren.")
    minutes.participants.set(participants)
    owners = {u.username: u for u in User.objects.filter(username__in=["beratung", "einsatzstellen"])}
    planned = [("beratung", "Vorlage für das Abschlussgespräch mit dem Jobcenter entwerfen", -3, None),
               ("einsatzstellen", "Betriebe in Havelberg für Einsatzstellen ansprechen", 9, None),
               ("einsatzstellen", "Liste der freien Einsatzstellen an alle Träger schicken", -20, -21)]
    Action.objects.bulk_create([Action(minutes=minutes, owner=owners[who], text=text, due_on=today + timedelta(days=due),
                                       done_on=today + timedelta(days=done) if done is not None else None)
                                for who, text, due, done in planned if who in owners])
