"""Every URL × every role, as docs/access.md says: the table there is the expectation, this test requests each
row as anonymous and as every role, and a URL of the URL conf without a row fails.

Columns: anonymous, owner (provider staff of A), partner (provider B, same network), outsider (provider C, other
network), coordinator, counsellor, funder, admin. In the cells, "login" is a redirect to the sign-in page, "2fa"
one to the second factor's set-up, "302" any other redirect.
"""

import re
from pathlib import Path

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from netzlotse.directory.models import ProcessChain

DOC = Path(__file__).resolve().parent.parent / "docs" / "access.md"
ROLES = ["anonymous", "owner", "partner", "outsider", "coordinator", "counsellor", "funder", "admin"]
VERIFIED_ROLES = ["owner", "partner", "outsider", "counsellor"]
ROW = re.compile(r"^\| (get|post) \| ([\w:-]+) \| ([^|]+) \|(.*)\|$")


def _tables() -> dict[str, list[tuple]]:
    """The rows of each table in docs/access.md, by the heading above it: (method, url name, object, cells)."""
    tables, heading = {}, None
    for line in DOC.read_text().splitlines():
        if line.startswith("## "):
            heading = line[3:].strip()
        elif match := ROW.match(line):
            method, name, obj, cells = match.groups()
            tables.setdefault(heading, []).append(
                (method, name, obj.strip(), [c.strip() for c in cells.split("|")]))
    return tables


TABLES = _tables()
ALL_ROLES = TABLES["Alle Rollen"]
CASE_FILE = TABLES["Fallakte nach dem zweiten Faktor"]


def _url_names(patterns=None, namespace=None):
    """Every named URL of the URL conf (the admin's own pages are the admin's business: its index stands for them)."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace])) or None
            if inner != "admin":
                yield from _url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            yield ":".join(filter(None, [namespace, pattern.name]))


def test_every_url_has_a_row_in_the_expectation_table():
    names = set(_url_names())
    assert "" not in names, "every URL pattern needs a name to have a row"
    listed = {name for _method, name, _obj, _cells in ALL_ROLES + CASE_FILE}
    assert not names - listed - {"admin:index"}, f"URLs without a row in docs/access.md: {sorted(names - listed)}"
    assert not listed - names - {"admin:index"}, f"rows for URLs that no longer exist: {sorted(listed - names)}"


def _answer(response) -> str:
    """A response in the table's words."""
    location = response.get("Location", "")
    if response.status_code == 302 and location.startswith(reverse("accounts:login")):
        return "login"
    if response.status_code == 302 and location.startswith(reverse("accounts:twofactor_setup")):
        return "2fa"
    return str(response.status_code)


def _request(client, world, method, name, obj):
    given = OBJECTS[obj](world)
    # A dict is the page's query (a report for one programme), a list the URL's arguments.
    url = reverse(name, args=None if isinstance(given, dict) else given)
    data = given if isinstance(given, dict) else POST_DATA.get(name, {})
    return getattr(client, method)(url, data)


def _answers(client, world, row, roles, sign_in) -> dict[str, str]:
    """The row's request made as each role, each in a savepoint that is rolled back: every role meets the same
    fresh object (an archive by one does not change what the next finds), with one world built per row."""
    method, name, obj, _cells = row
    answers = {}
    for role in roles:
        savepoint = transaction.savepoint()
        try:
            client.logout()
            if role != "anonymous":
                sign_in(client, getattr(world, role))
            answers[role] = _answer(_request(client, world, method, name, obj))
        finally:
            transaction.savepoint_rollback(savepoint)
    return answers


def _rows(rows):
    return [pytest.param(row, id=f"{row[0]}-{row[1]}-{row[2]}") for row in rows]


@pytest.mark.parametrize("row", _rows(ALL_ROLES))
def test_it_answers_each_role_as_expected(client, world, row):
    expected = dict(zip(ROLES, row[3], strict=True))
    assert _answers(client, world, row, ROLES, lambda c, user: c.force_login(user)) == expected


@pytest.mark.parametrize("row", _rows(CASE_FILE))
def test_case_pages_answer_each_verified_role_as_expected(client, world, row):
    from netzlotse.cases.tests.test_pages import verified

    expected = dict(zip(VERIFIED_ROLES, row[3], strict=True))
    assert _answers(client, world, row, VERIFIED_ROLES, verified) == expected


