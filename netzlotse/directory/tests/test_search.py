from datetime import datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone

from netzlotse.directory.models import Offer, Phase, ResidenceStatus
from netzlotse.directory.services import offer_archive
from netzlotse.directory.tests.helpers import make_offer
from netzlotse.network.models import Region, RegionGroup


def titles(response):
    return [offer.title_de for offer in response.context["page"]]


def test_it_lists_only_published_currently_valid_offers(client, world):
    expired = make_offer(world.provider_a, "Abgelaufen", valid_until=timezone.localdate() - timedelta(days=1),
                         valid_from=timezone.localdate() - timedelta(days=30))
    shown = titles(client.get(reverse("directory:search")))
    assert "Anerkennungsberatung Dresden" in shown
    assert "Entwurf von A" not in shown
    assert expired.title_de not in shown


def test_it_finds_offers_by_any_word_in_title_description_or_provider(client, world):
    assert titles(client.get(reverse("directory:search"), {"q": "anerkennung"})) == ["Anerkennungsberatung Dresden"]
    vhs = world.provider_b.__class__.objects.create(name="Volkshochschule Meißen")
    make_offer(vhs, "Abendkurs")
    assert titles(client.get(reverse("directory:search"), {"q": "Volkshochschule"})) == ["Abendkurs"]
    assert titles(client.get(reverse("directory:search"), {"q": "sprachkurs dresden"})) == []


def test_it_finds_text_in_every_language(client, world):
    offer = make_offer(world.provider_a, "Beratung", title_ar="إرشاد مهني")
    assert titles(client.get(reverse("directory:search"), {"q": "إرشاد"})) == [offer.title_de]


def test_it_filters_by_phase(client, world):
    phase = Phase.objects.get(chain__is_default=True, code="qualifizierung")
    assert titles(client.get(reverse("directory:search"), {"phase": phase.pk})) == ["Sprachkurs Leipzig"]


def test_it_filters_by_district_including_state_wide_offers(client, world):
    statewide = make_offer(world.provider_b, "Ganz Sachsen", districts=("14",))
    result = titles(client.get(reverse("directory:search"), {"kreis": "14511"}))
    assert sorted(result) == sorted(["Gründungsberatung Chemnitz", statewide.title_de])


def test_it_filters_by_region_group(client, world):
    group = RegionGroup.objects.create(name="Förderregion")
    group.regions.set(Region.objects.filter(ags__in=["14713", "14511"]))
    result = titles(client.get(reverse("directory:search"), {"region": group.pk}))
    assert sorted(result) == ["Gründungsberatung Chemnitz", "Sprachkurs Leipzig"]


def test_it_filters_by_target_group_field_language_and_delivery_mode(client, world):
    special = make_offer(world.provider_a, "Speziell", groups=("gefluechtete",), fields=("sprache",),
                         languages=("ar",), modes=("mobile",))
    for params in ({"zielgruppe": "gefluechtete"}, {"handlungsfeld": "sprache"}, {"sprache": "ar"},
                   {"form": "mobile"}):
        assert titles(client.get(reverse("directory:search"), params)) == [special.title_de], params


def test_it_combines_filters_without_duplicates(client, world):
    make_offer(world.provider_a, "Doppelt", groups=("gefluechtete", "frauen"), languages=("ar", "fa", "de"),
               districts=("14612", "14511"))
    result = titles(client.get(reverse("directory:search"), {"kreis": "14612", "sprache": "de"}))
    assert result.count("Doppelt") == 1


def test_it_shows_offers_open_now(client, world, monkeypatch):
    monday_ten = timezone.make_aware(datetime(2026, 11, 23, 10, 0))
    monkeypatch.setattr(timezone, "now", lambda: monday_ten)
    make_offer(world.provider_a, "Nachmittags", hours=[(0, time(14), time(16))])
    result = titles(client.get(reverse("directory:search"), {"jetzt_offen": "on"}))
    assert "Anerkennungsberatung Dresden" in result  # Monday 9–12
    assert "Nachmittags" not in result


def test_it_shows_the_directory_as_it_stood_on_a_date(client, world):
    today = timezone.localdate()
    old = make_offer(world.provider_a, "Früher gültig", valid_from=today - timedelta(days=400),
                     valid_until=today - timedelta(days=100))
    Offer.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=400))
    archived = make_offer(world.provider_a, "Später archiviert")
    Offer.objects.filter(pk=archived.pk).update(created_at=timezone.now() - timedelta(days=400))
    offer_archive(offer=archived, by=None)
    then = (today - timedelta(days=200)).isoformat()
    past = titles(client.get(reverse("directory:search"), {"stand": then}))
    assert "Früher gültig" in past and "Später archiviert" in past
    assert "Anerkennungsberatung Dresden" not in past  # created today
    now = titles(client.get(reverse("directory:search")))
    assert "Früher gültig" not in now and "Später archiviert" not in now


def test_it_counts_pages_and_sorts(client, world):
    for i in range(25):
        make_offer(world.provider_a, f"Modul {i:02d}")
    first = client.get(reverse("directory:search"), {"q": "modul"})
    assert first.context["page"].paginator.count == 25
    assert titles(first)[0] == "Modul 00"
    second = client.get(reverse("directory:search"), {"q": "modul", "seite": 2})
    assert titles(second) == ["Modul 20", "Modul 21", "Modul 22", "Modul 23", "Modul 24"]
    assert "25 Angebote gefunden" in first.content.decode()


