"""Matching ranks offers for a case and says why; offers the person may not use are left out."""

from datetime import date

from netzlotse.cases.matching import match_offers
from netzlotse.cases.models import Case, Participant, ResidenceRecord
from netzlotse.cases.services import case_open, participant_register
from netzlotse.directory.models import Offer, Phase, ResidenceStatus, TargetGroup
from netzlotse.directory.tests.helpers import make_offer
from netzlotse.network.models import Region


def test_offers_are_ranked_with_reasons_and_ineligible_ones_left_out(world):
    pirna = Region.objects.get(ags="14628")
    person = participant_register(participant=Participant(
        organization=world.provider_a, first_name="Omid", last_name="Rahimi", birth_date=date(2000, 3, 1),
        district=pirna), by=None, residence=ResidenceRecord(status=ResidenceStatus.objects.first(),
                                                            labour_market_access=ResidenceRecord.Access.SUBORDINATE))
    person.target_groups.set(TargetGroup.objects.filter(code="gefluechtete"))
    case = case_open(case=Case(participant=person, organization=world.provider_a,
                               phase=Phase.objects.get(chain__is_default=True, code="zugang")), by=None)
    next_phase = make_offer(world.provider_b, "Orientierungskurs", districts=("14628",), phases=("orientierung",),
                            groups=("gefluechtete",), capacity=10)
    same_phase = make_offer(world.provider_b, "Erstberatung", districts=("14628",), phases=("zugang",))
    full_access = make_offer(world.provider_b, "Nur mit vollem Zugang", districts=("14628",),
                             labour_market_access=Offer.Access.FULL)
    too_old = make_offer(world.provider_b, "Jugendwerkstatt", districts=("14628",), max_age=21)
    result = match_offers(case)
    ranked = [m.offer for m in result.matches]
    assert ranked[:2] == [next_phase, same_phase]
    assert full_access not in ranked and too_old not in ranked and result.ineligible == 2
    assert result.matches[0].reasons == ["nächste Phase der Prozesskette: +3 Punkte",
                                         "passende Zielgruppe: +2 Punkte", "10 Plätze frei: +1 Punkt"]


def test_without_a_district_of_residence_nothing_is_ranked(world):
    person = participant_register(participant=Participant(
        organization=world.provider_a, first_name="Ohne", last_name="Kreis", birth_date=date(1990, 1, 1)), by=None)
    case = case_open(case=Case(participant=person, organization=world.provider_a), by=None)
    result = match_offers(case)
    assert result.matches == [] and result.ineligible == 0
