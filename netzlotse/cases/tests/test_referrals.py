"""Referrals and consent: another organisation sees a case only while a consent covers it."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from netzlotse.cases.models import Case, CaseEvent, Consent, Participant, Purpose, Referral
from netzlotse.cases.services import (
    ConsentMissing,
    case_open,
    consent_record,
    consent_withdraw,
    participant_register,
    referral_propose,
    referral_update,
)

TODAY = timezone.localdate()


@pytest.fixture
def case(world):
    participant = participant_register(participant=Participant(
        organization=world.provider_a, first_name="Yusuf", last_name="Demir", birth_date=date(1988, 1, 5)), by=None)
    return case_open(case=Case(participant=participant, organization=world.provider_a), counsellors=[world.counsellor],
                     by=world.counsellor)


def consent(case, *recipients, purpose=Purpose.REFERRAL, until=None):
    return consent_record(consent=Consent(participant=case.participant, text_version="2026-01", **{f"for_{purpose}": True},
                                          valid_until=until or TODAY + timedelta(days=365)),
                          recipients=recipients, by=None)


def test_referring_to_another_organisation_needs_a_covering_consent(world, case):
    with pytest.raises(ConsentMissing):
        referral_propose(case=case, offer=world.offer_b, by=world.counsellor)
    consent(case, world.provider_b, purpose=Purpose.PLACEMENT)  # another purpose does not cover it
    with pytest.raises(ConsentMissing):
        referral_propose(case=case, offer=world.offer_b, by=world.counsellor)
    given = consent(case, world.provider_b)
    referral = referral_propose(case=case, offer=world.offer_b, by=world.counsellor)
    assert referral.recipient == world.provider_b and referral.consent == given
    assert referral_propose(case=case, offer=world.offer_a, by=world.counsellor).consent is None  # own organisation


def test_the_recipient_sees_the_case_until_consent_is_withdrawn(world, case):
    given = consent(case, world.provider_b)
    assert not Case.objects.visible_to(world.partner).exists()
    referral = referral_propose(case=case, offer=world.offer_b, by=world.counsellor)
    assert list(Case.objects.visible_to(world.partner)) == [case]
    assert not Case.objects.visible_to(world.outsider).exists()
    consent_withdraw(consent=given, by=world.counsellor)
    assert not Case.objects.visible_to(world.partner).exists()  # at once, not at the end of the day
    assert list(Case.objects.visible_to(world.counsellor)) == [case]  # the owning organisation keeps it
    assert referral.case.events.filter(type=CaseEvent.Type.CONSENT_WITHDRAWN).exists()


def test_a_referral_follows_its_lifecycle_and_ending_it_stops_sharing(world, case):
    consent(case, world.provider_b)
    referral = referral_propose(case=case, offer=world.offer_b, by=world.counsellor)
    with pytest.raises(ValueError):
        referral_update(referral=referral, status=Referral.Status.COMPLETED, by=world.partner)
    for status in (Referral.Status.ACCEPTED, Referral.Status.STARTED, Referral.Status.COMPLETED):
        referral_update(referral=referral, status=status, by=world.partner)
    assert not Case.objects.visible_to(world.partner).exists()
    assert [e.data["status"] for e in case.events.filter(type=CaseEvent.Type.REFERRAL)] == [
        "proposed", "accepted", "started", "completed"]


def test_funders_and_coordinators_see_no_cases(world, case):
    assert not Case.objects.visible_to(world.funder).exists()
    assert not Case.objects.visible_to(world.coordinator).exists()
