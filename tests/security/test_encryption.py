"""Finding 11 of the security review: special categories are encrypted at rest (a need's notes and its kind;
the case events no longer name a special kind), with keys that can be rotated."""

from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection

from netzlotse.cases.models import Case, Need, Participant
from netzlotse.cases.services import case_open, need_record


def _raw(pk):
    with connection.cursor() as cursor:
        cursor.execute("SELECT kind, notes FROM cases_need WHERE id = %s", [pk])
        return cursor.fetchone()


def test_keys_rotate_without_losing_data(world, settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEY = old
    person = Participant.objects.create(organization=world.provider_a, first_name="A", last_name="B",
                                        birth_date="1980-01-01")
    case = case_open(case=Case(participant=person, organization=world.provider_a), by=None)
    need = need_record(case=case, by=None, need=Need(kind=Need.Kind.DEBTS, notes="Inkasso"))
    before = _raw(need.pk)
    settings.FIELD_ENCRYPTION_KEY = f"{new},{old}"  # the new key first: it encrypts, both decrypt
    assert Need.objects.get(pk=need.pk).notes == "Inkasso"
    call_command("rotate_field_keys")
    assert _raw(need.pk) != before
    settings.FIELD_ENCRYPTION_KEY = new  # the old key is gone
    stored = Need.objects.get(pk=need.pk)
    assert (stored.kind, stored.notes, stored.special) == ("debts", "Inkasso", True)
    settings.FIELD_ENCRYPTION_KEY = old
    try:
        Need.objects.get(pk=need.pk)
    except ImproperlyConfigured:
        pass  # a key that does not match never shows ciphertext as data
    else:
        raise AssertionError("read with a wrong key")


def test_esf_answers_on_disability_and_minority_are_encrypted_and_still_counted(world):
    from datetime import date

    from netzlotse.cases.models import Answer, EsfRecord
    from netzlotse.cases.services import esf_record_save
    from netzlotse.monitoring.esf import esf_report
    from netzlotse.monitoring.report import Scope
    from netzlotse.network.models import Programme, Project

    project = Project.objects.create(name="ESF-Projekt", lead=world.provider_a,
                                     programme=Programme.objects.create(name="ESF+", short_name="ESF"))
    for i, answer in enumerate([Answer.YES, Answer.YES, Answer.NO, Answer.DECLINED]):
        person = Participant.objects.create(organization=world.provider_a, first_name="P", last_name=str(i),
                                            birth_date="1980-01-01", gender="f" if i % 2 else "m")
        case = case_open(case=Case(participant=person, organization=world.provider_a, project=project,
                                   opened_on=date(2026, 2, 2)), by=None)
        esf_record_save(case=case, record=EsfRecord(employment=EsfRecord.Employment.UNEMPLOYED, disability=answer,
                                                    minority=answer), by=None)
    with connection.cursor() as cursor:
        cursor.execute("SELECT disability, minority FROM cases_esfrecord")
        stored = cursor.fetchall()
    assert all(value.startswith("fernet:") for row in stored for value in row)
    report = esf_report(scope=Scope(project=project), start=date(2026, 1, 1), end=date(2026, 12, 31))
    rows = {row.indicator.code: row.cells for row in report.entry}
    assert rows["EECO12"]["all"] == 2 and rows["EECO12"]["f"] == 1 and rows["EECO12"]["m"] == 1
    assert rows["EECO15"]["all"] == 2
