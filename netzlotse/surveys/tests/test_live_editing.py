"""Editing a survey while it runs: reorder, rename, remove an option, add a question; every earlier answer
stays in its column of the export (columns are found by stable ids, never by position), and each response
says which version it answered. Responses: hidden questions' answers discarded, required only when shown."""

import pytest

from netzlotse.network.models import Organization
from netzlotse.surveys.exports import FIXED, columns, rows
from netzlotse.surveys.models import Option, Question, Survey
from netzlotse.surveys.services import Refused, option_remove, question_remove, question_save, respond


@pytest.fixture
def feedback(db):
    survey = Survey.objects.create(organization=Organization.objects.create(name="IQ Netzwerk"),
                                   title={"de": "Seminarfeedback", "en": "Seminar feedback"}, languages=["de", "en"])
    question_save(question=Question(survey=survey, key="useful", kind=Question.Kind.LIKERT, position=1,
                                    label={"de": "War das Seminar nützlich?"}, required=True),
                  options=[(str(n), {"de": str(n)}) for n in range(1, 6)])
    question_save(question=Question(survey=survey, key="topics", kind=Question.Kind.MULTIPLE, position=2,
                                    label={"de": "Welche Themen?"}),
                  options=[("law", {"de": "Recht"}), ("practice", {"de": "Praxis"}), ("cases", {"de": "Fälle"})])
    question_save(question=Question(survey=survey, key="why", kind=Question.Kind.LONGTEXT, position=3,
                                    label={"de": "Warum nicht?"}, relevance="${useful} <= 2", required=True))
    survey.status = Survey.Status.LIVE
    survey.save()
    return survey


def table(survey):
    found = list(rows(survey, columns(survey)))
    return [dict(zip(found[0], row, strict=True)) for row in found[1:]]


def test_editing_a_live_survey_moves_no_answer_into_another_column(feedback):
    first = respond(survey=feedback, given={"useful": "2", "topics": ["law", "cases"], "why": "zu theoretisch"})
    topics = Question.objects.get(survey=feedback, key="topics")
    useful = Question.objects.get(survey=feedback, key="useful")
    # While it runs: reorder, rename, remove an option, add a question (and an option).
    useful.position, useful.label = 9, {"de": "Wie nützlich war das Seminar für Ihre Arbeit?"}
    question_save(question=useful)
    option_remove(option=Option.objects.get(question=topics, key="law"))
    question_save(question=topics, options=[("practice", {"de": "Praxisbeispiele"}), ("cases", {"de": "Fälle"}),
                                            ("funding", {"de": "Förderung"})])
    question_save(question=Question(survey=feedback, key="again", kind=Question.Kind.SINGLE, position=0,
                                    label={"de": "Wieder teilnehmen?"}), options=[("yes", {"de": "ja"}),
                                                                                   ("no", {"de": "nein"})])
    second = respond(survey=feedback, given={"useful": "5", "topics": ["funding"], "again": "yes"})

    by_id = {row["antwort"]: row for row in table(feedback)}
    assert by_id[first.pk] | {} == by_id[first.pk]  # a plain dict per response
    old, new = by_id[first.pk], by_id[second.pk]
    assert (old["useful"], old["topics/law"], old["topics/cases"], old["why"]) == ("2", 1, 1, "zu theoretisch")
    assert old["topics/practice"] == 0 and old["topics/funding"] == ""  # not offered to the first response
    assert old["again"] == ""
    assert (new["useful"], new["topics/funding"], new["topics/law"], new["again"]) == ("5", 1, 0, "yes")
    assert new["why"] == ""  # hidden for a 5: not asked, nothing stored
    assert old["version"] < new["version"] == feedback.versions.last().number
    headers = next(rows(feedback, columns(feedback)))
    assert headers[:len(FIXED)] == FIXED and headers.count("topics/law") == 1  # the removed option keeps its column
    snapshot = feedback.versions.get(number=old["version"]).snapshot
    assert [q["key"] for q in snapshot["questions"]] == ["useful", "topics", "why"]  # what the first response saw


def test_a_response_is_checked_whole_before_anything_is_written(feedback):
    with pytest.raises(Refused) as refused:
        respond(survey=feedback, given={"useful": "1", "topics": ["law", "law", "nope"]})
    assert set(refused.value.errors) == {"topics", "why"}  # a duplicate/unknown option; required once shown
    assert not feedback.responses.exists()
    response = respond(survey=feedback, given={"useful": "4", "why": "versteckt", "unknown": "x"})
    assert list(response.answers.values_list("question__key", flat=True)) == ["useful"]  # hidden, unknown: dropped


def test_a_condition_that_names_no_question_of_the_survey_is_refused_on_save(feedback):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        question_save(question=Question(survey=feedback, key="more", kind=Question.Kind.TEXT,
                                        relevance="${usefull} > 3"))
    assert "„usefull“ gibt es in dieser Umfrage nicht" in caught.value.message_dict["relevance"][0]
    assert not Question.objects.filter(key="more").exists()
    question = Question.objects.get(survey=feedback, key="why")
    question_remove(question=question)
    assert Question.objects.get(pk=question.pk).removed_in == feedback.versions.last().number
