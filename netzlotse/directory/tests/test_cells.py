"""Coverage cells stay in step with every write path: rebuilding them from scratch changes nothing."""

from netzlotse.directory.models import Offer, OfferCell
from netzlotse.directory.services import offer_archive, offer_save, offers_import
from netzlotse.directory.tests.helpers import make_offer
from netzlotse.network.models import Region

from .spreadsheets import offer_row, xlsx


def cells():
    return sorted(OfferCell.objects.values_list("offer_id", "district_id", "phase_id", "status", "capacity"),
                  key=str)


def assert_in_step():
    kept = cells()
    OfferCell.objects.refresh()
    assert kept == cells()


def test_services_and_the_importer_keep_cells_in_step(world):
    statewide = make_offer(world.provider_a, "Landesweit", districts=("14",), phases=("zugang", "einmuendung"))
    saxony = Region.objects.districts().filter(parent__ags="14").count()
    # Located in Dresden and serving the whole state: Dresden is counted once per phase.
    assert OfferCell.objects.filter(offer=statewide).count() == 2 * saxony
    offer_archive(offer=world.offer_a, by=world.owner)
    assert set(OfferCell.objects.filter(offer=world.offer_a).values_list("status", flat=True)) == {"archived"}
    world.offer_b.capacity = 30
    offer_save(offer=world.offer_b, by=world.partner, m2m={"regions": Region.objects.filter(ags="14729")})
    assert OfferCell.objects.filter(offer=world.offer_b, district__ags="14729", capacity=30).exists()
    offers_import(filename="a.xlsx", content=xlsx(offers=[offer_row(**{"Plätze": 15})]), by=world.admin)
    assert OfferCell.objects.filter(offer=Offer.objects.get(external_id="angebot-1"), capacity=15).exists()
    assert_in_step()


def test_a_cross_phase_offer_has_one_cell_per_district_for_all_phases(world):
    offer = make_offer(world.provider_a, "Querschnitt", phases=(), districts=("14628",))
    offer.is_cross_phase = True
    offer_save(offer=offer, by=None, m2m={})
    assert list(OfferCell.objects.filter(offer=offer).values_list("district__ags", "phase")) == [("14628", None)]
