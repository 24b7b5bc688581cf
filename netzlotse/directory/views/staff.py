"""Pages for signed-in staff: dashboard, managing offers, freshness, history, exports."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from netzlotse.accounts import roles
from netzlotse.accounts.decorators import permission_required
from netzlotse.core.dashboard import panels_for
from netzlotse.core.locking import EditedMeanwhile, edited_meanwhile_message
from netzlotse.core.paging import paginate
from netzlotse.core.params import choice_param
from netzlotse.core.redirects import safe_next

from ..exports import offers_list_xlsx, offers_xlsx
from ..filters import OfferFilterForm
from ..forms import LocationForm, LocationFormSet, OfferForm, providers_for
from ..models import Offer, Phase, ProcessChain
from ..services import offer_archive, offer_save, offer_verify
from .public import get_offer_for_user

ENDING_WITHIN_DAYS = 183


def get_editable_offer(user, pk) -> Offer:
    """An offer the user may edit: 404 if they cannot see it, 403 if they can see but not edit it."""
    offer = get_offer_for_user(user, pk)
    if not Offer.objects.editable_by(user).filter(pk=offer.pk).exists():
        raise PermissionDenied
    return offer


@require_GET
@permission_required(roles.VIEW_DASHBOARD)
def dashboard(request):
    public = Offer.objects.public()
    chain = ProcessChain.objects.default()
    per_phase = (Phase.objects.filter(chain=chain)
                 .annotate(n=Count("offers", filter=Q(offers__in=public.values("pk")))).order_by("position"))
    scope = Offer.objects.editable_by(request.user) if roles.can(request.user, roles.EDIT_OWN_OFFERS) else public
    stale = scope.stale().select_related("provider").order_by("last_verified", "title_de")
    ending = scope.ending_within(ENDING_WITHIN_DAYS).select_related("provider").order_by("valid_until")
    context = {
        "chain": chain,
        "per_phase": per_phase,
        "cross_phase": public.filter(is_cross_phase=True).count(),
        "public_count": public.count(),
        "stale_count": stale.count(),
        "stale": stale[:10],
        "ending_count": ending.count(),
        "ending": ending[:10],
        "scope_is_own": scope is not public,
        "panels": panels_for(request),
    }
    return render(request, "directory/dashboard.html", context)


@require_GET
@permission_required(roles.EDIT_OWN_OFFERS)
def manage(request):
    offers = Offer.objects.editable_by(request.user).select_related("provider")
    status = request.GET.get("status", "")
    if status in Offer.Status.values:
        offers = offers.filter(status=status)
    only_stale = request.GET.get("veraltet") == "1"
    if only_stale:
        offers = offers.stale()
    if request.GET.get("q"):
        offers = offers.search(request.GET["q"])
    offers = offers.order_by("last_verified" if only_stale else "title_de", "pk")
    if request.GET.get("format") == "xlsx":
        return offers_xlsx(offers, "meine-angebote")
    context = {"page": paginate(request, offers), "status": status, "only_stale": only_stale,
               "statuses": Offer.Status.choices}
    return render(request, "directory/manage.html", context)


@permission_required(roles.EDIT_OWN_OFFERS)
def edit(request, pk=None):
    offer = get_editable_offer(request.user, pk) if pk else Offer()
    providers = providers_for(request.user)
    if request.method == "POST":
        form = OfferForm(request.POST, instance=offer, providers=providers)
        locations = LocationFormSet(request.POST, prefix="orte")
        if form.is_valid() and locations.is_valid():
            try:
                offer = offer_save(
                    offer=form.save(commit=False), m2m=form.m2m_data(), by=request.user,
                    locations=[f.to_data() for f in locations.forms
                               if f.has_changed() and not f.cleaned_data.get("DELETE")],
                    version=form.cleaned_data["version"])
            except EditedMeanwhile:
                last = offer.changes.select_related("changed_by").first()  # the newest first
                form.add_error(None, edited_meanwhile_message(last.summary() if last else ""))
            else:
                messages.success(request, _("Angebot gespeichert."))
                return redirect("directory:detail", offer.pk)
    else:
        form = OfferForm(instance=offer, providers=providers)
        initial = [LocationForm.initial_for(loc) for loc in offer.locations.all()] if offer.pk else []
        locations = LocationFormSet(prefix="orte", initial=initial)
    return render(request, "directory/edit.html", {"form": form, "locations": locations, "offer": offer})


@require_POST
@permission_required(roles.EDIT_OWN_OFFERS)
def verify(request, pk):
    offer = offer_verify(offer=get_editable_offer(request.user, pk), by=request.user)
    messages.success(request, _("„%(title)s“ als aktuell bestätigt.") % {"title": offer.title})
    return redirect(safe_next(request, "directory:manage"))


@require_POST
@permission_required(roles.EDIT_OWN_OFFERS)
def archive(request, pk):
    offer = offer_archive(offer=get_editable_offer(request.user, pk), by=request.user)
    messages.success(request, _("„%(title)s“ archiviert.") % {"title": offer.title})
    return redirect("directory:detail", offer.pk)


@require_GET
@permission_required(roles.EDIT_OWN_OFFERS)
def history(request, pk):
    offer = get_editable_offer(request.user, pk)
    labels = {f.name: f.verbose_name for f in [*Offer._meta.concrete_fields, *Offer._meta.many_to_many]}
    labels["locations"] = _("Orte und Zeiten")
    entries = [
        (change, [(labels.get(name, name), old, new) for name, (old, new) in sorted(change.changes.items())])
        for change in offer.changes.select_related("changed_by")
    ]
    return render(request, "directory/history.html", {"offer": offer, "entries": entries})


@require_GET
def export(request):
    """The current search result (public view, or the signed-in user's view) as an Excel file: a readable list,
    or with `format=import` (staff who edit offers) the import format."""
    form = OfferFilterForm(request.GET)
    user = request.user if request.user.is_authenticated else None
    offers = form.apply(form.base_queryset(user))
    if choice_param(request, "format", ("liste", "import"), default="liste") == "liste":
        return offers_list_xlsx(offers, request.build_absolute_uri)
    if user is None or not roles.can(user, roles.EDIT_OWN_OFFERS):
        raise PermissionDenied(_("Das Importformat ist für die Pflege der Angebote da; bitte melden Sie sich an."))
    return offers_xlsx(offers)

