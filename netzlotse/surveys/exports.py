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


def _cell(answer: Answer, kind: str, labels: dict | None):
    if answer.dont_know:
        return labels.get("_dk", DONT_KNOW_CODE) if labels is not None else DONT_KNOW_CODE
    if kind == Question.Kind.MULTIPLE:
        return 1
    if kind == Question.Kind.RANKING:
        return answer.rank
    if kind in (Question.Kind.SINGLE, Question.Kind.LIKERT, Question.Kind.MATRIX):
        if not answer.option_id:
            return ""
        return labels.get(answer.option_id, answer.option.key) if labels is not None else answer.option.key
    if kind == Question.Kind.NUMBER:
        return answer.number
    if kind == Question.Kind.DATE:
        return answer.day.isoformat() if answer.day else ""
    return answer.text


def rows(survey: Survey, cols: list[Column], labels: dict | None = None):
    """Header row, then one row per response, in response order: responses and their answers are read side by
    side, each in one ordered pass. With `labels` ({option id: text, "_dk": text}) a choice shows its text
    instead of its code."""
    yield FIXED + [c.header for c in cols]
    position = {(c.question_id, c.part_id): i for i, c in enumerate(cols)}
    kinds = dict(survey.questions.values_list("pk", "kind"))
    multiple = [i for i, c in enumerate(cols) if kinds[c.question_id] == Question.Kind.MULTIPLE]
    answers = iter(Answer.objects.filter(response__survey=survey).select_related("option")
                   .order_by("response_id", "pk").iterator(chunk_size=5000))
    pending = next(answers, None)
    occasions = dict(survey.occasions.values_list("pk", "title"))
    for response in Response.objects.filter(survey=survey).order_by("pk").iterator(chunk_size=5000):
        cells = [""] * len(cols)
        for i in multiple:  # unticked is 0, unless the option came after this response's version
            cells[i] = 0 if response.version >= _added(cols[i], survey) else ""
        while pending is not None and pending.response_id == response.pk:
            kind = kinds[pending.question_id]
            part = pending.statement_id if kind == Question.Kind.MATRIX else (
                pending.option_id if kind in (Question.Kind.MULTIPLE, Question.Kind.RANKING) else None)
            cells[position[(pending.question_id, part)]] = _cell(pending, kind, labels)
            pending = next(answers, None)
        yield [response.pk, response.version, response.submitted_on.isoformat(), response.language,
               occasions.get(response.occasion_id, ""), *cells]


def _added(column: Column, survey: Survey) -> int:
    # A multiple-choice option added later was not offered to earlier responses: their cell stays empty.
    cache = survey.__dict__.setdefault("_added_in", {})
    if column.part_id not in cache:
        cache.update(dict(Option.objects.filter(question__survey=survey).values_list("pk", "added_in")))
    return cache.get(column.part_id, 1)
