"""Finding 15 of the security review: personal data is never cached, and a staff session ends after a
configured idle time and a maximum age."""

import time

from django.urls import reverse

from netzlotse.cases.tests.test_pages import open_case, verified


def test_case_pages_and_the_data_export_are_never_cached(client, world):
    case = open_case(world.provider_a)
    verified(client, world.counsellor)
    for url in (reverse("cases:case", args=[case.pk]), reverse("cases:rights", args=[case.pk])):
        response = client.get(url)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"], url


def _age(client, **seconds_ago):
    session = client.session
    for key, ago in seconds_ago.items():
        session[key] = time.time() - ago
    session.save()


def test_an_idle_session_ends(client, world, settings):
    settings.SESSION_IDLE_MINUTES = 30
    client.force_login(world.owner)
    assert client.get(reverse("directory:manage")).status_code == 200
    _age(client, seen_at=29 * 60)
    assert client.get(reverse("directory:manage")).status_code == 200  # still within the idle time
    _age(client, seen_at=31 * 60)
    response = client.get(reverse("directory:manage"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session


def test_a_session_ends_after_its_maximum_age_however_busy(client, world, settings):
    settings.SESSION_MAX_HOURS = 12
    client.force_login(world.owner)
    client.get(reverse("directory:manage"))
    _age(client, started_at=13 * 3600, seen_at=10)
    response = client.get(reverse("directory:manage"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
