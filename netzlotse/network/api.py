from uuid import UUID

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from netzlotse.core.api_forms import NO_NUL
from netzlotse.core.api_schemas import ERRORS, Pages, ValidationErrorOut, links

from .models import Organization, Region

router = Router(tags=["Netzwerk"])


# Search text as the document states it: NUL is refused before the view runs (PostgreSQL cannot search for it).
SearchText = Query("", max_length=200, pattern=NO_NUL, description="Suchbegriff im Namen")


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


@router.get("/regions", response={200: list[RegionOut], 422: ValidationErrorOut}, summary="Bundesländer und Kreise",
            openapi_extra=links(Region=("netzlotse_network_api_region", {"ags": "$response.body#/items/0/ags"})))
@paginate(Pages, page_size=100)
def regions(request, level: Region.Level | None = None, q: str = SearchText):
    qs = Region.objects.select_related("parent").order_by("ags")
    if level:
        qs = qs.filter(level=level)
    if q:
        qs = qs.filter(name__icontains=q)
    return qs


@router.get("/regions/{ags}", response={200: RegionOut, **ERRORS}, summary="Eine Region nach AGS")
def region(request, ags: str):
    return get_object_or_404(Region.objects.select_related("parent"), ags=ags)


@router.get("/organizations", response={200: list[OrganizationOut], 422: ValidationErrorOut}, summary="Organisationen",
            openapi_extra=links(Organisation=("netzlotse_network_api_organization",
                                              {"org_id": "$response.body#/items/0/id"})))
@paginate(Pages, page_size=50)
def organizations(request, q: str = SearchText):
    return Organization.objects.search(q).order_by("name", "pk")


@router.get("/organizations/{org_id}", response={200: OrganizationOut, **ERRORS}, summary="Eine Organisation")
def organization(request, org_id: int):
    return get_object_or_404(Organization, pk=org_id)
