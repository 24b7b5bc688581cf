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


def test_it_exports_the_current_search_result_as_xlsx(client, world):
    response = client.get(reverse("directory:export"), {"q": "anerkennung"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    table = rows(response)
    assert table[0][:3] == ("ID", "Träger-ID", "Projekt")
    assert [r[3] for r in table[1:]] == ["Anerkennungsberatung Dresden"]
    assert rows(response, "Orte")[1][5] == "Dresden"


def test_it_neutralises_cells_that_would_run_as_formulas(client, world):
    for dangerous in ("=HYPERLINK(\"http://x\")", "+1+1", "-2", "@SUM(A1)"):
        make_offer(world.provider_a, dangerous)
    titles = [r[3] for r in rows(client.get(reverse("directory:export")))[1:]]
    assert "'=HYPERLINK(\"http://x\")" in titles and "'+1+1" in titles and "'-2" in titles and "'@SUM(A1)" in titles
    assert not any(isinstance(t, str) and t[:1] in "=+-@" for t in titles)


def test_it_leaves_ordinary_values_alone():
    assert neutralise("Beratung") == "Beratung" and neutralise(3) == 3 and neutralise(None) is None


def test_it_exports_a_providers_own_list(client, world):
    client.force_login(world.owner)
    table = rows(client.get(reverse("directory:manage"), {"format": "xlsx"}))
    assert sorted(r[3] for r in table[1:]) == ["Anerkennungsberatung Dresden", "Entwurf von A"]
