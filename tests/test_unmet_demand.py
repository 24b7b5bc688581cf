"""A counsellor's "no suitable offer" is demand in the coverage matrix: the case file and the gap analysis meet
here, above both apps (neither imports the other; the directory's signal carries the demand)."""


from django.urls import reverse
from django.utils import timezone

from netzlotse.cases.models import Case, CaseEvent
from netzlotse.cases.services import referral_unmet
from netzlotse.cases.tests.test_pages import open_case, verified
from netzlotse.directory.models import Phase
from netzlotse.gaps.matrix import add_demand_signals, coverage
from netzlotse.gaps.models import DemandSignal
from netzlotse.network.models import Region

TODAY = timezone.localdate()


def test_no_suitable_offer_is_demand_in_the_gap_matrix(world, after_commit):
    case = open_case(world.provider_a)
    pirna = Region.objects.get(ags="14628")
    phase = Phase.objects.get(chain__is_default=True, code="einmuendung")
    with after_commit():
        referral_unmet(case=case, by=world.counsellor, phase=phase, district=pirna)
    assert DemandSignal.objects.get().source == DemandSignal.Source.REFERRAL
    matrix = coverage(chain=phase.chain, day=TODAY, districts=[pirna])
    add_demand_signals(matrix)
    assert matrix.cell(pirna, phase).unmet == 1
    assert case.events.filter(type=CaseEvent.Type.REFERRAL_UNMET).exists()


def test_no_suitable_offer_is_recorded_as_demand(client, world, after_commit):
    case = open_case(world.provider_a)
    verified(client, world.counsellor)
    phase = Phase.objects.get(chain__is_default=True, code="sicherung")
    with after_commit():
        client.post(reverse("cases:refer", args=[case.pk]), {"unmet": "1", "phase": phase.pk,
                                                             "district": Region.objects.get(ags="14628").pk})
    assert DemandSignal.objects.get().source == "referral"
    assert Case.objects.get().referrals.get().unmet
