"""Building import files in tests."""

from io import BytesIO

from openpyxl import Workbook

from netzlotse.directory.imports.columns import LOCATION_COLUMNS, OFFER_COLUMNS, ORG_COLUMNS


def offer_row(ext="angebot-1", provider="traeger-a", title="Importiertes Angebot", **values):
    row = {"ID": ext, "Träger-ID": provider, "Titel (de)": title, "Beschreibung (de)": "Beschreibung",
           "Phasen": "zugang", "Status": "published", "Handlungsfelder": "beratung", "Einzugsgebiet (AGS)": "14612"}
    row.update(values)
    return row


def xlsx(orgs=(), offers=(), locations=(), sheets=("Organisationen", "Angebote", "Orte")) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for name, columns, rows in (("Organisationen", ORG_COLUMNS, orgs), ("Angebote", OFFER_COLUMNS, offers),
                                ("Orte", LOCATION_COLUMNS, locations)):
        if name not in sheets:
            continue
        sheet = book.create_sheet(name)
        headers = [c.header for c in columns]
        sheet.append(headers)
        for row in rows:
            sheet.append([row.get(h) for h in headers])
    if not book.sheetnames:
        book.create_sheet("Tabelle1").append(["irgendetwas"])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows, columns=OFFER_COLUMNS, encoding="utf-8", delimiter=";") -> bytes:
    headers = [c.header for c in columns]
    lines = [delimiter.join(headers)] + [delimiter.join(str(r.get(h, "")) for h in headers) for r in rows]
    return ("\n".join(lines) + "\n").encode(encoding)
