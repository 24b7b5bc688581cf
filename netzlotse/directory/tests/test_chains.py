from django.urls import reverse

from netzlotse.directory.models import Phase, ProcessChain
from netzlotse.directory.tests.helpers import make_offer


def chain_form(network, phases, **extra):
    data = {"name": "Dienstleistungskette", "code": "dlk", "description": "", "network": network.pk,
            "phasen-TOTAL_FORMS": str(len(phases)), "phasen-INITIAL_FORMS": "0", "phasen-MIN_NUM_FORMS": "0",
            "phasen-MAX_NUM_FORMS": "20"}
    for i, (code, name, order) in enumerate(phases):
        data.update({f"phasen-{i}-code": code, f"phasen-{i}-name_de": name, f"phasen-{i}-ORDER": str(order)})
    data.update(extra)
    return data


def test_it_ships_the_five_phase_iq_chain_as_default(db):
    chain = ProcessChain.objects.default()
    assert [p.code for p in chain.phases.all()] == ["zugang", "orientierung", "qualifizierung", "einmuendung",
                                                    "sicherung"]


def test_it_lets_a_coordinator_define_a_chain_for_their_network(client, world):
    client.force_login(world.coordinator)
    response = client.post(reverse("directory:chain_create"), chain_form(world.network, [
        ("uebergang", "Übergang", 2), ("clearing", "Clearing", 1)]))
    assert response.status_code == 302
    chain = ProcessChain.objects.get(code="dlk")
    assert chain.network == world.network
    assert [(p.position, p.code) for p in chain.phases.all()] == [(1, "clearing"), (2, "uebergang")]


def test_it_reorders_and_renames_phases(client, world):
    client.force_login(world.coordinator)
    client.post(reverse("directory:chain_create"), chain_form(world.network, [("a", "A", 1), ("b", "B", 2)]))
    chain = ProcessChain.objects.get(code="dlk")
    data = chain_form(world.network, [("a", "Erste", 2), ("b", "Zweite", 1)], **{"phasen-INITIAL_FORMS": "2"})
    client.post(reverse("directory:chain_edit", args=[chain.pk]), data)
    assert [(p.code, p.name_de) for p in chain.phases.all()] == [("b", "Zweite"), ("a", "Erste")]


def test_it_refuses_to_remove_a_phase_that_still_has_offers(client, world):
    client.force_login(world.coordinator)
    client.post(reverse("directory:chain_create"), chain_form(world.network, [("a", "A", 1), ("b", "B", 2)]))
    chain = ProcessChain.objects.get(code="dlk")
    offer = make_offer(world.provider_a, "Im Netzwerk", phases=())
    offer.phases.add(Phase.objects.get(chain=chain, code="b"))
    data = chain_form(world.network, [("a", "A", 1), ("b", "B", 2)], **{"phasen-INITIAL_FORMS": "2",
                                                                        "phasen-1-DELETE": "on"})
    response = client.post(reverse("directory:chain_edit", args=[chain.pk]), data, follow=True)
    assert "noch Angebote" in response.content.decode()
    assert chain.phases.filter(code="b").exists()


def test_it_rejects_duplicate_phase_codes(client, world):
    client.force_login(world.coordinator)
    response = client.post(reverse("directory:chain_create"), chain_form(world.network, [("a", "A", 1), ("a", "B", 2)]))
    assert response.status_code == 200
    assert "nur einmal" in response.content.decode()
    assert not ProcessChain.objects.filter(code="dlk").exists()
