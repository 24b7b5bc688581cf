"""Changing a survey and taking responses: each a single transaction.

A change to a survey that already runs is a new version (with a snapshot of the structure); a removed
question or option stays in the database with the version that removed it, so its answers stay too.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .expressions import ExpressionError, evaluate, parse, references
from .models import Answer, Option, Question, Response, Survey, SurveyVersion


def snapshot(survey: Survey) -> dict:
    """The structure respondents see now: questions and options in order, by key, with their texts."""
    questions = survey.questions.filter(removed_in__isnull=True).prefetch_related("options")
    return {"version": survey.version, "questions": [
        {"key": q.key, "uuid": str(q.uuid), "kind": q.kind, "page": q.page, "label": q.label,
         "required": q.required, "relevance": q.relevance,
         "options": [{"key": o.key, "uuid": str(o.uuid), "statement": o.statement, "label": o.label}
                     for o in q.options.all() if o.removed_in is None]}
        for q in questions]}


def _changed(survey: Survey, by) -> int:
    """The version a change is made in: a new one once the survey has started (runs or has answers)."""
    if survey.status != Survey.Status.DRAFT or survey.responses.exists():
        survey.version += 1
        survey.save(update_fields=["version"])
    return survey.version


def _record(survey: Survey, by) -> None:
    SurveyVersion.objects.update_or_create(survey=survey, number=survey.version,
                                           defaults={"snapshot": snapshot(survey), "by": by})


def _checked_relevance(question: Question) -> None:
    keys = set(question.survey.questions.filter(removed_in__isnull=True).values_list("key", flat=True)) | {
        question.key}
    try:
        question.relevance_tree = parse(question.relevance, questions=keys)
    except ExpressionError as error:
        raise ValidationError({"relevance": str(error)}) from None
    if question.key in references(question.relevance_tree):
        raise ValidationError({"relevance": _("Eine Frage kann nicht von sich selbst abhängen.")})


@transaction.atomic
def question_save(*, question: Question, options=(), by=None) -> Question:
    """Add a question or change one (texts, order, condition); `options` are (key, label) pairs: new keys are
    added, known ones keep their row (and answers) with the new text. Options not named are left alone."""
    survey = Survey.objects.select_for_update().get(pk=question.survey_id)
    question.survey = survey
    _checked_relevance(question)
    version = _changed(survey, by)
    if question.pk is None:
        question.added_in = version
    question.save()
    for position, (key, label) in enumerate(options):
        option = question.options.filter(key=key, statement=False).first() or Option(
            question=question, key=key, added_in=version)
        option.label, option.position, option.removed_in = label, position, None
        option.save()
    _record(survey, by)
    return question


@transaction.atomic
def question_remove(*, question: Question, by=None) -> None:
    survey = Survey.objects.select_for_update().get(pk=question.survey_id)
    question.removed_in = _changed(survey, by)
    question.save(update_fields=["removed_in"])
    _record(survey, by)


@transaction.atomic
def option_remove(*, option: Option, by=None) -> None:
    survey = Survey.objects.select_for_update().get(pk=option.question.survey_id)
    option.removed_in = _changed(survey, by)
    option.save(update_fields=["removed_in"])
    _record(survey, by)


class Refused(ValueError):
    """A response that cannot be taken as it is; `errors` maps question keys to messages."""

    def __init__(self, errors: dict):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


def _shown(questions, given: dict) -> list:
    """The questions the respondent saw: conditions evaluated in order over the answers to shown questions."""
    shown, visible = [], {}
    for question in questions:
        if evaluate(question.relevance_tree, visible):
            shown.append(question)
            if question.key in given:
                visible[question.key] = given[question.key]
    return shown


@transaction.atomic
def respond(*, survey: Survey, given: dict, language: str = "de") -> Response:
    """Take one response: `given` maps question keys to a value (a list of option keys for multiple choice and
    ranking, {statement: option} for a matrix). Answers to hidden or unknown questions are discarded; required
    applies to shown questions only; every value is checked before anything is written."""
    survey = Survey.objects.get(pk=survey.pk)  # the version as it is now, whatever the caller holds
    questions = list(survey.questions.filter(removed_in__isnull=True).prefetch_related("options"))
    shown = _shown(questions, given)
    errors, rows = {}, []
    for question in shown:
        value = given.get(question.key)
        if value in (None, "", [], {}):
            if question.required:
                errors[question.key] = _("Bitte beantworten Sie diese Frage.")
            continue
        try:
            rows += _answers(question, value)
        except ValidationError as error:
            errors[question.key] = " ".join(error.messages)
    if errors:
        raise Refused(errors)
    response = Response.objects.create(survey=survey, version=survey.version, language=language)
    for row in rows:
        row.response = response
    Answer.objects.bulk_create(rows)
    return response


def _answers(question: Question, value) -> list[Answer]:
    options = {o.key: o for o in question.options.all() if o.removed_in is None and not o.statement}
    kind = question.kind
    if kind in (Question.Kind.SINGLE, Question.Kind.LIKERT):
        return [Answer(question=question, option=_option(options, value))]
    if kind in (Question.Kind.MULTIPLE, Question.Kind.RANKING):
        if not isinstance(value, list) or len(set(value)) != len(value):
            raise ValidationError(_("Jede Option höchstens einmal."))
        return [Answer(question=question, option=_option(options, key),
                       rank=position if kind == Question.Kind.RANKING else None)
                for position, key in enumerate(value, start=1)]
    if kind == Question.Kind.MATRIX:
        statements = {o.key: o for o in question.options.all() if o.removed_in is None and o.statement}
        if not isinstance(value, dict) or not set(value) <= set(statements):
            raise ValidationError(_("Unbekannte Aussage."))
        return [Answer(question=question, statement=statements[s], option=_option(options, o)) for s, o in value.items()]
    if kind == Question.Kind.NUMBER:
        return [Answer(question=question, number=_number(question, value))]
    text = str(value)
    if len(text) > (500 if kind == Question.Kind.TEXT else 10_000):
        raise ValidationError(_("Die Antwort ist zu lang."))
    return [Answer(question=question, text=text)]


def _option(options: dict, key) -> Option:
    if key not in options:
        raise ValidationError(_("Diese Antwort gibt es nicht."))
    return options[key]


def _number(question: Question, value):
    from decimal import Decimal, InvalidOperation

    try:
        number = Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        raise ValidationError(_("Bitte eine Zahl eingeben.")) from None
    if not number.is_finite() or (question.minimum is not None and number < question.minimum) or (
            question.maximum is not None and number > question.maximum):
        raise ValidationError(_("Die Zahl liegt außerhalb des erlaubten Bereichs."))
    return number
