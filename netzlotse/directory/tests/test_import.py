from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from netzlotse.directory.models import ImportRun, Offer, OfferChange
from netzlotse.directory.services import offers_import
from netzlotse.network.models import Organization

from .spreadsheets import csv_bytes, offer_row, xlsx

ORG = {"ID": "vhs-meissen", "Name": "Volkshochschule Meißen", "Art": "provider", "Regionen (AGS)": "14627"}


def test_it_imports_organisations_offers_and_locations_in_one_go(world):
    content = xlsx(orgs=[ORG], offers=[offer_row("vhs-1", "vhs-meissen", "Deutschkurs Meißen",
                                                 **{"Sprachen": "de, ar", "gültig bis": "31.12.2030"})],
                   locations=[{"Angebots-ID": "vhs-1", "Art": "office", "Ort": "Meißen", "Kreis (AGS)": "14627",
                               "Sprechzeiten": "Di 10:00-12:00"}])
    plan = offers_import(filename="daten.xlsx", content=content, by=world.admin)
    assert plan.is_valid and plan.written
    offer = Offer.objects.get(external_id="vhs-1")
    assert offer.provider.name == "Volkshochschule Meißen"
    assert sorted(offer.languages.values_list("code", flat=True)) == ["ar", "de"]
    assert offer.locations.get().opening_hours.get().weekday == 1
    assert offer.changes.get().action == OfferChange.Action.IMPORTED
    assert "deutschkurs" in offer.search_text and "volkshochschule" in offer.search_text


def test_it_updates_instead_of_duplicating_on_reimport(world):
    first = xlsx(offers=[offer_row(capacity=None)])
    offers_import(filename="a.xlsx", content=first, by=world.admin)
    again = xlsx(offers=[offer_row(**{"Plätze": 15})])
    plan = offers_import(filename="a.xlsx", content=again, by=world.admin)
    assert plan.counts()["Angebote"] == {"neu": 0, "aktualisieren": 1, "fehlerhaft": 0}
    assert Offer.objects.filter(external_id="angebot-1").count() == 1
    offer = Offer.objects.get(external_id="angebot-1")
    assert offer.capacity == 15
    assert offer.changes.filter(action=OfferChange.Action.IMPORTED).count() == 2
    assert offer.changes.first().changes["capacity"] == ["", "15"]


def test_it_writes_nothing_in_a_dry_run(world):
    plan = offers_import(filename="a.xlsx", content=xlsx(offers=[offer_row()]), by=world.admin, dry_run=True)
    assert plan.is_valid and not plan.written
    assert not Offer.objects.filter(external_id="angebot-1").exists()


def test_it_lists_every_error_with_row_column_and_reason_and_writes_nothing(world):
    before = Offer.objects.count()
    content = xlsx(offers=[
        offer_row("ok-1"),
        offer_row("bad-1", provider="gibt-es-nicht", **{"Mindestalter": "alt"}),
        offer_row("bad-2", **{"Handlungsfelder": "zauberei", "gültig ab": "2027-01-01", "gültig bis": "2026-01-01"}),
        offer_row("ok-1"),
    ])
    plan = offers_import(filename="a.xlsx", content=content, by=world.admin)
    errors = {(e.row, e.column) for e in plan.errors}
    assert errors == {(3, "Träger-ID"), (3, "Mindestalter"), (4, "Handlungsfelder"), (4, "gültig bis"), (5, "ID")}
    assert all(e.message for e in plan.errors)
    assert Offer.objects.count() == before


def test_it_refuses_formulas(world):
    content = xlsx(offers=[offer_row(title="=cmd|' /C calc'!A0"), offer_row("b", **{"Kontakttelefon": "+49 351 123"}),
                           offer_row("c", **{"Beschreibung (de)": "@SUMME(A1)"})])
    plan = offers_import(filename="a.xlsx", content=content, by=world.admin)
    assert [(e.row, e.column) for e in plan.errors] == [(2, "Titel (de)"), (4, "Beschreibung (de)")]
    assert "Formel" in plan.errors[0].message


def test_it_reads_semicolon_csv_in_utf8(world):
    plan = offers_import(filename="a.csv", content=csv_bytes([offer_row(title="Café Beratung")]), by=world.admin)
    assert plan.written
    assert Offer.objects.get(external_id="angebot-1").title_de == "Café Beratung"


