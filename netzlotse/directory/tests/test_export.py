from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook

from netzlotse.core.xlsx import neutralise
from netzlotse.directory.tests.helpers import make_offer


def rows(response, sheet="Angebote"):
    # A download streams once: keep what was read for the next sheet
    content = response.__dict__.setdefault("read_content", response.getvalue())
    book = load_workbook(BytesIO(content))
    return list(book[sheet].iter_rows(values_only=True))


def test_anyone_gets_the_search_result_as_a_readable_list(client, world):
    """Found by users: the public export was the import format (IDs, codes, one sheet per table). It is a list
    people read: title, provider, places, phases, contact and the page's address."""
    world.provider_a.phone = "0351 1234"
    world.provider_a.save()
    response = client.get(reverse("directory:export"), {"q": "anerkennung"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    table = rows(response)
    assert table[0][:5] == ("Angebot", "Träger", "Orte", "Sprechzeiten", "Phasen")
    row = dict(zip(table[0], table[1], strict=True))
    assert row["Angebot"] == "Anerkennungsberatung Dresden" and row["Träger"] == "Träger A"
    assert row["Orte"] == "Dresden" and row["Sprechzeiten"] == "Mo 09:00-12:00" and row["Phasen"].startswith("1. ")
    assert row["Telefon"] == "0351 1234"  # the provider's line where the offer has none of its own
    assert row["Seite in netzlotse"] == f"http://testserver/angebote/{world.offer_a.pk}/"
    assert len(table) == 2


def test_staff_get_the_import_format_and_others_are_told_why_not(client, world):
    assert client.get(reverse("directory:export"), {"format": "import"}).status_code == 403
    assert client.get(reverse("directory:export"), {"format": "tabelle"}).status_code == 400
    client.force_login(world.owner)
    response = client.get(reverse("directory:export"), {"q": "anerkennung", "format": "import"})
    table = rows(response)
    assert table[0][:3] == ("ID", "Träger-ID", "Projekt")
    assert [r[3] for r in table[1:]] == ["Anerkennungsberatung Dresden"]
    assert rows(response, "Orte")[1][5] == "Dresden"


def test_it_neutralises_cells_that_would_run_as_formulas(client, world):
    for dangerous in ("=HYPERLINK(\"http://x\")", "+1+1", "-2", "@SUM(A1)"):
        make_offer(world.provider_a, dangerous)
    titles = [r[0] for r in rows(client.get(reverse("directory:export")))[1:]]
    assert "'=HYPERLINK(\"http://x\")" in titles and "'+1+1" in titles and "'-2" in titles and "'@SUM(A1)" in titles
    assert not any(isinstance(t, str) and t[:1] in "=+-@" for t in titles)


def test_it_leaves_ordinary_values_alone():
    assert neutralise("Beratung") == "Beratung" and neutralise(3) == 3 and neutralise(None) is None


def test_it_exports_a_providers_own_list(client, world):
    client.force_login(world.owner)
    table = rows(client.get(reverse("directory:manage"), {"format": "xlsx"}))
    assert sorted(r[3] for r in table[1:]) == ["Anerkennungsberatung Dresden", "Entwurf von A"]
