"""The survey benchmark, on the surveys `generate_data` writes: saving the 100-question survey in the builder
(the order of all questions at once, and one question's form), the results page of the 40-question survey with
10,000 responses (whole and by year), submitting a response through the anonymous link, and, from `land` up,
the export of 100,000 responses × 100 questions, timed and with its peak memory measured in a process of its own.
"""

import multiprocessing
import resource
from queue import Empty

from django.contrib.auth import get_user_model
from django.db import connections
from django.test import Client
from django.urls import reverse

from netzlotse.accounts.models import Membership
from netzlotse.accounts.roles import Role
from netzlotse.core.bench import operation

from . import export_process
from .generate import TITLE_PREFIX
from .models import Survey, SurveyExport
from .respondent import Sheet


def _survey(title: str) -> Survey:
    survey = Survey.objects.filter(title__de=f"{TITLE_PREFIX}{title}").first()
    if survey is None:
        raise RuntimeError("keine generierten Umfragen: zuerst generate_data")
    return survey


def _manager(survey: Survey) -> Client:
    user, _ = get_user_model().objects.get_or_create(username="bench-umfragen")
    Membership.objects.get_or_create(user=user, organization=survey.organization, role=Role.PROVIDER)
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


@operation("survey_save", goal_ms=300)
def survey_save(ctx):
    """The builder saves the order and pages of all 100 questions at once (reversed each time)."""
    survey = _survey("Langer Fragebogen (Baukasten)")
    client, url = _manager(survey), reverse("surveys:arrange", args=[survey.pk])
    ids = list(survey.questions.order_by("position").values_list("pk", "page"))

    def make():
        ids.reverse()
        return client, url, {**{f"seite-{pk}": page for pk, page in ids},
                             **{f"position-{pk}": n for n, (pk, _page) in enumerate(ids, start=1)}}

    return ctx.time_posts(make, max(10, ctx.runs // 10))


@operation("question_save", goal_ms=300)
def question_save(ctx):
    """One question of the 100-question survey saved from its form (text changed, options kept)."""
    survey = _survey("Langer Fragebogen (Baukasten)")
    client = _manager(survey)
    question = survey.questions.filter(kind="multiple").first()
    url = reverse("surveys:question_edit", args=[survey.pk, question.pk])
    lines = "\n".join(f"{o.key} | {o.label['de']} | {o.label.get('en', o.label['de'])}"
                      for o in question.options.filter(removed_in__isnull=True))
    counter = iter(range(10**9))

    def make():
        return client, url, {"page": question.page, "label_de": f"Frage, Fassung {next(counter)}",
                             "label_en": "Question", "options_text": lines}

    return ctx.time_posts(make, max(10, ctx.runs // 10))


def _results(ctx, query: str):
    survey = _survey("Seminarfeedback (Ergebnisse)")
    previous, ctx.client = ctx.client, _manager(survey)
    url = reverse("surveys:results", args=[survey.pk]) + query
    try:
        return ctx.time_requests(lambda: url, runs=max(10, ctx.runs // 5))
    finally:
        ctx.client = previous


@operation("survey_results", goal_ms=500)
def survey_results(ctx):
    """The results page of 40 questions × 10,000 responses."""
    return _results(ctx, "")


@operation("survey_by_year", goal_ms=500)
def survey_by_year(ctx):
    """The same results broken down by year (each answer joined to its response and occasion)."""
    return _results(ctx, "?nach=jahr")


@operation("survey_by_question", goal_ms=500)
def survey_by_question(ctx):
    """The same results cross-tabulated by the first scale question."""
    return _results(ctx, "?nach=frage:q001")


@operation("survey_submit", goal_ms=100)
def survey_submit(ctx):
    """The last page of the 40-question survey sent through its anonymous link: the whole response checked
    (conditions, ranges, options) and written."""
    survey = _survey("Seminarfeedback (Ergebnisse)")
    client, url = Client(HTTP_HOST="localhost"), reverse("respond:answer", args=[survey.uuid])
    questions = list(survey.questions.prefetch_related("options"))
    answers = {}
    for q in questions:
        options = [o.key for o in q.options.all() if not o.statement]
        if q.kind == "likert":
            answers[q.key] = options[3]
        elif q.kind == "matrix":
            answers[q.key] = {o.key: options[2] for o in q.options.all() if o.statement}
        elif q.kind == "multiple":
            answers[q.key] = options[:2]
        elif q.kind == "number":
            answers[q.key] = "42"
    last = max(q.page for q in questions)
    client.get(url, secure=True)  # the CSRF cookie, as a browser has it

    def make():
        sheet = Sheet(survey, "de", dict(answers), last)
        return client, url, {"zustand": sheet.state(), "aktion": "weiter", "js": "1",
                             **{f"q:{k}": v for k, v in answers.items() if isinstance(v, str)
                                and next(q for q in questions if q.key == k).page == last}}

    client.enforce_csrf_checks = False
    return ctx.time_posts(make, max(20, ctx.runs // 4))


@operation("survey_export", goal_ms=60_000)
def survey_export(ctx):
    """The export of 100,000 responses × 100 questions as CSV, in a process of its own whose peak resident
    memory is read when it ends (from `land` up; `region` has no such survey)."""
    survey = Survey.objects.filter(title__de=f"{TITLE_PREFIX}Großbefragung (Export)").first()
    if survey is None:
        ctx.notes.append("survey_export: erst ab --size land (100.000 Antworten)")
        return [0.0]
    user, _ = get_user_model().objects.get_or_create(username="bench-umfragen")
    Membership.objects.get_or_create(user=user, organization=survey.organization, role=Role.PROVIDER)
    timings = []
    for _ in range(2):
        export = SurveyExport.objects.create(survey=survey, requested_by=user, format="csv")
        connections.close_all()
        spawn = multiprocessing.get_context("spawn")
        queue = spawn.Queue()
        child = spawn.Process(target=export_process.run, args=(str(export.pk), queue))
        child.start()
        child.join()
        try:
            seconds, status, size = queue.get(timeout=10)
        except Empty:
            raise RuntimeError(f"the export process ended with {child.exitcode} and no result") from None
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # kB → MB (Linux)
        timings.append(seconds * 1000)
        ctx.notes.append(f"survey_export: {survey.responses.count()} Antworten, {status}, {size / 2**20:.0f} MB CSV "
                         f"in {seconds:.1f} s, Spitze {peak:.0f} MB Arbeitsspeicher (ganzer Prozess)")
        export.path.unlink(missing_ok=True)
        export.delete()
    return timings
