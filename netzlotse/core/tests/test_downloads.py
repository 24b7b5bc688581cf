"""Downloads name their file in a header every browser reads, umlauts included."""

from netzlotse.core.xlsx import attachment


def test_a_download_keeps_a_name_with_umlauts():
    response = attachment(b"data", "Lückenbericht März.xlsx")
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''L%C3%BCckenbericht%20M%C3%A4rz.xlsx"
    assert response.getvalue() == b"data"


def test_a_plain_name_is_quoted_as_is():
    assert attachment(b"", "abdeckung-2026-12-03.xlsx")["Content-Disposition"] == \
        'attachment; filename="abdeckung-2026-12-03.xlsx"'
