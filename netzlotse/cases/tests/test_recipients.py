"""A consent names the organisations the case's organisation works with, and any other one searched for: a joint
project's coordinator (StaTA's centre coordinates its network without being a member) finds its partners."""

from django.urls import reverse

from netzlotse.network.models import Cooperation, Network, Organization, Project

from .test_pages import open_case, verified


def test_the_recipients_are_those_the_organisation_works_with(world):
    centre = Organization.objects.create(name="Beratungszentrum", kind=Organization.Kind.PROVIDER)
    network = Network.objects.create(name="Verbund", coordinator=centre)
    member = Organization.objects.create(name="Träger im Verbund", kind=Organization.Kind.PROVIDER)
    network.memberships.create(organization=member, role="subproject_partner")
    partner = Organization.objects.create(name="Projektpartner", kind=Organization.Kind.PROVIDER)
    Project.objects.create(name="Projekt", lead=centre).partners.add(partner)
    cooperating = Organization.objects.create(name="Suchtberatung", kind=Organization.Kind.PROVIDER)
    Cooperation.objects.create(kind=Cooperation.Kind.choices[0][0], source=cooperating, target=centre)
    assert set(Organization.objects.working_with(centre.pk)) == {member, partner, cooperating}
    assert centre in Organization.objects.working_with(member.pk)


def test_the_consent_form_offers_partners_and_searched_organisations(client, world):
    case = open_case(world.provider_a)
    verified(client, world.counsellor)
    url = reverse("cases:consent", args=[case.pk])
    page = client.get(url).content.decode()
    assert "Träger B" in page and "Träger C" not in page  # B works in A's network, C does not
    assert "Träger C" in client.get(url, {"suche": "Träger C"}).content.decode()
    assert client.get(url, {"suche": "x\x00"}).status_code == 400
    # The form posts back to the page it came from, the search included, so a searched organisation is kept.
    answer = client.post(f"{url}?suche=Träger+C", {"for_referral": "on", "recipients": [world.provider_c.pk],
                                                  "data_categories": ["identity"], "text_version": "1",
                                                  "granted_on": "2026-12-01", "valid_until": "2027-06-01"})
    assert answer.status_code == 302
    assert list(case.participant.consents.get().recipients.all()) == [world.provider_c]
