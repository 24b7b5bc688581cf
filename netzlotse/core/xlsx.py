"""Spreadsheet output that is safe to open in Excel."""

from io import BytesIO

from django.http import FileResponse
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

# A cell starting with one of these is run as a formula by spreadsheet programs
# (CSV/formula injection, e.g. "=cmd|' /C calc'!A0").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Text that a spreadsheet would treat as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_row(values) -> list:
    """A row as every export writes it: each cell neutralised (the one place that decides it)."""
    return [neutralise(v) for v in values]


def workbook_bytes(sheets: dict[str, tuple[list[str], list[list]]]) -> bytes:
    book = Workbook(write_only=True)
    for title, (headers, rows) in sheets.items():
        sheet = book.create_sheet(title=title[:31])
        widths = [len(str(h)) for h in headers]
        for row in rows:
            for i, value in enumerate(row[: len(widths)]):
                widths[i] = min(60, max(widths[i], len(str(value or ""))))
        for i, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = width + 2
        sheet.append(safe_row(str(h) for h in headers))
        for row in rows:
            sheet.append(safe_row(row))
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def attachment(content: bytes, filename: str, content_type: str = XLSX_TYPE) -> FileResponse:
    """A file the browser saves rather than shows; Django writes the header, quoting a name with umlauts
    (`filename*=utf-8''…`) so every browser keeps it."""
    return FileResponse(BytesIO(content), as_attachment=True, filename=filename, content_type=content_type)


def xlsx_download(content: bytes, filename: str) -> FileResponse:
    return attachment(content, filename)


def xlsx_response(filename: str, sheets) -> FileResponse:
    return xlsx_download(workbook_bytes(sheets), filename)
