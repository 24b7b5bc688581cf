"""The coordinator's gap workflow in the browser: register, measure, closing offer, report, graph, interfaces."""

import re

from django.core.management import call_command
from playwright.sync_api import expect


def test_coordinator_records_a_measure_and_closes_a_gap_with_a_new_offer(visitor):
    page = visitor.page
    visitor.login("koordination")
    visitor.goto("/luecken/register/?kreis=14713")
    visitor.check("gap-register")
    page.get_by_role("row", name=re.compile("Beschäftigungssicherung.*kein Angebot")).get_by_role("link").click()
    expect(page.locator("h1")).to_contain_text("Leipzig (Stadt)")
    page.select_option("#id_kind", label="bestehendes Angebot ausweiten")
    page.fill("#id_description", "Jobcoaching des Qualifizierungsverbunds um die Nachbetreuung erweitern")
    page.get_by_role("button", name="Maßnahme speichern").click()
    expect(page.locator(".kern-alert--success")).to_contain_text("Maßnahme ist eingetragen")
    expect(page.locator("main")).to_contain_text("Jobcoaching des Qualifizierungsverbunds")
    visitor.check("gap-detail")
    gap_url = page.url

    visitor.goto("/verwaltung/angebote/neu/")
    page.select_option("#id_provider", label="IQ Qualifizierungsverbund Leipzig")
    page.fill("#id_title_de", "Nachbetreuung nach Arbeitsaufnahme Leipzig")
    page.fill("#id_description_de", "Begleitung in den ersten Monaten im neuen Job.")
    page.get_by_label(re.compile("Beschäftigungssicherung")).check()
    page.select_option("#id_regions", label="Leipzig (Stadt)")
    page.select_option("#id_status", value="published")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("h1")).to_have_text("Nachbetreuung nach Arbeitsaufnahme Leipzig")

    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)  # the gap check's turn
    page.goto(gap_url)
    expect(page.locator(".gap-status").first).to_have_text("geschlossen")
    expect(page.locator("main")).to_contain_text("Nachbetreuung nach Arbeitsaufnahme Leipzig")

    visitor.goto("/luecken/bericht/")
    expect(page.locator("h1")).to_contain_text("Lückenbericht IQ Netzwerk Sachsen")
    visitor.check("gap-report")
    with page.expect_download() as download:
        page.get_by_role("link", name="Als Excel-Datei herunterladen").click()
    assert download.value.suggested_filename.startswith("lueckenbericht-")


def test_coordinator_reads_the_network_graph_and_records_an_interface(visitor):
    page = visitor.page
    visitor.login("koordination")
    visitor.goto("/luecken/netzwerk/")
    expect(page.locator("#network-graph canvas").first).to_be_visible()
    expect(page.locator("main")).to_contain_text("IST – Intelligenz System Transfer Dresden")
    visitor.check("network-graph")
    # The same network on an earlier day, compared with today: RESQUE joined in 2022, links were gained.
    page.fill("#id_stand", "2026-01-01")
    page.fill("#id_vergleich", "2022-01-01")
    page.get_by_role("button", name="Anzeigen").click()
    expect(page.locator("#summary-heading")).to_have_text("Stand am 01.01.2026")
    expect(page.locator("#change-heading")).to_contain_text("Veränderung vom 01.01.2022 zum 01.01.2026")
    expect(page.locator("main")).to_contain_text("Neu im Netzwerk: RESQUE continued")
    expect(page.locator("main")).to_contain_text("Verbindungen hinzugekommen")
    expect(page.locator("main")).to_contain_text("1 Verbindung weggefallen")
    visitor.check("network-graph-compared")
    # Finding 14: names reach the tooltip as text, never as HTML.
    escaped = page.evaluate("""() => echarts.getInstanceByDom(document.getElementById("network-graph"))
        .getOption().tooltip[0].formatter({dataType: "node", data: {name: '<img src=x onerror="alert(1)">'}})""")
    assert "<img" not in escaped and "&lt;img" in escaped
    visitor.goto("/luecken/schnittstellen/")
    expect(page.locator("main")).to_contain_text("Anpassungsqualifizierungen")
    page.get_by_role("link", name=re.compile("Schnittstelle erfassen")).first.click()
    page.select_option("#id_project_a", label="IQ Gründungszentrum Dresden")
    page.select_option("#id_project_b", label="IQ Qualifizierung Sachsen")
    page.fill("#id_description", "Gründungsinteressierte aus Qualifizierungen frühzeitig weiterleiten")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("main")).to_contain_text("Gründungsinteressierte aus Qualifizierungen")
    visitor.check("interfaces")
    visitor.goto("/luecken/einstellungen/")
    expect(page.locator("h1")).to_contain_text("IQ Netzwerk Sachsen")
    visitor.check("gap-settings")
