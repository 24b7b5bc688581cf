"""Every view × every role: the expected status, in one table.

Columns: anonymous, owner (provider staff of A), partner (provider B, same network),
outsider (provider C, other network), coordinator, counsellor, funder, admin.
"login" means a redirect to the login page; "302" any other redirect.
"""

import pytest
from django.urls import reverse

from netzlotse.directory.models import ProcessChain

ROLES = ["anonymous", "owner", "partner", "outsider", "coordinator", "counsellor", "funder", "admin"]

OPEN = [200] * 8
STAFF_EDIT = ["login", 200, 200, 200, 200, 403, 403, 200]
NETWORK_EDIT = ["login", 403, 403, 403, 200, 403, 403, 200]

# (method, url name, args from the world, expected per role)
MATRIX = [
    ("get", "healthz", None, OPEN),
    ("get", "directory:search", None, OPEN),
    ("get", "directory:about", None, OPEN),
    ("get", "directory:export", None, OPEN),
    ("get", "directory:detail", lambda w: [w.offer_a.pk], OPEN),
    ("get", "directory:detail", lambda w: [w.draft_a.pk], [404, 200, 404, 404, 200, 404, 404, 200]),
    ("get", "directory:detail", lambda w: [w.draft_c.pk], [404, 404, 404, 200, 404, 404, 404, 200]),
    ("get", "directory:detail", lambda w: [999999], [404] * 8),
    ("get", "directory:dashboard", None, ["login", 200, 200, 200, 200, 200, 200, 200]),
    ("get", "directory:manage", None, STAFF_EDIT),
    ("get", "directory:create", None, STAFF_EDIT),
    ("get", "directory:edit", lambda w: [w.offer_a.pk], ["login", 200, 403, 403, 200, 403, 403, 200]),
    ("get", "directory:edit", lambda w: [w.draft_c.pk], ["login", 404, 404, 200, 404, 403, 403, 200]),
    ("get", "directory:history", lambda w: [w.offer_a.pk], ["login", 200, 403, 403, 200, 403, 403, 200]),
    ("post", "directory:verify", lambda w: [w.offer_a.pk], ["login", 302, 403, 403, 302, 403, 403, 302]),
    ("post", "directory:archive", lambda w: [w.offer_b.pk], ["login", 403, 302, 403, 302, 403, 403, 302]),
    ("get", "directory:chains", None, NETWORK_EDIT),
    ("get", "directory:chain_create", None, NETWORK_EDIT),
    ("get", "directory:chain_edit", lambda w: [ProcessChain.objects.default().pk],
     ["login", 403, 403, 403, 403, 403, 403, 200]),
    ("get", "directory:service_chains", None, NETWORK_EDIT),
    ("get", "directory:service_chain_create", None, NETWORK_EDIT),
    ("get", "directory:service_chain_edit", lambda w: [_service_chain(w).pk], ["login", 403, 403, 403, 200, 403, 403, 200]),
    ("get", "directory:import", None, NETWORK_EDIT),
    ("get", "directory:import_template", None, NETWORK_EDIT),
    ("get", "network:organizations", None, NETWORK_EDIT),
    ("get", "network:list", lambda w: ["projekte"], NETWORK_EDIT),
    ("get", "network:list", lambda w: ["netzwerke"], NETWORK_EDIT),
    ("get", "network:list", lambda w: ["kooperationen"], NETWORK_EDIT),
    ("get", "network:list", lambda w: ["foerderregionen"], NETWORK_EDIT),
    ("get", "network:list", lambda w: ["programme"], NETWORK_EDIT),
    ("get", "network:create", lambda w: ["foerderregionen"], NETWORK_EDIT),
    ("get", "network:list", lambda w: ["unbekannt"], ["login", 403, 403, 403, 404, 403, 403, 404]),
    ("get", "network:create", lambda w: ["organisationen"], NETWORK_EDIT),
    ("get", "network:edit", lambda w: ["organisationen", w.provider_a.pk], NETWORK_EDIT),
    ("get", "network:edit", lambda w: ["organisationen", w.provider_c.pk], ["login", 403, 403, 403, 404, 403, 403, 200]),
    ("get", "network:edit", lambda w: ["netzwerke", w.network.pk], NETWORK_EDIT),
    ("post", "directory:import_run", lambda w: [_import_run(w).pk], ["login", 403, 403, 403, 302, 403, 403, 404]),
    ("post", "directory:import_run", lambda w: [_participant_import(w).pk], ["login", 403, 403, 403, 404, 403, 403, 404]),
    ("get", "gaps:matrix", None, ["login", 200, 200, 200, 200, 403, 403, 200]),
    ("get", "gaps:register", None, ["login", 200, 200, 200, 200, 403, 403, 200]),
    ("get", "gaps:gap", lambda w: [_gap(w).pk], ["login", 200, 200, 404, 200, 403, 403, 200]),
    ("post", "gaps:gap", lambda w: [_gap(w).pk], ["login", 403, 403, 404, 200, 403, 403, 200]),
    ("post", "gaps:detect", None, ["login", 403, 403, 403, 302, 403, 403, 302]),
    ("get", "gaps:report", None, ["login", 200, 200, 200, 200, 403, 403, 200]),
    ("get", "gaps:graph", None, ["login", 200, 200, 200, 200, 403, 403, 200]),
    ("get", "gaps:interfaces", None, ["login", 200, 200, 200, 200, 403, 403, 200]),
    ("get", "gaps:interface_create", lambda w: [w.network.pk], ["login", 403, 403, 403, 200, 403, 403, 200]),
    ("get", "monitoring:report", None, ["login", 403, 403, 403, 200, 403, 200, 200]),
    ("get", "monitoring:report", lambda w: {"programm": _programme(w).pk}, ["login", 403, 403, 403, 200, 403, 200, 200]),
    ("get", "monitoring:esf", None, ["login", 403, 403, 403, 200, 403, 200, 200]),
    ("get", "cases:esf", lambda w: [_case(w).pk], ["login", 302, 302, 302, 403, 302, 403, 403]),
    ("post", "monitoring:export_start", None, ["login", 403, 403, 403, 302, 403, 302, 302]),
    # An export is the requester's alone (here the funder's): anyone else gets a 404.
    ("get", "monitoring:export", lambda w: [_export(w).pk], ["login", 403, 403, 403, 404, 403, 200, 404]),
    ("get", "monitoring:export_file", lambda w: [_export(w).pk], ["login", 403, 403, 403, 404, 403, 200, 404]),
    ("get", "monitoring:cutoffs", lambda w: [_programme(w).pk], NETWORK_EDIT),
    ("get", "monitoring:targets", lambda w: [_programme(w).pk], NETWORK_EDIT),
    ("get", "monitoring:import", None, NETWORK_EDIT),
    ("get", "monitoring:import_template", None, NETWORK_EDIT),
    # The stored file no longer imports (400 with its reasons) for the uploader; no one else reaches it.
    ("post", "monitoring:import_run", lambda w: [_history_import(w).pk], ["login", 403, 403, 403, 400, 403, 403, 404]),
    ("get", "gaps:settings_index", None, ["login", 403, 403, 403, 302, 403, 403, 302]),
    ("get", "gaps:settings", lambda w: [w.network.pk], ["login", 403, 403, 403, 200, 403, 403, 200]),
    # Case pages: counsellors and provider staff first confirm a second factor (302 to its set-up page).
    ("get", "cases:caseload", None, ["login", 302, 302, 302, 403, 302, 403, 403]),
    ("get", "cases:admit", None, ["login", 302, 302, 302, 403, 302, 403, 403]),
    ("get", "cases:contact", lambda w: [_case(w).pk], ["login", 302, 302, 302, 403, 302, 403, 403]),
    ("get", "cases:need", lambda w: [_case(w).pk], ["login", 302, 302, 302, 403, 302, 403, 403]),
    ("get", "cases:rights", lambda w: [_case(w).pk], ["login", 302, 302, 302, 403, 302, 403, 403]),
    ("get", "cases:consent", lambda w: [_case(w).pk], ["login", 302, 302, 302, 403, 302, 403, 403]),
    ("get", "cases:refer", lambda w: [_case(w).pk], ["login", 302, 302, 302, 403, 302, 403, 403]),
    ("get", "cases:book", lambda w: [_case(w).pk], ["login", 302, 302, 302, 403, 302, 403, 403]),
    ("get", "cases:close", lambda w: [_case(w).pk], ["login", 302, 302, 302, 403, 302, 403, 403]),
    ("get", "cases:residence", lambda w: [_case(w).pk], ["login", 302, 302, 302, 403, 302, 403, 403]),
    ("get", "cases:plan", lambda w: [_case(w).pk], ["login", 302, 302, 302, 403, 302, 403, 403]),
    ("get", "cases:person", lambda w: [_case(w).pk], ["login", 302, 302, 302, 403, 302, 403, 403]),
    ("get", "cases:need_edit", lambda w: [_case(w).pk, 1], ["login", 302, 302, 302, 403, 302, 403, 403]),
    ("get", "cases:slots", None, ["login", 302, 302, 302, 403, 302, 403, 403]),
    ("get", "cases:import", None, ["login", 302, 302, 302, 403, 302, 403, 403]),
    ("get", "cases:import_template", None, ["login", 302, 302, 302, 403, 302, 403, 403]),
    ("get", "cases:due", None, ["login", 302, 302, 302, 403, 302, 403, 403]),
    ("get", "cases:case", lambda w: [_case(w).pk], ["login", 302, 302, 302, 403, 302, 403, 403]),
    ("post", "cases:chain_apply", lambda w: [_case(w).pk], ["login", 302, 302, 302, 403, 302, 403, 403]),
    ("post", "cases:step_tick", lambda w: [_case(w).pk, 1], ["login", 302, 302, 302, 403, 302, 403, 403]),
    ("post", "cases:placement_cancel", lambda w: [_case(w).pk, 1], ["login", 302, 302, 302, 403, 302, 403, 403]),
    # Placement sites: kept by provider staff and coordinators; counts only, so no second factor.
    ("get", "sites:list", None, STAFF_EDIT),
    ("get", "sites:create", None, STAFF_EDIT),
    ("get", "sites:edit", lambda w: [_site(w).pk], ["login", 200, 404, 404, 200, 403, 403, 200]),
    ("post", "sites:archive", lambda w: [_site(w).pk], ["login", 302, 404, 404, 302, 403, 403, 302]),
    ("get", "sites:import", None, STAFF_EDIT),
    ("get", "sites:import_template", None, STAFF_EDIT),
    # A checked site file is its uploader's alone (here the owner's).
    ("post", "sites:import_run", lambda w: [_site_import(w).pk], ["login", 400, 404, 404, 404, 403, 403, 404]),
    ("get", "accounts:twofactor_setup", None, ["login", 200, 200, 200, 200, 200, 200, 200]),
    ("get", "hsds:index", None, OPEN),
    ("get", "hsds:services", None, OPEN),
    ("get", "hsds:service", lambda w: [w.offer_a.uuid], OPEN),
    ("get", "hsds:service", lambda w: [w.draft_a.uuid], [404] * 8),
    ("get", "hsds:organizations", None, OPEN),
    ("get", "hsds:service_at_locations", None, OPEN),
    ("get", "hsds:taxonomies", None, OPEN),
    ("get", "hsds:taxonomy_terms", None, OPEN),
    ("get", "api-v1:offers", None, OPEN),
    ("get", "api-v1:offer", lambda w: [w.offer_a.pk], OPEN),
    ("get", "api-v1:offer", lambda w: [w.draft_a.pk], [404] * 8),
    ("get", "api-v1:openapi-json", None, OPEN),
    ("get", "api-v1:matrix", None, [401, 200, 200, 200, 200, 403, 403, 200]),
    ("get", "accounts:login", None, [200, 302, 302, 302, 302, 302, 302, 302]),
    ("get", "accounts:password_change", None, ["login", 200, 200, 200, 200, 200, 200, 200]),
    ("get", "admin:index", None, [302] * 8),  # the admin opens only after the second factor
]


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


