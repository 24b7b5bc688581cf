from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from netzlotse.directory.models import Offer, OfferChange, Phase
from netzlotse.directory.tests.helpers import days_ago


def offer_form(world, **overrides):
    phase = Phase.objects.get(chain__is_default=True, code="zugang")
    data = {
        "provider": world.provider_a.pk, "title_de": "Neues Angebot", "description_de": "Was wir tun.",
        "phases": [phase.pk], "status": "published", "labour_market_access": "",
        "orte-TOTAL_FORMS": "1", "orte-INITIAL_FORMS": "0", "orte-MIN_NUM_FORMS": "0", "orte-MAX_NUM_FORMS": "30",
        "orte-0-kind": "office", "orte-0-city": "Dresden", "orte-0-district": "14612",
        "orte-0-hours": "Mo 09:00-12:00, Do 13:00-16:00",
    }
    data.update(overrides)
    return data


def test_it_creates_an_offer_with_locations_and_records_who_did_it(client, world):
    client.force_login(world.owner)
    response = client.post(reverse("directory:create"), offer_form(world))
    offer = Offer.objects.get(title_de="Neues Angebot")
    assert response.status_code == 302
    assert [str(h) for h in offer.locations.get().opening_hours.all()] == ["Montag 09:00–12:00", "Donnerstag 13:00–16:00"]
    change = offer.changes.get()
    assert change.action == OfferChange.Action.CREATED and change.changed_by == world.owner


