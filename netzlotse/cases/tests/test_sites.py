"""Placement sites kept by provider staff and coordinators: created and changed through the page, never below
the slots taken, never over someone else's change, archived rather than deleted once used, listed with their
occupancy and filters, exported to Excel, and ranked for a case with the reason for each point."""

from datetime import date, timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from netzlotse.cases.models import Case, Need, Participant, Placement, PlacementSite
from netzlotse.cases.services import placement_book
from netzlotse.cases.site_matching import match_sites
from netzlotse.network.models import Project, Region

TODAY = timezone.localdate()


@pytest.fixture
def project(world):
    return Project.objects.create(name="AGH Dresden", lead=world.provider_a, network=world.network)


def site_form(project, **changes):
    data = {"name": "Grünpflege Nord", "code": "AGH-DD-1", "organization": project.lead_id, "project": project.pk,
            "field_of_work": "garten", "slots": 3, "postcode": "01099", "city": "Dresden",
            "district": Region.objects.get(ags="14612").pk, "physical_demand": "schwer", "driving_licence": "on"}
    return {**data, **changes}


def person_case(org, **person):
    participant = Participant.objects.create(organization=org, first_name="Mia", last_name="Lehmann",
                                             birth_date=date(1985, 3, 1), **person)
    return Case.objects.create(participant=participant, organization=org, opened_on=TODAY - timedelta(days=30))


def test_provider_staff_create_a_site_and_see_it_with_its_free_slots(client, world, project):
    client.force_login(world.owner)
    response = client.post(reverse("sites:create"), site_form(project))
    assert response.status_code == 302
    site = PlacementSite.objects.get(code="AGH-DD-1")
    assert (site.slots, site.field_of_work, site.driving_licence, site.district.ags) == (3, "garten", True, "14612")
    placement_book(case=person_case(world.provider_a), site=site, start=TODAY, by=None)
    page = client.get(reverse("sites:list"))
    row = next(s for s in page.context["page"] if s.pk == site.pk)
    assert (row.slots, row.active, row.free_slots, row.waiting) == (3, 1, 2, 0)
    client.force_login(world.partner)  # another provider: not theirs to see
    assert client.get(reverse("sites:edit", args=[site.pk])).status_code == 404
    assert site.pk not in [s.pk for s in client.get(reverse("sites:list")).context["page"]]


def test_slots_never_drop_below_those_taken(client, world, project):
    site = PlacementSite.objects.create(project=project, organization=world.provider_a, name="Tafel", slots=2)
    for case in (person_case(world.provider_a), person_case(world.provider_a)):
        placement_book(case=case, site=site, start=TODAY, by=None)
    client.force_login(world.owner)
    response = client.post(reverse("sites:edit", args=[site.pk]), site_form(project, code="", slots=1,
                                                                              version=site.version))
    assert response.status_code == 200
    assert "2 Plätze sind belegt oder fest geplant" in response.context["form"].errors["slots"][0]
    site.refresh_from_db()
    assert site.slots == 2


def test_a_change_made_meanwhile_is_not_overwritten(client, world, project):
    site = PlacementSite.objects.create(project=project, organization=world.provider_a, name="Tafel", slots=2)
    client.force_login(world.owner)
    opened = site.version
    assert client.post(reverse("sites:edit", args=[site.pk]), site_form(project, code="", name="Tafel Süd",
                                                                         version=opened)).status_code == 302
    stale = client.post(reverse("sites:edit", args=[site.pk]), site_form(project, code="", name="Tafel Ost",
                                                                          version=opened))
    assert "nachdem Sie das Formular geöffnet haben" in str(stale.context["form"].non_field_errors())
    site.refresh_from_db()
    assert site.name == "Tafel Süd"


def test_form_checks_come_with_a_message_at_the_field(client, world, project):
    client.force_login(world.owner)
    response = client.post(reverse("sites:create"), site_form(
        project, slots=0, valid_from=TODAY.isoformat(), valid_until=(TODAY - timedelta(days=1)).isoformat()))
    errors = response.context["form"].errors
    assert "mindestens einen Platz" in errors["slots"][0] and "vor „gültig ab“" in errors["valid_until"][0]
    assert "site_valid_range" not in response.content.decode()
    assert not PlacementSite.objects.exists()


