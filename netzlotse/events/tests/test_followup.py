"""After an event: its feedback survey goes to those who attended (not to those who only registered), its
follow-up some weeks later; each event is an occasion of the survey, so a response says which run it was about."""

from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from netzlotse.events.followup import surveys_send
from netzlotse.events.services import attendance_save, registration_create
from netzlotse.events.tests.factories import training
from netzlotse.surveys.models import Invitation, Response
from netzlotse.surveys.tests.factories import feedback_survey


def held(world, survey, followup=None, *, names=("A", "B", "C"), present=("A", "B")):
    event = training(world.provider_a, days=3, capacity=10, feedback_survey=survey, followup_survey=followup,
                     followup_weeks=8)
    people = {n: registration_create(event=event, verified=True, name=n, email=f"{n.lower()}@example.org")
              for n in names}
    for session in event.sessions.all():
        attendance_save(session=session, present={people[n].pk for n in present})
    past = timezone.now() - timedelta(days=2)
    for n, session in enumerate(event.sessions.order_by("starts_at")):
        session.starts_at, session.ends_at = past + timedelta(hours=n), past + timedelta(hours=n, minutes=30)
        session.save()
    return event


def test_the_attendees_get_the_feedback_survey_once_and_answer_for_their_event(client, world, after_commit):
    survey = feedback_survey(world.provider_a, anonymous=True)
    event = held(world, survey)
    with after_commit():
        call_command("send_event_surveys")
        call_command("send_event_surveys")
    invited = Invitation.objects.filter(survey=survey)
    assert sorted(invited.values_list("email", flat=True)) == ["a@example.org", "b@example.org"]
    assert sorted(m.to[0] for m in mail.outbox if "Umfrage" in m.subject) == ["a@example.org", "b@example.org"]
    occasion = invited.first().occasion
    assert occasion.reference == f"event:{event.uuid}" and occasion.held_on == timezone.localdate(
        event.sessions.first().starts_at)
    url = reverse("respond:invited", args=[invited.get(email="a@example.org").token])
    client.post(url, {"aktion": "weiter", "q:useful": "5"})
    client.post(url, {"aktion": "weiter", "q:again": "yes"})
    assert Response.objects.get(survey=survey).occasion == occasion


def test_the_follow_up_waits_its_weeks(world, after_commit):
    followup = feedback_survey(world.provider_a, anonymous=True)
    held(world, None, followup)
    with after_commit():
        assert surveys_send(base_url="http://x")["followup"] == 0
        assert surveys_send(base_url="http://x", now=timezone.now() + timedelta(weeks=9))["followup"] == 2
    assert Invitation.objects.filter(survey=followup).count() == 2


def test_an_attendee_of_two_runs_of_a_series_is_invited_for_each(world):
    survey = feedback_survey(world.provider_a, anonymous=True)
    held(world, survey)
    held(world, survey)
    surveys_send(base_url="http://x")
    assert Invitation.objects.filter(survey=survey, email="a@example.org").count() == 2


def test_who_has_not_answered_is_reminded_once_a_week_later(world, after_commit):
    from netzlotse.events.followup import reminders_send

    survey = feedback_survey(world.provider_a, anonymous=True)
    held(world, survey)
    other = survey.invitations.create(email="ohne-anlass@example.org", sent_on=timezone.localdate() - timedelta(days=30))
    with after_commit():
        surveys_send(base_url="http://x")
    answered = Invitation.objects.get(survey=survey, email="b@example.org")
    Invitation.objects.filter(pk=answered.pk).update(responded_on=timezone.localdate())
    mail.outbox.clear()
    with after_commit():
        assert reminders_send(base_url="http://x") == 0  # not a week yet
        later = timezone.localdate() + timedelta(days=8)
        assert reminders_send(base_url="http://x", today=later) == 1
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    with after_commit():  # once: the next days send nothing more
        assert reminders_send(base_url="http://x", today=later + timedelta(days=1)) == 0
    other.refresh_from_db()
    assert other.reminded_on is None  # a survey's own invitations are the manager's to remind
