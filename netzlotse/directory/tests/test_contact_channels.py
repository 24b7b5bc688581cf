"""A refugee must be able to act on an offer: phone, e-mail, website, contact person, how to get an
appointment and the office's accessibility, on the page, on a printable handout and in the import (HSDS:
test_hsds.py)."""

from datetime import time

from django.urls import reverse

from netzlotse.directory.imports.columns import LOCATION_COLUMNS, OFFER_COLUMNS
from netzlotse.directory.models import Offer
from netzlotse.directory.services import LocationData, offer_save
from netzlotse.directory.tests.helpers import make_offer
from netzlotse.network.models import Region


def reachable(world):
    offer = make_offer(world.provider_a, "Sprachcafé", contact_name="Frau Neumann", contact_phone="0351 / 123 45-6",
                       contact_email="sprachcafe@traeger.example", website="https://traeger.example/sprachcafe",
                       appointment=Offer.Appointment.BOTH, appointment_note="Anruf genügt", cost_eur=0)
    dresden = Region.objects.get(ags="14612")
    offer_save(offer=offer, by=None, m2m={}, locations=[LocationData(
        city="Dresden", district=dresden, street="Hauptstraße 3", postcode="01067", phone="+49 351 98765",
        accessibility_note="Eingang ebenerdig, Aufzug", hours=[(0, time(9), time(12))])])
    return offer


def test_the_detail_page_offers_every_way_to_reach_the_offer(client, world):
    offer = reachable(world)
    html = client.get(reverse("directory:detail", args=[offer.pk])).content.decode()
    assert 'href="tel:0351123456"' in html and "0351 / 123 45-6" in html
    assert 'href="tel:+4935198765"' in html  # the office's own line
    assert 'href="mailto:sprachcafe@traeger.example"' in html and "https://traeger.example/sprachcafe" in html
    assert "Frau Neumann" in html and "mit oder ohne Termin" in html and "Anruf genügt" in html
    assert "Hauptstraße 3, 01067 Dresden" in html and "Eingang ebenerdig, Aufzug" in html


def test_without_channels_of_its_own_the_provider_is_named_as_the_way_in(client, world):
    world.provider_a.phone, world.provider_a.email = "0341 5555", "info@anbieter.example"
    world.provider_a.save()
    html = client.get(reverse("directory:detail", args=[world.offer_a.pk])).content.decode()
    assert 'href="tel:03415555"' in html and 'href="mailto:info@anbieter.example"' in html
    assert "bitte vorher anfragen" in html  # no appointment rule given: say so rather than leave it out


def test_the_handout_is_one_printable_page_with_a_qr_code_to_the_offer(client, world):
    offer = reachable(world)
    response = client.get(reverse("directory:handout", args=[offer.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and f"http://testserver/angebote/{offer.pk}/" in html
    assert "0351 / 123 45-6" in html and "Mo" in html and "09:00–12:00" in html
    draft = make_offer(world.provider_a, "Entwurf", status=Offer.Status.DRAFT)
    assert client.get(reverse("directory:handout", args=[draft.pk])).status_code == 404  # as the page itself


def test_the_import_template_has_a_column_for_each_channel():
    offer_headers = {c.key: c.header for c in OFFER_COLUMNS}
    assert {"contact_name", "contact_email", "contact_phone", "website", "appointment", "appointment_note"} <= set(
        offer_headers)
    assert {"phone", "accessibility_note"} <= {c.key for c in LOCATION_COLUMNS}


def test_result_cards_show_place_languages_cost_and_open_now(client, world, settings):
    reachable(world)
    html = client.get(reverse("directory:search"), {"q": "Sprachcafé"}).content.decode()
    assert "Dresden" in html and "Deutsch" in html and "kostenfrei" in html
