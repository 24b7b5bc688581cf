"""Results: frequencies, shares and means per question, broken down by a closed question or the responses'
context, with small groups of an anonymous survey hidden (and the group that would give them back), free
texts of small groups hidden, and no count below 5 nor any free text for a funder."""

from datetime import date

import pytest
from django.urls import reverse

from netzlotse.core.suppression import BLOCKED, HIDDEN
from netzlotse.network.models import Programme, Project
from netzlotse.surveys.models import Response
from netzlotse.surveys.results import build
from netzlotse.surveys.services import respond
from netzlotse.surveys.tests.factories import feedback_survey


def answer(survey, n, given, occasion=None):
    for _ in range(n):
        respond(survey=survey, given=given, occasion=occasion)


@pytest.fixture
def survey(world):
    survey = feedback_survey(world.provider_a)
    spring = survey.occasions.create(title="Frühjahr", held_on=date(2013, 3, 1))
    autumn = survey.occasions.create(title="Herbst", held_on=date(2014, 10, 1))
    answer(survey, 6, {"useful": "5", "role": "staff", "again": "yes"}, spring)
    answer(survey, 4, {"useful": "4", "role": "lead", "again": "yes"}, spring)
    answer(survey, 3, {"useful": "1", "why": "zu wenig Praxis", "again": "no"}, autumn)
    answer(survey, 2, {"useful": "2", "why": "zu lang"}, spring)
    return survey


def test_it_counts_frequencies_shares_and_the_mean_of_a_scale(survey):
    results = build(survey)
    useful = next(r for r in results.questions if r.question.key == "useful")
    assert results.total == 15 and useful.respondents[0].value == 15
    assert [line.cells[0].value for line in useful.lines] == [3, 2, 0, 4, 6]
    assert useful.lines[4].shares[0].value == 40.0
    assert useful.means[0].value == round((3 * 1 + 2 * 2 + 4 * 4 + 6 * 5) / 15, 2)
    assert useful.lines[0].cells[0].shown == 3  # the survey's own team sees small counts of a large group


def test_small_groups_of_an_anonymous_survey_are_hidden_with_the_one_that_would_give_them_back(survey):
    results = build(survey, breakdown="jahr")
    assert [label for _key, label in results.groups] == ["2013", "2014"]
    assert [c.value for c in results.sizes] == [12, 3]
    assert [c.shown for c in results.sizes] == [BLOCKED, HIDDEN]  # 3 hidden; 12 would give it back from 15
    useful = next(r for r in results.questions if r.question.key == "useful")
    assert all(line.cells[1].shown in (HIDDEN, BLOCKED, "–") for line in useful.lines)
    why = next(r for r in results.questions if r.question.key == "why")
    assert why.texts == [] and why.texts_hidden  # 3 + 2 free texts per year: both groups under 5


def test_free_texts_of_a_group_of_five_or_more_are_listed(survey):
    answer(survey, 1, {"useful": "1", "why": "mehr Beispiele"})
    why = next(r for r in build(survey).questions if r.question.key == "why")
    assert why.respondents[0].value == 6 and sorted(why.texts[0][1])[0] == "mehr Beispiele"


def test_a_funder_sees_no_count_below_five_and_no_free_text(client, world, survey):
    programme = Programme.objects.create(name="IQ")
    programme.funders.add(world.funder_org)
    survey.network = world.network
    survey.save()
    Project.objects.create(name="IQ Sachsen", lead=world.coordination, programme=programme, network=world.network)
    results = build(survey, small_cells=False)
    useful = next(r for r in results.questions if r.question.key == "useful")
    shown = [line.cells[0].shown for line in useful.lines]
    assert HIDDEN in shown and 3 not in shown and 2 not in shown and 4 not in shown
    client.force_login(world.funder)
    page = client.get(reverse("surveys:results", args=[survey.pk]))
    assert page.status_code == 200 and "zu wenig Praxis" not in page.content.decode()
    assert "Antworten exportieren" not in page.content.decode()


def test_a_breakdown_by_a_closed_question_and_by_occasion(survey):
    by_role = build(survey, breakdown="frage:role")
    assert [label for _key, label in by_role.groups] == ["Fachkraft", "Leitung"]
    again = next(r for r in by_role.questions if r.question.key == "again")
    assert [again.lines[0].cells[i].value for i in range(2)] == [6, 4]
    by_occasion = build(survey, breakdown="anlass")
    assert [label for _key, label in by_occasion.groups] == ["Frühjahr (01.03.2013)", "Herbst (01.10.2014)"]


def test_the_results_page_shows_tables_and_refuses_an_unknown_breakdown(client, world, survey):
    client.force_login(world.owner)
    url = reverse("surveys:results", args=[survey.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Mittelwert" in page.content.decode() and "zu wenig Praxis" in page.content.decode()
    assert "jede Gruppe zu klein" in client.get(url + "?nach=jahr").content.decode()
    assert client.get(url + "?nach=frage:nope").status_code == 400


def test_fewer_than_five_responses_show_no_results(client, world):
    survey = feedback_survey(world.provider_a)
    answer(survey, 3, {"useful": "5"})
    client.force_login(world.owner)
    page = client.get(reverse("surveys:results", args=[survey.pk])).content.decode()
    assert "Noch zu wenige Antworten" in page and Response.objects.count() == 3


def test_a_breakdown_by_occasion_puts_occasions_without_a_date_last_in_a_few_queries(survey):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    undated = survey.occasions.create(title="Sprechstunde")
    answer(survey, 5, {"useful": "3"}, undated)
    with CaptureQueriesContext(connection) as queries:
        results = build(survey, breakdown="anlass")
    assert [label for _key, label in results.groups][-1] == "Sprechstunde"
    assert len(queries) < 12  # not one per occasion
