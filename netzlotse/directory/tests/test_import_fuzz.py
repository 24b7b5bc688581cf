"""Malformed files never crash the importer, always get a clear message, and never write a row."""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netzlotse.directory.imports.columns import OFFER_COLUMNS
from netzlotse.directory.models import Offer
from netzlotse.directory.services import offers_import

from .spreadsheets import csv_bytes, offer_row, xlsx

FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
HEADERS = [c.header for c in OFFER_COLUMNS if c.header != "ID"]
# Control characters cannot be stored in an XLSX file at all, so they cannot arrive in one.
storable = st.characters(blacklist_categories=("Cc", "Cs"))
cells = st.one_of(st.none(), st.text(storable, max_size=50), st.integers(-10**12, 10**12), st.floats(allow_nan=True),
                  st.booleans(), st.dates(min_value=date(1900, 1, 1)), st.text(storable, min_size=300, max_size=12_000))


def assert_rejected_cleanly(plan, offers_before):
    assert not plan.written
    assert plan.file_errors or plan.errors
    assert all(isinstance(m, str) and m for m in plan.file_errors)
    assert all(e.message and e.row >= 2 for e in plan.errors)
    assert Offer.objects.count() == offers_before


@pytest.fixture
def offers_before(world):
    return Offer.objects.count()


@FUZZ
@given(content=st.binary(max_size=3000), name=st.sampled_from(["a.xlsx", "a.csv", "a.txt", "a.pdf"]))
def test_it_rejects_arbitrary_bytes(world, offers_before, content, name):
    plan = offers_import(filename=name, content=content, by=world.admin)
    assert_rejected_cleanly(plan, offers_before)


@FUZZ
@given(column=st.sampled_from(HEADERS), value=cells)
def test_it_checks_every_cell_type_and_size(world, offers_before, column, value):
    row = offer_row(ext="fuzz", **{column: value})
    plan = offers_import(filename="a.xlsx", content=xlsx(offers=[row, offer_row("fuzz")]), by=world.admin)
    # The duplicate ID makes the file invalid whatever the fuzzed cell holds.
    assert_rejected_cleanly(plan, offers_before)
    assert any(e.column == "ID" for e in plan.errors)


@FUZZ
@given(formula=st.text(min_size=1, max_size=40).map(lambda s: "=" + s), column=st.sampled_from(
    ["Titel (de)", "Beschreibung (de)", "Kontakttelefon", "Projekt", "Titel (en)"]))
def test_it_rejects_formula_injection_in_any_text_column(world, offers_before, formula, column):
    plan = offers_import(filename="a.csv", content=csv_bytes([offer_row(**{column: formula.replace(";", ",")
                                                                           .replace("\n", " ").replace("\r", " ")
                                                                           .replace('"', "'")})]),
                         by=world.admin)
    assert_rejected_cleanly(plan, offers_before)


@FUZZ
@given(text=st.text(alphabet="äöüßéàçñ", min_size=1, max_size=20), encoding=st.sampled_from(["cp1252", "latin-1", "utf-16"]))
def test_it_explains_broken_encodings(world, offers_before, text, encoding):
    plan = offers_import(filename="a.csv", content=csv_bytes([offer_row(title=text)], encoding=encoding), by=world.admin)
    assert_rejected_cleanly(plan, offers_before)
    assert "UTF-8" in plan.file_errors[0] or "Nullbytes" in plan.file_errors[0]


@FUZZ
@given(sheets=st.lists(st.sampled_from(["Organisationen", "Angebote", "Orte"]), max_size=3, unique=True))
def test_it_handles_missing_and_empty_sheets(world, offers_before, sheets):
    plan = offers_import(filename="a.xlsx", content=xlsx(sheets=tuple(sheets)), by=world.admin)
    assert_rejected_cleanly(plan, offers_before)
