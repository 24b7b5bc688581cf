"""Participants' rights and retention: export, erasure and anonymisation keep the statistics intact."""

import json
from datetime import date, timedelta

from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from netzlotse.cases.models import AccessLog, Case, CaseEvent, Contact, Need, Participant, RetentionRule
from netzlotse.cases.privacy import participant_erase, participant_export
from netzlotse.cases.services import case_close, case_open, contact_record, need_record, participant_register
from netzlotse.network.models import Project

TODAY = timezone.localdate()


def person_with_case(world, *, closed_days_ago=None, project=None, last="Novak"):
    participant = participant_register(participant=Participant(
        organization=world.provider_a, first_name="Lena", last_name=last, birth_date=date(1985, 9, 14),
        postcode="01067", phone="0351 1234567", gender="f"), by=None)
    case = case_open(case=Case(participant=participant, organization=world.provider_a, project=project,
                               opened_on=TODAY - timedelta(days=2000)), by=None)
    contact_record(case=case, by=None, contact=Contact(kind=Contact.Kind.PROFILING, notes="Ziel: Pflegehelferin"))
    need_record(case=case, by=None, need=Need(kind=Need.Kind.DEBTS, notes="Schulden 4.000 €"))
    if closed_days_ago is not None:
        case_close(case=case, outcome=Case.Outcome.JOB, early=False, by=None,
                   day=TODAY - timedelta(days=closed_days_ago))
    return participant


def test_the_export_holds_everything_about_the_person(world):
    participant = person_with_case(world)
    AccessLog.objects.create(user=world.counsellor, participant=participant, action=AccessLog.Action.VIEW)
    data = participant_export(participant)
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    assert data["last_name"] == "Novak" and data["phone"] == "0351 1234567"
    assert "Schulden 4.000 €" in text and "Ziel: Pflegehelferin" in text
    assert [e["type"] for e in data["cases"][0]["events"]] == ["admission", "profiling", "need_recorded"]
    assert data["access_log"][0]["action"] == "view"


def test_erasure_removes_identity_and_text_but_keeps_the_counts(world):
    participant = person_with_case(world)
    events_before = CaseEvent.objects.count()
    participant_erase(participant, by=world.counsellor)
    participant.refresh_from_db()
    assert (participant.first_name, participant.phone, participant.postcode) == ("–", "", "")
    assert participant.birth_date == date(1985, 7, 1) and participant.gender == "f"  # age band and gender stay
    assert Need.objects.get().notes == "" and Contact.objects.get().notes == ""
    assert CaseEvent.objects.count() == events_before  # the monitoring's numbers do not change
    assert AccessLog.objects.get(participant=participant).purpose.startswith("Löschung")


def test_retention_anonymises_only_what_is_due(world, settings, capsys):
    settings.CASE_RETENTION_MONTHS = 36
    short = Project.objects.create(name="Kurzes Projekt", lead=world.provider_a)
    RetentionRule.objects.create(project=short, months=6)
    due = person_with_case(world, closed_days_ago=200, project=short, last="Fällig")
    person_with_case(world, closed_days_ago=200, last="Noch nicht")  # default: 36 months
    person_with_case(world, last="Offen")  # case still open
    call_command("apply_retention", "--dry-run")
    assert due.code in capsys.readouterr().out and Participant.objects.filter(last_name="Fällig").exists()
    call_command("apply_retention")
    assert "1 Teilnehmende anonymisiert" in capsys.readouterr().out
    assert set(Participant.objects.values_list("last_name", flat=True)) == {"–", "Noch nicht", "Offen"}