def test_it_explains_a_csv_that_is_not_utf8(world):
    plan = offers_import(filename="a.csv", content=csv_bytes([offer_row(title="Größe")], encoding="cp1252"))
    assert "UTF-8" in plan.file_errors[0]


def test_it_explains_missing_sheets_and_columns(world):
    assert "Tabellenblatt" in offers_import(filename="a.xlsx", content=xlsx(sheets=())).file_errors[0]
    assert "Pflichtspalten" in offers_import(filename="a.csv", content=b"Titel (de);Foo\nA;B\n").file_errors[0]


def test_it_keeps_coordinators_to_their_network(world):
    content = xlsx(offers=[offer_row(provider="traeger-c")])
    plan = offers_import(filename="a.xlsx", content=content, by=world.coordinator)
    assert plan.errors[0].column == "Träger-ID"
    content = xlsx(orgs=[ORG], offers=[offer_row(provider="vhs-meissen")])
    assert offers_import(filename="a.xlsx", content=content, by=world.coordinator).written
    assert world.network.memberships.filter(organization__external_id="vhs-meissen").exists()


def test_provider_staff_import_their_own_organisations_offers_only(client, world):
    """Found by users: provider staff got 403 on the import. Within their organisation they may; every row
    reaching beyond it is an error at its cell, and nothing of such a file is written."""
    client.force_login(world.owner)
    assert client.get(reverse("directory:import")).status_code == 200
    upload = client.post(reverse("directory:import"), {"file": _file("a.xlsx", xlsx(offers=[offer_row()]))})
    assert "Alle Zeilen sind fehlerfrei" in upload.content.decode()
    run = ImportRun.objects.get(uploaded_by=world.owner)
    assert client.post(reverse("directory:import_run", args=[run.pk])).status_code == 302
    assert Offer.objects.get(external_id="angebot-1").provider == world.provider_a

    world.offer_b.external_id = "sprachkurs-b"
    world.offer_b.save(update_fields=["external_id"])
    content = xlsx(orgs=[ORG], offers=[offer_row(ext="neu-b", provider="traeger-b"),
                                       offer_row(ext="sprachkurs-b", provider="traeger-a")],
                   locations=[{"Angebots-ID": "sprachkurs-b", "Art": "office", "Ort": "Leipzig",
                               "Kreis (AGS)": "14713"}])
    plan = offers_import(filename="a.xlsx", content=content, by=world.owner)
    errors = {(e.sheet, e.column) for e in plan.errors}
    assert ("Organisationen", "ID") in errors  # organisations are the coordination's to create
    assert ("Angebote", "Träger-ID") in errors  # another provider's offer
    assert ("Angebote", "ID") in errors  # an existing offer of another provider is never taken over
    assert ("Orte", "Angebots-ID") in errors  # nor are its places replaced
    assert not plan.written and Offer.objects.get(pk=world.offer_b.pk).provider == world.provider_b


def test_it_checks_then_imports_through_the_page(client, world):
    client.force_login(world.coordinator)
    upload = client.post(reverse("directory:import"), {"file": _file("a.xlsx", xlsx(offers=[offer_row()]))})
    assert "Alle Zeilen sind fehlerfrei" in upload.content.decode()
    assert not Offer.objects.filter(external_id="angebot-1").exists()
    run = upload.context["run"]
    client.post(reverse("directory:import_run", args=[run.pk]))
    assert Offer.objects.filter(external_id="angebot-1").exists()
    assert not ImportRun.objects.filter(pk=run.pk).exists()  # the file is not kept once imported


def test_it_shows_every_row_with_its_errors_on_the_page(client, world):
    client.force_login(world.coordinator)
    bad = xlsx(offers=[offer_row(), offer_row("x", **{"Status": "irgendwas"})])
    response = client.post(reverse("directory:import"), {"file": _file("a.xlsx", bad)})
    html = response.content.decode()
    assert "1 Fehler" in html and "irgendwas" in html and "Jetzt importieren" not in html
    assert response.status_code == 400 and not ImportRun.objects.exists()  # a file with errors is not kept


def test_it_does_not_run_someone_elses_upload(client, world):
    client.force_login(world.coordinator)
    run = client.post(reverse("directory:import"), {"file": _file("a.xlsx", xlsx(offers=[offer_row()]))}).context["run"]
    client.force_login(world.admin)
    assert client.post(reverse("directory:import_run", args=[run.pk])).status_code == 404


