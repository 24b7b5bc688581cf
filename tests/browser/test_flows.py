"""The main paths of each role in a real browser, with axe-core on every page visited."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_public_visitor_searches_filters_and_reads_an_offer(visitor):
    page = visitor.page
    visitor.goto("/angebote/")
    expect(page.locator("#results-heading")).to_contain_text("Angebote gefunden")
    # htmx: typing updates the results without a page load.
    with page.expect_response(re.compile(r"/angebote/\?")):
        page.fill("#id_q", "Anerkennungsberatung")
    expect(page.locator("#results-heading")).to_contain_text("10 Angebote gefunden")
    with page.expect_response(re.compile(r"kreis=14626")):
        page.select_option("#id_kreis", "14626")
    expect(page.locator("#results-heading")).to_contain_text("1 Angebot gefunden")
    assert "kreis=14626" in page.url  # the filtered list is bookmarkable
    visitor.check("public-search")
    page.get_by_role("link", name="Anerkennungsberatung Görlitz").click()
    expect(page.locator("h1")).to_have_text("Anerkennungsberatung Görlitz")
    visitor.check("public-detail")
    # A search that finds nothing offers similar searches (loaded after the page; here without htmx).
    visitor.goto("/angebote/?q=Anerkennungsberatung&kreis=14626&zielgruppe=unternehmen")
    expect(page.locator("#results")).to_contain_text("Keine passenden Angebote")
    expect(page.locator(".alternatives")).to_contain_text("ohne „Zielgruppe“")  # swapped in by htmx
    visitor.goto("/angebote/alternativen/?q=Anerkennungsberatung&kreis=14626&zielgruppe=unternehmen")
    expect(page.locator("h1")).to_have_text("Ähnliche Suchen mit Ergebnissen")
    visitor.check("search-alternatives")


def test_a_refugee_can_call_write_or_print_an_offer(visitor):
    page = visitor.page
    visitor.goto("/angebote/?q=Anerkennungsberatung+Görlitz")
    card = page.locator("#results article").first
    expect(card).to_contain_text("Görlitz")  # the card says where, in which languages and at what cost
    expect(card).to_contain_text("kostenfrei")
    page.get_by_role("link", name="Anerkennungsberatung Görlitz").click()
    contact = page.locator(".contact-card")
    expect(contact.locator("a[href^='tel:03581']")).to_be_visible()
    expect(contact.locator("a[href^='mailto:']")).to_be_visible()
    expect(contact).to_contain_text("Termin")
    expect(page.locator("main")).to_contain_text("Barrierefreiheit")
    visitor.check("offer-contact")
    page.get_by_role("link", name=re.compile("Handzettel")).click()
    expect(page.locator(".handout__qr svg")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    visitor.check("offer-handout")
    page.emulate_media(media="screen")


def test_public_search_works_without_javascript(browser, live_server, demo):
    context = browser.new_context(java_script_enabled=False, locale="de-DE")
    page = context.new_page()
    page.goto(live_server.url + "/angebote/")
    page.select_option("#id_form", "mobile")
    page.get_by_role("button", name="Suchen").click()
    expect(page.locator("#results-heading")).to_contain_text("5 Angebote gefunden")
    context.close()


def test_visitor_switches_to_english_and_arabic(visitor):
    page = visitor.page
    visitor.goto("/angebote/?q=resque")
    page.select_option("#language-select", "en")
    page.get_by_role("button", name=re.compile("Sprache|language", re.I)).click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    visitor.check("english")
    page.select_option("#language-select", "ar")
    page.locator(".language-form button").click()
    arabic = page.locator("#results h3[lang=ar]").first
    expect(arabic).to_be_visible()
    expect(arabic).to_have_attribute("dir", "rtl")
    # The page is laid out right to left; the interface says, in Arabic, that it is still German.
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("main")).to_have_attribute("lang", "de")
    expect(page.locator(".interface-notice [lang=ar]")).to_be_visible()
    titles = page.locator("#results h3[lang=ar]").all_inner_texts()
    assert len(titles) > 1 and len(set(titles)) == len(titles)  # each offer a title of its own
    card, main = page.locator("#results article").first.bounding_box(), page.locator("main").bounding_box()
    title = arabic.bounding_box()
    assert title["x"] + title["width"] > card["x"] + card["width"] - 60  # aligned at the right edge
    # Right-to-left must not push the page sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    assert main["x"] >= 0
    visitor.check("arabic")


def test_provider_confirms_edits_and_sees_history(visitor):
    page = visitor.page
    visitor.login("traeger")
    expect(page.locator("h1")).to_have_text("Übersicht")
    visitor.goto("/verwaltung/angebote/?veraltet=1")
    rows = page.locator("tbody tr")
    before = rows.count()
    assert before >= 1
    rows.first.get_by_role("button", name=re.compile("Ist aktuell")).click()
    expect(page.locator(".kern-alert--success")).to_contain_text("als aktuell bestätigt")
    visitor.check("provider-manage")
    visitor.goto("/verwaltung/angebote/?q=Beratungsstelle+Dresden")
    page.get_by_role("link", name=re.compile("Bearbeiten")).first.click()
    visitor.check()
    page.fill("#id_title_de", "")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#title_de-error")).to_be_visible()
    visitor.check("provider-edit-error")
    page.fill("#id_title_de", "Beratung zu Arbeit und Ausbildung (aktualisiert)")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("h1")).to_have_text("Beratung zu Arbeit und Ausbildung (aktualisiert)")
    page.get_by_role("link", name="Änderungsverlauf").click()
    expect(page.locator("main")).to_contain_text("traeger")
    visitor.check("provider-history")


def test_coordinator_defines_a_chain_and_imports_offers(visitor, tmp_path):
    page = visitor.page
    visitor.login("koordination")
    visitor.goto("/verwaltung/prozessketten/")
    page.get_by_role("link", name="Neue Prozesskette").click()
    visitor.check()
    page.fill("#id_name", "Lokale Dienstleistungskette Dresden")
    page.fill("#id_code", "dresden")
    page.select_option("#id_network", label="IQ Netzwerk Sachsen")
    page.fill("#id_phasen-0-code", "erstkontakt")
    page.fill("#id_phasen-0-name_de", "Erstkontakt")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("main")).to_contain_text("Lokale Dienstleistungskette Dresden")
    visitor.check("coordinator-chains")

    page.get_by_role("link", name="Dienstleistungsketten").click()
    page.get_by_role("link", name="Neue Dienstleistungskette").click()
    page.fill("#id_name", "Anerkennung bis Anpassungsqualifizierung")
    page.select_option("#id_network", label="IQ Netzwerk Sachsen")
    page.fill("#id_schritte-0-title", "Erstberatung zur Anerkennung")
    page.select_option("#id_schritte-0-responsible_kind", value="counselling")
    page.fill("#id_schritte-0-expected_days", "14")
    visitor.check("service-chain-edit")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("main")).to_contain_text("Erstberatung zur Anerkennung")
    visitor.check("service-chains")

    visitor.goto("/verwaltung/import/")
    from netzlotse.directory.tests.spreadsheets import offer_row, xlsx

    path = tmp_path / "angebote.xlsx"
    path.write_bytes(xlsx(offers=[offer_row("import-1", "org-ibas", "Anerkennungsberatung Riesa")]))
    page.set_input_files("#id_file", str(path))
    page.get_by_role("button", name="Datei prüfen").click()
    expect(page.locator("main")).to_contain_text("Alle Zeilen sind fehlerfrei")
    visitor.check("coordinator-import-check")
    page.get_by_role("button", name="Jetzt importieren").click()
    expect(page.locator(".kern-alert--success")).to_contain_text("1 neu")
    visitor.goto("/netzwerk/")
    visitor.goto("/netzwerk/netzwerke/")
    visitor.goto("/uebersicht/")


def test_funder_reads_aggregates_but_cannot_edit(visitor):
    page = visitor.page
    visitor.login("foerderung")
    expect(page.locator("h1")).to_have_text("Übersicht")
    visitor.check("funder-dashboard")
    response = visitor.goto("/verwaltung/angebote/")
    assert response.status == 403
    expect(page.locator("h1")).to_have_text("Keine Berechtigung")


def test_counsellor_searches_the_directory(visitor):
    visitor.login("beratung")
    visitor.goto("/angebote/?kreis=15090&handlungsfeld=stabilisierung")
    expect(visitor.page.locator("#results-heading")).to_contain_text("gefunden")


def test_administrator_manages_every_offer_and_the_shared_chain(visitor):
    page = visitor.page
    visitor.login("admin")
    visitor.goto("/verwaltung/angebote/?q=Stendal")
    expect(page.locator("main")).to_contain_text("Arbeitsgelegenheit")  # another network's offers
    visitor.goto("/verwaltung/prozessketten/")
    page.get_by_role("link", name=re.compile("Bearbeiten.*IQ-Prozesskette")).click()
    expect(page.locator("#id_phasen-0-name_de")).to_have_value("Zugang, Ansprache und Information")
    visitor.check("admin-chain")
    visitor.goto("/netzwerk/programme/")
    expect(page.locator("main")).to_contain_text("Stabilisierung und Teilhabe am Arbeitsleben")


def test_coordinator_sees_saxonys_thin_phases_four_and_five(visitor):
    page = visitor.page
    visitor.login("koordination")
    visitor.goto("/luecken/")
    expect(page.locator("h2").first).to_contain_text("IQ-Prozesskette")
    gaps = page.locator("td.coverage--gap")
    assert gaps.count() > 0
    # The demo's Saxon network is thin where the seed says it is: entry into work and job retention.
    phase_4_gaps = page.locator("tbody tr td:nth-child(5).coverage--gap").count()
    phase_1_gaps = page.locator("tbody tr td:nth-child(2).coverage--gap").count()
    assert phase_4_gaps > phase_1_gaps
    expect(page.locator("#coverage-chart canvas").first).to_be_visible()
    visitor.check("coordinator-gaps")
