"""The pages people open on a phone, at 390 × 844 px: results before a wall of filters, a case's actions in
groups, a heat map whose labels do not overlap; nothing wider than the screen (axe on each)."""

import pytest
from playwright.sync_api import expect

from netzlotse.cases.models import Case

from .conftest import Visitor
from .test_cases import current_code

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser, live_server, demo):
    context = browser.new_context(locale="de-DE", viewport=PHONE, has_touch=True)
    context.set_default_timeout(10_000)
    tab = Visitor(context.new_page(), live_server.url)
    yield tab
    assert not tab.foreign_requests(), f"requests to other hosts: {tab.foreign_requests()}"
    context.close()


def fits(page):
    """Nothing makes the page wider than the phone (a wide table scrolls inside its own frame)."""
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_on_a_phone_the_first_results_come_before_the_filters(phone):
    page = phone.page
    phone.goto("/angebote/?q=Beratung")
    first = page.locator("#results article").first
    expect(first).to_be_visible()
    assert first.bounding_box()["y"] < PHONE["height"]  # on the first screen, no scrolling past eleven fields
    expect(page.locator("#id_kreis")).to_be_hidden()
    page.locator(".more-filters__summary").click()  # the filters unfold on demand
    expect(page.locator("#id_kreis")).to_be_visible()
    fits(page)
    phone.check("phone-search")


def test_on_a_phone_a_case_shows_its_actions_in_groups(phone):
    from netzlotse.cases.demo import load_cases_demo

    load_cases_demo()
    page = phone.page
    phone.login("beratung")
    phone.goto("/faelle/")
    page.fill("#id_token", current_code("beratung"))
    page.get_by_role("button", name="Einrichtung bestätigen").click()
    case = Case.objects.filter(organization__external_id="org-stata-bic", closed_on__isnull=True).order_by("pk").first()
    phone.goto(f"/faelle/{case.pk}/")
    groups = page.locator(".case-actions__group")
    expect(groups).to_have_count(3)
    assert page.locator(".case-actions .kern-btn").count() == 5  # the rest are links in the third group
    assert page.locator(".case-actions").bounding_box()["height"] < 650
    fits(page)
    phone.check("phone-case")


def test_on_a_phone_the_heat_map_names_phases_by_number(phone):
    page = phone.page
    phone.login("koordination")
    phone.goto("/luecken/")
    expect(page.locator("#coverage-chart canvas").first).to_be_visible()
    labels = page.evaluate("echarts.getInstanceByDom(document.getElementById('coverage-chart'))"
                           ".getOption().xAxis[0].data")
    assert labels == ["1", "2", "3", "4", "5"]
    fits(page)
    phone.check("phone-heatmap")
