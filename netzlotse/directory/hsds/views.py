"""The HSDS 3.0 read API under /api/hsds/ (paging and parameters as in the HSDS OpenAPI)."""

import math
import uuid
from functools import wraps

from django.http import Http404, JsonResponse
from django.urls import reverse
from django.utils.dateparse import parse_date, parse_datetime
from django.views.decorators.http import require_GET

from netzlotse.network.models import Organization

from ..models import FieldOfAction, Location, Offer, Phase, TargetGroup
from . import serialize

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200


class BadParameter(Exception):
    pass


def compact(value):
    """HSDS leaves unknown fields out rather than sending null (its schemas do not allow null)."""
    if isinstance(value, dict):
        return {k: compact(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [compact(v) for v in value]
    return value


def hsds_json(data) -> JsonResponse:
    return JsonResponse(compact(data), json_dumps_params={"ensure_ascii": False})


def hsds_endpoint(view):
    @wraps(view)
    @require_GET
    def wrapper(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except BadParameter as exc:
            response = JsonResponse({"error": str(exc)}, status=400)
        # Open data: any site may read it.
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapper


def _int_param(request, name, default, maximum=None):
    raw = request.GET.get(name)
    if raw in (None, ""):
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= 1_000_000:
        raise BadParameter(f"'{name}' must be an integer from 1 to 1000000")
    return min(int(raw), maximum) if maximum else int(raw)


def _uuid_param(request, name):
    raw = request.GET.get(name)
    if not raw:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise BadParameter(f"'{name}' must be a UUID") from None


def _page(request, items, serialize_item):
    """HSDS paging: total_items, total_pages, page_number, size, first_page, last_page, empty, contents."""
    page = _int_param(request, "page", 1)
    per_page = _int_param(request, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)
    total = items.count() if hasattr(items, "count") and not isinstance(items, list) else len(items)
    pages = max(1, math.ceil(total / per_page))
    chunk = list(items[(page - 1) * per_page: page * per_page])
    return hsds_json({
        "total_items": total, "total_pages": pages, "page_number": page, "size": len(chunk),
        "first_page": page == 1, "last_page": page >= pages, "empty": total == 0,
        "contents": [serialize_item(item) for item in chunk],
    })


def _terms_by_uuid():
    objects = [*Phase.objects.select_related("chain"), *TargetGroup.objects.all(), *FieldOfAction.objects.all()]
    return {obj.term_uuid: obj for obj in objects}


def _filter_offers(request, offers):
    """The HSDS filters: search, organization_id, modified_after, taxonomy_term_id, taxonomy_id."""
    if request.GET.get("search"):
        offers = offers.search(request.GET["search"])
    org = _uuid_param(request, "organization_id")
    if org:
        offers = offers.filter(provider__uuid=org)
    modified = request.GET.get("modified_after")
    if modified:
        moment = parse_datetime(modified) or (parse_date(modified) and f"{modified}T00:00:00+00:00")
        if not moment:
            raise BadParameter("'modified_after' must be an ISO 8601 date or datetime")
        offers = offers.filter(updated_at__gte=moment)
    term_id = _uuid_param(request, "taxonomy_term_id")
    taxonomy = _uuid_param(request, "taxonomy_id")
    if term_id or taxonomy:
        terms = _terms_by_uuid()
        wanted = [terms[term_id]] if term_id in terms else []
        if taxonomy:
            wanted = [t for t in terms.values() if serialize.term(t)["taxonomy_id"] == str(taxonomy)
                      and (not term_id or t.term_uuid == term_id)]
        matching = Offer.objects.none()
        for t in wanted:
            method = {Phase: "in_phase", TargetGroup: "for_target_group", FieldOfAction: "in_field"}[type(t)]
            matching = matching | getattr(Offer.objects, method)(t)
        offers = offers.filter(pk__in=matching.values("pk"))
    return offers


@hsds_endpoint
def index(request):
    return JsonResponse({
        "version": serialize.HSDS_VERSION,
        "profile": request.build_absolute_uri(reverse("hsds:profile")),
        "openapi_url": "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json",
    })


@hsds_endpoint
def profile(request):
    return hsds_json({
        "name": "netzlotse", "version": serialize.HSDS_VERSION,
        "description": "Angebote regionaler Netzwerke zur Integration in Arbeit und Ausbildung. Dienste (services) "
                       "sind Angebote, Standorte sind Beratungsstellen und mobile Beratungsorte; Phasen der "
                       "Prozesskette, Zielgruppen und Handlungsfelder sind Taxonomien.",
        "taxonomies": serialize.taxonomies(),
    })


@hsds_endpoint
def services(request):
    offers = _filter_offers(request, Offer.objects.public()).select_related("provider").order_by("title_de", "pk")
    return _page(request, offers, serialize.service)


@hsds_endpoint
def service_detail(request, pk):
    offer = Offer.objects.public().select_related("provider").prefetch_related(*serialize.DETAIL_PREFETCH)
    return hsds_json(serialize.service_full(_get(offer, uuid=pk)))


@hsds_endpoint
def organizations(request):
    orgs = Organization.objects.select_related("parent").order_by("name", "pk")
    if request.GET.get("search"):
        orgs = orgs.filter(name__icontains=request.GET["search"])
    return _page(request, orgs, serialize.organization)


@hsds_endpoint
def organization_detail(request, pk):
    org = _get(Organization.objects.select_related("parent"), uuid=pk)
    data = serialize.organization(org)
    offers = Offer.objects.public().filter(provider=org).select_related("provider").order_by("title_de")
    data["services"] = [serialize.service(o) for o in offers]
    return hsds_json(data)


def _locations(offers=None):
    offers = Offer.objects.public() if offers is None else offers
    return (Location.objects.filter(offer__in=offers.values("pk"))
            .select_related("offer__provider", "district__parent")
            .prefetch_related("opening_hours", "mobile_dates").order_by("offer__title_de", "pk"))


@hsds_endpoint
def service_at_locations(request):
    locations = _locations(_filter_offers(request, Offer.objects.public()))
    return _page(request, locations, lambda loc: serialize.service_at_location(loc, loc.offer, brief=True))


@hsds_endpoint
def service_at_location_detail(request, pk):
    loc = _get(_locations(), uuid=pk)
    return hsds_json(serialize.service_at_location(loc, loc.offer))


@hsds_endpoint
def taxonomies(request):
    return _page(request, serialize.taxonomies(), lambda t: t)


@hsds_endpoint
def taxonomy_detail(request, pk):
    for taxonomy in serialize.taxonomies():
        if taxonomy["id"] == str(pk):
            return hsds_json(taxonomy)
    raise Http404


@hsds_endpoint
def taxonomy_terms(request):
    terms = serialize.all_terms()
    taxonomy = _uuid_param(request, "taxonomy_id")
    if taxonomy:
        terms = [t for t in terms if t["taxonomy_id"] == str(taxonomy)]
    if request.GET.get("search"):
        needle = request.GET["search"].casefold()
        terms = [t for t in terms if needle in t["name"].casefold()]
    return _page(request, terms, lambda t: t)


@hsds_endpoint
def taxonomy_term_detail(request, pk):
    obj = _terms_by_uuid().get(pk)
    if obj is None:
        raise Http404
    return hsds_json(serialize.term(obj))


def _get(queryset, **lookup):
    obj = queryset.filter(**lookup).first()
    if obj is None:
        raise Http404
    return obj
