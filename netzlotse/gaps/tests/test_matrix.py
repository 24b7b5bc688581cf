"""The coverage matrix on small hand-built cases."""

from datetime import timedelta

import pytest
from django.utils import timezone

from netzlotse.directory.models import Offer, Phase, ProcessChain, TargetGroup
from netzlotse.directory.tests.helpers import make_offer, update_offer
from netzlotse.gaps.matrix import COVERED, GAP, TOO_FEW, changes, coverage
from netzlotse.network.models import Region

TODAY = timezone.localdate()


@pytest.fixture
def chain(db):
    return ProcessChain.objects.default()


def regions(*ags):
    return list(Region.objects.filter(ags__in=ags).order_by("ags"))


def phase(code):
    return Phase.objects.get(chain__is_default=True, code=code)


def test_an_empty_region_is_a_gap_in_every_phase(world, chain):
    matrix = coverage(chain=chain, day=TODAY, districts=regions("15090"))
    assert {c.status for c in matrix.cells.values()} == {GAP}
    assert len(matrix.cells) == 5


def test_it_counts_offers_per_district_and_phase(world, chain):
    matrix = coverage(chain=chain, day=TODAY, districts=regions("14612", "14713"))
    dresden, leipzig = regions("14612", "14713")
    assert matrix.cell(dresden, phase("zugang")).offers == 1  # offer A; drafts never count
    assert matrix.cell(leipzig, phase("qualifizierung")).offers == 1
    assert matrix.cell(leipzig, phase("zugang")).offers == 0


def test_an_offer_valid_only_until_yesterday_no_longer_counts(world, chain):
    ended = make_offer(world.provider_a, "Bis gestern", districts=("14628",), valid_until=TODAY - timedelta(days=1),
                       valid_from=TODAY - timedelta(days=100))
    update_offer(ended, created_at=timezone.now() - timedelta(days=100))
    pirna = regions("14628")
    assert coverage(chain=chain, day=TODAY, districts=pirna).cell(pirna[0], phase("zugang")).offers == 0
    yesterday = coverage(chain=chain, day=TODAY - timedelta(days=1), districts=pirna)
    assert yesterday.cell(pirna[0], phase("zugang")).offers == 1


def test_a_cross_phase_offer_counts_in_every_phase(world, chain):
    offer = make_offer(world.provider_a, "Querschnitt", phases=(), districts=("14628",))
    update_offer(offer, is_cross_phase=True)
    pirna = regions("14628")[0]
    matrix = coverage(chain=chain, day=TODAY, districts=[pirna])
    assert [c.offers for _d, cells in matrix.rows() for c in cells] == [1, 1, 1, 1, 1]


def test_a_state_wide_offer_serves_every_district_of_the_state_once(world, chain):
    make_offer(world.provider_a, "Ganz Sachsen", districts=("14", "14612"))
    dresden, chemnitz = regions("14612", "14511")
    matrix = coverage(chain=chain, day=TODAY, districts=[dresden, chemnitz])
    assert matrix.cell(dresden, phase("zugang")).offers == 2  # offer A and the state-wide one, each once
    assert matrix.cell(chemnitz, phase("zugang")).offers == 2  # offer C and the state-wide one


def test_it_filters_by_target_group(world, chain):
    make_offer(world.provider_a, "Für Geflüchtete", groups=("gefluechtete",), districts=("14628",))
    make_offer(world.provider_a, "Für Frauen", groups=("frauen",), districts=("14628",))
    pirna = regions("14628")[0]
    only = Offer.objects.for_target_group(TargetGroup.objects.get(code="frauen"))
    assert coverage(chain=chain, day=TODAY, districts=[pirna], offers=only).cell(pirna, phase("zugang")).offers == 1


def test_it_sums_places_and_weights_by_population(world, chain):
    make_offer(world.provider_a, "Zwölf Plätze", districts=("14628",), capacity=12)
    make_offer(world.provider_a, "Ohne Angabe", districts=("14628",))
    pirna = regions("14628")[0]
    cell = coverage(chain=chain, day=TODAY, districts=[pirna], per_capita=True).cell(pirna, phase("zugang"))
    assert (cell.offers, cell.places) == (2, 12)
    assert cell.per_100k == round(2 * 100_000 / pirna.population, 1)


def test_thresholds_mark_too_few(world, chain):
    make_offer(world.provider_a, "Eins", districts=("14628",))
    pirna = regions("14628")[0]
    matrix = coverage(chain=chain, day=TODAY, districts=[pirna], thresholds={None: 2, phase("zugang").pk: 1})
    assert matrix.cell(pirna, phase("zugang")).status == COVERED
    matrix = coverage(chain=chain, day=TODAY, districts=[pirna], thresholds={None: 2})
    assert matrix.cell(pirna, phase("zugang")).status == TOO_FEW


def test_it_lists_cells_that_opened_or_closed_between_two_dates(world, chain):
    new = make_offer(world.provider_a, "Neu seit gestern", districts=("14628",),
                     valid_from=TODAY)
    update_offer(new, created_at=timezone.now() - timedelta(days=5))
    pirna = regions("14628")
    before = coverage(chain=chain, day=TODAY - timedelta(days=1), districts=pirna)
    after = coverage(chain=chain, day=TODAY, districts=pirna)
    assert [(d.ags, p.code, what) for d, p, what in changes(before, after)] == [("14628", "zugang", "opened")]


def test_a_cross_phase_offer_with_explicit_phases_counts_once_per_cell(world, chain):
    offer = make_offer(world.provider_a, "Querschnitt mit Phasen", phases=("zugang", "orientierung"),
                       districts=("14628",), capacity=5)
    update_offer(offer, is_cross_phase=True)
    pirna = regions("14628")[0]
    matrix = coverage(chain=chain, day=TODAY, districts=[pirna])
    assert [(c.offers, c.places) for _d, cells in matrix.rows() for c in cells] == [(1, 5)] * 5
