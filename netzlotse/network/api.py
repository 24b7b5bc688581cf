from uuid import UUID

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from netzlotse.core.api_schemas import ERRORS, Pages, ValidationErrorOut

from .models import Organization, Region

router = Router(tags=["Netzwerk"])


def _text(q: str) -> str:
    """Search text without NUL characters, which no name contains and PostgreSQL refuses in a query."""
    return q.replace("\x00", "")


class RegionOut(Schema):
    ags: str
    name: str
    level: str
    kind: str
    nuts3: str
    population: int | None
    parent_ags: str | None = Field(None, alias="parent.ags")


class OrganizationOut(Schema):
    id: int
    uuid: UUID
    name: str
    kind: str
    city: str
    website: str
    email: str


@router.get("/regions", response={200: list[RegionOut], 422: ValidationErrorOut}, summary="Bundesländer und Kreise")
@paginate(Pages, page_size=100)
def regions(request, level: Region.Level | None = None, q: str = ""):
    qs = Region.objects.select_related("parent").order_by("ags")
    if level:
        qs = qs.filter(level=level)
    if q:
        qs = qs.filter(name__icontains=_text(q))
    return qs


@router.get("/regions/{ags}", response={200: RegionOut, **ERRORS}, summary="Eine Region nach AGS")
def region(request, ags: str):
    return get_object_or_404(Region.objects.select_related("parent"), ags=ags)


@router.get("/organizations", response={200: list[OrganizationOut], 422: ValidationErrorOut}, summary="Organisationen")
@paginate(Pages, page_size=50)
def organizations(request, q: str = ""):
    return Organization.objects.search(_text(q)).order_by("name", "pk")


@router.get("/organizations/{org_id}", response={200: OrganizationOut, **ERRORS}, summary="Eine Organisation")
def organization(request, org_id: int):
    return get_object_or_404(Organization, pk=org_id)
