"""One Chromium (Debian's package) for the whole browser suite, driven by Playwright.

Playwright never downloads a browser here: the tests pass the system binary. Each page
the tests visit is checked with axe-core, and every request the browser makes must
go to the app itself.
"""

import os
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

from netzlotse.accounts.demo import DEMO_PASSWORD

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-quic"]


def chromium_path():
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert AXE.exists(), "run `make assets` (npm ci) first: axe-core comes from node_modules"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class Visitor:
    """A browser tab that checks every page it lands on."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.requests = []
        self.checked = []
        page.on("request", lambda request: self.requests.append(request.url))

    def url(self, path):
        return self.base_url + path

    def goto(self, path):
        response = self.page.goto(self.url(path))
        self.check()
        return response

    def check(self, name=None):
        """axe-core on the current page: no serious or critical violations."""
        self.page.wait_for_load_state("domcontentloaded")
        if not self.page.evaluate("typeof axe !== 'undefined'"):
            # evaluate() runs in the page without an inline <script>, so the CSP stays intact.
            self.page.evaluate(AXE.read_text())
        result = self.page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
               if v["impact"] in ("serious", "critical")]
        assert not bad, f"axe on {self.page.url}: {bad}"
        self.checked.append(self.page.url)
        if name:
            ARTIFACTS.mkdir(exist_ok=True)
            self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    def login(self, username, password=DEMO_PASSWORD):
        self.goto("/konto/anmelden/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", password)
        self.page.locator("main button[type=submit]").click()
        self.page.wait_for_load_state("domcontentloaded")
        self.check()

    def foreign_requests(self):
        host = urlparse(self.base_url).netloc
        return [u for u in self.requests if urlparse(u).scheme in ("http", "https") and urlparse(u).netloc != host]


@pytest.fixture
def demo(committed):
    """The demo data (the live server reads the committed database)."""
    from netzlotse.directory.demo import load_demo
    from netzlotse.gaps.demo import load_gaps_demo

    load_demo()
    load_gaps_demo()


@pytest.fixture
def visitor(browser, live_server, demo):
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    tab = Visitor(context.new_page(), live_server.url)
    yield tab
    assert not tab.foreign_requests(), f"requests to other hosts: {tab.foreign_requests()}"
    context.close()
