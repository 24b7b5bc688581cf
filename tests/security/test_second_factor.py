"""Finding 1 (critical) and 2 (high) of the security review: the second factor cannot be skipped, and the
admin (with every account and device) opens only after it and never shows a device's key."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def code(device):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def test_a_password_alone_cannot_set_up_a_second_device_and_open_case_files(client, world):
    TOTPDevice.objects.create(user=world.counsellor, name="App", confirmed=True)
    client.force_login(world.counsellor)  # the password, not the factor
    setup = client.get(reverse("accounts:twofactor_setup"), {"next": "/faelle/1/"})
    assert setup.status_code == 302 and setup.url.startswith(reverse("accounts:twofactor_verify"))
    assert not TOTPDevice.objects.filter(user=world.counsellor, confirmed=False).exists()  # no new key was made
    assert client.post(reverse("accounts:twofactor_setup"), {"token": "123456"}).status_code == 302
    assert TOTPDevice.objects.filter(user=world.counsellor, confirmed=True).count() == 1


def test_a_session_that_passed_only_the_password_reaches_the_code_prompt_and_sign_out_only(client, world):
    TOTPDevice.objects.create(user=world.owner, name="App", confirmed=True)
    client.force_login(world.owner)
    for name in ("directory:manage", "directory:dashboard", "sites:list", "gaps:matrix", "accounts:password_change"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response.url.startswith(reverse("accounts:twofactor_verify")), name
    assert client.get(reverse("accounts:twofactor_verify")).status_code == 200
    assert client.get(reverse("directory:search")).status_code == 302  # even public pages: the factor comes first
    assert client.post(reverse("accounts:logout")).status_code == 302


def test_after_the_code_the_session_goes_on_and_may_add_a_device(client, world):
    device = TOTPDevice.objects.create(user=world.owner, name="App", confirmed=True)
    client.force_login(world.owner)
    verified = client.post(reverse("accounts:twofactor_verify") + "?next=/verwaltung/angebote/", {"token": code(device)})
    assert verified.status_code == 302 and verified.url == "/verwaltung/angebote/"
    assert client.get(reverse("directory:manage")).status_code == 200
    assert client.get(reverse("accounts:twofactor_setup")).status_code == 200  # a second app, with the first one


def test_an_account_without_an_authenticator_sets_up_its_first_one(client, world):
    client.force_login(world.counsellor)
    page = client.get(reverse("accounts:twofactor_setup"))
    assert page.status_code == 200 and "qr" in page.context


def test_the_admin_needs_the_second_factor_and_never_shows_a_key(client, world):
    device = TOTPDevice.objects.create(user=world.admin, name="App", confirmed=True)
    client.force_login(world.admin)
    assert client.get("/admin/").status_code == 302
    client.post(reverse("accounts:twofactor_verify"), {"token": code(device)})
    assert client.get("/admin/").status_code == 200
    listing = client.get("/admin/otp_totp/totpdevice/").content.decode()
    change = client.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/").content.decode()
    assert device.key not in listing and device.key not in change
    assert "qrcode" not in listing.lower()


def test_next_never_leads_to_another_host(client, world):
    client.force_login(world.owner)
    response = client.post(reverse("directory:verify", args=[world.offer_a.pk]), {"next": "https://evil.example/"})
    assert response.status_code == 302 and response.url == reverse("directory:manage")
    response = client.post(reverse("directory:verify", args=[world.offer_a.pk]), {"next": "//evil.example/x"})
    assert response.url == reverse("directory:manage")
    assert client.post(reverse("directory:verify", args=[world.offer_a.pk]),
                       {"next": "/verwaltung/angebote/?seite=2"}).url == "/verwaltung/angebote/?seite=2"


def test_a_wrong_code_followed_by_the_right_one_signs_in(client, world):
    """Found by users: after one mistyped code the right one was refused too (the authenticator's throttle
    counted the mistake against the next attempt)."""
    device = TOTPDevice.objects.create(user=world.owner, name="App", confirmed=True)
    client.force_login(world.owner)
    wrong = client.post(reverse("accounts:twofactor_verify"), {"token": "000000" if code(device) != "000000" else "111111"})
    assert wrong.status_code == 200 and "Der Code stimmt nicht" in wrong.content.decode()
    right = client.post(reverse("accounts:twofactor_verify") + "?next=/verwaltung/angebote/", {"token": code(device)})
    assert right.status_code == 302 and right.url == "/verwaltung/angebote/"


def test_five_wrong_codes_in_a_row_lock_the_code_prompt_for_a_while(client, world):
    device = TOTPDevice.objects.create(user=world.owner, name="App", confirmed=True)
    client.force_login(world.owner)
    wrong = "000000" if code(device) != "000000" else "111111"
    for _ in range(5):
        client.post(reverse("accounts:twofactor_verify"), {"token": wrong})
    locked = client.post(reverse("accounts:twofactor_verify"), {"token": code(device)})
    assert locked.status_code == 200 and "Zu viele falsche Codes" in locked.content.decode()
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=timezone.now() - timedelta(minutes=16))
    assert client.post(reverse("accounts:twofactor_verify"), {"token": code(device)}).status_code == 302