def test_it_answers_htmx_with_the_results_partial_only(client, world):
    response = client.get(reverse("directory:search"), {"q": "anerkennung"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "Anerkennungsberatung Dresden" in html
    assert "<html" not in html and 'role="search"' not in html


def test_it_works_without_javascript_as_a_plain_get_form(client, world):
    html = client.get(reverse("directory:search")).content.decode()
    assert 'method="get"' in html and 'action="/angebote/"' in html


def test_it_reports_invalid_filters_instead_of_failing(client, world):
    response = client.get(reverse("directory:search"), {"stand": "kein-datum", "phase": "abc"})
    assert response.status_code == 200
    assert "Bitte prüfen Sie die Filter" in response.content.decode()


def test_it_shows_the_visitors_language_and_right_to_left_text(client, world):
    make_offer(world.provider_a, "Deutsch", title_ar="عربي", description_ar="وصف")
    client.cookies["django_language"] = "ar"
    html = client.get(reverse("directory:search"), {"q": "deutsch"}).content.decode()
    assert 'lang="ar" dir="rtl"' in html
    assert "عربي" in html
    # The page runs right to left; the interface has no Arabic catalogue, so its blocks are marked German.
    assert '<html lang="ar" dir="rtl">' in html and '<header class="site-header" lang="de">' in html


def test_it_falls_back_to_german_where_no_translation_exists(client, world):
    client.cookies["django_language"] = "en"
    html = client.get(reverse("directory:detail", args=[world.offer_a.pk])).content.decode()
    assert 'lang="de" dir="ltr">Anerkennungsberatung Dresden' in html


def test_it_shows_locations_and_hours_on_the_detail_page(client, world):
    html = client.get(reverse("directory:detail", args=[world.offer_a.pk])).content.decode()
    assert "Montag" in html and "09:00–12:00" in html and "Dresden" in html


def test_it_speaks_english_when_the_visitor_switches(client, world):
    client.post("/i18n/setlang/", {"language": "en", "next": "/angebote/"})
    html = client.get(reverse("directory:search")).content.decode()
    assert '<html lang="en"' in html
    assert "Find offers" in html and "offers found" in html and "Angebote finden" not in html


def test_it_shows_every_classification_on_the_detail_page(client, world):
    offer = make_offer(world.provider_a, "Vollständig", groups=("frauen", "gefluechtete"), fields=("sprache",),
                       languages=("de", "ar"), modes=("online",), districts=("14612", "14511"))
    offer.residence_statuses.set(ResidenceStatus.objects.filter(code="duldung"))
    html = client.get(reverse("directory:detail", args=[offer.pk])).content.decode()
    for text in ("1. Zugang, Ansprache und Information", "Frauen", "Geflüchtete", "Sprache / Deutsch für den Beruf",
                 "Arabisch", "Online", "Chemnitz, Stadt", "Dresden, Stadt", "Duldung"):
        assert text in html, text


def test_it_renders_filter_selects_in_the_kern_wrapper(client, world):
    html = client.get(reverse("directory:search")).content.decode()
    assert '<div class="kern-form-input__select-wrapper"><select name="kreis"' in html


def test_the_detail_page_names_a_project_only_where_it_differs_from_the_provider(client, world):
    # Found by users: "RESQUE continued · RESQUE continued" where the project bears the provider's name.
    from netzlotse.network.models import Project

    offer = world.offer_a
    offer.project = Project.objects.create(name=offer.provider.name, lead=offer.provider)
    offer.save()
    html = client.get(reverse("directory:detail", args=[offer.pk])).content.decode()
    assert f"{offer.provider.name} · {offer.provider.name}" not in html
    offer.project.name = "Anerkennung in Sachsen"
    offer.project.save()
    assert f"{offer.provider.name} · Anerkennung in Sachsen" in client.get(
        reverse("directory:detail", args=[offer.pk])).content.decode()


def test_in_arabic_the_page_runs_right_to_left_and_says_the_interface_is_german(client, world):
    make_offer(world.provider_a, "Beratung Arabisch", title_ar="إرشاد مهني")
    client.post("/i18n/setlang/", {"language": "ar", "next": "/angebote/"})
    html = client.get(reverse("directory:search")).content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert '<main id="main" class="kern-container site-main" tabindex="-1" lang="de">' in html  # German words
    assert "واجهة الموقع غير متوفرة بالعربية" in html and "Bedienoberfläche" in html
    assert '<h3 class="kern-heading-small" lang="ar" dir="rtl">' in html
    # An offer without an Arabic title shows its German one, marked as German and left to right.
    assert '<h3 class="kern-heading-small" lang="de" dir="ltr"><a class="kern-link" href="/angebote/' in html


def test_in_english_there_is_no_interface_notice(client, world):
    client.post("/i18n/setlang/", {"language": "en", "next": "/angebote/"})
    html = client.get(reverse("directory:search")).content.decode()
    assert '<html lang="en" dir="ltr">' in html and "interface-notice" not in html
