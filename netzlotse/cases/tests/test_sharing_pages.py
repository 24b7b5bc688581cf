"""Consent, referral and 'no suitable offer' through the pages."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from netzlotse.cases.models import Consent, Referral
from netzlotse.network.models import Region

from .test_pages import open_case, verified

TODAY = timezone.localdate()


def test_consent_then_referral_then_the_recipient_accepts(client, world):
    case = open_case(world.provider_a)
    case.participant.district = Region.objects.get(ags="14713")
    case.participant.save()
    verified(client, world.counsellor)
    refused = client.post(reverse("cases:refer", args=[case.pk]), {"offer": world.offer_b.pk}, follow=True)
    assert "keine gültige Einwilligung" in refused.content.decode() and not Referral.objects.exists()
    no_purpose = client.post(reverse("cases:consent", args=[case.pk]), {
        "recipients": [world.provider_b.pk], "data_categories": ["identity"], "text_version": "1",
        "granted_on": TODAY.isoformat(), "valid_until": (TODAY + timedelta(days=90)).isoformat()})
    assert no_purpose.status_code == 200 and not Consent.objects.exists()
    client.post(reverse("cases:consent", args=[case.pk]), {
        "for_referral": "on", "recipients": [world.provider_b.pk], "data_categories": ["identity"],
        "text_version": "1", "granted_on": TODAY.isoformat(), "valid_until": (TODAY + timedelta(days=90)).isoformat()})
    page = client.get(reverse("cases:refer", args=[case.pk]))
    assert world.offer_b in [m.offer for m in page.context["matching"].matches]
    client.post(reverse("cases:refer", args=[case.pk]), {"offer": world.offer_b.pk})
    referral = Referral.objects.get()
    client.logout()
    verified(client, world.partner)
    html = client.get(reverse("cases:case", args=[case.pk])).content.decode()
    assert "angenommen" in html  # the receiving side sees the next steps
    client.post(reverse("cases:referral_status", args=[case.pk, referral.pk]), {"status": "accepted"})
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ACCEPTED
    assert client.post(reverse("cases:referral_status", args=[case.pk, referral.pk]),
                       {"status": "withdrawn"}).status_code == 403  # only the sender withdraws


def test_withdrawing_consent_on_the_page_ends_sharing(client, world):
    case = open_case(world.provider_a)
    consent = Consent.objects.create(participant=case.participant, for_referral=True, text_version="1",
                                     valid_until=TODAY + timedelta(days=30))
    verified(client, world.counsellor)
    client.post(reverse("cases:consent_revoke", args=[case.pk, consent.pk]))
    consent.refresh_from_db()
    assert consent.withdrawn_on == TODAY
