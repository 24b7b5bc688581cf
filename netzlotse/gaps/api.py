"""The coverage matrix as JSON: the same parameters and numbers as the page at /luecken/ (login required)."""

from datetime import date

from django.contrib.auth.models import AnonymousUser
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.security import django_auth

from netzlotse.accounts import roles
from netzlotse.core.api_forms import bind, query_schema
from netzlotse.core.api_schemas import NotFoundOut, ValidationErrorOut

from .forms import CoverageForm
from .matrix import changes_for, coverage_for

router = Router(tags=["Lücken"])


# Described for a reader in no network: the default chains; members may also name their networks' own chains.
MatrixQuery = query_schema("MatrixQuery", CoverageForm, lambda: CoverageForm({}, user=AnonymousUser()))


class MatrixPhaseOut(Schema):
    id: int
    position: int
    name: str


class MatrixCellOut(Schema):
    phase_id: int
    offers: int
    places: int
    status: str
    per_100k: float | None


class MatrixRowOut(Schema):
    ags: str
    name: str
    cells: list[MatrixCellOut]


class MatrixChangeOut(Schema):
    ags: str
    phase_id: int
    change: str  # "opened" (a gap was covered) or "closed" (became a gap)


class MatrixOut(Schema):
    chain_id: int
    chain: str
    date: date
    phases: list[MatrixPhaseOut]
    rows: list[MatrixRowOut]
    totals: dict[str, int]
    changes: list[MatrixChangeOut] | None


@router.get("/gaps/matrix", auth=django_auth, summary="Abdeckungsmatrix (Phasen × Kreise)",
            response={200: MatrixOut, 401: NotFoundOut, 403: NotFoundOut, 422: ValidationErrorOut})
def matrix(request, filters: Query[MatrixQuery]):
    if not roles.can(request.user, roles.VIEW_GAPS):
        raise HttpError(403, "Keine Berechtigung für die Lückenanalyse.")
    form = bind(CoverageForm, filters, user=request.user)
    query = form.query()
    result = coverage_for(query)
    found = changes_for(query, result)
    compared = None if found is None else [{"ags": d.ags, "phase_id": p.pk, "change": what} for d, p, what in found]
    return {
        "chain_id": result.chain.pk, "chain": str(result.chain.name), "date": result.day,
        "phases": [{"id": p.pk, "position": p.position, "name": str(p.name)} for p in result.phases],
        "rows": [{"ags": d.ags, "name": d.name,
                  "cells": [{"phase_id": p.pk, **vars(c)} for p, c in zip(result.phases, cells, strict=True)]}
                 for d, cells in result.rows()],
        "totals": result.totals(), "changes": compared,
    }
