"""Pages for consent and referrals: record and withdraw consent, refer to a matching offer, record that
no suitable offer existed, and move a referral along (by the sending or the receiving organisation)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from netzlotse.accounts import roles
from netzlotse.accounts.decorators import personal_data_view
from netzlotse.core.params import int_param, text_param
from netzlotse.directory.models import Offer
from netzlotse.network.models import Organization

from .. import access
from ..access import case_for
from ..forms import ConsentForm, UnmetForm
from ..matching import match_offers
from ..models import Consent, Referral
from ..services import ConsentMissing, consent_record, consent_withdraw, referral_propose, referral_unmet, referral_update
from ..site_matching import match_sites


def _recipients(case, search: str):
    """Organisations a consent may name: those the case's organisation works with, and any other organisation
    of the directory the counsellor searched for by name."""
    found = Organization.objects.working_with(case.organization_id)
    if search:
        found = found | Organization.objects.filter(
            pk__in=Organization.objects.search(search).exclude(pk=case.organization_id).values("pk")[:30])
    return found.order_by("name")


@require_http_methods(["GET", "POST"])
@personal_data_view
def consent_add(request, pk):
    case = case_for(request.user, pk, part=access.CONSENT, reading=request.method == "GET")
    search = text_param(request, "suche", max_length=100)
    form = ConsentForm(request.POST or None, organizations=_recipients(case, search),
                       initial={"granted_on": timezone.localdate(), "text_version": "1"})
    if request.method == "POST" and form.is_valid():
        consent = form.save(commit=False)
        consent.participant = case.participant
        consent_record(consent=consent, recipients=form.cleaned_data["recipients"], by=request.user)
        messages.success(request, _("Die Einwilligung ist erfasst."))
        return redirect("cases:case", pk=case.pk)
    return render(request, "cases/record.html", {"case": case, "form": form, "title": _("Einwilligung erfassen"),
                                                 "recipient_search": search})


@require_POST
@personal_data_view
def consent_revoke(request, pk, consent_pk):
    case = case_for(request.user, pk, part=access.CONSENT, reading=False)
    consent = get_object_or_404(Consent.objects.filter(participant=case.participant, withdrawn_on__isnull=True),
                                pk=consent_pk)
    consent_withdraw(consent=consent, by=request.user)
    messages.success(request, _("Die Einwilligung ist widerrufen; geteilte Zuweisungen sind ab sofort nicht mehr sichtbar."))
    return redirect("cases:case", pk=case.pk)


@require_http_methods(["GET", "POST"])
@personal_data_view
def refer(request, pk):
    case = case_for(request.user, pk, part=access.MATCHING, reading=request.method == "GET")
    unmet = UnmetForm(request.POST if "unmet" in request.POST else None,
                      initial={"district": case.participant.district_id, "phase": case.phase_id})
    if request.method == "POST" and "offer" in request.POST:
        offer = get_object_or_404(Offer.objects.public(), pk=int_param(request, "offer", source="POST", required=True))
        try:
            referral_propose(case=case, offer=offer, by=request.user)
        except ConsentMissing:
            messages.error(request, _("Für %(org)s liegt keine gültige Einwilligung zur Vermittlung vor. Erfassen "
                                      "Sie zuerst die Einwilligung.") % {"org": offer.provider.name})
            return redirect("cases:refer", pk=case.pk)
        messages.success(request, _("Die Zuweisung an %(org)s ist vorgeschlagen.") % {"org": offer.provider.name})
        return redirect("cases:case", pk=case.pk)
    if request.method == "POST" and unmet.is_valid():
        referral_unmet(case=case, by=request.user, **unmet.cleaned_data)
        messages.success(request, _("Festgehalten: kein passendes Angebot. Die Lückenanalyse zählt es als Bedarf."))
        return redirect("cases:case", pk=case.pk)
    return render(request, "cases/refer.html", {"case": case, "matching": match_offers(case), "unmet": unmet,
                                                "sites": match_sites(case)})


@require_POST
@personal_data_view
def referral_status(request, pk, referral_pk):
    """The receiving organisation accepts, declines, starts or completes; the sender may withdraw."""
    case = case_for(request.user, pk, part=access.REFERRAL, reading=False)
    referral = get_object_or_404(case.referrals.filter(unmet=False), pk=referral_pk)
    orgs = roles.organization_ids(request.user)
    status = request.POST.get("status", "")
    receiving = referral.recipient_id in orgs and status != Referral.Status.WITHDRAWN
    sending = case.organization_id in orgs and status == Referral.Status.WITHDRAWN
    if not (receiving or sending):
        raise PermissionDenied
    try:
        referral_update(referral=referral, status=status, by=request.user, reason=request.POST.get("reason", ""))
    except ValueError:
        messages.error(request, _("Dieser Schritt ist für die Zuweisung nicht möglich."))
    return redirect("cases:case", pk=pk)