# Case pages once the second factor is confirmed: provider staff of A read A's cases, counsellors of A also
# change them, everyone else finds nothing (404). Columns: owner, partner, outsider, counsellor.
VERIFIED_ROLES = ["owner", "partner", "outsider", "counsellor"]
CASE_READ = [200, 404, 404, 200]
CASE_CHANGE = [403, 403, 403, 200]
VERIFIED_MATRIX = [
    ("get", "cases:caseload", None, [200] * 4),
    ("get", "cases:due", None, [200] * 4),
    ("get", "cases:slots", None, [200] * 4),
    ("get", "cases:admit", None, CASE_CHANGE),
    ("get", "cases:import", None, CASE_CHANGE),
    ("get", "cases:import_template", None, CASE_CHANGE),
    ("post", "cases:import_run", lambda w: [_participant_import(w).pk], [403, 403, 403, 302]),
    ("get", "cases:case", lambda w: [_case(w).pk], CASE_READ),
    *[("get", f"cases:{name}", lambda w: [_case(w).pk], CASE_CHANGE)
      for name in ("contact", "need", "rights", "consent", "refer", "book", "close", "residence", "plan", "person",
                   "esf")],
    ("get", "cases:need_edit", _need, CASE_CHANGE),
    ("post", "cases:chain_apply", lambda w: [_case(w).pk], [403, 403, 403, 400]),  # 400: the form names no chain
    ("post", "cases:step_tick", _step, [403, 403, 403, 302]),
    ("post", "cases:placement_cancel", _waiting, [403, 403, 403, 302]),
]


