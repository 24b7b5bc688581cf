"""Changing a survey and taking responses: each a single transaction.

A change to a survey that already runs is a new version (with a snapshot of the structure); a removed
question or option stays in the database with the version that removed it, so its answers stay too.
"""

import hashlib
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .expressions import ExpressionError, evaluate, parse, references
from .models import Answer, Invitation, Option, Page, Question, Response, SpentForm, Survey, SurveyVersion

# The answer "don't know / no answer" where a question offers it (coded -9 in exports, left out of means).
DONT_KNOW = "_dk"
MAX_TEXT = {"text": 500, "longtext": 10_000}


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


def checked_relevance(question: Question) -> None:
    """Parse the question's condition (setting its tree), or ValidationError at the field `relevance`."""
    keys = set(question.survey.questions.filter(removed_in__isnull=True).values_list("key", flat=True)) | {
        question.key}
    try:
        question.relevance_tree = parse(question.relevance, questions=keys)
    except ExpressionError as error:
        raise ValidationError({"relevance": str(error)}) from None
    if question.key in references(question.relevance_tree):
        raise ValidationError({"relevance": _("Eine Frage kann nicht von sich selbst abhängen.")})


@transaction.atomic
def question_save(*, question: Question, options=(), statements=(), remove_unnamed: bool = False,
                  by=None) -> Question:
    """Add a question or change one (texts, order, condition); `options` (and a matrix's `statements`) are
    (key, label) pairs: new keys are added, known ones keep their row (and answers) with the new text. With
    `remove_unnamed` the options and statements not named are removed (their answers stay), else left alone."""
    survey = Survey.objects.select_for_update().get(pk=question.survey_id)
    question.survey = survey
    checked_relevance(question)
    version = _changed(survey, by)
    if question.pk is None:
        question.added_in = version
    question.save()
    for statement, parts in ((False, options), (True, statements)):
        known = {o.key: o for o in question.options.filter(statement=statement)}
        for position, (key, label) in enumerate(parts):
            option = known.get(key) or Option(question=question, key=key, statement=statement, added_in=version)
            option.label, option.position, option.removed_in = label, position, None
            option.save()
        if remove_unnamed and (parts or statement):
            named = {key for key, _label in parts}
            question.options.filter(statement=statement, removed_in__isnull=True).exclude(key__in=named).update(
                removed_in=version)
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


def shown_questions(questions, pages: dict, given: dict) -> list:
    """The questions the respondent saw: page and question conditions evaluated in order over the answers to
    shown questions (an answer to a hidden question counts for nothing, not even in a later condition)."""
    shown, visible = [], {}
    for question in questions:
        page = pages.get(question.page)
        if evaluate(page.relevance_tree if page else None, visible) and evaluate(question.relevance_tree, visible):
            shown.append(question)
            if question.key in given:
                visible[question.key] = given[question.key]
    return shown


def live_structure(survey: Survey) -> tuple[list, dict]:
    """The questions (with options) and pages respondents meet now, in order."""
    questions = list(survey.questions.filter(removed_in__isnull=True).prefetch_related("options"))
    return questions, {page.number: page for page in survey.pages.all()}


def checked(questions, given: dict) -> list[Answer]:
    """The answer rows for `questions` (all shown), or Refused with a message per question."""
    errors, rows = {}, []
    for question in questions:
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
    return rows


def fingerprint(nonce: str) -> str:
    return hashlib.sha256(nonce.encode()).hexdigest()


