"""Surveys in the browser (axe on every page): building a question, answering on a desktop and on a phone with
questions appearing as they become relevant, the same page by page without JavaScript, results with charts
and tables, and a survey answered in Arabic from right to left."""

import pytest
from playwright.sync_api import expect

from netzlotse.surveys.demo import load_surveys_demo
from netzlotse.surveys.models import Response, Survey

from .conftest import Visitor
from .test_mobile import PHONE, fits

pytestmark = pytest.mark.browser


@pytest.fixture
def surveys(demo):
    load_surveys_demo()
    return {s.title["de"].split()[0]: s for s in Survey.objects.all()}


def test_a_coordinator_adds_a_question_with_a_condition_and_sees_a_bad_one_refused(visitor, surveys):
    page = visitor.page
    survey = surveys["Nachbefragung:"]
    visitor.login("koordination")
    visitor.goto(f"/umfragen/{survey.pk}/")
    visitor.check("survey-builder")
    page.select_option("#neue-art", "single")
    page.get_by_role("button", name="Frage hinzufügen").click()
    visitor.check()
    page.fill("#id_key", "again")
    page.fill("#id_label_de", "Würden Sie wieder teilnehmen?")
    page.fill("#id_label_en", "Would you take part again?")
    page.fill("#id_options_text", "yes | ja | yes\nno | nein | no")
    page.fill("#id_relevance", "${applied} = 'often' and")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator(".kern-error").first).to_contain_text("Stelle")
    visitor.check("survey-question-error")
    page.fill("#id_relevance", "${applied} = 'often'")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#frage-again")).to_be_visible()
    assert survey.questions.get(key="again").relevance_tree is not None
    visitor.goto("/umfragen/xlsform/")
    page.set_input_files("#id_file", files=[{"name": "form.xlsx", "mimeType": "application/octet-stream",
                                             "buffer": b"not a workbook"}])
    page.select_option("#id_organization", index=1)
    page.get_by_role("button", name="Prüfen und importieren").click()
    expect(page.get_by_text("Nichts wurde gespeichert", exact=False)).to_be_visible()
    visitor.check("survey-xlsform-refused")
    visitor.goto(f"/umfragen/{survey.pk}/verteilen/")
    expect(page.get_by_text("11 haben geantwortet", exact=False)).to_be_visible()
    visitor.check("survey-distribute")


def test_a_respondent_sees_a_question_appear_as_soon_as_it_applies(visitor, surveys):
    page = visitor.page
    survey = surveys["Akteursbefragung"]
    visitor.goto(f"/u/{survey.uuid}/")
    visitor.check("survey-respondent")
    page.get_by_label("Jobcenter", exact=True).check()
    page.get_by_label("Arbeitslose über 45 mit Migrationsgeschichte").check()
    page.get_by_role("button", name="Weiter").click()
    visitor.check()
    expect(page.locator(".survey-matrix")).to_be_visible()
    page.get_by_role("button", name="Weiter").click()
    expect(page.get_by_role("heading", name="Gute Praxis für Menschen über 45")).to_be_visible()
    page.fill("#frage-staff-input", "12")
    before = Response.objects.filter(survey=survey).count()
    page.get_by_role("button", name="Antworten absenden").click()
    expect(page.get_by_text("Vielen Dank für Ihre Antworten.")).to_be_visible()
    visitor.check()
    assert Response.objects.filter(survey=survey).count() == before + 1


def test_on_a_phone_the_follow_up_hides_and_shows_questions_in_place(browser, live_server, surveys):
    context = browser.new_context(locale="de-DE", viewport=PHONE, has_touch=True)
    phone = Visitor(context.new_page(), live_server.url)
    page = phone.page
    survey = surveys["Nachbefragung:"]
    phone.goto(f"/u/{survey.uuid}/")
    expect(page.locator("#frage-change")).to_be_hidden()
    page.get_by_label("oft").check()
    expect(page.locator("#frage-change")).to_be_visible()  # relevance.js, no round trip
    page.get_by_label("nie").check()
    expect(page.locator("#frage-change")).to_be_hidden()
    fits(page)
    phone.check("survey-phone")
    assert not phone.foreign_requests()
    context.close()


def test_without_javascript_the_pages_branch_on_the_server(browser, live_server, surveys):
    context = browser.new_context(locale="de-DE", java_script_enabled=False)
    tab = Visitor(context.new_page(), live_server.url)
    page = tab.page
    survey = surveys["Nachbefragung:"]
    page.goto(tab.url(f"/u/{survey.uuid}/"))
    expect(page.locator("#frage-change")).to_be_hidden()
    page.get_by_label("selten").check()
    page.get_by_role("button", name="Weiter").click()
    expect(page.get_by_text("Was hat Sie gehindert?")).to_be_visible()  # page 2 applies to "rarely" only
    page.get_by_label("Zeitdruck").check()
    page.get_by_role("button", name="Antworten absenden").click()
    expect(page.get_by_text("Vielen Dank für Ihre Antworten.")).to_be_visible()
    context.close()


def test_results_show_a_chart_beside_each_table_and_the_trend_by_year(visitor, surveys):
    page = visitor.page
    survey = surveys["Seminarfeedback"]
    visitor.login("koordination")
    visitor.goto(f"/umfragen/{survey.pk}/ergebnisse/")
    expect(page.locator("#diagramm-quality canvas")).to_be_visible()
    expect(page.locator("#ergebnis-quality")).to_be_visible()
    visitor.check("survey-results")
    page.select_option("#nach", "jahr")
    page.get_by_role("button", name="Anzeigen").click()
    expect(page.get_by_role("columnheader", name="2014").first).to_be_visible()
    visitor.check("survey-results-by-year")


def test_a_survey_in_arabic_runs_right_to_left(visitor, surveys):
    page = visitor.page
    survey = surveys["Akteursbefragung"]
    visitor.goto(f"/u/{survey.uuid}/")
    page.locator("a[hreflang=ar]").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("button", name="التالي")).to_be_visible()
    visitor.check("survey-rtl")


def test_a_respondent_answers_with_the_keyboard_alone(visitor, surveys):
    page = visitor.page
    survey = surveys["Nachbefragung:"]
    visitor.goto(f"/u/{survey.uuid}/")
    first = page.get_by_label("oft")
    while not first.evaluate("element => element === document.activeElement"):
        page.keyboard.press("Tab")  # past the language links to the first question
    page.keyboard.press("Space")
    expect(first).to_be_checked()
    expect(page.locator("#frage-change")).to_be_visible()
    page.keyboard.press("Tab")  # on to the scale
    page.keyboard.press("Space")
    expect(page.get_by_label("trifft gar nicht zu")).to_be_checked()
    page.get_by_role("button", name="Weiter").focus()
    before = Response.objects.filter(survey=survey).count()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Vielen Dank für Ihre Antworten.")).to_be_visible()
    assert Response.objects.filter(survey=survey).count() == before + 1