@pytest.mark.parametrize(("method", "name", "args", "role", "expected"), [
    pytest.param(method, name, args, role, status, id=f"{method}-{name}-{role}")
    for method, name, args, expected in VERIFIED_MATRIX for role, status in zip(VERIFIED_ROLES, expected, strict=True)])
def test_case_pages_answer_each_verified_role_as_expected(client, world, method, name, args, role, expected):
    from netzlotse.cases.tests.test_pages import verified

    verified(client, getattr(world, role))
    response = getattr(client, method)(reverse(name, args=args(world) if args else None))
    assert response.status_code == expected, f"{role} {method.upper()} {name}"


def _cases():
    for method, name, args, expected in MATRIX:
        for role, status in zip(ROLES, expected, strict=True):
            label = f"{method}-{name}-{'args' if args else 'noargs'}-{role}"
            yield pytest.param(method, name, args, role, status, id=label)


@pytest.mark.parametrize(("method", "name", "args", "role", "expected"), list(_cases()))
def test_it_answers_each_role_as_expected(client, world, method, name, args, role, expected):
    if role != "anonymous":
        client.force_login(getattr(world, role))
    given = args(world) if args else None
    # A dict is the page's query (a report for one programme), a list the URL's arguments.
    url = reverse(name, args=None if isinstance(given, dict) else given)
    response = getattr(client, method)(url, given if isinstance(given, dict) else {})
    if expected == "login":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == expected, f"{role} {method.upper()} {url}"


def test_every_ui_string_has_an_english_translation():
    """German is the source language; the English catalogue must cover every string."""
    from pathlib import Path

    catalogue = (Path(__file__).resolve().parents[1] / "locale" / "en" / "LC_MESSAGES" / "django.po").read_text()
    entries = catalogue.split("\n\n")[1:]
    untranslated = [e for e in entries if 'msgstr ""' in e and "msgstr[" not in e and not e.startswith("#~")
                    and e.strip().endswith('msgstr ""')]
    assert not untranslated, untranslated[:3]
    assert "#, fuzzy" not in catalogue
