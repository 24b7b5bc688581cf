from datetime import date
from uuid import UUID

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from netzlotse.core.api_forms import bind, query_schema
from netzlotse.core.api_schemas import ERRORS, Pages, ValidationErrorOut, links

from .filters import OfferFilterForm
from .models import Offer, ProcessChain

router = Router(tags=["Angebote"])


class PhaseOut(Schema):
    code: str
    position: int
    name_de: str
    name_en: str


class ChainOut(Schema):
    code: str
    name: str
    is_default: bool
    phases: list[PhaseOut]


class OfferOut(Schema):
    id: int
    uuid: UUID
    title: str
    provider: str
    phases: list[str]
    is_cross_phase: bool
    districts: list[str]
    valid_from: date | None
    valid_until: date | None
    last_verified: date | None

    @staticmethod
    def resolve_title(offer):
        return str(offer.title)

    @staticmethod
    def resolve_provider(offer):
        return offer.provider.name

    @staticmethod
    def resolve_phases(offer):
        return [f"{p.chain.code}:{p.code}" for p in offer.phases.all()]

    @staticmethod
    def resolve_districts(offer):
        return [r.ags for r in offer.regions.all()]


class OfferDetailOut(OfferOut):
    description: str
    target_groups: list[str]
    fields_of_action: list[str]
    languages: list[str]
    capacity: int | None

    @staticmethod
    def resolve_description(offer):
        return str(offer.description)

    @staticmethod
    def resolve_target_groups(offer):
        return [v.code for v in offer.target_groups.all()]

    @staticmethod
    def resolve_fields_of_action(offer):
        return [v.code for v in offer.fields_of_action.all()]

    @staticmethod
    def resolve_languages(offer):
        return [v.code for v in offer.languages.all()]


OfferFilters = query_schema("OfferFilters", OfferFilterForm)


@router.get("/offers", response={200: list[OfferOut], 422: ValidationErrorOut}, summary="Angebote suchen",
            openapi_extra=links(Angebot=("netzlotse_directory_api_offer", {"offer_id": "$response.body#/items/0/id"})))
@paginate(Pages, page_size=20)
def offers(request, filters: Query[OfferFilters]):
    """The same search as the public directory: public offers, or the directory as it stood on `stand`."""
    form = bind(OfferFilterForm, filters)  # unknown codes or impossible dates: the search page's messages
    return form.apply(form.base_queryset()).select_related("provider").prefetch_related("phases__chain", "regions")


@router.get("/offers/{offer_id}", response={200: OfferDetailOut, **ERRORS}, summary="Ein öffentliches Angebot",
            openapi_extra=links(Kreis=("netzlotse_network_api_region", {"ags": "$response.body#/districts/0"})))
def offer(request, offer_id: int):
    qs = Offer.objects.public().select_related("provider").prefetch_related(
        "phases__chain", "regions", "target_groups", "fields_of_action", "languages")
    return get_object_or_404(qs, pk=offer_id)


@router.get("/chains", response=list[ChainOut], summary="Prozessketten mit Phasen")
def chains(request):
    return ProcessChain.objects.prefetch_related("phases")
