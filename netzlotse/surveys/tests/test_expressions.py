"""The relevance language: what it shows when, the messages for a condition that cannot be read, and
properties (Hypothesis): any text is parsed or refused with an ExpressionError, never anything else; every
tree reads back as itself; evaluating never fails, whatever the answers."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netzlotse.surveys.expressions import ExpressionError, evaluate, parse, references, to_text

ANSWERS = {"age": 34, "status": "refugee", "topics": ["language", "work", "housing"], "satisfied": "no",
           "note": ""}


@pytest.mark.parametrize(("condition", "shown"), [
    ("${age} >= 18", True),
    ("age < 18", False),
    ("${status} = 'refugee' and ${age} > 30", True),
    ("selected(${topics}, 'work')", True),
    ("selected(${topics}, 'health')", False),
    ("selected(${status}, 'refugee')", True),  # on a single choice too
    ("count_selected(${topics}) > 2", True),
    ("not (${satisfied} = 'no' or count_selected(${topics}) > 5)", False),
    ("${missing} = 'x'", False),  # not answered: hidden
    ("not ${missing} = 'x'", True),
    ("${age} > 'abc'", False),  # text is ordered by nobody
    ("${note}", False),  # an empty answer counts as not given
    ("${status}", True),
    ("", True),
])
def test_conditions_show_what_they_say(condition, shown):
    assert evaluate(parse(condition), ANSWERS) is shown


@pytest.mark.parametrize(("condition", "position", "words"), [
    ("${age} >= ", 10, "das Ende"),
    ("${age} >> 3", 8, "„>“"),
    ("(${age} > 3", 11, "„)“"),
    ("${age} > 3 ${status}", 11, "unerwartet"),
    ("selected(${topics})", 18, "„,“"),
    ("${age} § 3", 7, "§"),
    ("__import__('os')", 10, "„(“"),
])
def test_a_condition_that_cannot_be_read_says_where(condition, position, words):
    with pytest.raises(ExpressionError) as caught:
        parse(condition)
    assert caught.value.position == position and words in str(caught.value)


def test_only_questions_of_the_survey_may_be_named():
    assert references(parse("selected(${topics}, 'a') or ${age} > 3")) == {"topics", "age"}
    with pytest.raises(ExpressionError, match="„agee“ gibt es in dieser Umfrage nicht"):
        parse("${agee} > 3", questions={"age", "topics"})


def test_nesting_and_length_are_bounded():
    with pytest.raises(ExpressionError, match="verschachtelt"):
        parse("(" * 200 + "${a}" + ")" * 200)
    with pytest.raises(ExpressionError, match="zu lang"):
        parse("${a} = 1 or " * 200 + "${a} = 2")


NAMES = st.sampled_from(["age", "status", "topics", "q_1", "missing"])
VALUES = st.one_of(st.tuples(st.just("number"), st.integers(-1000, 1000).map(str)),
                   st.tuples(st.just("text"), st.text(max_size=8)))
LEAVES = st.one_of(
    st.tuples(st.just("answer"), NAMES),
    st.tuples(st.just("selected"), NAMES, st.text(max_size=8)),
    st.tuples(st.just("count"), NAMES),
)
OPERANDS = st.one_of(st.tuples(st.just("answer"), NAMES), VALUES,
                     st.tuples(st.just("count"), NAMES))
TREES = st.recursive(
    st.one_of(LEAVES, st.tuples(st.just("cmp"), st.sampled_from(["=", "!=", "<", "<=", ">", ">="]), OPERANDS,
                                OPERANDS)),
    lambda children: st.one_of(st.tuples(st.sampled_from(["and", "or"]), children, children),
                               st.tuples(st.just("not"), children)),
    max_leaves=12)
ANY_ANSWERS = st.dictionaries(NAMES, st.one_of(st.none(), st.integers(), st.text(max_size=5),
                                               st.lists(st.text(max_size=5), max_size=4), st.booleans()))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_any_text_is_read_or_refused_with_a_message(text):
    try:
        parse(text)
    except ExpressionError as error:
        assert str(error) and 0 <= error.position <= len(text)


@settings(max_examples=300, deadline=None)
@given(TREES)
def test_every_condition_reads_back_as_itself(tree):
    assert parse(to_text(tree)) == tree


@settings(max_examples=300, deadline=None)
@given(TREES, ANY_ANSWERS)
def test_evaluating_never_fails(tree, answers):
    assert evaluate(tree, answers) in (True, False)
    assert evaluate(json.loads(json.dumps(tree)), answers) == evaluate(tree, answers)  # as stored, as sent
