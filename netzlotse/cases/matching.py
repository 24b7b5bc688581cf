"""Matching: which offers suit a case, ranked, with the reason for every point given or taken.

Only offers serving the participant's district of residence are considered. Offers a participant may
not use (residence status, labour-market access, age) are left out and counted; among the rest, the
next phase of the chain, the participant's target groups and languages, and free places raise the rank.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from netzlotse.directory.models import Offer

from .models import Case, Referral, ResidenceRecord

ACCESS_RANK = {"": 0, "none": 0, ResidenceRecord.Access.SUBORDINATE: 1, ResidenceRecord.Access.FULL: 2,
               Offer.Access.SUBORDINATE: 1, Offer.Access.FULL: 2}


@dataclass
class Match:
    offer: Offer
    score: int = 0
    reasons: list[str] = field(default_factory=list)

    def add(self, points: int, reason: str) -> None:
        self.score += points
        self.reasons.append(f"{points:+d} {reason}")


@dataclass
class Matching:
    matches: list[Match]
    ineligible: int


def _ineligible(offer, participant, residence, age) -> bool:
    statuses = {s.pk for s in offer.residence_statuses.all()}
    if statuses and (residence is None or residence.status_id not in statuses):
        return True
    have = ACCESS_RANK.get(residence.labour_market_access if residence else "", 0)
    if residence is not None and residence.work_ban:
        have = 0
    if ACCESS_RANK.get(offer.labour_market_access, 0) > have:
        return True
    return (offer.min_age is not None and age < offer.min_age) or (offer.max_age is not None and age > offer.max_age)


def match_offers(case: Case, *, day=None, limit: int = 20) -> Matching:
    day = day or timezone.localdate()
    participant = case.participant
    residence = participant.residence_records.first()
    age = participant.age_on(day)
    if not participant.district_id:  # without a district of residence, nothing nearby can be ranked
        return Matching([], 0)
    offers = Offer.objects.public(day).in_district(participant.district)
    used = Count("referrals", filter=Q(referrals__status__in=[Referral.Status.ACCEPTED, Referral.Status.STARTED]))
    offers = offers.annotate(places_used=used).select_related("provider").prefetch_related(
        "residence_statuses", "target_groups", "languages", "phases")
    groups = set(participant.target_groups.values_list("pk", flat=True))
    languages = set(participant.languages.exclude(code="de").values_list("pk", flat=True))
    current = case.phase.position if case.phase_id else 0
    matches, ineligible = [], 0
    for offer in offers:
        if _ineligible(offer, participant, residence, age):
            ineligible += 1
            continue
        match = Match(offer)
        positions = {p.position for p in offer.phases.all()}
        if current + 1 in positions:
            match.add(3, _("nächste Phase der Prozesskette"))
        elif current in positions:
            match.add(1, _("aktuelle Phase"))
        elif offer.is_cross_phase:
            match.add(1, _("phasenübergreifend"))
        shared = groups & {g.pk for g in offer.target_groups.all()}
        if shared:
            match.add(2, _("passende Zielgruppe"))
        if languages & {lang.pk for lang in offer.languages.all()}:
            match.add(1, _("in einer Sprache der Person"))
        if offer.capacity is not None:
            if offer.places_used >= offer.capacity:
                match.add(-2, _("derzeit ausgebucht"))
            else:
                match.add(1, _("freie Plätze: %(n)s") % {"n": offer.capacity - offer.places_used})
        matches.append(match)
    matches.sort(key=lambda m: (-m.score, str(m.offer.title_de)))
    return Matching(matches[:limit], ineligible)
