"""Finding 5 of the security review: hostile spreadsheets. A zip bomb, huge sheet dimensions, malformed XML,
external entities (XXE) and entity expansion ("billion laughs") are refused before they cost memory or time,
with a clear German message and a 4xx, on every import page, and nothing of them is written or kept."""

import io
import zipfile

import pytest
from django.urls import reverse

from netzlotse.cases.models import Participant, PlacementSite
from netzlotse.cases.tests.test_pages import verified
from netzlotse.directory.imports.reader import UnreadableFile, read_upload
from netzlotse.directory.models import ImportRun, Offer
from netzlotse.directory.tests.spreadsheets import offer_row, xlsx
from netzlotse.network.models import Programme

OFFERS_SHEET = "xl/worksheets/sheet2.xml"  # "Angebote" in the files the tests build

XXE = (b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
       b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
       b'<c r="A1" t="inlineStr"><is><t>&x;</t></is></c></row></sheetData></worksheet>')
LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "hahahahahaha">'
          + b"".join(b'<!ENTITY %s "&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;">' % ((chr(98 + i).encode(),)
                                                                                    + (chr(97 + i).encode(),) * 10)
                     for i in range(8))
          + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
          b'<c r="A1" t="inlineStr"><is><t>&i;</t></is></c></row></sheetData></worksheet>')
MALFORMED = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetD'
HUGE_DIMENSION = (b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                  b'<dimension ref="A1:XFD1048576"/><sheetData/></worksheet>')


def _replace(content: bytes, member: str, data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, data if info.filename == member else source.read(info.filename))
    return out.getvalue()


def _bomb(unpacked_bytes: int) -> bytes:
    """A file of a few kilobytes that unpacks to `unpacked_bytes` of XML (a worksheet padded with blanks)."""
    padding = b" " * unpacked_bytes
    sheet = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' \
            + padding + b"<sheetData/></worksheet>"
    return _replace(xlsx(offers=[offer_row()]), OFFERS_SHEET, sheet)


def hostile_files(settings):
    settings.IMPORT_MAX_UNPACKED_BYTES = 2 * 2**20
    base = xlsx(offers=[offer_row()])
    return {
        "zip bomb": _bomb(3 * 2**20),
        "huge dimension": _replace(base, OFFERS_SHEET, HUGE_DIMENSION),
        "malformed XML": _replace(base, OFFERS_SHEET, MALFORMED),
        "malformed workbook": _replace(base, "xl/workbook.xml", MALFORMED),
        "XXE": _replace(base, OFFERS_SHEET, XXE),
        "billion laughs": _replace(base, OFFERS_SHEET, LAUGHS),
        "billion laughs in the workbook": _replace(base, "xl/workbook.xml", LAUGHS.replace(b"worksheet", b"workbook")),
        "not a zip": b"PK\x03\x04" + b"\x00" * 200,
    }


def test_the_zip_bomb_is_refused_before_it_is_unpacked(settings):
    settings.IMPORT_MAX_UNPACKED_BYTES = 2 * 2**20
    bomb = _bomb(3 * 2**20)
    assert len(bomb) < 60_000
    with pytest.raises(UnreadableFile, match="entpackt sich auf mehr als 2 MB"):
        read_upload("bombe.xlsx", bomb)


@pytest.mark.parametrize("kind", ["zip bomb", "huge dimension", "malformed XML", "malformed workbook", "XXE",
                                  "billion laughs", "billion laughs in the workbook", "not a zip"])
def test_every_import_page_refuses_a_hostile_file_with_a_message(client, world, settings, kind):
    content = hostile_files(settings)[kind]
    programme = Programme.objects.create(name="Landesprogramm", short_name="LP")
    programme.funders.add(world.funder_org)
    from netzlotse.network.models import Project

    Project.objects.create(name="LP-Projekt", lead=world.provider_a, programme=programme, network=world.network)
    pages = [(world.coordinator, "directory:import", {}), (world.coordinator, "monitoring:import",
                                                           {"programm": programme.pk}),
             (world.owner, "sites:import", {}), (world.counsellor, "cases:import", {})]
    for user, name, extra in pages:
        if name == "cases:import":
            verified(client, user)
        else:
            client.force_login(user)
        upload = io.BytesIO(content)
        upload.name = "datei.xlsx"
        response = client.post(reverse(name), {"file": upload, **extra})
        assert response.status_code == 400, (kind, name)
        messages = response.context["plan"].file_errors
        assert messages and all(message.strip() for message in messages), (kind, name)
        assert "root:" not in response.content.decode()  # nothing of /etc/passwd
    assert not ImportRun.objects.exists() and not Offer.objects.filter(external_id="angebot-1").exists()
    assert not PlacementSite.objects.exists() and not Participant.objects.exists()


def test_uploads_are_kept_only_until_imported_or_expired(client, world, settings, capsys):
    """Finding 10: a checked file waits for its import for a day at most, and is gone once imported."""
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    settings.IMPORT_KEEP_HOURS = 24
    old = ImportRun.objects.create(uploaded_by=world.coordinator, filename="alt.xlsx", content=b"x" * 1000)
    ImportRun.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=25))
    fresh = ImportRun.objects.create(uploaded_by=world.coordinator, filename="neu.xlsx", content=b"y")
    call_command("prune_imports", "--dry-run")
    assert "zu entfernen: 1" in capsys.readouterr().out and ImportRun.objects.count() == 2
    call_command("prune_imports")
    assert list(ImportRun.objects.values_list("pk", flat=True)) == [fresh.pk]
