"""A survey's results: per question frequencies and shares, means for scales and numbers, free texts; broken
down by a closed question or by the context of the responses (occasion, year, district, target group, language,
version). Every count is made in the database, a handful of grouped queries for the whole survey however many
responses it has.

Small groups: in an anonymous survey no group of fewer than 5 respondents is shown, for a question as for the
whole (with the groups hidden together so that none follows from the total), and free texts of such groups are
hidden too. A reader without SEE_SMALL_CELLS (a funder) sees no count from 1 to 4 at all and no free text.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Avg, CharField, Count, F, Max, Min, Value
from django.db.models.functions import Cast, Coalesce, Substr
from django.utils.translation import gettext_lazy as _

from netzlotse.core.suppression import HIDDEN, MARKS, small, suppress_column

from .models import Answer, Question, Response, Survey, in_language

CONTEXTS = {
    "anlass": (_("Anlass"), "occasion_id"),
    "jahr": (_("Jahr"), None),
    "kreis": (_("Kreis"), "occasion__district_id"),
    "zielgruppe": (_("Zielgruppe"), "occasion__target_group_id"),
    "sprache": (_("Sprache"), "language"),
    "version": (_("Version"), "version"),
}
TOTAL = "__all__"
TEXTS_SHOWN = 200


@dataclass
class Cell:
    value: object  # a count, a share or a mean; None where there is nothing
    shown: object = None  # what is displayed: the value, "< 5" or "x"

    def __post_init__(self):
        if self.shown is None:
            self.shown = self.value

    @property
    def hidden(self) -> bool:
        return self.shown in MARKS


@dataclass
class Line:
    label: str
    cells: list  # Cell per group: the count
    shares: list = field(default_factory=list)  # Cell per group: percent of the group's respondents

    @property
    def pairs(self):
        return list(zip(self.cells, self.shares, strict=True))


@dataclass
class QuestionResult:
    question: Question
    label: str
    respondents: list  # Cell per group
    lines: list = field(default_factory=list)
    means: list = field(default_factory=list)  # Cell per group (scales, numbers), else empty
    statements: list = field(default_factory=list)  # (label, [mean Cell per group], [Line per scale point]) for a matrix
    texts: list = field(default_factory=list)  # (group label, [text]) of shown groups
    texts_hidden: bool = False

    @property
    def kind(self):
        return self.question.kind


@dataclass
class Results:
    survey: Survey
    groups: list  # (key, label)
    sizes: list  # Cell per group: respondents of the group
    questions: list
    total: int
    breakdown: str = ""

    @property
    def too_few(self) -> bool:
        return self.total == 0 or (not self.breakdown and all(c.hidden for c in self.sizes))

    @property
    def all_groups_hidden(self) -> bool:
        return bool(self.breakdown) and all(c.hidden or not c.value for c in self.sizes)


def breakdown_choices(survey: Survey) -> list[tuple[str, str]]:
    closed = survey.questions.filter(removed_in__isnull=True, kind__in=[Question.Kind.SINGLE, Question.Kind.LIKERT,
                                                                        Question.Kind.MULTIPLE])
    return [(key, str(label)) for key, (label, _field) in CONTEXTS.items()] + [
        (f"frage:{q.key}", in_language(q.label, "de")[:80]) for q in closed]


def _group_expression(breakdown: str, prefix: str, by_question: Question | None):
    """The group of each row, as an expression (`prefix` leads from the row to its response)."""
    if not breakdown:
        return Value(TOTAL)
    if by_question is not None:
        return F(f"{prefix}answers__option_id")
    if breakdown == "jahr":
        # The year as the first four characters of the day: plain SQL on both databases (SQLite's year
        # extraction is a function called per row, ten times slower over half a million answers).
        day = Coalesce(f"{prefix}occasion__held_on", f"{prefix}submitted_on")
        return Substr(Cast(day, CharField()), 1, 4)
    return F(prefix + CONTEXTS[breakdown][1])


MULTI_ROW = {Question.Kind.MULTIPLE, Question.Kind.MATRIX, Question.Kind.RANKING}


def build(survey: Survey, *, breakdown: str = "", small_cells: bool = True, language: str = "de") -> Results:
    """The results as the reader may see them: `small_cells` False hides every count from 1 to 4 and all free
    texts (funders); an anonymous survey hides small groups from everyone."""
    questions = list(survey.questions.filter(removed_in__isnull=True).prefetch_related("options"))
    by_question = None
    if breakdown.startswith("frage:"):
        by_question = next((q for q in questions if q.key == breakdown.split(":", 1)[1]), None)
        if by_question is None:
            raise Question.DoesNotExist(breakdown)
    ids = {kind: [q.pk for q in questions if q.kind in kind] for kind in (
        tuple(MULTI_ROW), (Question.Kind.NUMBER,), (Question.Kind.TEXT, Question.Kind.LONGTEXT))}
    # By question id (not through the survey): the counts are read from the index on answers alone.
    answers = Answer.objects.filter(question_id__in=[q.pk for q in questions])
    responses = Response.objects.filter(survey=survey)
    if by_question is not None:
        responses = responses.filter(answers__question=by_question)
        answers = answers.filter(response__answers__question=by_question)
    sizes = dict(responses.annotate(g=_group_expression(breakdown, "", by_question)).values("g")
                 .annotate(n=Count("pk", distinct=True)).values_list("g", "n"))
    total = Response.objects.filter(survey=survey).count()
    grouped = answers.annotate(g=_group_expression(breakdown, "response__", by_question))
    counts, answered = {}, {}
    # COUNT(response_id), a column of the index: PostgreSQL answers from the index alone.
    rows = grouped.values("question_id", "statement_id", "option_id", "dont_know", "g").annotate(n=Count("response_id"))
    for row in rows:
        counts[(row["question_id"], row["statement_id"], row["option_id"], row["dont_know"], row["g"])] = row["n"]
        answered[(row["question_id"], row["g"])] = answered.get((row["question_id"], row["g"]), 0) + row["n"]
    if ids[tuple(MULTI_ROW)]:  # several rows per respondent: count the respondents themselves
        answered.update({(q, g): n for q, g, n in grouped.filter(question_id__in=ids[tuple(MULTI_ROW)]).values(
            "question_id", "g").annotate(n=Count("response_id", distinct=True)).values_list("question_id", "g", "n")})
    numbers = {(r["question_id"], r["g"]): r for r in grouped.filter(
        question_id__in=ids[(Question.Kind.NUMBER,)], number__isnull=False).values("question_id", "g")
        .annotate(mean=Avg("number"), low=Min("number"), high=Max("number"))}
    groups = _groups(survey, breakdown, by_question, sizes, language)
    anonymous = survey.anonymous
    size_cells = _hide_small_groups([sizes.get(key, 0) for key, _label in groups], anonymous or not small_cells)
    texts = _texts(grouped.filter(question_id__in=ids[(Question.Kind.TEXT, Question.Kind.LONGTEXT)])) \
        if small_cells else {}
    results = [_question(q, groups, size_cells, counts, answered, numbers, texts, anonymous, small_cells, language)
               for q in questions]
    return Results(survey, groups, size_cells, results, total, breakdown)


def _groups(survey, breakdown, by_question, sizes, language) -> list[tuple[object, str]]:
    if not breakdown:
        return [(TOTAL, str(_("alle")))]
    keys = sorted((k for k in sizes if k is not None), key=str) + ([None] if None in sizes else [])
    if by_question is not None:
        labels = {o.pk: in_language(o.label, language) for o in by_question.options.all()}
    elif breakdown == "anlass":
        occasions = {o.pk: o for o in survey.occasions.all()}  # one query, then in date order
        labels = {pk: f"{o.title} ({o.held_on:%d.%m.%Y})" if o.held_on else o.title for pk, o in occasions.items()}
        held = {pk: o.held_on for pk, o in occasions.items() if o.held_on}
        keys.sort(key=lambda k: (k is None, k not in held, held.get(k, date.min), labels.get(k, "")))
    elif breakdown == "kreis":
        from netzlotse.network.models import Region
        labels = {r.pk: r.label for r in Region.objects.filter(pk__in=[k for k in keys if k])}
    elif breakdown == "zielgruppe":
        from netzlotse.directory.models import TargetGroup
        labels = {t.pk: str(t) for t in TargetGroup.objects.filter(pk__in=[k for k in keys if k])}
    else:
        labels = {k: str(k) for k in keys}
    return [(k, labels.get(k, str(k)) if k is not None else str(_("ohne Angabe"))) for k in keys]


def _hide_small_groups(values: list[int], hide: bool) -> list[Cell]:
    """Cells for a row of group sizes; small groups hidden, and with them whatever would give them back."""
    cells = [Cell(v) for v in values]
    if not hide:
        return cells
    marks = suppress_column(dict(enumerate(values))) if len(values) > 1 else (
        {0: HIDDEN} if small(values[0]) else {})
    for i, mark in marks.items():
        cells[i].shown = mark
    return cells


def _question(question, groups, size_cells, counts, answered, numbers, texts, anonymous, small_cells, language):
    text = in_language(question.label, language)
    keys = [key for key, _label in groups]
    respondents = _hide_small_groups([answered.get((question.pk, k), 0) for k in keys], anonymous or not small_cells)
    for cell, size in zip(respondents, size_cells, strict=True):
        if size.hidden and not cell.hidden:
            cell.shown = size.shown if cell.value else cell.shown
    result = QuestionResult(question, text, respondents)
    options = [o for o in question.options.all() if not o.statement and o.removed_in is None]
    if question.kind == Question.Kind.MATRIX:
        for statement in (o for o in question.options.all() if o.statement and o.removed_in is None):
            lines = _lines(question, options, statement.pk, keys, respondents, counts, small_cells, language)
            means = [_scale_mean(question, options, statement.pk, k, counts, cell) for k, cell in zip(keys, respondents,
                                                                                                     strict=True)]
            result.statements.append((in_language(statement.label, language), means, lines))
    elif question.is_closed:
        result.lines = _lines(question, options, None, keys, respondents, counts, small_cells, language)
        if question.kind == Question.Kind.LIKERT:
            result.means = [_scale_mean(question, options, None, k, counts, cell)
                            for k, cell in zip(keys, respondents, strict=True)]
    elif question.kind == Question.Kind.NUMBER:
        result.means = [Cell(None, "–") if cell.hidden or (question.pk, k) not in numbers else
                        Cell(_round(numbers[(question.pk, k)]["mean"])) for k, cell in zip(keys, respondents, strict=True)]
    elif question.kind in (Question.Kind.TEXT, Question.Kind.LONGTEXT):
        shown = {k for k, cell in zip(keys, respondents, strict=True) if not cell.hidden}
        result.texts = [(label, texts.get((question.pk, k), [])) for k, label in groups
                        if k in shown and texts.get((question.pk, k))]
        result.texts_hidden = not small_cells or len(shown) < len([c for c in respondents if c.value])
    return result


def _lines(question, options, statement, keys, respondents, counts, small_cells, language) -> list[Line]:
    parts = [(in_language(o.label, language), o.pk, False) for o in options]
    if question.dont_know:
        from .words import words
        parts.append((words(language)["dont_know"], None, True))
    lines = []
    for label, option, dont_know in parts:
        values = [counts.get((question.pk, statement, option, dont_know, k), 0) for k in keys]
        lines.append(Line(label, [Cell(v) for v in values]))
    for column, group in enumerate(respondents):
        column_cells = [line.cells[column] for line in lines]
        if group.hidden:
            for cell in column_cells:
                cell.shown = group.shown if cell.value else "–"
        elif not small_cells:
            for i, mark in suppress_column({i: c.value for i, c in enumerate(column_cells)}).items():
                column_cells[i].shown = mark
    for line in lines:
        line.shares = [Cell(None, "–") if cell.hidden or not group.value or group.hidden else
                       Cell(round(100 * cell.value / group.value, 1)) for cell, group in zip(line.cells, respondents,
                                                                                           strict=True)]
    return lines


def _scale_mean(question, options, statement, key, counts, group: Cell) -> Cell:
    """The mean scale point (options keyed 1..n), "don't know" left out."""
    if group.hidden:
        return Cell(None, "–")
    weighted = [(int(o.key), counts.get((question.pk, statement, o.pk, False, key), 0)) for o in options
                if o.key.isdigit()]
    n = sum(count for _point, count in weighted)
    return Cell(round(sum(point * count for point, count in weighted) / n, 2)) if n else Cell(None, "–")


def _round(value) -> float | None:
    return None if value is None else float(round(Decimal(value), 2))


def _texts(grouped) -> dict:
    """The latest free texts per question and group (a page shows at most TEXTS_SHOWN of each)."""
    found = {}
    rows = grouped.exclude(text="").order_by("question_id", "-response_id").values_list("question_id", "g", "text")
    for question_id, group, text in rows.iterator(chunk_size=2000):
        bucket = found.setdefault((question_id, group), [])
        if len(bucket) < TEXTS_SHOWN:
            bucket.append(text)
    return found


def chart(result: QuestionResult, groups) -> dict | None:
    """What the page's script draws for one question (hidden cells as null, like the table shows them)."""
    def value(cell):
        return None if cell.hidden else cell.value

    if result.statements and len(groups) == 1:
        points = [line.label for line in result.statements[0][2]]
        return {"type": "stacked", "categories": [label for label, _means, _lines in result.statements],
                "series": [{"name": point, "values": [value(lines[i].shares[0]) for _l, _m, lines in result.statements]}
                           for i, point in enumerate(points)]}
    if result.lines:  # a matrix broken down shows its means per group in the table only
        return {"type": "bars", "categories": [line.label for line in result.lines],
                "series": [{"name": label, "values": [value(line.shares[i]) for line in result.lines]}
                           for i, (_key, label) in enumerate(groups)]}
    return None
