"""The HSDS 3.0 feed, validated against the official Open Referral schemas."""

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from netzlotse.directory.models import Phase, TargetGroup
from netzlotse.directory.tests.helpers import make_offer

SCHEMAS = Path(__file__).resolve().parents[3] / "tests" / "hsds_schemas"


def validate(instance, schema_name):
    schema = json.loads((SCHEMAS / f"{schema_name}.json").read_text())
    errors = sorted(Draft202012Validator(schema, format_checker=FormatChecker()).iter_errors(instance), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def page(client, url, schema_name, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    data = response.json()
    for key in ("total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty"):
        assert key in data
    for item in data["contents"]:
        validate(item, schema_name)
    return data


@pytest.fixture
def rich(world):
    """An offer with every relation filled, so the schemas see every nested object."""
    from datetime import date, time

    from netzlotse.directory.models import Location, MobileDate

    offer = make_offer(world.provider_a, "Vollständig", fields=("sprache",), groups=("gefluechtete",),
                       languages=("de", "ar"), min_age=18, max_age=27, cost_eur=0, contact_phone="0351 123",
                       contact_email="info@example.org", website="https://example.org/angebot",
                       title_en="Complete", labour_market_access="subordinate", contact_name="Frau Neumann",
                       appointment="appointment", appointment_note="Anmeldung per Telefon")
    offer.locations.update(phone="0351 456", accessibility_note="Eingang ebenerdig")
    mobile = Location.objects.create(offer=offer, kind="mobile", city="Görlitz", district_id=offer.locations.get().district_id)
    MobileDate.objects.create(location=mobile, date=date(2027, 1, 5), starts=time(10), ends=time(12))
    return offer


def test_it_describes_itself_with_version_and_profile(client, db):
    data = client.get("/api/hsds/").json()
    assert data["version"] == "3.0"
    assert data["profile"].endswith("/api/hsds/profile")
    assert client.get("/api/hsds/profile").json()["taxonomies"]


def test_it_lists_services_as_valid_hsds(client, world, rich):
    data = page(client, "/api/hsds/services", "service_list")
    assert data["total_items"] == 4  # the published ones
    assert {s["name"] for s in data["contents"]} >= {"Vollständig", "Anerkennungsberatung Dresden"}


def test_it_shows_a_fully_nested_service(client, world, rich):
    data = client.get(f"/api/hsds/services/{rich.uuid}").json()
    validate(data, "service")
    assert {a["taxonomy_term"]["code"] for a in data["attributes"]} == {"zugang", "gefluechtete", "sprache"}
    assert {lang["code"] for lang in data["languages"]} == {"de", "ar"}
    assert any(s.get("byday") == "MO" and s["opens_at"] == "09:00" for s in data["schedules"])
    assert any(s.get("dtstart") == "2027-01-05" for s in data["schedules"])
    # The ways to reach it, in the schema's own fields (validated above with the nested objects).
    assert data["contacts"][0]["name"] == "Frau Neumann" and data["phones"][0]["number"] == "0351 123"
    assert data["application_process"] == "nur mit Termin – Anmeldung per Telefon"
    office = next(sal["location"] for sal in data["service_at_locations"] if sal["location"]["phones"])
    assert office["phones"][0]["number"] == "0351 456"
    assert office["accessibility"][0]["description"] == "Eingang ebenerdig"


def test_it_hides_drafts_and_unknown_ids(client, world):
    assert client.get(f"/api/hsds/services/{world.draft_a.uuid}").status_code == 404
    assert client.get("/api/hsds/services/00000000-0000-0000-0000-000000000000").status_code == 404


def test_it_pages_the_hsds_way(client, world):
    first = client.get("/api/hsds/services", {"per_page": 2}).json()
    second = client.get("/api/hsds/services", {"per_page": 2, "page": 2}).json()
    assert (first["total_items"], first["total_pages"], first["size"], first["first_page"], first["last_page"]) == (
        3, 2, 2, True, False)
    assert (second["size"], second["last_page"]) == (1, True)
    assert client.get("/api/hsds/services", {"page": "null"}).status_code == 400
    assert client.get("/api/hsds/services", {"page": "32589158477190044730"}).status_code == 400


def test_it_filters_services_by_search_term_organisation_and_date(client, world, rich):
    by_text = client.get("/api/hsds/services", {"search": "anerkennung"}).json()
    assert [s["name"] for s in by_text["contents"]] == ["Anerkennungsberatung Dresden"]
    phase = Phase.objects.get(chain__is_default=True, code="qualifizierung")
    by_phase = client.get("/api/hsds/services", {"taxonomy_term_id": str(phase.term_uuid)}).json()
    assert [s["name"] for s in by_phase["contents"]] == ["Sprachkurs Leipzig"]
    group = TargetGroup.objects.get(code="gefluechtete")
    assert client.get("/api/hsds/services", {"taxonomy_term_id": str(group.term_uuid)}).json()["total_items"] == 1
    by_org = client.get("/api/hsds/services", {"organization_id": str(world.provider_b.uuid)}).json()
    assert [s["name"] for s in by_org["contents"]] == ["Sprachkurs Leipzig"]
    assert client.get("/api/hsds/services", {"modified_after": "2999-01-01"}).json()["total_items"] == 0
    assert client.get("/api/hsds/services", {"modified_after": "2000-01-01T00:00:00Z"}).json()["total_items"] == 4
    assert client.get("/api/hsds/services", {"modified_after": "gestern"}).status_code == 400


def test_it_lists_and_shows_organizations(client, world):
    data = page(client, "/api/hsds/organizations", "organization_list")
    assert data["total_items"] == 5
    detail = client.get(f"/api/hsds/organizations/{world.provider_a.uuid}").json()
    validate(detail, "organization")
    assert [s["name"] for s in detail["services"]] == ["Anerkennungsberatung Dresden"]


def test_it_lists_and_shows_services_at_locations(client, world, rich):
    data = page(client, "/api/hsds/service_at_locations", "service_at_location_list")
    assert data["total_items"] == 5
    one = data["contents"][0]
    validate(client.get(f"/api/hsds/service_at_locations/{one['id']}").json(), "service_at_location")
    filtered = client.get("/api/hsds/service_at_locations", {"organization_id": str(world.provider_b.uuid)}).json()
    assert filtered["total_items"] == 1


def test_it_publishes_phases_target_groups_and_fields_as_taxonomies(client, db):
    taxonomies = page(client, "/api/hsds/taxonomies", "taxonomy")["contents"]
    assert {t["name"] for t in taxonomies} >= {"IQ-Prozesskette berufliche Integration", "Zielgruppen", "Handlungsfelder"}
    chain = next(t for t in taxonomies if t["name"].startswith("IQ"))
    terms = page(client, "/api/hsds/taxonomy_terms", "taxonomy_term", taxonomy_id=chain["id"], per_page=100)
    assert [t["code"] for t in terms["contents"]] == ["zugang", "orientierung", "qualifizierung", "einmuendung",
                                                      "sicherung"]
    term = terms["contents"][0]
    assert client.get(f"/api/hsds/taxonomy_terms/{term['id']}").json() == term
    assert client.get(f"/api/hsds/taxonomies/{chain['id']}").json() == chain


def test_the_schema_copy_is_the_official_one():
    """tests/hsds_schemas is a verbatim copy of the official HSDS 3.0 files (checked where they are at hand)."""
    official = SCHEMAS.parents[2] / "shared" / "hsds-3.0"
    if not official.exists():
        pytest.skip("the official HSDS files are not beside the project here")
    for copy in SCHEMAS.glob("*.json"):
        source = official / "compiled" / copy.name
        source = source if source.exists() else official / copy.name
        assert copy.read_bytes() == source.read_bytes(), copy.name
