"""How a case view gets at a case: through these lookups only, so the scoping rule lives in one place and the
case views share it without importing one another."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from netzlotse.accounts import roles

from .models import AccessLog, Case, DataCategory, Referral


def counselling_organizations(user) -> set[int]:
    """The organisations whose cases the user works on as a counsellor."""
    return roles.organization_ids(user, roles.EDIT_CASES)


@dataclass(frozen=True)
class Part:
    """A part of a case a page shows or changes. `label` names it in the access log the person can read;
    `shared` parts are read by organisations the case was referred to too (the page then shows only what their
    consents cover, see `case_parts`); every other part is the owning organisation's counsellors' alone."""

    label: str
    shared: bool = False
    action: str = AccessLog.Action.VIEW


FILE = Part(_("Fallakte"), shared=True)
REFERRAL = Part(_("Zuweisung"), shared=True)
CONTACT, NEED, PERSON = Part(_("Kontakt")), Part(_("Handlungsbedarf")), Part(_("Personendaten"))
CONSENT, MATCHING = Part(_("Einwilligung")), Part(_("Angebote und Einsatzstellen finden"))
BOOKING, PLACEMENT, EXIT = Part(_("Platz buchen")), Part(_("Platzierung")), Part(_("Austritt"))
RESIDENCE, PLAN, ESF = Part(_("Aufenthaltsstatus")), Part(_("Fallplan")), Part(_("ESF+-Angaben"))
STEPS = Part(_("Schritte der Dienstleistungskette"))
RIGHTS = Part(_("Auskunft (Art. 15 DSGVO)"), action=AccessLog.Action.EXPORT)


def case_for(user, pk, *, part: Part, reading: bool = True) -> Case:
    """The one way a case view gets at a case.

    The lookup is scoped in the query: a shared part among the cases the user's organisations own or were
    referred under an active consent, any other part among the cases of their counselling organisations (403
    for a user who may not change cases at all, 404 for anyone else's case). A read (`reading`) is written to
    the access log with the part's name; what a POST changes, the case's events and history record.
    """
    if part.shared:
        case = get_object_or_404(Case.objects.visible_to(user).select_related(
            "participant", "organization", "project", "phase"), pk=pk)
    else:
        if not roles.can(user, roles.EDIT_CASES):
            raise PermissionDenied
        case = get_object_or_404(Case.objects.filter(organization__in=counselling_organizations(user))
                                 .select_related("participant"), pk=pk)
    if reading:
        with override("de"):  # the log reads the same whatever language the reader's pages were in
            purpose = str(part.label)[:200]
        AccessLog.objects.create(user=user, participant=case.participant, action=part.action, purpose=purpose)
    return case


# What a case event tells, by the consent category that covers it; events of no category (contacts, plan,
# person, consents, steps, ESF+) are the owning organisation's alone.
EVENT_CATEGORIES = {
    "history": {"admission", "profiling", "follow_up", "exit", "reopened"},
    "placements": {"placement_planned", "placement_started", "placement_ended", "placement_cancelled"},
    "referrals": {"referral", "referral_unmet"},
    "residence": {"residence_changed"},
    "needs": {"need_recorded", "need_changed"},
}


def shown_categories(user, case) -> set[str]:
    """What the user may see of this case: everything for its own organisation (special categories only for
    counsellors), the consent's data categories for an organisation it was referred to."""
    orgs = roles.organization_ids(user)
    if case.organization_id in orgs:
        shown = {c.value for c in DataCategory}
        if case.organization_id not in roles.organization_ids(user, roles.SEE_SPECIAL_CATEGORIES):
            shown.discard(DataCategory.SPECIAL)
        return shown
    shown = set()
    for referral in Referral.objects.sharing().filter(case=case, recipient__in=orgs).select_related("consent"):
        shown |= set(referral.consent.data_categories)
    return shown


def case_parts(user, case) -> dict:
    """Every part of the case page as the user may see it, filtered in the queries: the owning organisation sees
    the whole case; a receiving organisation sees what the consents of its referrals cover, and of the referrals
    only its own unless the consent covers the others too. The template only lays out what it is given."""
    shown = shown_categories(user, case)
    own = case.organization_id in roles.organization_ids(user)
    person = case.participant
    needs = case.needs.none()
    if "needs" in shown or "special" in shown:
        needs = case.needs.all()
        if "special" not in shown:
            needs = needs.filter(special=False)
        if "needs" not in shown:
            needs = needs.filter(special=True)
    referrals = case.referrals.select_related("recipient", "offer", "phase", "district")
    if not own and "referrals" not in shown:
        referrals = referrals.filter(recipient__in=roles.organization_ids(user), unmet=False)
    event_types = set().union(*(types for category, types in EVENT_CATEGORIES.items() if category in shown))
    events = case.events.select_related("by").order_by("-date", "-pk")
    return {
        "shown": shown, "own": own,
        "person": {
            "code": person.code,
            "full_name": person.full_name if "identity" in shown else "",
            "birth_date": person.birth_date if "identity" in shown else None,
            "phone": person.phone if "contact" in shown else None,
            "email": person.email if "contact" in shown else None,
            "german_level": person.get_german_level_display() if "education" in shown else None,
        },
        "residence": person.residence_records.select_related("status").first() if "residence" in shown else None,
        "needs": needs,
        "referrals": referrals,
        "placements": case.placements.select_related("site") if "placements" in shown else case.placements.none(),
        "events": (events if own else events.filter(type__in=event_types))[:100],
        "contacts": case.contacts.select_related("by")[:50] if own else [],
        "consents": person.consents.prefetch_related("recipients") if own else [],
        "steps": case.steps.select_related("phase") if own else [],
        "seen_by": person.access_log.select_related("user")[:20] if own else [],
        "changes": person.changes.select_related("by")[:50] if own else [],
    }
