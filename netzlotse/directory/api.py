from datetime import date
from uuid import UUID

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.errors import ValidationError
from ninja.pagination import paginate

from netzlotse.core.api_schemas import ERRORS, Pages, ValidationErrorOut

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


class OfferFilters(Schema):
    q: str = ""
    phase: int | None = None
    kreis: str = ""
    zielgruppe: str = ""
    handlungsfeld: str = ""
    sprache: str = ""
    form: str = ""
    stand: str = Field("", pattern=r"^(\d{4}-\d{2}-\d{2})?$", description="Stand am (JJJJ-MM-TT)")


@router.get("/offers", response={200: list[OfferOut], 422: ValidationErrorOut}, summary="Angebote suchen")
@paginate(Pages, page_size=20)
def offers(request, filters: Query[OfferFilters]):
    """The same search as the public directory: public offers, or the directory as it stood on `stand`."""
    data = {k: v for k, v in filters.dict().items() if v not in (None, "")}
    form = OfferFilterForm(data)
    if not form.is_valid():
        # Unknown codes or impossible dates: the same messages the search page shows.
        raise ValidationError([{"loc": ["query", name], "msg": " ".join(errors), "type": "value_error"}
                               for name, errors in form.errors.items()])
    return form.apply(form.base_queryset()).select_related("provider").prefetch_related("phases__chain", "regions")


@router.get("/offers/{offer_id}", response={200: OfferDetailOut, **ERRORS}, summary="Ein öffentliches Angebot")
def offer(request, offer_id: int):
    qs = Offer.objects.public().select_related("provider").prefetch_related(
        "phases__chain", "regions", "target_groups", "fields_of_action", "languages")
    return get_object_or_404(qs, pk=offer_id)


@router.get("/chains", response=list[ChainOut], summary="Prozessketten mit Phasen")
def chains(request):
    return ProcessChain.objects.prefetch_related("phases")
