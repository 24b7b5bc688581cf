"""Minutes of meetings and workshops: the organiser writes them with the actions agreed; whoever took part
(or owns an action) reads them, prints them or takes them as a Word document; an owner ticks off an action."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netzlotse.accounts import roles
from netzlotse.accounts.decorators import permission_required
from netzlotse.core.paging import paginate
from netzlotse.core.params import choice_param
from netzlotse.core.redirects import safe_next

from .. import minutes as documents
from .. import services
from ..minutes_forms import ActionFormSet, MinutesForm, people_of
from ..models import Action, Event, Minutes
from .manage import event_organised


@require_http_methods(["GET", "POST"])
@permission_required(roles.MANAGE_EVENTS)
def minutes_edit(request, pk):
    event = event_organised(request.user, pk)
    minutes = Minutes.objects.filter(event=event).first() or Minutes(event=event)
    data = request.POST if request.method == "POST" else None
    form = MinutesForm(data, instance=minutes, event=event)
    actions = ActionFormSet(data, instance=minutes if minutes.pk else Minutes(), people=people_of(event),
                            prefix="aktion")
    if request.method == "POST" and form.is_valid() and actions.is_valid():
        services.minutes_save(event=event, form=form, actions=actions, by=request.user)
        messages.success(request, _("Das Protokoll ist gespeichert."))
        return redirect("events:minutes", event.pk)
    return render(request, "events/minutes_edit.html", {"form": form, "actions": actions, "event": event},
                  status=400 if request.method == "POST" else 200)


@require_GET
@permission_required(roles.READ_MINUTES)
def minutes_list(request):
    """The minutes the user may read, newest meeting first, with their open actions counted."""
    from django.db.models import Count, Min, Q

    found = (Minutes.objects.readable_by(request.user).select_related("event__organizer")
             .annotate(first=Min("event__sessions__starts_at"),
                       open_actions=Count("actions", filter=Q(actions__done_on__isnull=True), distinct=True))
             .order_by("-first"))
    return render(request, "events/minutes_list.html", {"minutes_list": paginate(request, found)})


def _readable(request, pk) -> Minutes:
    return get_object_or_404(Minutes.objects.readable_by(request.user).select_related("event__organizer"),
                             event_id=pk)


@require_GET
@permission_required(roles.READ_MINUTES)
def minutes_view(request, pk):
    minutes = _readable(request, pk)
    view = choice_param(request, "ansicht", ("seite", "druck"), default="seite")
    template = "events/minutes_print.html" if view == "druck" else "events/minutes.html"
    can_edit = roles.can(request.user, roles.MANAGE_EVENTS) and \
        Event.objects.organised_by(request.user).filter(pk=minutes.event_id).exists()
    return render(request, template, {**documents.context(minutes), "can_edit": can_edit,
                                      "today": timezone.localdate(), "gap_links": roles.can(request.user, roles.VIEW_GAPS)})


@require_GET
@permission_required(roles.READ_MINUTES)
def minutes_docx(request, pk):
    minutes = _readable(request, pk)
    response = HttpResponse(documents.docx(minutes), content_type=(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
    response["Content-Disposition"] = f'attachment; filename="protokoll-{minutes.event_id}.docx"'
    return response


@require_POST
@permission_required(roles.READ_MINUTES)
def action_done(request, action):
    item = get_object_or_404(Action.objects.filter(owner=request.user, done_on__isnull=True), pk=action)
    services.action_done(action=item)
    messages.success(request, _("Die Vereinbarung ist als erledigt vermerkt."))
    return redirect(safe_next(request, default=reverse("events:minutes", args=[item.minutes.event_id])))
