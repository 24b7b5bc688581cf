"""The case file's foundations: duplicate check, encryption at rest, append-only events."""

from datetime import date

import pytest
from django.db import connection

from netzlotse.cases.models import AccessLog, Case, CaseEvent, Contact, Need, Participant, ResidenceRecord
from netzlotse.cases.models.participants import name_key
from netzlotse.cases.services import (
    DuplicateParticipant,
    case_open,
    contact_record,
    find_duplicates,
    need_record,
    participant_register,
)
from netzlotse.directory.models import ResidenceStatus


def register(org, first="Amira", last="Haddad", born=date(1990, 4, 2), postcode="39576", **kwargs):
    return participant_register(participant=Participant(organization=org, first_name=first, last_name=last,
                                                        birth_date=born, postcode=postcode), by=None, **kwargs)


@pytest.mark.parametrize(("first", "last"), [("amira", "HADDAD"), ("Amirah", "Hadad"), ("Haddad", "Amira")])
def test_the_same_person_spelt_differently_is_found(world, first, last):
    register(world.provider_a)
    with pytest.raises(DuplicateParticipant):
        register(world.provider_a, first, last)


def test_other_people_and_other_organisations_are_not_duplicates(world):
    register(world.provider_a)
    register(world.provider_a, "Amira", "Haddad", born=date(1991, 4, 2))  # another birth date
    register(world.provider_a, "Samira", "Hamdan")  # another name
    register(world.provider_b)  # another organisation: it must not learn that A knows her
    assert Participant.objects.count() == 4
    assert not find_duplicates(organization=world.provider_c, first_name="Amira", last_name="Haddad",
                               birth_date=date(1990, 4, 2))


def test_name_key_ignores_accents_umlauts_and_doubled_letters():
    assert name_key("Jürgen", "Müller") == name_key("Juergen", "Mueller") == name_key("jurgen", "muller")
    assert name_key("Ahmad", "Al-Sayed") == name_key("Al Sayed", "Ahmad")


def test_notes_on_needs_are_encrypted_at_rest(world):
    case = case_open(case=Case(participant=register(world.provider_a), organization=world.provider_a), by=None)
    need = need_record(case=case, by=None, need=Need(kind=Need.Kind.ADDICTION, notes="Alkohol, Therapie seit März"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT notes FROM cases_need WHERE id = %s", [need.pk])
        stored = cursor.fetchone()[0]
    assert stored.startswith("fernet:") and "Alkohol" not in stored
    assert Need.objects.get(pk=need.pk).notes == "Alkohol, Therapie seit März"
    # Finding 11 of the security review: the kind is a special category too — encrypted, and not in the event.
    with connection.cursor() as cursor:
        cursor.execute("SELECT kind, special FROM cases_need WHERE id = %s", [need.pk])
        kind, special = cursor.fetchone()
    assert kind.startswith("fernet:") and "addiction" not in kind and special
    assert Need.objects.get(pk=need.pk).get_kind_display() == "Sucht"
    assert CaseEvent.objects.get(type=CaseEvent.Type.NEED_RECORDED).data == {"special": True, "status": "open"}
    housing = need_record(case=case, by=None, need=Need(kind=Need.Kind.HOUSING))
    assert CaseEvent.objects.filter(type=CaseEvent.Type.NEED_RECORDED).last().data == {
        "kind": "housing", "special": False, "status": "open"}  # no special category: its kind may be counted
    assert not Need.objects.get(pk=housing.pk).special


def test_every_step_appends_an_event_and_events_are_append_only(world):
    participant = register(world.provider_a, residence=ResidenceRecord(
        status=ResidenceStatus.objects.first(), labour_market_access=ResidenceRecord.Access.SUBORDINATE))
    case = case_open(case=Case(participant=participant, organization=world.provider_a, opened_on=date(2026, 3, 2)),
                     counsellors=[world.counsellor], by=world.counsellor)
    contact_record(case=case, by=world.counsellor, contact=Contact(kind=Contact.Kind.PROFILING, date=date(2026, 3, 9)))
    contact_record(case=case, by=world.counsellor, contact=Contact(kind=Contact.Kind.HOME_VISIT))
    assert list(case.events.values_list("type", "date")[:2]) == [("admission", date(2026, 3, 2)),
                                                                 ("profiling", date(2026, 3, 9))]
    assert case.events.last().type == "contact"
    event = case.events.first()
    with pytest.raises(ValueError):
        event.save()
    log = AccessLog.objects.create(user=world.counsellor, participant=participant, action=AccessLog.Action.VIEW)
    with pytest.raises(ValueError):
        log.save()
    assert str(participant) == participant.code and participant.code.startswith("TN-")


def test_closing_records_the_outcome_and_reopening_is_logged(world):
    from netzlotse.cases.services import case_close, case_reopen

    case = case_open(case=Case(participant=register(world.provider_a), organization=world.provider_a,
                               opened_on=date(2026, 1, 5)), by=None)
    with pytest.raises(ValueError):
        case_close(case=case, outcome=Case.Outcome.JOB, early=False, by=None, day=date(2025, 12, 31))
    case_close(case=case, outcome=Case.Outcome.JOB, early=True, by=world.counsellor, day=date(2026, 6, 30))
    with pytest.raises(ValueError):
        case_close(case=case, outcome=Case.Outcome.OTHER, early=False, by=None)
    exit_event = case.events.get(type=CaseEvent.Type.EXIT)
    assert (exit_event.date, exit_event.reason, exit_event.data) == (date(2026, 6, 30), "sv_beschaeftigung",
                                                                     {"early": True})
    case_reopen(case=case, by=world.counsellor, reason="Job in der Probezeit verloren")
    assert case.is_open and case.outcome == ""
    assert [e.type for e in case.events.all()] == ["admission", "exit", "reopened"]