def test_it_shows_validation_messages_next_to_the_field_and_saves_nothing(client, world):
    client.force_login(world.owner)
    data = offer_form(world, title_de="", max_age="10", min_age="20", **{"orte-0-hours": "Montags früh"})
    response = client.post(reverse("directory:create"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="title_de-error"' in html
    assert "ist keine Sprechzeit" in html
    assert Offer.objects.filter(description_de="Was wir tun.").count() == 0


def test_it_requires_a_phase_or_cross_phase(client, world):
    client.force_login(world.owner)
    response = client.post(reverse("directory:create"), offer_form(world, phases=[]))
    assert 'id="phases-error"' in response.content.decode()


def test_it_offers_provider_staff_only_their_own_organisation(client, world):
    client.force_login(world.owner)
    response = client.post(reverse("directory:create"), offer_form(world, provider=world.provider_c.pk))
    assert response.status_code == 200
    assert not Offer.objects.filter(title_de="Neues Angebot").exists()


def test_it_lets_a_coordinator_edit_every_offer_in_the_network(client, world):
    client.force_login(world.coordinator)
    data = offer_form(world, provider=world.provider_b.pk, title_de="Sprachkurs Leipzig (neu)")
    response = client.post(reverse("directory:edit", args=[world.offer_b.pk]), data)
    assert response.status_code == 302
    world.offer_b.refresh_from_db()
    assert world.offer_b.title_de == "Sprachkurs Leipzig (neu)"


def test_it_records_every_change_with_old_and_new_value(client, world):
    client.force_login(world.owner)
    data = offer_form(world, title_de="Anerkennungsberatung Dresden-Neustadt", capacity="12")
    client.post(reverse("directory:edit", args=[world.offer_a.pk]), data)
    change = world.offer_a.changes.filter(action=OfferChange.Action.CHANGED).get()
    assert change.changes["title_de"] == ["Anerkennungsberatung Dresden", "Anerkennungsberatung Dresden-Neustadt"]
    assert change.changes["capacity"] == ["", "12"]
    assert change.changed_by == world.owner
    html = client.get(reverse("directory:history", args=[world.offer_a.pk])).content.decode()
    assert "Anerkennungsberatung Dresden-Neustadt" in html and "Plätze" in html and "owner" in html


def test_it_writes_no_history_entry_when_nothing_changed(client, world):
    client.force_login(world.owner)
    offer = world.offer_a
    data = offer_form(world, title_de=offer.title_de, description_de=offer.description_de,
                      phases=[p.pk for p in offer.phases.all()], regions=[r.pk for r in offer.regions.all()],
                      languages=[v.pk for v in offer.languages.all()],
                      fields_of_action=[v.pk for v in offer.fields_of_action.all()],
                      delivery_modes=[v.pk for v in offer.delivery_modes.all()], **{"orte-0-hours": "Mo 09:00-12:00"})
    data["last_verified"] = offer.last_verified
    client.post(reverse("directory:edit", args=[offer.pk]), data)
    assert not offer.changes.filter(action=OfferChange.Action.CHANGED).exists()


def test_it_confirms_a_stale_offer_in_one_click(client, world):
    Offer.objects.filter(pk=world.offer_a.pk).update(last_verified=days_ago(400))
    client.force_login(world.owner)
    listing = client.get(reverse("directory:manage"), {"veraltet": "1"})
    assert [o.pk for o in listing.context["page"]] == [world.offer_a.pk]
    client.post(reverse("directory:verify", args=[world.offer_a.pk]))
    world.offer_a.refresh_from_db()
    assert world.offer_a.last_verified == timezone.localdate()
    assert world.offer_a.changes.filter(action=OfferChange.Action.VERIFIED, changed_by=world.owner).exists()
    assert client.get(reverse("directory:manage"), {"veraltet": "1"}).context["page"].paginator.count == 0


def test_it_archives_an_offer_so_the_public_no_longer_sees_it(client, world):
    client.force_login(world.owner)
    client.post(reverse("directory:archive", args=[world.offer_a.pk]))
    world.offer_a.refresh_from_db()
    assert world.offer_a.status == Offer.Status.ARCHIVED and world.offer_a.archived_on == timezone.localdate()
    client.logout()
    assert client.get(reverse("directory:detail", args=[world.offer_a.pk])).status_code == 404


def test_it_shows_counts_per_phase_stale_and_ending_offers_on_the_dashboard(client, world):
    Offer.objects.filter(pk=world.offer_a.pk).update(last_verified=days_ago(200),
                                                     valid_until=timezone.localdate() + timedelta(days=30))
    client.force_login(world.coordinator)
    response = client.get(reverse("directory:dashboard"))
    per_phase = {p.code: p.n for p in response.context["per_phase"]}
    assert per_phase["zugang"] == 2 and per_phase["qualifizierung"] == 1 and per_phase["einmuendung"] == 0
    assert response.context["stale_count"] == 1
    assert [o.pk for o in response.context["ending"]] == [world.offer_a.pk]


def test_ranges_and_costs_that_cannot_be_are_refused_at_their_fields(client, world):
    # Found by users: an end before the start showed the constraint's name "offer_valid_range", and a cost of
    # -5 was published as "-5,00 €".
    client.force_login(world.owner)
    data = offer_form(world, valid_from="2026-06-01", valid_until="2026-05-01", min_age="30", max_age="20",
                      cost_eur="-5")
    response = client.post(reverse("directory:create"), data)
    form = response.context["form"]
    assert form.errors["valid_until"] == ["Das Ende der Gültigkeit liegt vor ihrem Beginn."]
    assert form.errors["max_age"] == ["Das Höchstalter liegt unter dem Mindestalter."]
    assert form.errors["cost_eur"] == ["Kosten können nicht negativ sein (0 für kostenfrei)."]
    assert "offer_valid_range" not in response.content.decode() and "offer_age_range" not in response.content.decode()
    assert not Offer.objects.filter(title_de="Neues Angebot").exists()


def test_the_history_reads_yes_no_german_dates_and_euros(client, world):
    # Found by users: "False", ISO dates and "0.00" in the offer's history.
    client.force_login(world.owner)
    client.post(reverse("directory:create"), offer_form(world, valid_from="2026-12-01", cost_eur="12.5"))
    offer = Offer.objects.get(title_de="Neues Angebot")
    data = offer_form(world, valid_from="2026-12-01", cost_eur="0", is_cross_phase="on", version=offer.version)
    client.post(reverse("directory:edit", args=[offer.pk]), data)
    changes = offer.changes.order_by("pk").last().changes
    assert changes["cost_eur"] == ["12,50 €", "0,00 €"]
    assert changes["is_cross_phase"] == ["nein", "ja"]
    assert offer.changes.order_by("pk").first().changes["valid_from"] == ["", "01.12.2026"]
