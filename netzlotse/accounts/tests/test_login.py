from django.urls import reverse

from netzlotse.accounts.tests.helpers import PASSWORD


def test_it_signs_in_with_username_and_password(client, world):
    response = client.post(reverse("accounts:login"), {"username": "owner", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("directory:dashboard")


def test_it_shows_an_error_for_a_wrong_password(client, world):
    response = client.post(reverse("accounts:login"), {"username": "owner", "password": "falsch"})
    assert response.status_code == 200
    assert "Bitte" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_locks_the_account_after_five_failed_logins(client, world):
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": "owner", "password": "falsch"})
    response = client.post(reverse("accounts:login"), {"username": "owner", "password": PASSWORD})
    assert response.status_code == 429
    assert "vorübergehend gesperrt" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_signs_out_only_by_post(client, world):
    client.force_login(world.owner)
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert "_auth_user_id" not in client.session


def test_it_changes_the_password(client, world):
    client.force_login(world.owner)
    response = client.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password1": "ein-neues-langes-Passwort-2026",
        "new_password2": "ein-neues-langes-Passwort-2026"})
    assert response.status_code == 302
    world.owner.refresh_from_db()
    assert world.owner.check_password("ein-neues-langes-Passwort-2026")


def test_it_rejects_a_short_new_password_next_to_the_field(client, world):
    client.force_login(world.owner)
    response = client.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password1": "kurz", "new_password2": "kurz"})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
