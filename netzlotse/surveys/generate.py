"""Synthetic surveys for the benchmark: at every size a 40-question feedback survey with 10,000 responses (the
results page), a 100-question survey to save in the builder, and from `land` up a 100-question survey with
100,000 responses (the export). Answers are written in large batches of plain rows."""

import random
import time
from datetime import date, timedelta

from django.db import connection, transaction

from netzlotse.network.models import Organization

from .models import Answer, Option, Question, Response, Survey, SurveyVersion

TITLE_PREFIX = "GEN-"
RESULTS = (40, 10_000)
EXPORT = {"region": None, "land": (100, 100_000), "bund": (100, 100_000)}
BATCH = 20_000
# Each block of ten questions: six scales, a matrix of four statements, a multiple choice, a number, a text.
BLOCK = ["likert"] * 6 + ["matrix", "multiple", "number", "text"]


def _survey(organization, title: str, count: int) -> Survey:
    survey = Survey.objects.create(organization=organization, title={"de": f"{TITLE_PREFIX}{title}", "en": title},
                                   languages=["de", "en"], anonymous=True, status=Survey.Status.LIVE)
    kinds = [BLOCK[n % len(BLOCK)] for n in range(count)]
    questions = Question.objects.bulk_create([
        Question(survey=survey, key=f"q{n + 1:03d}", kind=kind, page=n // 10 + 1, position=n + 1,
                 label={"de": f"Frage {n + 1}", "en": f"Question {n + 1}"}, scale_points=5 if kind in (
                     "likert", "matrix") else None, minimum=0 if kind == "number" else None,
                 maximum=100 if kind == "number" else None) for n, kind in enumerate(kinds)])
    options = []

    def option(question, key, position, de, en, statement=False):
        options.append(Option(question=question, key=key, position=position, statement=statement,
                              label={"de": de, "en": en}))

    for question in questions:
        if question.kind in ("likert", "matrix"):
            for p in range(1, 6):
                option(question, str(p), p, f"Stufe {p}", f"level {p}")
        if question.kind == "matrix":
            for n in range(1, 5):
                option(question, f"s{n}", n, f"Aussage {n}", f"statement {n}", statement=True)
        if question.kind == "multiple":
            for n in range(1, 6):
                option(question, f"o{n}", n, f"Option {n}", f"option {n}")
    Option.objects.bulk_create(options, batch_size=2000)
    from .services import snapshot

    SurveyVersion.objects.create(survey=survey, number=1, snapshot=snapshot(survey))
    return survey


def _answers(survey: Survey, responses: int, rng, progress) -> int:
    questions = list(survey.questions.prefetch_related("options"))
    parts = {q.pk: ([o.pk for o in q.options.all() if not o.statement], [o.pk for o in q.options.all() if o.statement])
             for q in questions}
    occasions = [survey.occasions.create(title=f"Seminar {n + 1}", held_on=date(2011 + n % 4, 3 + n % 9, 1 + n % 27))
                 for n in range(40)]
    written, started = 0, time.perf_counter()
    for first in range(0, responses, BATCH // max(len(questions), 1) or 1):
        size = min(BATCH // max(len(questions), 1) or 1, responses - first)
        batch = [Response(survey=survey, version=1, occasion=rng.choice(occasions),
                          submitted_on=date(2014, 12, 31) - timedelta(days=rng.randint(0, 1400))) for _ in range(size)]
        with transaction.atomic():
            Response.objects.bulk_create(batch)
            rows = []
            for response in batch:
                rows += _rows(response.pk, questions, parts, rng)
            _insert(rows)
        written += size
        if written % 20_000 < size:
            progress(f"Umfragen: {written} von {responses} Antworten ({time.perf_counter() - started:.0f} s)")
    return written


COLUMNS = ("response_id", "question_id", "option_id", "statement_id", "number", "text", "day", "rank", "dont_know")


def _rows(response: int, questions, parts, rng) -> list[tuple]:
    """One response's answers as plain rows (ten million of them are not built as models)."""
    rows, bias = [], rng.random()
    for question in questions:
        options, statements = parts[question.pk]
        kind = question.kind
        if kind == "likert":
            rows.append((response, question.pk, options[min(4, int(rng.random() * 3 + bias * 2.5))], None, None, "",
                         None, None, False))
        elif kind == "matrix":
            rows += [(response, question.pk, options[min(4, int(rng.random() * 3 + bias * 2.5))], s, None, "", None,
                      None, False) for s in statements]
        elif kind == "multiple":
            rows += [(response, question.pk, o, None, None, "", None, None, False) for o in options if rng.random() < 0.4]
        elif kind == "number":
            rows.append((response, question.pk, None, None, rng.randint(0, 100), "", None, None, False))
        elif rng.random() < 0.2:
            rows.append((response, question.pk, None, None, None, f"Anmerkung {rng.randint(1, 500)}", None, None, False))
    return rows


def _insert(rows: list[tuple]) -> None:
    table = Answer._meta.db_table
    sql = f"INSERT INTO {table} ({', '.join(COLUMNS)}) VALUES ({', '.join(['%s'] * len(COLUMNS))})"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def extend(size: str, seed: int = 42, progress=print) -> dict:
    organization = Organization.objects.filter(external_id__startswith="gen-").order_by("pk").first()
    if organization is None:
        return {}
    rng = random.Random(seed + 5)  # noqa: S311 - synthetic data, not security
    results = _survey(organization, "Seminarfeedback (Ergebnisse)", RESULTS[0])
    counts = {"responses": _answers(results, RESULTS[1], rng, progress)}
    _survey(organization, "Langer Fragebogen (Baukasten)", 100)
    if EXPORT[size]:
        export = _survey(organization, "Großbefragung (Export)", EXPORT[size][0])
        counts["responses"] += _answers(export, EXPORT[size][1], rng, progress)
    counts["answers"] = Answer.objects.filter(question__survey__title__de__startswith=TITLE_PREFIX).count()
    # Fresh statistics after a bulk load, as autovacuum would gather a while later: without them PostgreSQL
    # plans the results' counts as a scan of every answer.
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Answer._meta.db_table}")
    return counts


def remove() -> None:
    generated = Survey.objects.filter(title__de__startswith=TITLE_PREFIX)
    with transaction.atomic():
        # Ten million answers go in one statement, not through the ORM's cascade row by row.
        answers = Answer.objects.filter(question_id__in=Question.objects.filter(survey__in=generated).values("pk"))
        answers._raw_delete(connection.alias)
        generated.delete()
