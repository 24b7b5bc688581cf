from django.urls import reverse

from netzlotse.network.models import Cooperation, Network, Organization, Region, RegionGroup


def test_a_coordinators_new_organisation_joins_their_network(client, world):
    client.force_login(world.coordinator)
    response = client.post(reverse("network:create", args=["organisationen"]),
                           {"name": "Volkshochschule Pirna", "kind": "provider", "regions": [
                               Region.objects.get(ags="14628").pk]})
    assert response.status_code == 302
    org = Organization.objects.get(name="Volkshochschule Pirna")
    assert world.network.memberships.filter(organization=org).exists()
    # …so its offers are now in the coordinator's scope.
    assert Organization.objects.managed_by(world.coordinator).filter(pk=org.pk).exists()


def test_it_keeps_network_members_in_one_step(client, world):
    client.force_login(world.coordinator)
    data = {"name": "Netzwerk Dresden", "coordinator": world.coordination.pk,
            "mitglieder-TOTAL_FORMS": "1", "mitglieder-INITIAL_FORMS": "0", "mitglieder-MIN_NUM_FORMS": "0",
            "mitglieder-MAX_NUM_FORMS": "1000", "mitglieder-0-organization": world.provider_c.pk,
            "mitglieder-0-role": "strategic_partner"}
    client.post(reverse("network:edit", args=["netzwerke", world.network.pk]), data)
    assert Network.objects.get(pk=world.network.pk).memberships.filter(organization=world.provider_c).exists()


def test_it_rejects_a_cooperation_of_an_organisation_with_itself(client, world):
    client.force_login(world.coordinator)
    response = client.post(reverse("network:create", args=["kooperationen"]),
                           {"source": world.provider_a.pk, "target": world.provider_a.pk, "kind": "handover"})
    assert response.status_code == 200
    assert "zwei verschiedene Organisationen" in response.content.decode()
    assert not Cooperation.objects.exists()


def test_it_defines_a_funding_region(client, world):
    client.force_login(world.coordinator)
    districts = Region.objects.filter(ags__in=["14612", "14628"])
    client.post(reverse("network:create", args=["foerderregionen"]),
                {"name": "Förderregion Elbtal", "regions": [d.pk for d in districts]})
    assert sorted(RegionGroup.objects.get().regions.values_list("ags", flat=True)) == ["14612", "14628"]


def test_a_membership_that_ends_before_it_begins_is_refused_at_the_field(client, world):
    client.force_login(world.coordinator)
    data = {"name": "Netzwerk Dresden", "coordinator": world.coordination.pk,
            "mitglieder-TOTAL_FORMS": "1", "mitglieder-INITIAL_FORMS": "0", "mitglieder-MIN_NUM_FORMS": "0",
            "mitglieder-MAX_NUM_FORMS": "1000", "mitglieder-0-organization": world.provider_c.pk,
            "mitglieder-0-role": "strategic_partner", "mitglieder-0-since": "2026-05-01",
            "mitglieder-0-until": "2026-04-01"}
    response = client.post(reverse("network:edit", args=["netzwerke", world.network.pk]), data)
    assert "Das Ende der Mitgliedschaft liegt vor ihrem Beginn." in response.content.decode()
    assert "membership_period" not in response.content.decode()
    assert not world.network.memberships.filter(organization=world.provider_c).exists()
