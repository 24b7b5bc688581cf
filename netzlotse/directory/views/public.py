"""Pages anyone may see: the directory search, an offer's detail page, sources."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from netzlotse.core.paging import paginate
from netzlotse.core.qr import qr_svg

from ..filters import OfferFilterForm
from ..models import Offer
from ..relations import offer_relations
from ..signals import search_without_result, send_after_commit


def get_offer_for_user(user, pk) -> Offer:
    """An offer the user may see, else 404 (drafts of other organisations do not exist for them)."""
    return get_object_or_404(Offer.objects.visible_to(user).select_related("provider", "project"), pk=pk)


@require_GET
def search(request):
    form = OfferFilterForm(request.GET, user=request.user)
    form.is_valid()
    results = form.results()
    page = paginate(request, results, count=form.count)
    if page.number == 1 and not page.paginator.count:
        _signal_unmet_demand(form)
    template = "directory/search.html#results" if request.htmx else "directory/search.html"
    return render(request, template, {"form": form, "page": page})


@require_GET
def alternatives(request):
    """What a search that found nothing would find with one filter less or in a nearby district. The empty result
    page loads this after itself (htmx), so it costs the search nothing; without JavaScript it is a page."""
    form = OfferFilterForm(request.GET, user=request.user)
    template = "directory/alternatives.html#list" if request.htmx else "directory/alternatives.html"
    return render(request, template, {"form": form, "alternatives": form.alternatives()})


def _signal_unmet_demand(form) -> None:
    """Report a search by district that found nothing, as a demand signal (filters only, no text)."""
    data = form.cleaned_data if form.is_valid() else {}
    if data.get("kreis") and not data.get("q") and not data.get("stand"):
        send_after_commit(search_without_result, Offer, district=data["kreis"], phase=data.get("phase"),
                          target_group=data.get("zielgruppe"), field_of_action=data.get("handlungsfeld"))


@require_GET
def detail(request, pk):
    offer = get_offer_for_user(request.user, pk)
    locations = offer.locations.select_related("district").prefetch_related("opening_hours", "mobile_dates")
    can_edit = request.user.is_authenticated and Offer.objects.editable_by(request.user).filter(pk=offer.pk).exists()
    return render(request, "directory/detail.html", {"offer": offer, "locations": locations, "can_edit": can_edit,
                                                     "rel": offer_relations(offer)})


@require_GET
def handout(request, pk):
    """The offer on one printable page, which a counsellor hands to a client; its QR code opens the offer's page."""
    offer = get_offer_for_user(request.user, pk)
    locations = offer.locations.select_related("district").prefetch_related("opening_hours", "mobile_dates")
    url = request.build_absolute_uri(reverse("directory:detail", args=[offer.pk]))
    return render(request, "directory/handout.html", {
        "offer": offer, "locations": locations, "rel": offer_relations(offer), "url": url,
        "qr": mark_safe(qr_svg(url, box_size=4)),  # noqa: S308 - drawn by qrcode from our own URL
        "today": timezone.localdate()})


@require_GET
def about(request):
    return render(request, "directory/about.html")