# What a POST sends where the answer depends on it (a language to switch to).
POST_DATA = {"set_language": {"language": "en", "next": "/"}}


def _site(world):
    """A site of provider A in a project of the coordinator's network."""
    from netzlotse.cases.models import PlacementSite
    from netzlotse.network.models import Project

    project = Project.objects.create(name="AGH-Projekt", lead=world.provider_a, network=world.network)
    return PlacementSite.objects.create(project=project, organization=world.provider_a, name="Grünpflege", slots=2)


def _site_import(world):
    from netzlotse.cases.site_imports import template_bytes
    from netzlotse.directory.models import ImportRun

    return ImportRun.objects.create(uploaded_by=world.owner, filename="e.xlsx", content=template_bytes(),
                                    kind=ImportRun.Kind.SITES)


def _import_run(world):
    """A checked upload of the coordinator's, waiting to be imported."""
    from netzlotse.directory.models import ImportRun
    from netzlotse.directory.tests.spreadsheets import offer_row, xlsx

    return ImportRun.objects.create(uploaded_by=world.coordinator, filename="a.xlsx", content=xlsx(offers=[offer_row()]))


def _programme(world):
    """A programme funded by the funder, with a project in the coordinator's network."""
    from netzlotse.network.models import Programme, Project

    programme = Programme.objects.create(name="StaTA", short_name="StaTA")
    programme.funders.add(world.funder_org)
    Project.objects.create(name="StaTA-Projekt", lead=world.provider_a, programme=programme, network=world.network)
    return programme


def _export(world):
    """A finished report export of the funder's."""
    from netzlotse.monitoring.models import ExportJob

    return ExportJob.objects.create(requested_by=world.funder, query=f"programm={_programme(world).pk}", format="csv",
                                    title="StaTA", status=ExportJob.Status.DONE, filename="a.csv", content=b"a;b\n")


def _history_import(world):
    """A checked history upload of the coordinator's (its file has an error, so the import shows the check again)."""
    from netzlotse.directory.models import ImportRun

    return ImportRun.objects.create(uploaded_by=world.coordinator, filename="verlauf.csv", kind=ImportRun.Kind.HISTORY,
                                    content=b"teilnehmer;datum;ereignis\nTN-1;gestern;profiling\n",
                                    summary={"programme": _programme(world).pk})


def _gap(world):
    """An open gap in the world's network."""
    from netzlotse.gaps.models import Gap
    from netzlotse.network.models import Region

    return Gap.objects.create(network=world.network, chain=ProcessChain.objects.default(), kind=Gap.Kind.NO_OFFER,
                              phase=ProcessChain.objects.default().phases.first(), district=Region.objects.get(ags="14628"))


def _case(world):
    """A case of provider A (the second factor is asked for before the case is even looked up)."""
    from datetime import date

    from netzlotse.cases.models import Case, Participant

    person = Participant.objects.create(organization=world.provider_a, first_name="A", last_name="B",
                                        birth_date=date(1990, 1, 1))
    return Case.objects.create(participant=person, organization=world.provider_a)


def _service_chain(world):
    from netzlotse.directory.models import ServiceChain

    return ServiceChain.objects.create(network=world.network, name="Kette")


def _step(world):
    """A step of a service chain in provider A's case."""
    from netzlotse.cases.services import service_chain_apply
    from netzlotse.directory.services import service_chain_save

    chain = _service_chain(world)
    service_chain_save(chain=chain, steps=[{"title": "Profiling", "responsible_kind": "jobcenter",
                                                   "expected_days": 7}])
    case = _case(world)
    return [case.pk, service_chain_apply(case=case, chain=chain, by=None)[0].pk]


def _participant_import(world):
    """A checked participant list of the counsellor's, waiting to be imported."""
    from netzlotse.cases.tests.test_import import person, xlsx
    from netzlotse.directory.models import ImportRun

    return ImportRun.objects.create(uploaded_by=world.counsellor, filename="liste.xlsx", kind=ImportRun.Kind.PARTICIPANTS,
                                    content=xlsx(people=[person()]))


def _need(world):
    from netzlotse.cases.models import Need

    case = _case(world)
    return [case.pk, Need.objects.create(case=case, kind=Need.Kind.HOUSING).pk]