def test_a_used_site_is_archived_an_unused_one_deleted_a_taken_one_kept(client, world, project):
    unused = PlacementSite.objects.create(project=project, organization=world.provider_a, name="Neu", slots=1)
    used = PlacementSite.objects.create(project=project, organization=world.provider_a, name="Alt", slots=1)
    first, second = person_case(world.provider_a), person_case(world.provider_a)
    running = placement_book(case=first, site=used, start=TODAY, by=None)
    client.force_login(world.owner)
    client.post(reverse("sites:archive", args=[used.pk]))
    assert PlacementSite.objects.get(pk=used.pk).archived_on is None  # a slot is taken: refused
    Placement.objects.filter(pk=running.pk).update(status=Placement.Status.ENDED, ended_on=TODAY)
    Placement.objects.create(case=second, site=used, status=Placement.Status.WAITING, planned_start=TODAY)
    client.post(reverse("sites:archive", args=[used.pk]))
    client.post(reverse("sites:archive", args=[unused.pk]))
    used.refresh_from_db()
    assert used.archived_on == TODAY and not PlacementSite.objects.filter(pk=unused.pk).exists()
    assert not used.placements.filter(status=Placement.Status.WAITING).exists()  # taken off the waiting list
    assert not PlacementSite.objects.bookable().filter(pk=used.pk).exists()
    listed = client.get(reverse("sites:list"), {"stand": "archiviert"}).context["page"]
    assert [s.pk for s in listed] == [used.pk]


def test_the_list_filters_and_exports_to_excel(client, world, project):
    dresden, leipzig = Region.objects.get(ags="14612"), Region.objects.get(ags="14713")
    PlacementSite.objects.create(project=project, organization=world.provider_a, name="=HYPERLINK(\"x\")", slots=1,
                                 district=dresden, field_of_work="garten")
    PlacementSite.objects.create(project=project, organization=world.provider_a, name="Werkstatt", slots=2,
                                 district=leipzig, field_of_work="handwerk")
    full = PlacementSite.objects.create(project=project, organization=world.provider_a, name="Küche", slots=1,
                                        district=leipzig, field_of_work="hauswirtschaft")
    placement_book(case=person_case(world.provider_a), site=full, start=TODAY, by=None)
    client.force_login(world.coordinator)  # the project is in the coordinated network

    def names(**filters):
        return sorted(s.name for s in client.get(reverse("sites:list"), filters).context["page"])

    assert names() == ["=HYPERLINK(\"x\")", "Küche", "Werkstatt"]
    assert names(kreis="14713") == ["Küche", "Werkstatt"]
    assert names(feld="handwerk") == ["Werkstatt"]
    assert names(kreis="14713", frei="on") == ["Werkstatt"]
    assert client.get(reverse("sites:list"), {"kreis": "99999"}).status_code == 400  # said, not a server error
    sheet = load_workbook(BytesIO(client.get(reverse("sites:list"), {"format": "xlsx"}).getvalue())).active
    rows = {row[1]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert "'=HYPERLINK" in "".join(rows) and rows["Küche"][7:11] == (1, 1, 0, 0)  # slots, taken, planned, free


def test_matching_ranks_sites_by_slots_nearness_and_requirements(world, project):
    dresden, leipzig = Region.objects.get(ags="14612"), Region.objects.get(ags="14713")
    PlacementSite.objects.create(project=project, organization=world.provider_a, name="Nah", slots=2,
                                        postcode="01099", district=dresden, german_level="B1")
    far = PlacementSite.objects.create(project=project, organization=world.provider_a, name="Fern", slots=2,
                                       postcode="04109", district=leipzig)
    heavy = PlacementSite.objects.create(project=project, organization=world.provider_a, name="Schwer", slots=2,
                                         postcode="01099", district=dresden, driving_licence=True,
                                         physical_demand="schwer")
    PlacementSite.objects.create(project=project, organization=world.provider_a, name="Beendet", slots=2,
                                 valid_until=TODAY - timedelta(days=1))
    case = person_case(world.provider_a, postcode="01099", district=dresden, german_level="A2", driving_licence=False)
    Need.objects.create(case=case, kind=Need.Kind.HEALTH)
    ranked = match_sites(case)
    assert [m.site.name for m in ranked] == ["Fern", "Nah", "Schwer"]  # the ended site is not offered
    reasons = {m.site.name: m.reasons for m in ranked}
    assert "am Wohnort (gleiche PLZ): +3 Punkte" in reasons["Nah"]
    assert "Deutschkenntnisse unter der Anforderung (A2, verlangt B1): -6 Punkte" in reasons["Nah"]
    assert {"Führerschein nötig, fehlt: -6 Punkte", "körperlich schwere Arbeit bei offenem gesundheitlichem "
            "Handlungsbedarf: -2 Punkte"} <= set(reasons["Schwer"])
    assert "weiter entfernt (anderer Kreis): -1 Punkt" in reasons["Fern"]
    placement_book(case=case, site=far, start=TODAY, by=None)
    assert "Fern" not in [m.site.name for m in match_sites(case)]  # where the person is placed already
    assert heavy.pk in [m.site.pk for m in match_sites(case)]
