"""Service chains: a coordinator describes the usual steps across the network's partners."""

from django.urls import reverse

from netzlotse.directory.models import Phase, ServiceChain
from netzlotse.network.models import Network


def service_chain_form(network, steps, **extra):
    data = {"name": "Übergang Schule – Beruf", "network": network.pk, "description": "",
            "schritte-TOTAL_FORMS": str(len(steps)), "schritte-INITIAL_FORMS": "0", "schritte-MIN_NUM_FORMS": "1",
            "schritte-MAX_NUM_FORMS": "30"}
    for i, (title, kind, days, order, phase) in enumerate(steps):
        data.update({f"schritte-{i}-title": title, f"schritte-{i}-responsible_kind": kind,
                     f"schritte-{i}-expected_days": str(days), f"schritte-{i}-ORDER": str(order),
                     f"schritte-{i}-phase": str(phase.pk) if phase else ""})
    data.update(extra)
    return data


def test_it_lets_a_coordinator_describe_the_steps_of_a_service_chain(client, world):
    profiling = Phase.objects.get(chain__is_default=True, code="zugang")
    client.force_login(world.coordinator)
    form = service_chain_form(world.network, [("Vermittlung in Arbeitsgelegenheit", "provider", 30, 2, None),
                                              ("Gemeinsames Profiling", "jobcenter", 14, 1, profiling)])
    # the page always offers one more, empty step row; left untouched it is ignored
    form.update({"schritte-TOTAL_FORMS": "3", "schritte-2-title": "", "schritte-2-responsible_kind": "",
                 "schritte-2-expected_days": "", "schritte-2-ORDER": "", "schritte-2-phase": ""})
    response = client.post(reverse("directory:service_chain_create"), form)
    assert response.status_code == 302, response.context["steps"].errors
    chain = ServiceChain.objects.get()
    assert [(s.position, s.title, s.responsible_kind, s.expected_days, s.phase) for s in chain.steps.all()] == [
        (1, "Gemeinsames Profiling", "jobcenter", 14, profiling),
        (2, "Vermittlung in Arbeitsgelegenheit", "provider", 30, None)]
    listing = client.get(reverse("directory:service_chains")).content.decode()
    assert "Gemeinsames Profiling" in listing and "14 Tage" in listing


def test_a_chain_needs_at_least_one_step_and_a_duration_and_changes_nothing_otherwise(client, world):
    client.force_login(world.coordinator)
    empty = client.post(reverse("directory:service_chain_create"), service_chain_form(world.network, []))
    assert empty.status_code == 200 and not ServiceChain.objects.exists()
    no_days = service_chain_form(world.network, [("Profiling", "jobcenter", 0, 1, None)])
    response = client.post(reverse("directory:service_chain_create"), no_days)
    assert response.status_code == 200 and not ServiceChain.objects.exists()
    assert "größer oder gleich 1" in response.content.decode()


def test_a_coordinator_edits_only_chains_of_the_networks_they_coordinate(client, world):
    other = Network.objects.create(name="Anderes Netzwerk", coordinator=world.provider_c)
    foreign = ServiceChain.objects.create(network=other, name="Fremde Kette")
    client.force_login(world.coordinator)
    assert client.get(reverse("directory:service_chain_edit", args=[foreign.pk])).status_code == 404
    form = service_chain_form(other, [("Profiling", "jobcenter", 7, 1, None)])
    response = client.post(reverse("directory:service_chain_create"), form)
    assert response.status_code == 200 and ServiceChain.objects.count() == 1  # not a network of theirs
