"""Matching: which offers suit a case, ranked, with the reason for every point given or taken.

Only offers serving the participant's district of residence are considered. Offers a participant may
not use (residence status, labour-market access, age) are left out and counted; among the rest, the
next phase of the chain, the participant's target groups and languages, and free places raise the rank.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from netzlotse.directory.models import Offer

from .models import Case, Referral, ResidenceRecord

ACCESS_RANK = {"": 0, "none": 0, ResidenceRecord.Access.SUBORDINATE: 1, ResidenceRecord.Access.FULL: 2,
               Offer.Access.SUBORDINATE: 1, Offer.Access.FULL: 2}


@dataclass(kw_only=True)
class Scored:
    """A ranked suggestion with the reason for every point given or taken (0 points: a note, e.g. a question)."""

    score: int = 0
    reasons: list[str] = field(default_factory=list)

    def add(self, points: int, reason: str) -> None:
        """"nächste Phase der Prozesskette: +3 Punkte": the reason first, its points after it (a leading
        "+3 nächste Phase" read as three more phases)."""
        self.score += points
        if points:
            reason = ngettext("%(reason)s: %(points)s Punkt", "%(reason)s: %(points)s Punkte", abs(points)) % {
                "reason": reason, "points": f"{points:+d}"}
        self.reasons.append(reason)


@dataclass
class Match(Scored):
    offer: Offer


@dataclass
class Matching:
    matches: list[Match]
    ineligible: int


def _ineligible(offer: dict, statuses: set, residence, age) -> bool:
    if statuses and (residence is None or residence.status_id not in statuses):
        return True
    have = ACCESS_RANK.get(residence.labour_market_access if residence else "", 0)
    if residence is not None and residence.work_ban:
        have = 0
    if ACCESS_RANK.get(offer["labour_market_access"], 0) > have:
        return True
    return (offer["min_age"] is not None and age < offer["min_age"]) or (
        offer["max_age"] is not None and age > offer["max_age"])


def _links(through, column, offer_ids, *, via="pk") -> dict[int, set]:
    """offer id → set of linked ids (or phase positions), read as plain values: one narrow query per link."""
    linked: dict[int, set] = {}
    for offer_id, value in through.objects.filter(offer_id__in=offer_ids).values_list("offer_id", f"{column}__{via}"):
        linked.setdefault(offer_id, set()).add(value)
    return linked


def match_offers(case: Case, *, day=None, limit: int = 20) -> Matching:
    """Rank the offers serving the participant's district. The scoring reads plain values (ids, positions,
    counts) rather than building every offer with its vocabularies; only the shown offers are loaded whole."""
    day = day or timezone.localdate()
    participant = case.participant
    residence = participant.residence_records.first()
    age = participant.age_on(day)
    if not participant.district_id:  # without a district of residence, nothing nearby can be ranked
        return Matching([], 0)
    used = Count("referrals", filter=Q(referrals__status__in=[Referral.Status.ACCEPTED, Referral.Status.STARTED]))
    offers = list(Offer.objects.public(day).in_district(participant.district).annotate(places_used=used).values(
        "pk", "is_cross_phase", "min_age", "max_age", "labour_market_access", "capacity", "places_used", "title_de"))
    ids = [o["pk"] for o in offers]
    links = {name: _links(getattr(Offer, name).through, column, ids, via=via) for name, column, via in [
        ("residence_statuses", "residencestatus", "pk"), ("target_groups", "targetgroup", "pk"),
        ("languages", "language", "pk"), ("phases", "phase", "position")]}
    groups = set(participant.target_groups.values_list("pk", flat=True))
    languages = set(participant.languages.exclude(code="de").values_list("pk", flat=True))
    current = case.phase.position if case.phase_id else 0
    scored, ineligible = [], 0
    for offer in offers:
        pk = offer["pk"]
        if _ineligible(offer, links["residence_statuses"].get(pk, set()), residence, age):
            ineligible += 1
            continue
        match = Match(offer)
        positions = links["phases"].get(pk, set())
        if current + 1 in positions:
            match.add(3, _("nächste Phase der Prozesskette"))
        elif current in positions:
            match.add(1, _("aktuelle Phase"))
        elif offer["is_cross_phase"]:
            match.add(1, _("phasenübergreifend"))
        if groups & links["target_groups"].get(pk, set()):
            match.add(2, _("passende Zielgruppe"))
        if languages & links["languages"].get(pk, set()):
            match.add(1, _("in einer Sprache der Person"))
        if offer["capacity"] is not None:
            if offer["places_used"] >= offer["capacity"]:
                match.add(-2, _("derzeit ausgebucht"))
            else:
                free = offer["capacity"] - offer["places_used"]
                match.add(1, ngettext("%(n)s Platz frei", "%(n)s Plätze frei", free) % {"n": free})
        scored.append(match)
    scored.sort(key=lambda m: (-m.score, str(m.offer["title_de"])))
    shown = scored[:limit]
    whole = Offer.objects.select_related("provider").in_bulk([m.offer["pk"] for m in shown])
    for match in shown:
        match.offer = whole[match.offer["pk"]]
    return Matching(shown, ineligible)