@transaction.atomic
def respond(*, survey: Survey, given: dict, language: str = "de", occasion=None, invitation: Invitation | None = None,
            nonce: str = "") -> Response:
    """Take one response: `given` maps question keys to a value (a list of option keys for multiple choice and
    ranking, {statement: option} for a matrix). Answers to hidden or unknown questions are discarded; required
    applies to shown questions only; every value is checked before anything is written. An invitation answers
    once; an anonymous form's `nonce` once (its fingerprint is kept apart from the response)."""
    survey = Survey.objects.get(pk=survey.pk)  # the version as it is now, whatever the caller holds
    today = timezone.localdate()
    if not survey.is_open(today):
        raise Refused({"": _("Diese Umfrage nimmt keine Antworten an.")})
    questions, pages = live_structure(survey)
    rows = checked(shown_questions(questions, pages, given), given)
    if invitation is not None:
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk, survey=survey)
        if invitation.responded_on is not None:
            raise Refused({"": _("Mit dieser Einladung wurde bereits geantwortet.")})
    elif nonce:
        try:
            with transaction.atomic():
                SpentForm.objects.create(survey=survey, digest=fingerprint(nonce))
        except IntegrityError:
            raise Refused({"": _("Diese Antworten wurden bereits gesendet.")}) from None
    response = Response.objects.create(survey=survey, version=survey.version, language=language, occasion=occasion,
                                       submitted_on=today)
    for row in rows:
        row.response = response
    Answer.objects.bulk_create(rows)
    if invitation is not None:
        invitation.responded_on, invitation.draft = today, {}
        invitation.response = None if survey.anonymous else response
        invitation.save(update_fields=["responded_on", "draft", "response"])
    return response


def _answers(question: Question, value) -> list[Answer]:
    if question.dont_know and value == DONT_KNOW and question.kind != Question.Kind.MATRIX:
        return [Answer(question=question, dont_know=True)]
    options = {o.key: o for o in question.options.all() if o.removed_in is None and not o.statement}
    kind = question.kind
    if kind in (Question.Kind.SINGLE, Question.Kind.LIKERT):
        return [Answer(question=question, option=_option(options, value))]
    if kind in (Question.Kind.MULTIPLE, Question.Kind.RANKING):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value) or len(set(value)) != len(value):
            raise ValidationError(_("Jede Option höchstens einmal."))
        return [Answer(question=question, option=_option(options, key),
                       rank=position if kind == Question.Kind.RANKING else None)
                for position, key in enumerate(value, start=1)]
    if kind == Question.Kind.MATRIX:
        statements = {o.key: o for o in question.options.all() if o.removed_in is None and o.statement}
        if not isinstance(value, dict) or not all(isinstance(k, str) for k in value) or not set(value) <= set(statements):
            raise ValidationError(_("Unbekannte Aussage."))
        return [Answer(question=question, statement=statements[s], dont_know=True)
                if question.dont_know and o == DONT_KNOW else
                Answer(question=question, statement=statements[s], option=_option(options, o)) for s, o in value.items()]
    if kind == Question.Kind.NUMBER:
        return [Answer(question=question, number=_number(question, value))]
    if kind == Question.Kind.DATE:
        return [Answer(question=question, day=_day(value))]
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise ValidationError(_("Bitte einen Text eingeben."))
    text = str(value)
    if len(text) > MAX_TEXT.get(kind, 500):
        raise ValidationError(_("Die Antwort ist zu lang (höchstens %(n)d Zeichen).") % {"n": MAX_TEXT.get(kind, 500)})
    if "\x00" in text:
        raise ValidationError(_("Die Antwort enthält ungültige Zeichen."))
    return [Answer(question=question, text=text)]


def _day(value) -> date:
    try:
        return value if isinstance(value, date) else date.fromisoformat(str(value))
    except ValueError:
        raise ValidationError(_("Bitte ein Datum im Format JJJJ-MM-TT eingeben.")) from None


def _option(options: dict, key) -> Option:
    if not isinstance(key, str) or key not in options:
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


