from netzlotse.network.models import Region


def test_it_ships_all_401_districts_and_16_states(db):
    assert Region.objects.districts().count() == 401
    assert Region.objects.states().count() == 16


def test_it_knows_each_districts_key_nuts_code_population_and_state(db):
    dresden = Region.objects.get(ags="14612")
    assert dresden.name == "Dresden, Stadt"
    assert dresden.nuts3 == "DED21"
    assert dresden.kind == "Kreisfreie Stadt"
    assert dresden.population > 500_000
    assert dresden.parent.name == "Sachsen"


def test_it_sums_district_populations_into_the_states(db):
    saxony = Region.objects.get(ags="14")
    assert saxony.population == sum(saxony.children.values_list("population", flat=True))


def test_it_loads_the_regions_again_without_duplicates(db):
    from netzlotse.network.regions import load_regions

    load_regions(Region)
    assert Region.objects.count() == 417