def test_it_offers_a_template_listing_every_code(client, world):
    client.force_login(world.coordinator)
    response = client.get(reverse("directory:import_template"))
    book = load_workbook(__import__("io").BytesIO(response.getvalue()))
    assert book.sheetnames == ["Organisationen", "Angebote", "Orte", "Codes"]
    codes = {row[1] for row in book["Codes"].iter_rows(values_only=True)}
    assert {"zugang", "anerkennung", "gefluechtete", "duldung", "office", "ar"} <= codes
    assert {"Entwurf", "veröffentlicht", "Feste Beratungsstelle", "ja", "nein"} <= codes  # German names to pick
    # Each sheet shows an example row, and every coded column a drop-down list from the sheet "Codes".
    offers = book["Angebote"]
    headers = [cell.value for cell in offers[1]]
    assert offers.cell(2, headers.index("ID") + 1).value.startswith("BEISPIEL")
    lists = {str(v.sqref).split(":")[0]: v for v in offers.data_validations.dataValidation}
    status = lists[f"{get_column_letter(headers.index('Status') + 1)}2"]
    assert status.type == "list" and "Codes" in status.formula1 and status.showErrorMessage
    assert len(lists) >= 10  # status, access, appointment, ja/nein, phases and every vocabulary


def test_the_template_as_downloaded_imports_nothing_but_says_why(client, world):
    client.force_login(world.coordinator)
    template = client.get(reverse("directory:import_template")).getvalue()
    plan = offers_import(filename="vorlage.xlsx", content=template, by=world.coordinator)
    assert not plan.written
    assert {e.message for e in plan.errors} >= {
        "Das ist die Beispielzeile der Vorlage: bitte überschreiben oder löschen."}


def test_coded_columns_take_the_german_name_and_say_what_is_allowed_in_german(world):
    plan = offers_import(filename="a.xlsx", content=xlsx(offers=[offer_row(Status="veröffentlicht")]), by=world.admin)
    assert plan.written and Offer.objects.get(external_id="angebot-1").status == Offer.Status.PUBLISHED
    plan = offers_import(filename="a.xlsx", content=xlsx(offers=[offer_row(ext="x-2", Status="online")]),
                         by=world.admin)
    assert plan.errors[0].message == "„online“ ist nicht erlaubt. Erlaubt: Entwurf, veröffentlicht, archiviert"


def test_it_imports_from_the_command_line(world, tmp_path, capsys):
    path = tmp_path / "angebote.xlsx"
    path.write_bytes(xlsx(offers=[offer_row()]))
    call_command("import_offers", str(path), "--dry-run")
    assert not Offer.objects.filter(external_id="angebot-1").exists()
    call_command("import_offers", str(path))
    assert Offer.objects.filter(external_id="angebot-1").exists()
    bad = tmp_path / "kaputt.xlsx"
    bad.write_bytes(xlsx(offers=[offer_row(provider="nope")]))
    try:
        call_command("import_offers", str(bad))
        raise AssertionError("expected CommandError")
    except CommandError:
        assert "Träger-ID" in capsys.readouterr().err


def test_it_round_trips_an_export(client, world):
    client.force_login(world.admin)
    exported = client.get(reverse("directory:export"), {"format": "import"}).getvalue()
    before = Offer.objects.count()
    plan = offers_import(filename="export.xlsx", content=exported, by=world.admin)
    assert plan.written, [(e.row, e.column, e.message) for e in plan.errors] + plan.file_errors
    assert plan.counts()["Angebote"]["aktualisieren"] == before  # the administrator's export holds every offer
    assert Offer.objects.count() == before
    assert Organization.objects.count() == 5
    assert not OfferChange.objects.filter(action=OfferChange.Action.IMPORTED).exists()


def test_it_updates_an_exported_offer_edited_in_excel(client, world):
    from io import BytesIO

    from openpyxl import load_workbook

    client.force_login(world.admin)
    book = load_workbook(BytesIO(client.get(reverse("directory:export"), {"format": "import"}).getvalue()))
    sheet = book["Angebote"]
    headers = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[headers.index("Titel (de)")].value == "Anerkennungsberatung Dresden":
            row[headers.index("Plätze")].value = 7
    buffer = BytesIO()
    book.save(buffer)
    assert offers_import(filename="x.xlsx", content=buffer.getvalue(), by=world.admin).written
    world.offer_a.refresh_from_db()
    assert world.offer_a.capacity == 7 and world.offer_a.external_id is None


def _file(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)
