"""Finding 12 of the security review: a NUL character or a value of the wrong kind in any parameter is a 400
with a message, never a server error (PostgreSQL cannot compare text with NUL in it)."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from netzlotse.cases.tests.test_pages import open_case, verified


def _plain_get_urls(patterns=None, prefix=""):
    """Every URL of the conf that takes no argument (its path as a string)."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _plain_get_urls(entry.url_patterns, prefix + route)
        elif isinstance(entry, URLPattern) and "<" not in route and "(" not in route and "^" not in route:
            yield "/" + (prefix + route).lstrip("/")


URLS = sorted({url for url in _plain_get_urls() if not url.startswith(("/admin/", "/i18n/"))})


@pytest.mark.parametrize("url", URLS)
def test_no_page_fails_on_a_nul_character(client, world, url):
    client.force_login(world.admin)
    response = client.get(url, {"search": "\x00", "q": "a\x00b", "netzwerk": "\x00"})
    assert response.status_code == (422 if url.startswith("/api/v1/") else 400), url
    detail = response.json()["detail"] if url.startswith("/api/") else None
    message = (detail[0]["msg"] if isinstance(detail, list) else detail) if detail else response.content.decode()
    assert "ungültige Zeichen" in message


def test_hsds_and_the_api_answer_in_json(client, world):
    assert client.get("/api/hsds/services", {"search": "\x00"}).status_code == 400
    assert client.get("/api/v1/offers", {"q": "\x00"}).status_code == 422  # as the OpenAPI document says


def test_ids_that_are_no_numbers_are_400_with_a_message(client, world):
    case = open_case(world.provider_a)
    verified(client, world.counsellor)
    for name, field in (("cases:refer", "offer"), ("cases:chain_apply", "chain")):
        response = client.post(reverse(name, args=[case.pk]), {field: "abc"})
        assert response.status_code == 400 and f"„{field}“ muss eine positive ganze Zahl sein" in \
            response.content.decode(), name
