"""The search box finds what people type: synonyms kept as data, ranking, typos, and German stemming (with
PostgreSQL's full-text search; SQLite, the embedded fallback, matches pieces of text)."""

import pytest
from django.db import connection
from django.urls import reverse

from netzlotse.directory.search import synonyms, tsquery, word_groups
from netzlotse.directory.tests.helpers import make_offer
from netzlotse.network.models import Region

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="German stemming needs PostgreSQL")


def titles(client, q, **params):
    return [o.title_de for o in client.get(reverse("directory:search"), {"q": q, **params}).context["page"]]


@pytest.fixture
def courses(world):
    make_offer(world.provider_a, "Deutsch für den Beruf B1")
    make_offer(world.provider_a, "Jobcafé", description_de="Mit Beratungen zur Anerkennung von Abschlüssen.")
    make_offer(world.provider_b, "Berufsanerkennung kompakt")


def test_a_word_finds_what_offers_call_it_otherwise(client, courses):
    assert "Deutsch für den Beruf B1" in titles(client, "Deutschkurs")
    found = titles(client, "Anerkennung")
    assert {"Berufsanerkennung kompakt", "Anerkennungsberatung Dresden", "Jobcafé"} <= set(found)


def test_offers_with_the_word_in_the_title_come_first(client, courses):
    found = titles(client, "Anerkennung")
    assert found.index("Jobcafé") > found.index("Anerkennungsberatung Dresden")  # only in its description
    # Another order chosen by the visitor wins over relevance.
    assert titles(client, "Anerkennung", sortierung="titel") == sorted(found, key=str.casefold)


def test_a_typo_still_finds_it(client, courses):
    assert "Anerkennungsberatung Dresden" in titles(client, "Anerkenung")
    assert "Berufsanerkennung kompakt" in titles(client, "Berufsanerkenung kompakt")
    assert titles(client, "Xylofon") == []  # nothing near it: nothing found


@postgres_only
def test_another_form_of_the_word_still_finds_it(client, courses):
    assert "Jobcafé" in titles(client, "Beratungen Abschluss")  # German stemming: Abschlüssen, Beratungen


def test_nothing_typed_can_break_the_query(client, courses):
    for text in ["& | ! :* ( )", "'; DROP TABLE directory_offer; --", "a" * 200, "--", "Deutsch:*&"]:
        response = client.get(reverse("directory:search"), {"q": text})
        assert response.status_code == 200


def test_the_synonyms_are_data_and_the_query_is_built_from_words_only():
    table = synonyms()
    assert "deutsch" in table["deutschkurs"] and "anerkennung" in table["berufsanerkennung"]
    assert all(word not in alternatives for word, alternatives in table.items())
    assert word_groups("Deutsch lernen in Leipzig")[0][0] == "deutsch lernen"  # a phrase of the list
    assert tsquery(word_groups("Pflege & (x)")) == "((pflege:*) | (pflegehilfe:*) | (pflegekraft:*) | " \
                                                   "(pflegeberufe:*)) & ((x:*))"


def test_districts_that_share_a_name_always_say_city_or_district(client, db):
    assert str(Region.objects.get(ags="09464")) == "Hof (Stadt)"
    assert str(Region.objects.get(ags="09475")) == "Hof (Landkreis)"
    assert str(Region.objects.get(ags="14713")) == "Leipzig (Stadt)"  # "Leipzig, Stadt" beside "Leipzig"
    assert str(Region.objects.get(ags="14612")) == "Dresden, Stadt"  # a name of its own stays official
    html = client.get(reverse("directory:search")).content.decode()
    assert ">Augsburg (Landkreis)</option>" in html and ">Augsburg (Stadt)</option>" in html


def test_a_coordinator_finds_the_networks_districts_first(client, world):
    from netzlotse.directory.filters import OfferFilterForm

    world.network.regions.set(Region.objects.filter(ags__in=["14612", "14628"]))
    keys = [key for key, _label in OfferFilterForm({}, user=world.coordinator).fields["kreis"].choices]
    assert keys[1:3] == sorted(["14612", "14628"], key=lambda k: str(Region.objects.get(ags=k)))
    public = [key for key, _label in OfferFilterForm({}).fields["kreis"].choices]
    assert public.index("14612") > 10  # everyone else: alphabetical as before
    assert sorted(keys) == sorted(public)  # nothing lost, only moved up


def test_an_empty_result_offers_the_nearest_alternatives(client, world):
    # Görlitz has no offer with this phase; Dresden (same state) has one; dropping the district finds it too.
    search = {"kreis": "14626", "q": "Anerkennungsberatung"}
    response = client.get(reverse("directory:search"), search)
    assert not response.context["page"].paginator.count
    assert reverse("directory:alternatives") in response.content.decode()  # loaded after the page, or a link
    page = client.get(reverse("directory:alternatives"), search)  # without JavaScript: a page of its own
    alternatives = dict(page.context["alternatives"])
    assert "kreis" not in alternatives["ohne „Kreis / kreisfreie Stadt“"]  # the same search without the district
    assert "kreis=14612" in alternatives["in Dresden, Stadt"]  # a district of the same state with a match
    assert client.get("/angebote/?" + alternatives["in Dresden, Stadt"]).context["page"].paginator.count == 1
    fragment = client.get(reverse("directory:alternatives"), search, headers={"HX-Request": "true"}).content.decode()
    assert "Das finden Sie stattdessen" in fragment and "<html" not in fragment and "kreis=14612" in fragment
