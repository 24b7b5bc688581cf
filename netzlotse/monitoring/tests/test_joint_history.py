"""A joint project's history: StaTA as it is run, with admissions at three Jobcenters and follow-ups and
placements at the centre and seven providers, all in one project. The events belong to the person's one
case in the project and count where they happened; outside the project the importer still refuses them."""

import pytest

from netzlotse.cases.models import Case, CaseEvent, Contact, PlacementSite
from netzlotse.monitoring import stata as seed
from netzlotse.monitoring.breakdowns import BY_CODE
from netzlotse.monitoring.history import history_import
from netzlotse.monitoring.indicators import STATA_CODES, compute
from netzlotse.monitoring.report import Scope, build
from netzlotse.network.models import Organization, Programme, Project

PROVIDERS = tuple(f"traeger-{n}" for n in range(1, 8))
NAMES = seed.Names(centre="bic", providers=PROVIDERS, project="STATA")


@pytest.fixture
def joint(db):
    programme = Programme.objects.create(name="Stabilisierung und Teilhabe am Arbeitsleben", short_name="StaTA")
    centre = Organization.objects.create(name="Intensivbetreuung Stendal", external_id="bic")
    jobcenters = [Organization.objects.create(name=f"Jobcenter {town}", external_id=f"jc-{town.lower()}",
                                              kind=Organization.Kind.JOBCENTER)
                  for town in ("Stendal", "Havelberg", "Osterburg")]
    providers = [Organization.objects.create(name=f"Träger {n}", external_id=code)
                 for n, code in enumerate(PROVIDERS, start=1)]
    project = Project.objects.create(name="StaTA Landkreis Stendal", code="STATA", lead=centre, programme=programme)
    project.partners.set(jobcenters + providers)
    for i, slots in enumerate(seed.SLOTS, start=1):  # 42 sites, 113 slots, six at each provider
        PlacementSite.objects.create(project=project, organization=providers[(i - 1) % 7], name=f"AGH {i}",
                                     code=f"AGH-{i:02d}", slots=slots)
    return programme


def test_a_history_across_three_jobcenters_and_seven_providers_reproduces_the_stata_table(joint):
    rows = seed.history_rows(NAMES)
    assert {r["organisation"] for r in rows if r["ereignis"] == "aufnahme"} == {"jc-stendal", "jc-havelberg",
                                                                                 "jc-osterburg"}
    plan = history_import(filename="stata.csv", content=seed.csv_bytes(rows), by=None, programme=joint,
                          create_missing=True)
    assert plan.written, plan.errors[:5]
    events = CaseEvent.objects.filter(project__programme=joint)
    figures = compute(events, seed.DATES, STATA_CODES)
    assert {code: list(values.values()) for code, values in figures.items()} == seed.TABLE
    # One case per person, at the Jobcenter that admitted them; follow-ups and placements landed on it.
    assert Case.objects.count() == 181
    assert set(Case.objects.values_list("organization__kind", flat=True)) == {Organization.Kind.JOBCENTER}
    # Each follow-up records where it happened: the centre and every provider held some.
    where = set(events.filter(type=CaseEvent.Type.FOLLOW_UP).values_list("organization__external_id", flat=True))
    assert where == {"bic", *PROVIDERS}
    assert Contact.objects.filter(place="Träger 3").exists()
    # The breakdown by provider counts the follow-ups and placements at the providers, adding up to the total.
    report = build(scope=Scope(programme=joint), dates=seed.DATES, breakdowns=["traeger"])
    by_provider = {r.key: [c.value for c in r.cells] for r in report.sections[0].blocks[0][1]}
    live = compute(events, seed.DATES, ["follow_ups"], by=BY_CODE["traeger"].expression())
    follow_ups = {key: list(values["follow_ups"].values()) for key, values in live.items()}
    assert {Organization.objects.get(pk=key).external_id for key, values in follow_ups.items() if values[-1]} == {
        "bic", *PROVIDERS}
    assert sum(values[-1] for values in follow_ups.values()) == seed.TABLE["follow_ups"][-1]
    assert by_provider  # the report shows the same breakdown


def test_outside_the_shared_project_a_row_still_needs_a_case_of_its_own_organisation(joint):
    Organization.objects.create(name="Schuldnerberatung", external_id="schuldner")
    rows = [{"teilnehmer": "TN-1", "datum": "2018-01-10", "ereignis": "aufnahme", "organisation": "jc-stendal",
             "projekt": "STATA"},
            {"teilnehmer": "TN-1", "datum": "2018-01-20", "ereignis": "folgegespraech", "organisation": "traeger-2"},
            {"teilnehmer": "TN-1", "datum": "2018-01-21", "ereignis": "folgegespraech", "organisation": "schuldner"},
            {"teilnehmer": "TN-1", "datum": "2018-01-22", "ereignis": "aufnahme", "organisation": "traeger-4",
             "projekt": "STATA"}]
    plan = history_import(filename="h.csv", content=seed.csv_bytes(rows), by=None, programme=joint,
                          create_missing=True)
    errors = {(e.row, e.column): e.message for e in plan.errors}
    assert set(errors) == {(4, "ereignis"), (5, "ereignis")}
    assert "an dem diese Organisation beteiligt ist" in errors[(4, "ereignis")]  # no consent through an import
    assert "in diesem Projekt schon aufgenommen" in errors[(5, "ereignis")]  # one case per person and project
    assert not CaseEvent.objects.exists()
