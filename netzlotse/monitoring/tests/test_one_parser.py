"""One date parser for every text a date is read from, and one key for a district in every filter."""

from datetime import date

import pytest

from netzlotse.core.dates import NotADate, parse_date
from netzlotse.directory.imports.columns import Column
from netzlotse.directory.imports.validate import CellError, parse_cell
from netzlotse.directory.schedules import parse_mobile_dates
from netzlotse.monitoring.scope import ScopeError, parse_dates


@pytest.mark.parametrize("text", ["03.12.2026", "2026-12-03", " 3.12.2026 "])
def test_it_reads_the_german_and_the_iso_form(text):
    assert parse_date(text) == date(2026, 12, 3)


@pytest.mark.parametrize("text", ["2026-02-30", "31.04.2026", "morgen", "20261203", "2026-W49-4", ""])
def test_anything_else_is_refused_with_one_message(text):
    with pytest.raises(NotADate, match="ist kein Datum \\(TT.MM.JJJJ oder JJJJ-MM-TT\\)"):
        parse_date(text)


def test_the_report_the_import_and_the_mobile_dates_read_dates_alike():
    assert parse_dates("03.12.2026, 2026-12-04") == [date(2026, 12, 3), date(2026, 12, 4)]
    assert parse_mobile_dates("03.12.2026 10:00-12:00")[0][0] == date(2026, 12, 3)
    with pytest.raises(ScopeError, match="„31.04.2026“ ist kein Datum"):
        parse_dates("31.04.2026")
    with pytest.raises(CellError, match="„31.04.2026“ ist kein Datum"):
        parse_cell(Column("valid_from", "gueltig_ab", kind="date"), "31.04.2026", lookups=None)


def test_the_report_filters_a_district_by_its_official_key(world):
    from netzlotse.monitoring.forms import ReportForm
    from netzlotse.network.models import Programme, Region

    programme = Programme.objects.create(name="StaTA", short_name="StaTA")
    form = ReportForm({"programm": programme.pk, "kreis": "15090"}, user=world.admin)
    assert form.is_valid(), form.errors
    assert form.scope().filters == {"kreis": Region.objects.get(ags="15090").pk}
    assert not ReportForm({"programm": programme.pk, "kreis": str(Region.objects.get(ags="15090").pk)},
                          user=world.admin).is_valid()
