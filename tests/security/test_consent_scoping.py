"""Finding 3 of the security review: a receiving organisation sees of a case only what the consent covers,
section by section, filtered in the queries (`cases/access.case_parts`). Every section × consent category for
the receiving provider, and the owning organisation's roles for comparison."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from netzlotse.cases.models import Consent, DataCategory, Need, Participant, PlacementSite, ResidenceRecord
from netzlotse.cases.services import (
    admission,
    consent_record,
    need_record,
    placement_book,
    referral_propose,
)
from netzlotse.cases.tests.test_pages import verified
from netzlotse.directory.models import ResidenceStatus
from netzlotse.network.models import Project

TODAY = timezone.localdate()

# What each section shows of the case built below, and the consent category that covers it.
SECTIONS = {
    "identity": "Odanović", "contact": "0170 5551234", "residence": "Duldung", "education": "Deutschkenntnisse (GER)",
    "needs": "Wohnen", "special": "Gesundheit", "placements": "Gartenprojekt Nord", "referrals": "Träger C",
    "history": "Aufnahme",
}


@pytest.fixture
def shared_case(world):
    from netzlotse.cases.models import Case

    person = Participant(organization=world.provider_a, first_name="Amira", last_name="Odanović",
                         birth_date=date(1990, 4, 2), phone="0170 5551234", german_level="B1")
    status = ResidenceStatus.objects.filter(code="duldung").first() or ResidenceStatus.objects.first()
    case = admission(participant=person, case=Case(organization=world.provider_a, opened_on=TODAY - timedelta(days=9)),
                     residence=ResidenceRecord(status=status, labour_market_access="subordinate"), by=None)
    need_record(case=case, by=None, need=Need(kind=Need.Kind.HOUSING))
    need_record(case=case, by=None, need=Need(kind=Need.Kind.HEALTH))
    site = PlacementSite.objects.create(project=Project.objects.create(name="AGH", lead=world.provider_a),
                                        organization=world.provider_a, name="Gartenprojekt Nord", slots=2)
    placement_book(case=case, site=site, start=TODAY, by=None)
    consent_record(consent=Consent(participant=case.participant, text_version="2026-01", for_referral=True,
                                   data_categories=["identity"], valid_until=TODAY + timedelta(days=365)),
                   recipients=[world.provider_c], by=None)
    referral_propose(case=case, recipient=world.provider_c, by=None)
    return case, status


def _share_with_b(world, case, categories):
    consent_record(consent=Consent(participant=case.participant, text_version="2026-01", for_referral=True,
                                   data_categories=list(categories), valid_until=TODAY + timedelta(days=365)),
                   recipients=[world.provider_b], by=None)
    referral_propose(case=case, offer=world.offer_b, by=None)


def _page(client, user, case):
    verified(client, user)
    response = client.get(reverse("cases:case", args=[case.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index("<main"):html.index("</main>")]


@pytest.mark.parametrize("category", [c.value for c in DataCategory])
def test_a_recipient_sees_exactly_the_sections_its_consent_covers(client, world, shared_case, category):
    case, status = shared_case
    _share_with_b(world, case, [category])
    page = _page(client, world.partner, case)
    expected = dict(SECTIONS, residence=str(status))
    for section, text in expected.items():
        if section == "special":
            visible = category == "special"  # provider staff of the recipient: special categories only by consent
        else:
            visible = section == category
        assert (text in page) == visible, f"consent {category}: section {section} ({text!r})"
    assert "Wer hat diese Akte gesehen?" not in page and "Einwilligungen" not in page
    assert "Sprachkurs Leipzig" in page  # its own referral (to its offer), to act on, whatever the consent covers


def test_the_owning_organisation_sees_the_whole_case_special_categories_only_counsellors(client, world, shared_case):
    case, status = shared_case
    counsellor = _page(client, world.counsellor, case)
    assert all(text in counsellor for text in dict(SECTIONS, residence=str(status)).values())
    assert "Wer hat diese Akte gesehen?" in counsellor
    client.logout()
    provider = _page(client, world.owner, case)
    assert "Wohnen" in provider and "Gesundheit" not in provider


def test_withdrawing_the_consent_ends_what_the_recipient_sees(client, world, shared_case):
    case, _status = shared_case
    _share_with_b(world, case, ["identity", "placements"])
    assert "Gartenprojekt Nord" in _page(client, world.partner, case)
    Consent.objects.filter(recipients=world.provider_b).update(withdrawn_on=TODAY)
    assert client.get(reverse("cases:case", args=[case.pk])).status_code == 404
