"""Finding 16 of the security review: besides the pair of name and address, an account attacked from many
addresses and an address trying many names are locked out, without saying whether an account exists."""

from django.urls import reverse

from netzlotse.accounts.tests.helpers import PASSWORD


def _main(response) -> str:
    html = response.content.decode()
    return html[html.index("<main"):html.index("</main>")]


def _fail(client, username, address):
    return client.post(reverse("accounts:login"), {"username": username, "password": "falsch"}, REMOTE_ADDR=address)


def test_an_account_tried_from_many_addresses_is_locked(client, world, settings):
    settings.LOGIN_ACCOUNT_FAILURE_LIMIT = 8
    for i in range(8):  # four addresses, two failures each: no pair reaches five
        _fail(client, "owner", f"10.0.0.{i // 2}")
    response = client.post(reverse("accounts:login"), {"username": "owner", "password": PASSWORD},
                           REMOTE_ADDR="10.0.0.99")
    assert response.status_code == 429 and "_auth_user_id" not in client.session
    assert client.post(reverse("accounts:login"), {"username": "partner", "password": PASSWORD},
                       REMOTE_ADDR="10.0.0.99").status_code == 302  # others still sign in from there


def test_an_address_trying_many_names_is_locked_whether_they_exist_or_not(client, world, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 6
    for i in range(6):
        _fail(client, f"gibt-es-nicht-{i}", "10.0.1.1")
    known = client.post(reverse("accounts:login"), {"username": "owner", "password": PASSWORD}, REMOTE_ADDR="10.0.1.1")
    unknown = _fail(client, "gibt-es-auch-nicht", "10.0.1.1")
    assert known.status_code == unknown.status_code == 429
    assert _main(known) == _main(unknown)  # the same page: nothing tells whether the account exists
    assert client.post(reverse("accounts:login"), {"username": "owner", "password": PASSWORD},
                       REMOTE_ADDR="10.0.1.2").status_code == 302
