"""The coverage matrix as JSON: the same parameters and numbers as the page at /luecken/ (login required)."""

from datetime import date

from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.security import django_auth

from netzlotse.accounts import roles
from netzlotse.core.api_schemas import NotFoundOut, ValidationErrorOut

from .forms import CoverageForm

router = Router(tags=["Lücken"])


class MatrixQuery(Schema):
    bereich: str | None = None  # "land:<AGS>" or "gruppe:<id>"
    kette: int | None = None
    stand: date | None = None
    vergleich: date | None = None
    zielgruppe: str | None = None
    handlungsfeld: str | None = None
    form: str | None = None
    sprache: str | None = None
    je_100k: bool = False


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
    data = {k: ("on" if v is True else str(v)) for k, v in filters.dict(exclude_none=True).items() if v is not False}
    form = CoverageForm(data, user=request.user)
    if not form.is_valid():
        return 422, {"detail": [{"loc": ["query", name], "msg": " ".join(errors)}
                                for name, errors in form.errors.items()]}
    result = form.matrix()
    found = form.changes_since(result)
    compared = None if found is None else [{"ags": d.ags, "phase_id": p.pk, "change": what} for d, p, what in found]
    return {
        "chain_id": result.chain.pk, "chain": str(result.chain.name), "date": result.day,
        "phases": [{"id": p.pk, "position": p.position, "name": str(p.name)} for p in result.phases],
        "rows": [{"ags": d.ags, "name": d.name,
                  "cells": [{"phase_id": p.pk, **vars(c)} for p, c in zip(result.phases, cells, strict=True)]}
                 for d, cells in result.rows()],
        "totals": result.totals(), "changes": compared,
    }
