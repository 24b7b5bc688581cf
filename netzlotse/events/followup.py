"""An event's feedback survey right after its last session and its follow-up survey some weeks later, sent as
personal invitations to those who attended; each event is an occasion of the survey, so the results compare
the runs of a series, and the years."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from netzlotse.surveys.models import Occasion, Survey
from netzlotse.surveys.services import invitations_add, invitations_send

from .models import Event, Registration

PREFIX = "event:"  # the reference of an event's occasion of a survey
REMIND_AFTER = timedelta(days=7)


def occasion_for(event: Event, survey: Survey) -> Occasion:
    first = event.sessions.order_by("starts_at").first()
    occasion, _created = Occasion.objects.get_or_create(
        survey=survey, reference=f"{PREFIX}{event.uuid}",
        defaults={"title": event.title_de[:200], "district": event.district,
                  "held_on": timezone.localdate(first.starts_at) if first else None})
    return occasion


def attendees(event: Event) -> list[tuple[str, str, None]]:
    present = Registration.objects.filter(event=event, attendances__isnull=False).distinct()
    return [(r.email, r.name, None) for r in present]


@transaction.atomic
def _send(event: Event, survey: Survey, field: str, base_url: str) -> int:
    if survey.status != Survey.Status.LIVE:
        return 0
    added = invitations_add(survey=survey, recipients=attendees(event), occasion=occasion_for(event, survey))
    invitations_send(survey=survey, reminder=False, base_url=base_url)
    Event.objects.filter(pk=event.pk).update(**{field: timezone.localdate()})
    return added


def reminders_send(*, base_url: str, today=None) -> int:
    """Remind once, a week after the invitation, whoever attended an event and has not answered its survey."""
    cutoff = ((today or timezone.localdate()) - REMIND_AFTER).isoformat()
    surveys = Survey.objects.filter(status=Survey.Status.LIVE, occasions__reference__startswith=PREFIX).distinct()
    with transaction.atomic():
        return sum(invitations_send(survey=survey, reminder=True, base_url=base_url, sent_before=cutoff,
                                    occasion_prefix=PREFIX) for survey in surveys)


def surveys_send(*, base_url: str, now=None) -> dict:
    """Invite the attendees of every event that is over: to the feedback survey at once, to the follow-up
    once its weeks have passed; each once (the dates are recorded on the event). Then the reminders."""
    now = now or timezone.now()
    over = Event.objects.annotate(last=Max("sessions__ends_at")).filter(last__lt=now)
    sent = {"feedback": 0, "followup": 0}
    for event in over.filter(feedback_survey__isnull=False, feedback_sent_on__isnull=True).select_related(
            "feedback_survey", "district"):
        sent["feedback"] += _send(event, event.feedback_survey, "feedback_sent_on", base_url)
    for event in over.filter(followup_survey__isnull=False, followup_sent_on__isnull=True).select_related(
            "followup_survey", "district"):
        if event.last + timedelta(weeks=event.followup_weeks) <= now:
            sent["followup"] += _send(event, event.followup_survey, "followup_sent_on", base_url)
    sent["reminders"] = reminders_send(base_url=base_url, today=timezone.localdate(now))
    return sent
