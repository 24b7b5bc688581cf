"""Change history: every changed field with old and new value, free text only marked as changed."""

from django.urls import reverse

from netzlotse.cases.models import CaseChange, CaseEvent, Need
from netzlotse.cases.privacy import participant_erase, participant_export
from netzlotse.cases.services import need_record
from netzlotse.directory.models import Language, Phase
from netzlotse.network.models import Region

from .test_pages import open_case, verified

PERSON = {"first_name": "Amira", "last_name": "Haddad-Nasser", "birth_date": "1990-04-02", "gender": "f",
          "postcode": "01067", "german_level": "B1", "education": "", "phone": "0351 123", "email": ""}


def test_correcting_a_persons_data_keeps_each_old_value(client, world):
    case = open_case(world.provider_a)
    verified(client, world.counsellor)
    arabic = Language.objects.get(code="ar")
    response = client.post(reverse("cases:person", args=[case.pk]), {
        **PERSON, "district": Region.objects.get(ags="14612").pk, "languages": [arabic.pk]})
    assert response.status_code == 302
    change = CaseChange.objects.get(record=CaseChange.Record.PERSON)
    assert change.changes["last_name"] == ["Haddad", "Haddad-Nasser"]
    assert change.changes["german_level"] == ["", "B1"]
    assert change.changes["languages"] == ["", "Arabisch"]
    assert change.by == world.counsellor
    case.participant.refresh_from_db()
    assert case.participant.name_key == "amira hadad naser"  # the duplicate check sees the new name
    assert case.events.filter(type=CaseEvent.Type.PERSON_CHANGED).exists()
    page = client.get(reverse("cases:case", args=[case.pk])).content.decode()
    assert "Änderungsverlauf" in page and "„Haddad“ → „Haddad-Nasser“" in page


def test_plan_and_need_changes_name_the_field_but_never_copy_free_text(client, world):
    case = open_case(world.provider_a)
    need = need_record(case=case, by=None, need=Need(kind=Need.Kind.HEALTH, notes="Rückenleiden"))
    verified(client, world.counsellor)
    client.post(reverse("cases:need_edit", args=[case.pk, need.pk]),
                {"kind": "health", "status": "resolved", "notes": "Reha abgeschlossen"})
    phase = Phase.objects.get(chain__is_default=True, code="orientierung")
    client.post(reverse("cases:plan", args=[case.pk]), {"phase": phase.pk, "goals": "Pflegeausbildung"})
    need_change = CaseChange.objects.get(record=CaseChange.Record.NEED)
    assert need_change.changes == {"status": ["offen", "gelöst"], "notes": [None, None]}
    plan_change = CaseChange.objects.get(record=CaseChange.Record.PLAN)
    assert plan_change.changes == {"phase": ["", str(phase)], "goals": [None, None]}
    stored = str(list(CaseChange.objects.values_list("changes", flat=True)))
    assert "Reha" not in stored and "Rückenleiden" not in stored and "Pflegeausbildung" not in stored
    assert [label for label, _old, _new in need_change.entries()] == ["Stand", "Notizen"]


def test_a_need_of_another_case_cannot_be_changed(client, world):
    case, other = open_case(world.provider_a), open_case(world.provider_a, last="Zweite")
    need = need_record(case=other, by=None, need=Need(kind=Need.Kind.HOUSING))
    verified(client, world.counsellor)
    assert client.get(reverse("cases:need_edit", args=[case.pk, need.pk])).status_code == 404


def test_the_history_is_exported_and_goes_with_erasure(world):
    from netzlotse.cases.services import participant_update

    case = open_case(world.provider_a)
    person = case.participant
    person.last_name = "Haddad-Nasser"
    participant_update(participant=person, by=world.counsellor, case=case)
    assert participant_export(person)["change_history"][0]["changes"]["last_name"] == ["Haddad", "Haddad-Nasser"]
    participant_erase(person, by=world.counsellor)
    assert not CaseChange.objects.exists()
