"""The browser decides what a respondent sees with static/js/relevance.js, the server with
netzlotse/surveys/expressions.py: both must agree on every condition and every set of answers (Hypothesis
draws them; the script runs in Chromium, as on a respondent's page)."""

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netzlotse.surveys.expressions import evaluate
from netzlotse.surveys.tests.test_expressions import NAMES, TREES

pytestmark = pytest.mark.browser
SCRIPT = Path(__file__).resolve().parents[2] / "static" / "js" / "relevance.js"
ANSWERS = st.dictionaries(NAMES, st.one_of(
    st.none(), st.integers(-50, 50), st.text(max_size=6), st.sampled_from(["5", " 7", "-2.5", "1e3", "٣", "NaN", ""]),
    st.lists(st.text(max_size=4), max_size=4), st.booleans()))


def test_the_browser_shows_exactly_what_the_server_accepts(browser):
    page = browser.new_page()
    page.set_content("<!DOCTYPE html><html lang='de'><body></body></html>")
    page.add_script_tag(content=SCRIPT.read_text())

    @settings(max_examples=400, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
    @given(TREES, ANSWERS)
    def agree(tree, answers):
        tree = json.loads(json.dumps(tree))  # as the page receives it
        in_browser = page.evaluate("([tree, answers]) => window.netzlotseRelevance.evaluate(tree, answers)",
                                   [tree, answers])
        assert in_browser == evaluate(tree, answers), (tree, answers)

    agree()
    page.close()
