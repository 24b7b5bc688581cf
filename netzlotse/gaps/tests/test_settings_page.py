from django.urls import reverse

from netzlotse.directory.models import Phase
from netzlotse.gaps.models import CoverageThreshold, DemandFigure
from netzlotse.network.models import Region


def test_a_coordinator_sets_thresholds_per_phase(client, world):
    client.force_login(world.coordinator)
    url = reverse("gaps:settings", args=[world.network.pk])
    access = Phase.objects.get(chain__is_default=True, code="zugang")
    response = client.post(url, {"thresholds": "1", "standard": "2", f"phase_{access.pk}": "3"})
    assert response.status_code == 302
    assert CoverageThreshold.for_network(world.network) == {None: 2, access.pk: 3}
    response = client.post(url, {"thresholds": "1", "standard": "0"})
    assert response.status_code == 200 and "standard" in response.context["thresholds"].errors
    assert CoverageThreshold.for_network(world.network) == {None: 2, access.pk: 3}


def test_a_coordinator_enters_demand_for_the_networks_districts_only(client, world):
    world.network.regions.set([Region.objects.get(ags="14628")])
    client.force_login(world.coordinator)
    url = reverse("gaps:settings", args=[world.network.pk])
    phase = Phase.objects.get(chain__is_default=True, code="qualifizierung")
    pirna, leipzig = Region.objects.get(ags="14628"), Region.objects.get(ags="14713")
    base = {"demand": "1", "bedarf-TOTAL_FORMS": "2", "bedarf-INITIAL_FORMS": "0", "bedarf-MIN_NUM_FORMS": "0",
            "bedarf-MAX_NUM_FORMS": "200", "bedarf-0-district": pirna.pk, "bedarf-0-phase": phase.pk,
            "bedarf-0-places_needed": "30"}
    refused = client.post(url, {**base, "bedarf-1-district": leipzig.pk, "bedarf-1-phase": phase.pk,
                                "bedarf-1-places_needed": "5"})
    assert refused.status_code == 200 and not DemandFigure.objects.exists()  # Leipzig is not the network's
    assert client.post(url, base).status_code == 302
    assert DemandFigure.objects.get().places_needed == 30


def test_only_the_networks_coordinator_opens_its_settings(client, world):
    client.force_login(world.owner)
    assert client.get(reverse("gaps:settings", args=[world.network.pk])).status_code == 403
    client.force_login(world.coordinator)
    assert client.get(reverse("gaps:settings_index")).status_code == 302
