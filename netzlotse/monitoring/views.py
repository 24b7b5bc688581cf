"""The cut-off report: indicators as rows, cut-off dates as columns, change against the previous date."""

from datetime import date

from django import forms
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from netzlotse.accounts import roles
from netzlotse.cases.models import CaseEvent
from netzlotse.core.access import permission_required
from netzlotse.core.forms import KernForm
from netzlotse.network.models import Network, Programme

from .indicators import INDICATORS, compute

SMALL = 5  # cells of 1–4 people are not shown to readers outside the programme's own staff
MAX_DATES = 12


def programmes_for(user):
    """Admins see every programme, funders the ones they fund, coordinators those with projects in their networks."""
    if roles.can(user, roles.EDIT_ALL_OFFERS):
        return Programme.objects.all()
    orgs = roles.organization_ids(user)
    return Programme.objects.filter(Q(funders__in=orgs) | Q(projects__network__in=Network.objects.managed_by(user))) \
        .distinct()


class ReportForm(KernForm):
    programm = forms.ModelChoiceField(label=_("Förderprogramm"), queryset=Programme.objects.none())
    stichtage = forms.CharField(label=_("Stichtage"), max_length=200,
                                help_text=_("TT.MM.JJJJ, durch Komma getrennt, höchstens zwölf"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programm"].queryset = programmes_for(user).order_by("name")

    def clean_stichtage(self):
        days = set()
        for part in self.cleaned_data["stichtage"].replace(";", ",").split(","):
            text = part.strip()
            if not text:
                continue
            try:
                days.add(date(*reversed([int(x) for x in text.split(".")])) if "." in text
                         else date.fromisoformat(text))
            except (TypeError, ValueError):
                raise forms.ValidationError(_("„%(v)s“ ist kein Datum (TT.MM.JJJJ).") % {"v": text[:20]}) from None
        if not days:
            raise forms.ValidationError(_("Bitte mindestens einen Stichtag angeben."))
        if len(days) > MAX_DATES:
            raise forms.ValidationError(_("Höchstens %(n)d Stichtage.") % {"n": MAX_DATES})
        return sorted(days)


def _default_dates(today) -> str:
    """The first day of each of the last six months, as a report usually starts."""
    days, year, month = [], today.year, today.month
    for _month in range(6):
        days.append(date(year, month, 1).strftime("%d.%m.%Y"))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return ", ".join(reversed(days))


def _cell(value, previous, suppress: bool):
    change = None if previous is None else value - previous
    hidden = suppress and 0 < value < SMALL
    return {"value": f"< {SMALL}" if hidden else value,
            "change": None if change is None else (f"< {SMALL}" if suppress and 0 < abs(change) < SMALL else change)}


@require_GET
@permission_required(roles.VIEW_MONITORING)
def report(request):
    data = request.GET.copy()
    data.setdefault("stichtage", _default_dates(timezone.localdate()))
    form = ReportForm(data if "programm" in request.GET else None, user=request.user,
                      initial={"stichtage": data["stichtage"]})
    rows, days = [], []
    if form.is_bound and form.is_valid():
        days = form.cleaned_data["stichtage"]
        figures = compute(CaseEvent.objects.filter(project__programme=form.cleaned_data["programm"]), days)
        # Funders read aggregates only: small counts (and small changes, which would reveal them) are hidden.
        suppress = not roles.can(request.user, roles.VIEW_GAPS)
        for indicator in INDICATORS:
            values = [figures[indicator.code][day.isoformat()] for day in days]
            rows.append({"label": indicator.label, "code": indicator.code, "cells": [
                _cell(value, values[i - 1] if i else None, suppress) for i, value in enumerate(values)]})
    return render(request, "monitoring/report.html", {"form": form, "rows": rows, "days": days})
