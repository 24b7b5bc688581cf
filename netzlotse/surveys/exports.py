"""The answers of a survey as a table: one column per question (per option for multiple choice and ranking,
per statement for a matrix), found by the stable ids of questions and options, never by position. Removed
questions and options keep their columns, so an answer stays where it was whatever changed later.
Rows are read in one pass over the answers, ordered by response (flat memory however many there are)."""

from dataclasses import dataclass

from .models import Answer, Option, Question, Response, Survey

FIXED = ["antwort", "version", "datum", "sprache", "anlass"]
DONT_KNOW_CODE = -9  # SPSS-style missing value for "don't know / no answer"


@dataclass(frozen=True)
class Column:
    header: str
    question_id: int
    part_id: int | None = None  # the option (multiple choice, ranking) or statement (matrix)


def columns(survey: Survey) -> list[Column]:
    found = []
    questions = survey.questions.prefetch_related("options").order_by("removed_in", "page", "position", "pk")
    for question in questions:
        kind = question.kind
        if kind in (Question.Kind.MULTIPLE, Question.Kind.RANKING, Question.Kind.MATRIX):
            parts = [o for o in question.options.all() if o.statement == (kind == Question.Kind.MATRIX)]
            found += [Column(f"{question.key}/{part.key}", question.pk, part.pk) for part in parts]
        else:
            found.append(Column(question.key, question.pk))
    return found


ANSWER_FIELDS = ("response_id", "question_id", "option_id", "statement_id", "number", "text", "day", "rank",
                 "dont_know")


def _cell(answer: tuple, kind: str, keys: dict, labels: dict | None):
    _response, _question, option, _statement, number, text, day, rank, dont_know = answer
    if dont_know:
        return labels.get("_dk", DONT_KNOW_CODE) if labels is not None else DONT_KNOW_CODE
    if kind == Question.Kind.MULTIPLE:
        return 1
    if kind == Question.Kind.RANKING:
        return rank
    if kind in (Question.Kind.SINGLE, Question.Kind.LIKERT, Question.Kind.MATRIX):
        if option is None:
            return ""
        return labels.get(option, keys[option]) if labels is not None else keys[option]
    if kind == Question.Kind.NUMBER:
        return number
    if kind == Question.Kind.DATE:
        return day.isoformat() if day else ""
    return text


def rows(survey: Survey, cols: list[Column], labels: dict | None = None):
    """Header row, then one row per response, in response order: responses and their answers are read side by
    side, each in one ordered pass of plain tuples (no model per answer: an export may hold ten million). With
    `labels` ({option id: text, "_dk": text}) a choice shows its text instead of its code."""
    yield FIXED + [c.header for c in cols]
    position = {(c.question_id, c.part_id): i for i, c in enumerate(cols)}
    kinds = dict(survey.questions.values_list("pk", "kind"))
    options = Option.objects.filter(question__survey=survey).values_list("pk", "key", "added_in")
    keys, added = {pk: key for pk, key, _v in options}, {pk: version for pk, _k, version in options}
    by_part = {Question.Kind.MATRIX: 3, Question.Kind.MULTIPLE: 2, Question.Kind.RANKING: 2}
    # A multiple-choice option added later was not offered to earlier responses: their cell stays empty, not 0.
    multiple = [(i, added.get(c.part_id, 1)) for i, c in enumerate(cols) if kinds[c.question_id] == Question.Kind.MULTIPLE]
    answers = iter(Answer.objects.filter(response__survey=survey).order_by("response_id", "pk")
                   .values_list(*ANSWER_FIELDS).iterator(chunk_size=5000))
    pending = next(answers, None)
    occasions = dict(survey.occasions.values_list("pk", "title"))
    responses = Response.objects.filter(survey=survey).order_by("pk").values_list(
        "pk", "version", "submitted_on", "language", "occasion_id")
    for pk, version, day, language, occasion in responses.iterator(chunk_size=5000):
        cells = [""] * len(cols)
        for i, since in multiple:  # unticked is 0, unless the option came after this response's version
            cells[i] = 0 if version >= since else ""
        while pending is not None and pending[0] == pk:
            kind = kinds[pending[1]]
            part = pending[by_part[kind]] if kind in by_part else None
            cells[position[(pending[1], part)]] = _cell(pending, kind, keys, labels)
            pending = next(answers, None)
        yield [pk, version, day.isoformat(), language, occasions.get(occasion, ""), *cells]
