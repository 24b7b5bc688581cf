"""Invitation and reminder mails, written by the task worker after the request that asked for them."""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .models import Invitation, Survey

BATCH = 200


def due(survey: Survey, *, reminder: bool, sent_before: str | None = None, occasion_prefix: str = ""):
    """Who gets the next mail: for invitations everyone not yet invited, for reminders everyone invited who has
    not answered. An automatic reminder (`sent_before`, an ISO date) goes once, to those invited by that day
    and never reminded, of the occasions whose reference starts with `occasion_prefix`."""
    pending = survey.invitations.filter(responded_on__isnull=True)
    if not reminder:
        return pending.filter(sent_on__isnull=True)
    pending = pending.filter(sent_on__isnull=False)
    if sent_before is not None:
        pending = pending.filter(sent_on__lte=sent_before, reminded_on__isnull=True)
    if occasion_prefix:
        pending = pending.filter(occasion__reference__startswith=occasion_prefix)
    return pending


def send(*, survey_id: int, reminder: bool, base_url: str, sent_before: str | None = None,
         occasion_prefix: str = "") -> int:
    """Write each due mail through Django's mail framework, in batches on one connection; each invitation is
    marked as soon as its batch has gone, so a worker that stops half way sends no mail twice."""
    survey = Survey.objects.select_related("organization").get(pk=survey_id)
    today, sent = timezone.localdate(), 0
    language = (survey.languages or ["de"])[0]
    connection = get_connection()
    pending = due(survey, reminder=reminder, sent_before=sent_before, occasion_prefix=occasion_prefix).order_by("pk")
    if reminder:  # those reminded today are done (the loop below marks them as it goes)
        pending = pending.exclude(reminded_on=today)
    while batch := list(pending[:BATCH]):
        with translation.override(language if language in settings.UI_LANGUAGES else "de"):
            messages = [_message(survey, invitation, reminder, base_url) for invitation in batch]
        connection.send_messages(messages)
        field = "reminded_on" if reminder else "sent_on"
        Invitation.objects.filter(pk__in=[i.pk for i in batch]).update(**{field: today})
        sent += len(batch)
    return sent


def _message(survey: Survey, invitation: Invitation, reminder: bool, base_url: str) -> EmailMessage:
    link = base_url.rstrip("/") + reverse("respond:invited", args=[invitation.token])
    context = {"survey": survey, "invitation": invitation, "link": link, "reminder": reminder,
               "title": survey.text("title"), "closes_on": survey.closes_on}
    subject = render_to_string("surveys/mail/subject.txt", context).strip()
    body = render_to_string("surveys/mail/invitation.txt", context)
    reply_to = [survey.organization.email] if survey.organization.email else None
    return EmailMessage(subject, body, to=[invitation.email], reply_to=reply_to)
