"""The downloadable import template: the three sheets with their headers and one example row each, a drop-down
list on every coded column (data validation over the sheet "Codes"), and every code with its meaning.

The example rows carry the ID prefix EXAMPLE_PREFIX (columns.py); the importer refuses such rows ("overwrite or delete the
example"), so a template uploaded with the example left in never creates an offer called "Beispiel".
"""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from netzlotse.core.xlsx import safe_row

from ..models import DeliveryMode, FieldOfAction, Language, Phase, ResidenceStatus, TargetGroup
from .columns import (
    EXAMPLE_PREFIX,
    LOCATION_COLUMNS,
    OFFER_COLUMNS,
    ORG_COLUMNS,
    SHEET_CODES,
    SHEET_LOCATIONS,
    SHEET_OFFERS,
    SHEET_ORGS,
)

ROWS_WITH_LISTS = 2000  # the drop-downs cover this many data rows
EXAMPLES = {
    SHEET_ORGS: {"ID": "BEISPIEL-traeger", "Name": "Beispielträger e. V. (Zeile überschreiben oder löschen)",
                 "Art": "Träger", "Regionen (AGS)": "14612", "E-Mail": "info@beispiel.example", "Ort": "Dresden"},
    SHEET_OFFERS: {"ID": "BEISPIEL-angebot", "Träger-ID": "BEISPIEL-traeger",
                   "Titel (de)": "Bewerbungswerkstatt (Beispiel – Zeile überschreiben oder löschen)",
                   "Beschreibung (de)": "Unterlagen erstellen, Vorstellungsgespräche üben, Stellen finden.",
                   "Phasen": "orientierung, einmuendung", "phasenübergreifend": "nein", "Handlungsfelder": "vermittlung",
                   "Zielgruppen": "gefluechtete", "Einzugsgebiet (AGS)": "14612", "Angebotsformen": "office",
                   "Sprachen": "de, ar", "Plätze": 12, "Kosten (EUR)": 0, "Ansprechperson": "Frau Neumann",
                   "Kontakttelefon": "0351 123456", "Kontakt-E-Mail": "bewerbung@beispiel.example",
                   "Termin": "mit oder ohne Termin", "Status": "Entwurf"},
    SHEET_LOCATIONS: {"Angebots-ID": "BEISPIEL-angebot", "Art": "Feste Beratungsstelle", "Straße": "Hauptstraße 3",
                      "PLZ": "01067", "Ort": "Dresden", "Kreis (AGS)": "14612", "Sprechzeiten": "Mo 09:00-12:00",
                      "Barrierefreiheit": "Eingang ebenerdig, Aufzug"},
}
SHEETS = {SHEET_ORGS: ORG_COLUMNS, SHEET_OFFERS: OFFER_COLUMNS, SHEET_LOCATIONS: LOCATION_COLUMNS}


def _code_lists() -> dict[str, list[tuple[str, str]]]:
    """(list name → [(what to write, meaning)]): single choices by their German names, vocabularies by code."""
    lists = {}
    for columns in SHEETS.values():
        for column in columns:
            if column.labels:
                lists[column.header] = [(label, value) for value, label in column.labels if value]
    lists["ja/nein"] = [("ja", ""), ("nein", "")]
    phases = Phase.objects.select_related("chain").order_by("-chain__is_default", "chain__code", "position")
    lists["Phasen"] = [(p.code if p.chain.is_default else f"{p.chain.code}:{p.code}", p.name_de) for p in phases]
    for header, model in (("Handlungsfelder", FieldOfAction), ("Zielgruppen", TargetGroup),
                          ("Aufenthaltsstatus", ResidenceStatus), ("Angebotsformen", DeliveryMode),
                          ("Sprachen", Language)):
        lists[header] = [(v.code, v.label_de) for v in model.objects.filter(is_active=True)]
    return lists


def _list_for(column, lists):
    if column.labels:
        return column.header, True
    if column.kind == "bool":
        return "ja/nein", True
    if column.kind in ("codes", "phases"):
        return column.header, False  # a suggestion: several codes may be written, separated by commas
    return None, False


def template_bytes() -> bytes:
    lists = _code_lists()
    book = Workbook()
    book.remove(book.active)
    data_sheets = {name: book.create_sheet(name) for name in SHEETS}
    codes = book.create_sheet(SHEET_CODES)
    codes.append(["Liste", "Eintrag", "Bedeutung"])
    ranges = {}
    for name, entries in lists.items():
        first = codes.max_row + 1
        for entry, meaning in entries:
            codes.append(safe_row([name, entry, meaning]))
        ranges[name] = f"'{SHEET_CODES}'!$B${first}:$B${codes.max_row}"
    codes.append(["Hinweis", "AGS", "Regionen als amtliche Schlüssel, z. B. 14612 (Dresden) oder 14 (Sachsen)"])
    codes.append(["Hinweis", EXAMPLE_PREFIX, "Zeilen mit dieser ID sind Beispiele: überschreiben oder löschen"])
    for name, columns in SHEETS.items():
        sheet = data_sheets[name]
        sheet.append([c.header for c in columns])
        sheet.append(safe_row(EXAMPLES[name].get(c.header, "") for c in columns))
        for index, column in enumerate(columns, start=1):
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = max(14, min(40, len(column.header) + 4))
            list_name, strict = _list_for(column, lists)
            if list_name is None:
                continue
            check = DataValidation(type="list", formula1=ranges[list_name], allow_blank=True,
                                   showErrorMessage=strict, errorTitle="Nicht erlaubt",
                                   error=f"Bitte einen Eintrag der Liste „{list_name}“ wählen (Blatt „Codes“).",
                                   promptTitle=column.header[:32], prompt=(column.hint or "Auswahl aus der Liste")[:255],
                                   showInputMessage=True)
            check.add(f"{letter}2:{letter}{ROWS_WITH_LISTS + 1}")
            sheet.add_data_validation(check)
        sheet.freeze_panes = "A2"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