@transaction.atomic
def questions_arrange(*, survey: Survey, order: list[tuple[int, int]], by=None) -> None:
    """Put the questions in the given order: (question id, page) pairs, first to last; one new version."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    questions = {q.pk: q for q in survey.questions.filter(removed_in__isnull=True)}
    if {pk for pk, _page in order} != set(questions):
        raise ValidationError(_("Die Reihenfolge nennt nicht genau die Fragen dieser Umfrage."))
    for position, (pk, page) in enumerate(order, start=1):
        questions[pk].position, questions[pk].page = position, page
    _changed(survey, by)
    Question.objects.bulk_update(questions.values(), ["position", "page"], batch_size=500)
    _record(survey, by)


@transaction.atomic
def page_save(*, page: Page, by=None) -> Page:
    """A page's heading and condition; the condition may name any question of the survey but its own page's."""
    survey = Survey.objects.select_for_update().get(pk=page.survey_id)
    outside = set(survey.questions.filter(removed_in__isnull=True).exclude(page=page.number)
                  .values_list("key", flat=True))
    try:
        page.relevance_tree = parse(page.relevance, questions=outside)
    except ExpressionError as error:
        raise ValidationError({"relevance": str(error)}) from None
    _changed(survey, by)
    page.save()
    _record(survey, by)
    return page


@transaction.atomic
def survey_set_status(*, survey: Survey, status: str, by=None) -> Survey:
    """Start, close or reopen a survey. Starting needs a question and a title in every language offered."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if status == Survey.Status.LIVE:
        if not survey.questions.filter(removed_in__isnull=True).exists():
            raise ValidationError(_("Eine Umfrage ohne Fragen kann nicht starten."))
        missing = [code for code in survey.languages if not (survey.title or {}).get(code)]
        if missing:
            raise ValidationError(_("Der Titel fehlt noch in: %(languages)s.") % {"languages": ", ".join(missing)})
    survey.status = status
    survey.save(update_fields=["status"])
    _record(survey, by)
    return survey


def invitations_add(*, survey: Survey, recipients: list[tuple[str, str, int | None]], occasion=None) -> int:
    """Add invitees (e-mail, name, organisation id), for an occasion if given (the responses then carry it); an
    address already invited (for that occasion) is left as it is."""
    known = set(survey.invitations.filter(occasion=occasion).values_list("email", flat=True))
    fresh, seen = [], set()
    for email, name, organization in recipients:
        email = email.strip().lower()
        if email and email not in known and email not in seen:
            seen.add(email)
            fresh.append(Invitation(survey=survey, email=email, name=name[:250], organization_id=organization,
                                    occasion=occasion))
    Invitation.objects.bulk_create(fresh, batch_size=500)
    return len(fresh)


def export_request(*, survey: Survey, user, format: str, labels: bool):
    """Queue an export of a survey's answers; the worker writes the file (see `jobs.export_run`)."""
    from .jobs import remove_expired
    from .models import SurveyExport
    from .tasks import export_survey

    remove_expired()
    export = SurveyExport.objects.create(survey=survey, requested_by=user, format=format, labels=labels,
                                         total=survey.responses.count())
    transaction.on_commit(lambda: export_survey.enqueue(str(export.pk)))
    return export


def invitations_send(*, survey: Survey, reminder: bool, base_url: str, sent_before: str | None = None,
                     occasion_prefix: str = "") -> int:
    """Hand the invitation (or reminder) mails to the worker once the request's transaction has committed;
    returns how many are due (see `invitations.due` for the automatic reminder's arguments)."""
    from .invitations import due
    from .tasks import send_invitations

    count = due(survey, reminder=reminder, sent_before=sent_before, occasion_prefix=occasion_prefix).count()
    if count:
        transaction.on_commit(lambda: send_invitations.enqueue(survey.pk, reminder, base_url, sent_before,
                                                               occasion_prefix))
    return count


def invitations_remove(*, survey: Survey) -> int:
    """Delete the invitees' addresses and tokens (their responses stay, no longer linked to anyone): what is
    left of a personal survey once nobody needs to be written to again."""
    return survey.invitations.all().delete()[0]