def _waiting(world):
    """Provider A's case on the waiting list of a full placement site."""
    from netzlotse.cases.models import Placement, PlacementSite
    from netzlotse.network.models import Project

    site = PlacementSite.objects.create(project=Project.objects.create(name="AGH", lead=world.provider_a),
                                        organization=world.provider_a, name="Tafel", slots=0)
    case = _case(world)
    return [case.pk, Placement.objects.create(case=case, site=site, status=Placement.Status.WAITING,
                                              planned_start="2026-01-01").pk]




def _location(world):
    from netzlotse.directory.models import Location
    from netzlotse.network.models import Region

    return Location.objects.create(offer=world.offer_a, name="Beratungsstelle", city="Dresden",
                                   district=Region.objects.get(ags="14612"))


def _taxonomy(world):
    from netzlotse.directory.hsds import serialize

    return serialize.taxonomies()[0]["id"]


def _interface(world):
    from netzlotse.gaps.models import Interface
    from netzlotse.network.models import Project

    a, b = (Project.objects.create(name=n, lead=world.provider_a, network=world.network) for n in ("Projekt A", "Projekt B"))
    return [world.network.pk, Interface.objects.create(network=world.network, project_a=a, project_b=b,
                                                       description="Übergang").pk]


def _consent(world):
    """A consent of the case's participant to share with provider B."""
    from datetime import timedelta

    from django.utils import timezone

    from netzlotse.cases.models import Consent

    case = _case(world)
    consent = Consent.objects.create(participant=case.participant, for_referral=True, data_categories=["history"],
                                     text_version="1", valid_until=timezone.localdate() + timedelta(days=90))
    consent.recipients.add(world.provider_b)
    return case, consent


def _referral(world):
    """Provider A's case referred to provider B under the participant's consent."""
    from netzlotse.cases.models import Referral

    case, consent = _consent(world)
    return [case.pk, Referral.objects.create(case=case, recipient=world.provider_b, consent=consent).pk]


def _placement(world, status):
    from netzlotse.cases.models import Placement, PlacementSite
    from netzlotse.network.models import Project

    site = PlacementSite.objects.create(project=Project.objects.create(name="AGH", lead=world.provider_a),
                                        organization=world.provider_a, name="Tafel", slots=3)
    case = _case(world)
    return [case.pk, Placement.objects.create(case=case, site=site, status=status, planned_start="2026-01-01").pk]


def _report_query(world):
    return {"programme": _programme(world).pk, "dates": "2026-01-01"}


def _survey(world):
    """A running survey of provider A in the coordinator's network, funded by the funder's programme."""
    from netzlotse.surveys.tests.factories import feedback_survey

    survey = feedback_survey(world.provider_a)
    survey.network = world.network
    survey.save()
    _programme(world)
    return survey


def _survey_export(world):
    """A finished export of provider A's staff, its file on disk."""
    from netzlotse.surveys.models import SurveyExport

    export = SurveyExport.objects.create(survey=_survey(world), requested_by=world.owner, format="csv",
                                         status=SurveyExport.Status.DONE, filename="a.csv")
    export.path.parent.mkdir(parents=True, exist_ok=True)
    export.path.write_bytes(b"antwort;version\n")
    return [export.pk]


def _invitation(world):
    return [_survey(world).invitations.create(email="eingeladen@example.org").token]


def _event(world, **fields):
    from netzlotse.events.tests.factories import training

    return training(world.provider_a, **fields)


def _registration(world):
    from netzlotse.events.models import Registration

    return [Registration.objects.create(event=_event(world), name="Person", email="person@example.org").token]


def _attendee(world):
    """Someone who attended the first session of A's training."""
    from netzlotse.events.models import Attendance, Registration

    event = _event(world)
    person = Registration.objects.create(event=event, name="Person", email="person@example.org", status="confirmed")
    Attendance.objects.create(session=event.sessions.first(), registration=person)
    return [event.pk, person.pk]


def _certificate_batch(world):
    """The finished certificates of A's training, asked for by A's staff, the file on disk."""
    from netzlotse.events.models import CertificateBatch

    batch = CertificateBatch.objects.create(event=_event(world), requested_by=world.owner, total=1,
                                            status=CertificateBatch.Status.DONE)
    batch.path.parent.mkdir(parents=True, exist_ok=True)
    batch.path.write_bytes(b"PK")
    return [batch.pk]


def _minutes(world):
    """The minutes of A's meeting, A taking part, with an action for A's staff."""
    from netzlotse.events.models import Action, Minutes

    minutes = Minutes.objects.create(event=_event(world), agenda="Begrüßung")
    minutes.participants.add(world.provider_a)
    Action.objects.create(minutes=minutes, text="Bogen", owner=world.owner, due_on="2030-01-01")
    return minutes


