"""Signing a test user in with both factors, as the pages with personal data require."""

from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def code(device):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def verified(client, user):
    device = TOTPDevice.objects.create(user=user, name="App", confirmed=True)
    client.force_login(user)
    client.post(reverse("accounts:twofactor_verify"), {"token": code(device)})
