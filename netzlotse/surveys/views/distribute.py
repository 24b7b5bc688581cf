"""Sending a survey out: open links per occasion (seminar, event, wave) and personal invitations by e-mail."""

from django.conf import settings
from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from netzlotse.accounts import roles
from netzlotse.accounts.decorators import permission_required
from netzlotse.core.params import choice_param

from .. import services
from ..access import survey_managed
from ..forms import InviteForm, OccasionForm


def _context(request, survey, **forms):
    links = [(None, request.build_absolute_uri(reverse("respond:answer", args=[survey.uuid])))] + [
        (o, request.build_absolute_uri(reverse("respond:occasion", args=[survey.uuid, o.uuid])))
        for o in survey.occasions.select_related("district", "target_group").annotate(answered=Count("responses"))]
    counts = survey.invitations.aggregate(
        total=Count("pk"), sent=Count("pk", filter=Q(sent_on__isnull=False)),
        answered=Count("pk", filter=Q(responded_on__isnull=False)))
    mail_dir = getattr(settings, "EMAIL_FILE_PATH", None) if settings.EMAIL_BACKEND.endswith("filebased.EmailBackend") \
        else None
    return {"survey": survey, "links": links, "counts": counts, "mail_dir": mail_dir,
            "invitees": survey.invitations.select_related("organization").order_by("-responded_on", "email")[:200],
            "occasion_form": forms.get("occasion_form") or OccasionForm(),
            "invite_form": forms.get("invite_form") or InviteForm()}


def _refused(request, survey, **forms):
    """The page again with the form that was refused, its messages at its fields."""
    return render(request, "surveys/distribute.html", _context(request, survey, **forms), status=400)


@require_GET
@permission_required(roles.MANAGE_SURVEYS)
def distribute(request, pk):
    survey = survey_managed(request.user, pk)
    return render(request, "surveys/distribute.html", _context(request, survey))


@require_POST
@permission_required(roles.MANAGE_SURVEYS)
def occasion_create(request, pk):
    survey = survey_managed(request.user, pk)
    form = OccasionForm(request.POST)
    if not form.is_valid():
        return _refused(request, survey, occasion_form=form)
    form.instance.survey = survey
    form.save()
    messages.success(request, _("Der Link für „%(title)s“ ist angelegt.") % {"title": form.instance.title})
    return redirect("surveys:distribute", survey.pk)


@require_POST
@permission_required(roles.MANAGE_SURVEYS)
def invite(request, pk):
    survey = survey_managed(request.user, pk)
    form = InviteForm(request.POST)
    if not form.is_valid():
        return _refused(request, survey, invite_form=form)
    added = services.invitations_add(survey=survey, recipients=form.recipients())
    messages.success(request, _("%(n)d Einladungen hinzugefügt (Adressen, die schon eingeladen sind, bleiben "
                                "unverändert).") % {"n": added})
    return redirect("surveys:distribute", survey.pk)


@require_POST
@permission_required(roles.MANAGE_SURVEYS)
def send(request, pk):
    """Send the invitations not yet sent, or remind those who have not answered; the worker writes the mails."""
    survey = survey_managed(request.user, pk)
    what = choice_param(request, "was", ("einladungen", "erinnerungen"), default="einladungen", source="POST")
    if survey.status != survey.Status.LIVE:
        messages.error(request, _("Einladungen gehen erst hinaus, wenn die Umfrage läuft."))
        return redirect("surveys:distribute", survey.pk)
    count = services.invitations_send(survey=survey, reminder=what == "erinnerungen", base_url=request.build_absolute_uri("/"))
    messages.success(request, _("%(n)d E-Mails werden jetzt versandt.") % {"n": count} if count
                     else _("Es gibt niemanden, dem jetzt eine E-Mail zu schicken wäre."))
    return redirect("surveys:distribute", survey.pk)


@require_POST
@permission_required(roles.MANAGE_SURVEYS)
def invitations_remove(request, pk):
    survey = survey_managed(request.user, pk)
    removed = services.invitations_remove(survey=survey)
    messages.success(request, _("%(n)d Einladungen mit ihren Adressen gelöscht; die Antworten bleiben, ohne "
                                "Bezug zu einer Person.") % {"n": removed})
    return redirect("surveys:distribute", survey.pk)
