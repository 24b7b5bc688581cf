"""Reading an uploaded spreadsheet into rows, with clear messages for files that cannot be read.

Uploads are hostile until proven otherwise: an XLSX file is a zip whose unpacked size, number of parts and
sheet dimensions are checked before anything is parsed, and its XML is parsed by defusedxml (which openpyxl
uses whenever it is installed), so entity expansion ("billion laughs") and external entities (XXE) fail."""

import csv
import io
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from .columns import SHEET_LOCATIONS, SHEET_OFFERS, SHEET_ORGS, SHEETS

MAX_PARTS = 500  # a workbook with a few sheets has a few dozen parts


class UnreadableFile(Exception):
    """The file as a whole cannot be imported; the message says why, in the user's language."""


@dataclass
class Sheet:
    name: str
    headers: list[str]
    rows: list[tuple[int, dict]] = field(default_factory=list)  # (row number as shown in Excel, values)


def read_upload(filename: str, content: bytes, *, sheets=SHEETS, csv_sheet=None) -> dict[str, Sheet]:
    """The named sheets of an XLSX file, or a CSV file as the one sheet `csv_sheet(headers)` names
    (the offer import's sheets by default; the case file's import names its own)."""
    if len(content) > settings.IMPORT_MAX_BYTES:
        raise UnreadableFile(_("Die Datei ist größer als %(mb)d MB.") % {"mb": settings.IMPORT_MAX_BYTES // 2**20})
    if not content:
        raise UnreadableFile(_("Die Datei ist leer."))
    if content[:4] == b"PK\x03\x04" or filename.lower().endswith(".xlsx"):
        found = _read_xlsx(content, sheets)
    elif filename.lower().endswith(".csv") or filename.lower().endswith(".txt"):
        found = _read_csv(content, csv_sheet or _offer_csv_sheet)
    else:
        raise UnreadableFile(_("Bitte laden Sie eine Excel-Datei (.xlsx) oder eine CSV-Datei (.csv) hoch."))
    if not found:
        raise UnreadableFile(_("Die Datei enthält kein passendes Tabellenblatt; erwartet: %(sheets)s.")
                             % {"sheets": ", ".join(f"„{name}“" for name in sheets)})
    return found


def _clean_header(value) -> str:
    return str(value).strip() if value is not None else ""


def _to_sheet(name: str, rows_iter) -> Sheet:
    try:
        header_row = next(rows_iter)
    except StopIteration:
        raise UnreadableFile(_("Das Tabellenblatt „%(sheet)s“ ist leer.") % {"sheet": name}) from None
    headers = [_clean_header(h) for h in header_row]
    while headers and not headers[-1]:
        headers.pop()
    sheet = Sheet(name=name, headers=headers)
    for number, values in enumerate(rows_iter, start=2):
        if number > settings.IMPORT_MAX_ROWS:
            raise UnreadableFile(_("Mehr als %(n)d Zeilen in „%(sheet)s“.") % {"n": settings.IMPORT_MAX_ROWS,
                                                                              "sheet": name})
        values = list(values)
        if not any(v not in (None, "") and str(v).strip() for v in values):
            continue  # blank lines are common at the end of spreadsheets
        extra = [v for v in values[len(headers):] if v not in (None, "")]
        row = {h: (values[i] if i < len(values) else None) for i, h in enumerate(headers) if h}
        if extra:
            row["__extra__"] = extra
        sheet.rows.append((number, row))
    return sheet


def _check_zip(content: bytes) -> None:
    """Refuse a file that would unpack to far more than it weighs, before any part of it is read."""
    try:
        parts = zipfile.ZipFile(io.BytesIO(content)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UnreadableFile(_("Die Datei ist keine lesbare Excel-Datei (.xlsx).")) from None
    unpacked = sum(part.file_size for part in parts)
    if len(parts) > MAX_PARTS or unpacked > settings.IMPORT_MAX_UNPACKED_BYTES:
        raise UnreadableFile(_("Die Excel-Datei entpackt sich auf mehr als %(mb)d MB; so große Dateien werden nicht "
                               "gelesen. Bitte teilen Sie sie auf oder speichern Sie sie als CSV.")
                             % {"mb": settings.IMPORT_MAX_UNPACKED_BYTES // 2**20})


def _rows_of(worksheet, name):
    """The sheet's rows, once its stated size is within the limits (read-only mode trusts the dimension)."""
    rows, columns = worksheet.max_row or 0, worksheet.max_column or 0
    if rows > settings.IMPORT_MAX_ROWS + 1:
        raise UnreadableFile(_("Mehr als %(n)d Zeilen in „%(sheet)s“.") % {"n": settings.IMPORT_MAX_ROWS,
                                                                          "sheet": name})
    if columns > settings.IMPORT_MAX_COLUMNS:
        raise UnreadableFile(_("Mehr als %(n)d Spalten in „%(sheet)s“.") % {"n": settings.IMPORT_MAX_COLUMNS,
                                                                           "sheet": name})
    return worksheet.iter_rows(values_only=True, max_col=settings.IMPORT_MAX_COLUMNS)


def _read_xlsx(content: bytes, sheets) -> dict[str, Sheet]:
    _check_zip(content)
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, TypeError):
        raise UnreadableFile(_("Die Datei ist keine lesbare Excel-Datei (.xlsx).")) from None
    except Exception:  # malformed or hostile XML (defusedxml refuses entities and DTDs) in the workbook's parts
        raise UnreadableFile(_("Die Excel-Datei ist beschädigt und kann nicht gelesen werden.")) from None
    try:
        return {name: _to_sheet(name, _rows_of(book[name], name)) for name in sheets if name in book.sheetnames}
    except UnreadableFile:
        raise
    except Exception:  # openpyxl raises many kinds of errors on damaged parts of a workbook
        raise UnreadableFile(_("Die Excel-Datei ist beschädigt und kann nicht gelesen werden.")) from None
    finally:
        book.close()


def _read_csv(content: bytes, csv_sheet) -> dict[str, Sheet]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableFile(_("Die CSV-Datei ist nicht UTF-8-kodiert. Bitte speichern Sie sie in Excel als "
                               "„CSV UTF-8 (durch Trennzeichen getrennt)“.")) from None
    if "\x00" in text:
        raise UnreadableFile(_("Die CSV-Datei enthält ungültige Zeichen (Nullbytes)."))
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as exc:
        raise UnreadableFile(_("Die CSV-Datei ist fehlerhaft: %(error)s") % {"error": exc}) from None
    if not rows:
        raise UnreadableFile(_("Die Datei ist leer."))
    name = csv_sheet({_clean_header(h) for h in rows[0]})
    return {name: _to_sheet(name, iter(rows))}


def _offer_csv_sheet(headers: set[str]) -> str:
    if "Angebots-ID" in headers:
        return SHEET_LOCATIONS
    if "Titel (de)" in headers:
        return SHEET_OFFERS
    if "Name" in headers and "Art" in headers:
        return SHEET_ORGS
    raise UnreadableFile(_("Die CSV-Datei hat weder die Spalten eines Angebots-Imports („Titel (de)“) noch "
                           "die eines Organisations-Imports („Name“, „Art“). Laden Sie die Vorlage herunter."))
