"""Monitoring in the browser: the StaTA report with closed dates and breakdowns, what a funder sees, the
cut-off series, targets, the history upload and an export handed to the worker (axe on each page)."""

from django.core.management import call_command
from playwright.sync_api import expect


def _load():
    from netzlotse.site.wiring import load_demo

    list(load_demo(only={"sites", "history", "cases", "monitoring"}))  # offers and gaps: the `demo` fixture


def _stata_report(visitor, username, breakdown):
    """Signed in, the StaTA report broken down as asked, through the report form."""
    _load()
    page = visitor.page
    visitor.login(username)
    visitor.goto("/monitoring/")
    page.select_option("#id_programm", label="StaTA")
    page.locator(f"input[name=aufschluesselung][value={breakdown}]").check()
    return page


def test_administrator_reads_the_stata_table_with_its_closed_dates_and_a_breakdown(visitor):
    page = _stata_report(visitor, "admin", "jobcenter")
    page.get_by_label("Quoten").check()
    page.get_by_role("button", name="Bericht anzeigen").click()
    table = page.locator("table").first
    expect(table).to_contain_text("besetzte Plätze")
    expect(table).to_contain_text("abgeschlossen")
    expect(table).to_contain_text("berichtigt:")  # the late home visit, beside the closed figure
    # The first funding period at the interim report's own cut-off dates, as the report printed them.
    expect(table.locator("thead")).to_contain_text("21.02.2018")
    expect(table.locator("tbody tr").first).to_contain_text("179")
    expect(table.locator("tbody tr").first).to_contain_text("302")
    expect(page.locator("#breakdown-jobcenter")).to_contain_text("Nach Jobcenter")
    expect(page.locator("#monitoring-series canvas")).to_have_count(1)
    visitor.check("monitoring-report")
    page.get_by_role("button", name="Excel-Datei erstellen").click()
    expect(page.locator("#export-status")).to_contain_text("Der Export wartet auf den Start.")
    visitor.check("monitoring-export-waiting")
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)  # the worker's turn
    ready = page.get_by_role("link", name="herunterladen")  # the page polls and offers the file when done
    expect(ready).to_be_visible()
    visitor.check("monitoring-export-done")
    with page.expect_download() as download:
        ready.click()
    assert download.value.suggested_filename.endswith(".xlsx")
    page.get_by_role("link", name="Zurück zum Bericht").click()
    page.get_by_role("link", name="Druckansicht").click()
    expect(page.locator("h1")).to_contain_text("Monitoring StaTA")
    visitor.check("monitoring-print")


def test_funder_sees_small_cells_suppressed(visitor):
    page = _stata_report(visitor, "foerderung", "geschlecht")
    page.get_by_role("button", name="Bericht anzeigen").click()
    expect(page.locator("main")).to_contain_text("„< 5“")
    expect(page.get_by_role("link", name="Stichtage des Programms")).to_have_count(0)
    visitor.check("monitoring-funder")


def test_coordinator_keeps_the_series_and_targets_and_uploads_a_history(visitor, tmp_path):
    from netzlotse.accounts.models import Membership, User
    from netzlotse.network.models import Organization

    _load()
    # The demo coordinator works for IQ Sachsen; here she coordinates the StaTA network as well.
    user = User.objects.get(username="koordination")
    Membership.objects.get_or_create(user=user, organization=Organization.objects.get(external_id="org-stata-bic"),
                                     role="coordinator")
    page = visitor.page
    visitor.login("koordination")
    visitor.goto("/monitoring/?programm=" + str(_stata().pk))
    page.get_by_role("link", name="Stichtage des Programms").click()
    page.fill("#id_stichtage", "31.12.2026")
    page.get_by_role("button", name="Hinzufügen").click()
    expect(page.locator(".kern-alert--success")).to_contain_text("Stichtage gespeichert")
    page.get_by_role("button", name="31.12.2026 abschließen").click()
    expect(page.locator("main")).to_contain_text("abgeschlossen am")
    visitor.check("monitoring-cutoffs")
    visitor.goto(f"/monitoring/programm/{_stata().pk}/ziele/")
    page.fill("#id_exits", "60")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#id_exits")).to_have_value("60")
    visitor.check("monitoring-targets")
    visitor.goto("/monitoring/import/")
    path = tmp_path / "verlauf.csv"
    path.write_text("teilnehmer;datum;ereignis;organisation;projekt\nTN-HIST1;2019-01-10;profiling;"
                    "org-jc-stendal;STATA-01\nTN-HIST1;2019-01-20;aufnahme;org-stata-bic;STATA-01\n")
    page.select_option("#id_programm", label="StaTA")
    page.set_input_files("#id_file", str(path))
    page.get_by_label("Unbekannte Teilnehmende").check()
    page.get_by_role("button", name="Datei prüfen").click()
    expect(page.locator("main")).to_contain_text("Alle Zeilen sind fehlerfrei")
    visitor.check("monitoring-import-check")
    page.get_by_role("button", name="Jetzt importieren").click()
    expect(page.locator("main")).to_contain_text("Verlauf importiert: 2 Ereignisse")


def _stata():
    from netzlotse.network.models import Programme

    return Programme.objects.get(short_name="StaTA")


def test_administrator_reads_the_esf_indicators_of_resque(visitor):
    _load()
    page = visitor.page
    visitor.login("admin")
    visitor.goto("/monitoring/esf/")
    page.select_option("#id_projekt", label="RESQUE continued")
    page.fill("#id_von", "2020-01-01")
    page.get_by_role("button", name="Anzeigen").click()
    expect(page.locator("main")).to_contain_text("EECO01")
    expect(page.locator("main")).to_contain_text("Drittstaatsangehörige")
    visitor.check("monitoring-esf")
