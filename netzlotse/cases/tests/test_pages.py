"""Case pages need a second factor; what a user finds is scoped and, when searched by name, logged."""

import json
from datetime import date

from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from netzlotse.accounts.tests.second_factor import code, verified
from netzlotse.cases.models import AccessLog, Case, Participant
from netzlotse.cases.services import case_open, participant_register


def open_case(org, last="Haddad"):
    person = participant_register(participant=Participant(organization=org, first_name="Amira", last_name=last,
                                                          birth_date=date(1990, 4, 2)), by=None)
    return case_open(case=Case(participant=person, organization=org), by=None)


def test_the_first_visit_sets_up_an_authenticator_then_the_page_opens(client, world, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # a wrong code delays the next try; not what this test is about
    client.force_login(world.counsellor)
    response = client.get(reverse("cases:caseload"))
    assert response.status_code == 302 and reverse("accounts:twofactor_setup") in response["Location"]
    page = client.get(response["Location"])
    assert "<svg" in page.content.decode() and page.context["secret"]
    device = TOTPDevice.objects.get(user=world.counsellor)
    wrong = client.post(response["Location"], {"token": "000000" if code(device) != "000000" else "111111"})
    assert wrong.status_code == 200 and wrong.context["form"].errors
    done = client.post(response["Location"], {"token": code(device), "next": reverse("cases:caseload")})
    assert done["Location"] == reverse("cases:caseload")
    assert client.get(reverse("cases:caseload")).status_code == 200


def test_later_sessions_confirm_with_a_code(client, world):
    device = TOTPDevice.objects.create(user=world.counsellor, name="App", confirmed=True)
    client.force_login(world.counsellor)
    response = client.get(reverse("cases:caseload"))
    assert reverse("accounts:twofactor_verify") in response["Location"]
    client.post(response["Location"], {"token": code(device), "next": reverse("cases:caseload")})
    assert client.get(reverse("cases:caseload")).status_code == 200


def test_the_caseload_shows_codes_of_own_cases_and_logs_name_searches(client, world):
    mine, other = open_case(world.provider_a), open_case(world.provider_c, last="Other")
    device = TOTPDevice.objects.create(user=world.counsellor, name="App", confirmed=True)
    client.force_login(world.counsellor)
    client.post(reverse("accounts:twofactor_verify"), {"token": code(device)})
    page = client.get(reverse("cases:caseload"))
    html = page.content.decode()
    assert mine.participant.code in html and other.participant.code not in html
    assert "Haddad" not in html  # lists show the pseudonymous code only
    assert not AccessLog.objects.exists()
    found = client.get(reverse("cases:caseload"), {"q": "haddad"})
    assert [c.pk for c in found.context["page"]] == [mine.pk]
    assert AccessLog.objects.get().action == AccessLog.Action.SEARCH


def test_the_caseload_search_tolerates_spelling_and_finds_a_code(client, world):
    mine = open_case(world.provider_a)
    muller = open_case(world.provider_a, last="Müller")
    verified(client, world.counsellor)
    for query, expected in [("Hadad", [mine]), ("amira HADDAD", [mine]), ("Mueller", [muller]),
                            (mine.participant.code, [mine]), ("Schmidt", [])]:
        found = client.get(reverse("cases:caseload"), {"q": query})
        assert [c.pk for c in found.context["page"]] == [c.pk for c in expected], query


def test_funders_never_reach_case_pages(client, world):
    client.force_login(world.funder)
    assert client.get(reverse("cases:caseload")).status_code == 403


def test_the_case_page_shows_what_the_role_needs_and_logs_the_view(client, world):
    from netzlotse.cases.models import Need
    from netzlotse.cases.services import need_record

    case = open_case(world.provider_a)
    need_record(case=case, by=None, need=Need(kind=Need.Kind.HEALTH, notes="Rückenleiden"))
    need_record(case=case, by=None, need=Need(kind=Need.Kind.HOUSING, notes="Wohnung gesucht"))
    verified(client, world.counsellor)
    html = client.get(reverse("cases:case", args=[case.pk])).content.decode()
    assert "Amira Haddad" in html and "Rückenleiden" in html and "Wohnung gesucht" in html
    assert AccessLog.objects.filter(user=world.counsellor, action=AccessLog.Action.VIEW).count() == 1
    client.logout()
    verified(client, world.owner)  # provider staff of the same organisation: no special categories
    html = client.get(reverse("cases:case", args=[case.pk])).content.decode()
    assert "Wohnung gesucht" in html and "Rückenleiden" not in html
    assert "counsellor" in html  # who saw the file


def test_a_referred_organisation_sees_only_the_consented_categories_and_others_get_404(client, world):
    from datetime import timedelta

    from django.utils import timezone

    from netzlotse.cases.models import Consent
    from netzlotse.cases.services import consent_record, referral_propose

    case = open_case(world.provider_a)
    consent_record(consent=Consent(participant=case.participant, for_referral=True, text_version="1",
                                   data_categories=["identity"], valid_until=timezone.localdate() + timedelta(days=90)),
                   recipients=[world.provider_b], by=None)
    referral_propose(case=case, offer=world.offer_b, by=None)
    verified(client, world.partner)
    html = client.get(reverse("cases:case", args=[case.pk])).content.decode()
    assert "Amira Haddad" in html and "Aufenthaltsstatus" not in html and "Kontakte" not in html
    client.logout()
    verified(client, world.outsider)
    assert client.get(reverse("cases:case", args=[case.pk])).status_code == 404


def test_the_due_list_shows_overdue_follow_ups_ending_permits_and_placements(client, world):
    from datetime import timedelta

    from django.utils import timezone

    from netzlotse.cases.models import Contact, PlacementSite, ResidenceRecord
    from netzlotse.cases.services import contact_record, placement_book
    from netzlotse.directory.models import ResidenceStatus
    from netzlotse.network.models import Project

    today = timezone.localdate()
    late, fine, permit = (open_case(world.provider_a, last=n) for n in ("Late", "Fine", "Permit"))
    for case in (late, fine, permit):
        case.counsellors.add(world.counsellor)
    contact_record(case=late, by=None, contact=Contact(kind=Contact.Kind.COUNSELLING, date=today - timedelta(days=30),
                                                       next_contact_on=today - timedelta(days=2)))
    contact_record(case=fine, by=None, contact=Contact(kind=Contact.Kind.COUNSELLING, date=today - timedelta(days=30),
                                                       next_contact_on=today - timedelta(days=2)))
    contact_record(case=fine, by=None, contact=Contact(kind=Contact.Kind.PHONE, next_contact_on=today + timedelta(days=7)))
    ResidenceRecord.objects.create(participant=permit.participant, status=ResidenceStatus.objects.first(),
                                   labour_market_access="subordinate", valid_until=today + timedelta(days=45))
    site = PlacementSite.objects.create(project=Project.objects.create(name="AGH", lead=world.provider_a),
                                        organization=world.provider_a, name="Sozialkaufhaus", slots=3)
    placement_book(case=fine, site=site, start=today, planned_end=today + timedelta(days=10), by=None)
    verified(client, world.counsellor)
    page = client.get(reverse("cases:due"))
    assert [c.pk for c in page.context["overdue"]] == [late.pk]
    assert [c.pk for c in page.context["permits"]] == [permit.pk]
    assert [p.case_id for p in page.context["placements"]] == [fine.pk]


ADMISSION = {"first_name": "Amira", "last_name": "Haddad", "birth_date": "1990-04-02", "gender": "f",
             "postcode": "39576", "opened_on": "2026-11-02", "german_level": "B1"}


def test_a_counsellor_admits_a_person_and_is_warned_about_a_duplicate(client, world):
    from netzlotse.directory.models import ResidenceStatus

    verified(client, world.counsellor)
    status = ResidenceStatus.objects.first()
    missing_access = client.post(reverse("cases:admit"), {**ADMISSION, "residence_status": status.pk})
    assert missing_access.status_code == 200 and "labour_market_access" in missing_access.context["form"].errors
    assert not Participant.objects.exists()  # nothing half-written
    created = client.post(reverse("cases:admit"), {**ADMISSION, "residence_status": status.pk,
                                                   "labour_market_access": "subordinate"})
    case = Case.objects.get()
    assert created["Location"] == reverse("cases:case", args=[case.pk])
    assert case.counsellors.get() == world.counsellor and case.participant.residence_records.get().status == status
    again = client.post(reverse("cases:admit"), {**ADMISSION, "first_name": "Amirah"})
    assert again.status_code == 200 and again.context["duplicates"] == [case.participant]
    assert Participant.objects.count() == 1
    client.post(reverse("cases:admit"), {**ADMISSION, "first_name": "Amirah", "other_person": "on"})
    assert Participant.objects.count() == 2


def test_contacts_and_needs_are_recorded_in_own_cases_only(client, world):
    mine, theirs = open_case(world.provider_a), open_case(world.provider_c, last="Other")
    verified(client, world.counsellor)
    response = client.post(reverse("cases:contact", args=[mine.pk]), {
        "kind": "profiling", "date": "2026-11-20", "duration_minutes": "60", "notes": "Stärken: Sprachen",
        "next_contact_on": "2026-12-04"})
    assert response.status_code == 302 and mine.contacts.get().next_contact_on == date(2026, 12, 4)
    assert mine.events.filter(type="profiling").exists()
    client.post(reverse("cases:need", args=[mine.pk]), {"kind": "housing", "status": "open", "notes": "sucht"})
    assert mine.needs.get().kind == "housing"
    assert client.get(reverse("cases:contact", args=[theirs.pk])).status_code == 404
    client.logout()
    verified(client, world.owner)  # provider staff read but do not write case files
    assert client.get(reverse("cases:contact", args=[mine.pk])).status_code == 403


def test_the_export_page_and_erasure_need_the_code_typed_in(client, world):
    case = open_case(world.provider_a)
    verified(client, world.counsellor)
    page = client.get(reverse("cases:rights", args=[case.pk]))
    assert "Haddad" in page.content.decode()
    download = client.get(reverse("cases:rights", args=[case.pk]), {"format": "json"})
    assert json.loads(download.getvalue())["last_name"] == "Haddad"
    assert download["Content-Disposition"].startswith("attachment")
    assert AccessLog.objects.filter(action=AccessLog.Action.EXPORT).count() == 2
    client.post(reverse("cases:rights", args=[case.pk]), {"confirm": "falsch"})
    case.participant.refresh_from_db()
    assert case.participant.last_name == "Haddad"
    client.post(reverse("cases:rights", args=[case.pk]), {"confirm": case.participant.code})
    case.participant.refresh_from_db()
    assert case.participant.last_name == "–" and case.events.exists()


def test_exit_reopening_and_a_new_residence_status_through_the_pages(client, world):
    from netzlotse.cases.models import CaseEvent, ResidenceRecord
    from netzlotse.directory.models import ResidenceStatus

    case = open_case(world.provider_a)
    verified(client, world.counsellor)
    status = ResidenceStatus.objects.first()
    client.post(reverse("cases:residence", args=[case.pk]), {
        "status": status.pk, "labour_market_access": "full", "valid_until": "2027-06-30", "recorded_on": "2026-11-20"})
    assert ResidenceRecord.objects.get(participant=case.participant).labour_market_access == "full"
    early = client.post(reverse("cases:close", args=[case.pk]), {"outcome": "ausbildung", "day": "2001-01-01"})
    assert early.status_code == 200 and early.context["form"].errors  # before the admission: refused
    client.post(reverse("cases:close", args=[case.pk]), {"outcome": "ausbildung", "day": case.opened_on.isoformat()})
    case.refresh_from_db()
    assert case.outcome == "ausbildung" and not case.is_open
    client.post(reverse("cases:close", args=[case.pk]))
    case.refresh_from_db()
    assert case.is_open
    assert list(case.events.values_list("type", flat=True).order_by("pk"))[-3:] == [
        CaseEvent.Type.RESIDENCE_CHANGED, CaseEvent.Type.EXIT, CaseEvent.Type.REOPENED]


def test_the_case_plan_is_edited_and_the_event_names_only_what_changed(client, world):
    from netzlotse.cases.models import CaseEvent
    from netzlotse.directory.models import Phase

    case = open_case(world.provider_a)
    verified(client, world.counsellor)
    phase = Phase.objects.get(chain__is_default=True, code="orientierung")
    client.post(reverse("cases:plan", args=[case.pk]), {"phase": phase.pk, "goals": "Ausbildung zur Pflegefachkraft"})
    case.refresh_from_db()
    assert case.phase == phase and case.goals == "Ausbildung zur Pflegefachkraft"
    event = case.events.get(type=CaseEvent.Type.PLAN_CHANGED)
    assert event.data == {"changed": ["goals", "phase"], "phase": phase.pk}
    assert "Ausbildung zur Pflegefachkraft" in client.get(reverse("cases:case", args=[case.pk])).content.decode()
    # A Jobcenter named wrongly at admission is corrected in the plan; the event names the part, not the value.
    from netzlotse.network.models import Organization

    jobcenter = Organization.objects.create(name="Jobcenter Stendal", kind=Organization.Kind.JOBCENTER)
    client.post(reverse("cases:plan", args=[case.pk]), {"phase": phase.pk, "jobcenter": jobcenter.pk,
                                                        "goals": "Ausbildung zur Pflegefachkraft"})
    case.refresh_from_db()
    assert case.jobcenter == jobcenter
    assert case.events.filter(type=CaseEvent.Type.PLAN_CHANGED).latest("pk").data["changed"] == ["jobcenter"]


def test_a_contact_is_recorded_in_place_on_the_case_page(client, world):
    from netzlotse.cases.models import Contact

    case = open_case(world.provider_a)
    verified(client, world.counsellor)
    assert "Kontakt hier erfassen" in client.get(reverse("cases:case", args=[case.pk])).content.decode()
    htmx = {"HX-Request": "true"}
    bad = client.post(reverse("cases:contact", args=[case.pk]), {"kind": "", "date": "2026-11-30"}, headers=htmx)
    assert bad.status_code == 200 and "<html" not in bad.content.decode() and "aria-invalid" in bad.content.decode()
    assert not Contact.objects.exists()
    good = client.post(reverse("cases:contact", args=[case.pk]),
                       {"kind": "home_visit", "date": "2026-11-30", "notes": "Wohnung besichtigt"}, headers=htmx)
    html = good.content.decode()
    assert "Gespeichert." in html and "Wohnung besichtigt" in html and "<html" not in html
    assert case.events.filter(type="contact").exists()


def test_the_caseload_filters_by_project_and_phase(client, world):
    from netzlotse.cases.models import Case
    from netzlotse.directory.models import Phase
    from netzlotse.network.models import Project

    project = Project.objects.create(name="StaTA-Projekt 07", lead=world.provider_a)
    phase = Phase.objects.get(chain__is_default=True, code="qualifizierung")
    in_project, elsewhere = open_case(world.provider_a), open_case(world.provider_a, last="Zweite")
    Case.objects.filter(pk=in_project.pk).update(project=project, phase=phase)
    verified(client, world.counsellor)
    by_project = client.get(reverse("cases:caseload"), {"projekt": project.pk})
    assert [c.pk for c in by_project.context["page"]] == [in_project.pk]
    other_phase = Phase.objects.get(chain__is_default=True, code="zugang")
    assert not list(client.get(reverse("cases:caseload"), {"phase": other_phase.pk}).context["page"])
    assert len(list(client.get(reverse("cases:caseload")).context["page"])) == 2
    assert elsewhere.pk in [c.pk for c in client.get(reverse("cases:caseload")).context["page"]]