def _network_kind(kind):
    return lambda world: [kind]


# The objects the table's third column names, each made fresh in the test's world.
OBJECTS = {
    "–": lambda w: None,
    "offer_a": lambda w: [w.offer_a.pk], "offer_b": lambda w: [w.offer_b.pk],
    "draft_a": lambda w: [w.draft_a.pk], "draft_c": lambda w: [w.draft_c.pk], "missing": lambda w: [999999],
    "offer_a.uuid": lambda w: [w.offer_a.uuid], "draft_a.uuid": lambda w: [w.draft_a.uuid],
    "provider_a": lambda w: [w.provider_a.pk], "provider_a.uuid": lambda w: [w.provider_a.uuid],
    "location.uuid": lambda w: [_location(w).uuid], "taxonomy": lambda w: [_taxonomy(w)],
    "term.uuid": lambda w: [_first_term().term_uuid], "district": lambda w: ["14612"],
    "network": lambda w: [w.network.pk], "netzwerke/network": lambda w: ["netzwerke", w.network.pk],
    "organisationen/provider_a": lambda w: ["organisationen", w.provider_a.pk],
    "organisationen/provider_c": lambda w: ["organisationen", w.provider_c.pk],
    **{f"kind={kind}": _network_kind(kind) for kind in ("projekte", "netzwerke", "kooperationen", "foerderregionen",
                                              "programme", "organisationen", "unbekannt")},
    "default_chain": lambda w: [ProcessChain.objects.default().pk],
    "service_chain": lambda w: [_service_chain(w).pk],
    "offer_import": lambda w: [_import_run(w).pk], "participant_import": lambda w: [_participant_import(w).pk],
    "history_import": lambda w: [_history_import(w).pk], "site_import": lambda w: [_site_import(w).pk],
    "gap": lambda w: [_gap(w).pk], "interface": _interface,
    "programme": lambda w: [_programme(w).pk], "?programm=programme": lambda w: {"programm": _programme(w).pk},
    "?report": _report_query, "export": lambda w: [_export(w).pk],
    "site": lambda w: [_site(w).pk],
    "case": lambda w: [_case(w).pk], "case/1": lambda w: [_case(w).pk, 1], "need": _need, "step": _step,
    "consent": lambda w: [pk.pk for pk in _consent(w)], "referral": _referral,
    "waiting_placement": _waiting, "planned_placement": lambda w: _placement(w, "planned"),
    "active_placement": lambda w: _placement(w, "active"),
    "survey": lambda w: [_survey(w).pk], "survey.uuid": lambda w: [_survey(w).uuid],
    "survey/question": lambda w: [(s := _survey(w)).pk, s.questions.first().pk],
    "survey/1": lambda w: [_survey(w).pk, 1], "survey_export": _survey_export, "invitation": _invitation,
    "event": lambda w: [_event(w).pk], "event/session": lambda w: [(e := _event(w)).pk, e.sessions.first().pk],
    "event.uuid": lambda w: [_event(w).uuid], "staff_event.uuid": lambda w: [_event(w, public=False).uuid],
    "registration": _registration, "event/attendee": _attendee, "certificate_batch": _certificate_batch,
    "minutes": lambda w: [_minutes(w).event_id], "action": lambda w: [_minutes(w).actions.get().pk],
    "survey/occasion": lambda w: [(s := _survey(w)).uuid, s.occasions.create(title="Seminar").uuid],
}


def _first_term():
    from netzlotse.directory.models import TargetGroup

    return TargetGroup.objects.first()


def test_every_object_the_table_names_is_made_here():
    named = {obj for _method, _name, obj, _cells in ALL_ROLES + CASE_FILE}
    assert named <= set(OBJECTS), named - set(OBJECTS)


def test_every_ui_string_has_an_english_translation():
    """German is the source language; the English catalogue must cover every string."""
    from pathlib import Path

    catalogue = (Path(__file__).resolve().parents[1] / "locale" / "en" / "LC_MESSAGES" / "django.po").read_text()
    entries = catalogue.split("\n\n")[1:]
    untranslated = [e for e in entries if 'msgstr ""' in e and "msgstr[" not in e and not e.startswith("#~")
                    and e.strip().endswith('msgstr ""')]
    assert not untranslated, untranslated[:3]
    assert "#, fuzzy" not in catalogue
