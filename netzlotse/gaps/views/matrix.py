"""The coverage matrix page: where along the chain, in which districts, offers are missing or too few."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from netzlotse.accounts import roles
from netzlotse.accounts.decorators import permission_required
from netzlotse.core.xlsx import xlsx_response

from ..forms import CoverageForm
from ..matrix import COVERED, GAP, TOO_FEW, add_demand_signals, changes_for, coverage_for

STATUS_TEXT = {GAP: _("Lücke"), TOO_FEW: _("zu wenige"), COVERED: _("abgedeckt")}


def _matrix_for(query):
    matrix = coverage_for(query)
    add_demand_signals(matrix)
    return matrix


def _chart_data(matrix, minimum) -> dict:
    """What the heatmap script draws; the table below it shows the same numbers."""
    return {
        "phases": [f"{p.position}. {Truncator(str(p.name)).chars(22)}" for p in matrix.phases],
        "districts": [d.label for d in matrix.districts],
        "cells": [[j, i, cell.offers] for i, (_d, cells) in enumerate(matrix.rows()) for j, cell in enumerate(cells)],
        "minimum": minimum,
    }


def _search_link(district, phase, form):
    params = {"kreis": district.ags}
    if phase.chain.is_default:
        params["phase"] = phase.pk
    for name in ("zielgruppe", "handlungsfeld", "form", "sprache"):
        if form.data.get(name):
            params[name] = form.data[name]
    if form.cleaned_data.get("stand"):
        params["stand"] = form.cleaned_data["stand"].isoformat()
    return f"{reverse('directory:search')}?{urlencode(params)}"


@require_GET
@permission_required(roles.VIEW_GAPS)
def matrix_page(request):
    form = CoverageForm(request.GET, user=request.user)
    context = {"form": form}
    if form.is_valid():
        query = form.query()
        matrix = _matrix_for(query)
        if request.GET.get("format") == "xlsx":
            return matrix_xlsx(matrix)
        rows = [(district, [(cell, _search_link(district, phase, form)) for cell, phase in zip(cells, matrix.phases,
                                                                                                strict=True)])
                for district, cells in matrix.rows()]
        chart = _chart_data(matrix, query.thresholds.get(None, 1))
        context.update(matrix=matrix, rows=rows, chart=chart, totals=matrix.totals(), status_text=STATUS_TEXT)
        context["changes"] = changes_for(query, matrix)
    return render(request, "gaps/matrix.html", context)


def matrix_xlsx(matrix):
    headers = ["Kreis", "AGS"] + [f"{p.position}. {p.name_de}" for p in matrix.phases]
    rows = [[d.name, d.ags, *(f"{c.offers} ({STATUS_TEXT[c.status]}, {c.places} Plätze)" for c in cells)]
            for d, cells in matrix.rows()]
    return xlsx_response(f"abdeckung-{matrix.day.isoformat()}.xlsx", {"Abdeckung": (headers, rows)})
