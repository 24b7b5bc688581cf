"""The actions agreed in meetings, on the start page of whoever took them on: overdue first, then those due
in the next two weeks; and the way to the minutes the user may read. On the monitoring report, the events of
the programme's projects per year."""

from datetime import timedelta

from django.utils import timezone

from netzlotse.accounts import roles
from netzlotse.core.dashboard import panel

from . import reporting
from .models import Action, Minutes

SOON = timedelta(days=14)


@panel("events/dashboard_panel.html")
def actions(request):
    if not roles.can(request.user, roles.READ_MINUTES):
        return None
    today = timezone.localdate()
    mine = list(Action.objects.open().filter(owner=request.user, due_on__lte=today + SOON)
                .select_related("minutes__event").order_by("due_on")[:20])
    if not mine and not Minutes.objects.readable_by(request.user).exists():
        return None
    return {"overdue": [a for a in mine if a.due_on < today], "soon": [a for a in mine if a.due_on >= today]}


@panel("events/monitoring_section.html", page="monitoring")
def programme_events(request, programme=None, **_context):
    if programme is None:
        return None
    rows = reporting.programme_rows(programme, suppress=not roles.can(request.user, roles.SEE_SMALL_CELLS))
    if not rows:
        return None
    headers, cells = reporting.table(rows)
    return {"programme": programme, "headers": headers, "cells": cells}
