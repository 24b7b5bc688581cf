"""The JSON API: behaviour tests, and schemathesis runs (each operation, and along the OpenAPI links) that
must find no server error and no answer the OpenAPI document does not promise."""

import pytest
import schemathesis
from django.conf import settings as settings_module
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode

from config.wsgi import application


def test_it_publishes_its_openapi_document(client, db):
    document = client.get("/api/v1/openapi.json").json()
    assert document["info"]["title"] == "netzlotse API"
    assert {"/api/v1/offers", "/api/v1/offers/{offer_id}", "/api/v1/regions", "/api/v1/chains"} <= set(document["paths"])


def test_it_searches_offers_like_the_directory(client, world):
    data = client.get("/api/v1/offers", {"q": "anerkennung"}).json()
    assert data["count"] == 1
    assert data["items"][0]["title"] == "Anerkennungsberatung Dresden"
    assert data["items"][0]["phases"] == ["iq:zugang"]
    assert client.get("/api/v1/offers", {"kreis": "14713"}).json()["items"][0]["title"] == "Sprachkurs Leipzig"


def test_it_returns_only_public_offers(client, world):
    assert client.get(f"/api/v1/offers/{world.draft_a.pk}").status_code == 404
    detail = client.get(f"/api/v1/offers/{world.offer_a.pk}").json()
    assert detail["fields_of_action"] == ["anerkennung"]


def test_it_validates_parameters(client, db):
    assert client.get("/api/v1/offers", {"stand": "kein-datum"}).status_code == 422
    response = client.get("/api/v1/offers", {"kreis": "99999"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "kreis"]


def test_it_rejects_absurd_page_numbers_instead_of_failing(client, db):
    # Found by schemathesis: a 20-digit page number overflowed the database's OFFSET.
    assert client.get("/api/v1/organizations", {"page": "32589158477190044730"}).status_code == 422
    assert client.get("/api/v1/organizations", {"page": "999999"}).json()["items"] == []


def test_it_lists_regions_and_chains(client, db):
    states = client.get("/api/v1/regions", {"level": "state"}).json()
    assert states["count"] == 16
    assert client.get("/api/v1/regions/14612").json()["parent_ags"] == "14"
    chains = client.get("/api/v1/chains").json()
    assert [p["code"] for p in chains[0]["phases"]][:2] == ["zugang", "orientierung"]


@pytest.fixture
def keep_connection():
    """Schemathesis calls the WSGI app directly; like Django's test client, keep the end-of-request hook
    from closing the connection that holds the test's transaction (PostgreSQL would lose it)."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(world, keep_connection):
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


def fuzz_each_operation(api_schema):
    """Every check, "schema-valid request accepted" included: a value the document allows gets an answer,
    one it does not gets 422, and no request ever a server error. Each operation is fuzzed in turn."""
    for result in api_schema.get_all_operations():
        operation = result.ok()
        auth = api_schema.auth if api_schema.auth.providers else None
        modes = [operation.as_strategy(mode, auth_storage=auth) for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)]

        @FUZZ
        @given(case=st.one_of(modes))
        def fuzz(case):
            case.call_and_validate()

        try:
            fuzz()
        except Exception as failure:
            failure.add_note(f"while fuzzing {operation.label}")
            raise


def test_it_answers_as_its_document_says(api_schema):
    # The document lists the phases, districts and codes in the database, so it is read inside the test.
    fuzz_each_operation(api_schema)


def test_it_answers_a_signed_in_member_as_its_document_says(api_schema, client, world):
    client.force_login(world.coordinator)
    name = settings_module.SESSION_COOKIE_NAME
    session = client.cookies[name].value

    class SignedIn:
        """The member's session as the API's declared cookie, so the checks can also try the call without it."""

        def get(self, case, context):
            return session

        def set(self, case, data, context):
            case.cookies = {**(case.cookies or {}), name: data}

    matrix = api_schema.include(path="/api/v1/gaps/matrix")
    matrix.auth.auth()(SignedIn)
    fuzz_each_operation(matrix)


def test_it_answers_as_its_document_says_along_its_links(api_schema):
    # Stateful: from a list to its entries and on to their districts, by the document's OpenAPI links.
    machine = api_schema.as_state_machine()
    machine.run(settings=settings(FUZZ, max_examples=25, stateful_step_count=5))


def test_the_document_and_the_answers_agree_on_edge_values(client, world):
    # Found by review: a zero id, an empty date and a zero comparison date were allowed by one and refused by
    # the other. Now an empty value is "not given" in both, and a zero id is outside the document's choices.
    document = client.get("/api/v1/openapi.json").json()
    parameters = {p["name"]: p["schema"] for p in document["paths"]["/api/v1/offers"]["get"]["parameters"]}
    phases = parameters["phase"]["anyOf"][0]["enum"]
    assert "0" not in phases and str(world.offer_a.phases.first().pk) in phases
    assert parameters["stand"]["anyOf"] == [{"type": "string", "format": "date"}, {"type": "string", "maxLength": 0}]
    assert client.get("/api/v1/offers", {"phase": "0"}).status_code == 422
    assert client.get("/api/v1/offers", {"phase": phases[0], "stand": ""}).status_code == 200
    assert client.get("/api/v1/offers", {"stand": "2025-02-30"}).json()["detail"][0]["loc"] == ["query", "stand"]
    assert client.get("/api/v1/offers", {"jetzt_offen": "vielleicht"}).status_code == 422
    matrix = {p["name"]: p["schema"] for p in document["paths"]["/api/v1/gaps/matrix"]["get"]["parameters"]}
    assert "0" not in matrix["kette"]["anyOf"][0]["enum"]
    client.force_login(world.coordinator)
    assert client.get("/api/v1/gaps/matrix", {"kette": "0"}).status_code == 422
    assert client.get("/api/v1/gaps/matrix", {"vergleich": "0"}).json()["detail"][0]["msg"].startswith("Bitte ein Datum")
    assert client.get("/api/v1/gaps/matrix", {"vergleich": "", "stand": ""}).status_code == 200


def test_a_nul_character_in_a_search_is_no_server_error(client, world):
    # found by fuzzing: PostgreSQL refuses NUL in query text
    for path in ("/api/v1/organizations", "/api/v1/regions"):
        response = client.get(path, {"q": "Tr\x00äger"})
        assert response.status_code == 422 and "ungültige Zeichen" in response.json()["detail"][0]["msg"], path
