"""Importing placement sites: every row checked first (scope, slots, period, codes), nothing written unless all
are valid, then one transaction; a known code updates its site; the page walks upload → check → import."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from netzlotse.cases.models import Case, Participant, PlacementSite
from netzlotse.cases.services import placement_book
from netzlotse.cases.site_imports import COLUMNS, sites_import, template_bytes
from netzlotse.network.models import Organization, Project

HEADERS = [c.header for c in COLUMNS]


def csv_file(*rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=HEADERS, delimiter=";")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return buffer.getvalue().encode()


@pytest.fixture
def project(world):
    return Project.objects.create(name="AGH Dresden", code="AGH-DD", lead=world.provider_a, network=world.network)


def row(**changes):
    return {"kennung": "AGH-1", "name": "Grünpflege", "traeger": "traeger-a", "projekt": "AGH-DD", "plaetze": "3",
            "taetigkeitsfeld": "garten", "kreis": "14612", "fuehrerschein": "ja", "gueltig_ab": "01.01.2026",
            **changes}


def test_a_valid_file_creates_sites_and_a_known_code_updates(world, project):
    plan = sites_import(filename="e.csv", content=csv_file(row(), row(kennung="AGH-2", name="Tafel", plaetze="1")),
                        user=world.owner)
    assert plan.written, plan.errors
    site = PlacementSite.objects.get(code="AGH-1")
    assert (site.slots, site.organization, site.project, site.district.ags, site.driving_licence,
            site.valid_from) == (3, world.provider_a, project, "14612", True, date(2026, 1, 1))
    again = sites_import(filename="e.csv", content=csv_file(row(plaetze="5")), user=world.owner)
    assert [r.action for r in again.rows["Einsatzstellen"]] == ["aktualisieren"]
    site.refresh_from_db()
    assert site.slots == 5 and PlacementSite.objects.count() == 2


def test_every_row_is_checked_and_nothing_is_written_when_one_is_wrong(world, project):
    taken = PlacementSite.objects.create(code="AGH-9", name="Voll", slots=1, project=project,
                                         organization=world.provider_a)
    person = Participant.objects.create(organization=world.provider_a, first_name="A", last_name="B",
                                        birth_date=date(1980, 1, 1))
    placement_book(case=Case.objects.create(participant=person, organization=world.provider_a), site=taken,
                   start=timezone.localdate(), by=None)
    others = Project.objects.create(name="Fremd", code="FREMD", lead=world.provider_c)
    PlacementSite.objects.create(code="C-1", name="Fremd", slots=1, project=others, organization=world.provider_c)
    plan = sites_import(filename="e.csv", content=csv_file(
        row(kennung="NEU-1"),
        row(kennung="AGH-9", plaetze="0"),
        row(kennung="C-1"),
        row(kennung="NEU-2", traeger="traeger-c"),
        row(kennung="NEU-3", projekt="FREMD"),
        row(kennung="NEU-4", gueltig_ab="2026-05-01", gueltig_bis="2026-04-01"),
        row(kennung="NEU-5", plaetze="=1+1"),
        row(kennung="NEU-1")), user=world.owner)
    assert not plan.written
    errors = {(e.row, e.column) for e in plan.errors}
    assert {(3, "plaetze"), (4, "kennung"), (5, "traeger"), (6, "projekt"), (7, "gueltig_bis"), (8, "plaetze"),
            (2, "kennung"), (9, "kennung")} <= errors
    assert not PlacementSite.objects.filter(code__startswith="NEU").exists()
    taken.refresh_from_db()
    assert taken.slots == 1
    assert sites_import(filename="e.csv", content=csv_file(row(kennung="AGH-9", plaetze="0")),
                        user=world.owner).errors[0].message == "Eine Einsatzstelle hat mindestens einen Platz."


def test_the_page_checks_then_imports_and_the_template_has_every_column(client, world, project):
    client.force_login(world.owner)
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(client.get(reverse("sites:import_template")).getvalue()))["Einsatzstellen"]
    assert [c.value for c in next(sheet.iter_rows(max_row=1))] == HEADERS
    upload = io.BytesIO(csv_file(row()))
    upload.name = "einsatzstellen.csv"
    check = client.post(reverse("sites:import"), {"file": upload})
    assert check.status_code == 200 and check.context["plan"].is_valid
    assert not PlacementSite.objects.exists()
    done = client.post(check.context["run_url"])
    assert done.status_code == 302 and PlacementSite.objects.get(code="AGH-1").name == "Grünpflege"
    assert sites_import(filename="v.xlsx", content=template_bytes(), user=world.owner).errors  # the example row
    assert Organization.objects.filter(external_id="traeger-a").exists()
