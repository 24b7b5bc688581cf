"""The report as an Excel workbook (the table with a line chart, one sheet per breakdown) and as CSV.

Both carry the figures exactly as the reader sees them on the page, suppressed cells included, so an
export never tells a funder more than the page does.
"""

import csv
import io
import re
from io import BytesIO

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.chart import LineChart, Reference
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from netzlotse.core.xlsx import XLSX_TYPE, attachment, safe_row

from .report import describe_filters


def _filename(report, ending: str) -> str:
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", str(report.scope)).strip("-")[:60] or "bericht"
    return f"monitoring-{name}-{timezone.localdate():%Y-%m-%d}.{ending}"


def _headers(report, *first) -> list[str]:
    return [*first, *[day.strftime("%d.%m.%Y") for day in report.dates]]


def _value(cell):
    return "" if cell.shown is None else cell.shown


def _write(sheet, rows) -> None:
    widths = {}
    for row in rows:
        sheet.append(safe_row(row))
        for i, value in enumerate(row, start=1):
            widths[i] = min(60, max(widths.get(i, 0), len(str(value))))
    for i, width in widths.items():
        sheet.column_dimensions[get_column_letter(i)].width = width + 2
    for cell in sheet[1]:
        cell.font = Font(bold=True)


def workbook(report) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Bericht")[:31]
    rows = [_headers(report, _("Kennzahl")) + [_("Ziel"), _("% des Ziels")]]
    for row in report.rows:
        rows.append([row.label, *[_value(c) for c in row.cells], row.target or "",
                     "" if row.progress is None else row.progress])
    _write(sheet, rows)
    notes = [[], [_("Förderprogramm / Projekt"), str(report.scope)], [_("Filter"), ", ".join(describe_filters(
        report.scope))], [_("Erstellt am"), timezone.localtime().strftime("%d.%m.%Y %H:%M")]]
    if report.suppressed:
        notes.append([_("Hinweis"), _("„< 5“: Werte von 1 bis 4; „x“: gesperrt, damit kein kleiner Wert aus Summen "
                                      "errechnet werden kann.")])
    if report.has_corrections:
        notes.append([_("Hinweis"), _("Abgeschlossene Stichtage zeigen die gemeldete Zahl; berichtigte Zahlen stehen "
                                      "auf der Seite und im Blatt „Berichtigungen“.")])
    for line in notes:  # the scope names a programme or project, which anyone who keeps projects may name
        sheet.append(safe_row(line))
    _chart(sheet, report)
    corrections = [[_("Kennzahl"), _("Stichtag"), _("gemeldet"), _("berichtigt")]]
    for row in report.rows:
        for day, cell in zip(report.dates, row.cells, strict=True):
            if cell.corrected is not None:
                corrections.append([row.label, day.strftime("%d.%m.%Y"), cell.shown, cell.corrected])
    if len(corrections) > 1:
        _write(book.create_sheet(_("Berichtigungen")[:31]), corrections)
    for section in report.sections:
        lines = [_headers(report, _("Kennzahl"), str(section.breakdown.label))]
        for indicator, group_rows in section.blocks:
            lines += [[str(indicator.label), r.label, *[_value(c) for c in r.cells]] for r in group_rows]
        _write(book.create_sheet(str(section.breakdown.label)[:31]), lines)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _chart(sheet, report) -> None:
    """A native Excel line chart of the counts over the cut-off dates (ratios have another scale)."""
    counts = [i for i, row in enumerate(report.rows, start=2) if not row.indicator.is_ratio]
    if not counts or len(report.dates) < 2:
        return
    chart = LineChart()
    chart.title = _("Kennzahlen zu den Stichtagen")
    chart.y_axis.title = _("Anzahl")
    chart.height, chart.width = 9, 18
    last_column = 1 + len(report.dates)
    for row in counts:
        chart.add_data(Reference(sheet, min_col=1, max_col=last_column, min_row=row, max_row=row), from_rows=True,
                       titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=2, max_col=last_column, min_row=1, max_row=1))
    sheet.add_chart(chart, f"A{len(report.rows) + 9}")


def csv_rows(report):
    """One line per figure: area, group, indicator code and label, cut-off date, value, change."""
    yield ["bereich", "gruppe", "kennzahl", "bezeichnung", "stichtag", "wert", "veraenderung"]
    for row in report.rows:
        for day, cell in zip(report.dates, row.cells, strict=True):
            yield [_("Gesamt"), "", row.indicator.code, row.label, day.isoformat(), _value(cell),
                   "" if cell.change is None else cell.change]
    for section in report.sections:
        for indicator, group_rows in section.blocks:
            for r in group_rows:
                for day, cell in zip(report.dates, r.cells, strict=True):
                    yield [str(section.breakdown.label), r.label, indicator.code, str(indicator.label),
                           day.isoformat(), _value(cell), "" if cell.change is None else cell.change]


def csv_bytes(report) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for line in csv_rows(report):
        writer.writerow(safe_row(line))
    # With a byte order mark, Excel opens the umlauts right.
    return ("\ufeff" + buffer.getvalue()).encode()


CONTENT_TYPES = {"xlsx": XLSX_TYPE, "csv": "text/csv; charset=utf-8"}
WRITERS = {"xlsx": workbook, "csv": csv_bytes}


def file_for(report, ending: str) -> tuple[bytes, str]:
    """The export's content and file name."""
    return WRITERS[ending](report), _filename(report, ending)


def download(content: bytes, filename: str, ending: str) -> HttpResponse:
    return attachment(content, filename, CONTENT_TYPES[ending])


def response(report, ending: str) -> HttpResponse:
    return download(*file_for(report, ending), ending)
