"""The respondent's pages: no account, an anonymous link per survey or occasion, or a personal invitation."""

import json

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods

from netzlotse.core.params import BadParameter, choice_param
from netzlotse.core.translation import RTL_LANGUAGES

from ..models import Invitation, Question, Survey
from ..respondent import Sheet, StaleForm, field_name, initial
from ..services import DONT_KNOW, Refused
from ..words import words

ACTIONS = ("weiter", "zurueck", "speichern")


def _language(request, survey: Survey, *, source="GET", default=None) -> str:
    offered = tuple(survey.languages or ["de"])
    return choice_param(request, "sprache", offered, default=default or offered[0], source=source)


@require_http_methods(["GET", "POST"])
def answer(request, survey, occasion=None):
    """The open link of an anonymous survey (one per occasion, e.g. per seminar)."""
    survey = get_object_or_404(Survey.objects.filter(anonymous=True).exclude(status=Survey.Status.DRAFT), uuid=survey)
    occasion = get_object_or_404(survey.occasions, uuid=occasion) if occasion else None
    if (closed := _closed(request, survey)) is not None:
        return closed
    if request.method == "GET":
        sheet = Sheet(survey, _language(request, survey))
        sheet.page = sheet.neighbour(0) or 1
        return _show(request, sheet)
    try:
        sheet = Sheet.from_state(survey, request.POST.get("zustand", ""))
    except StaleForm:
        raise BadParameter(words(_language(request, survey, source="POST"))["check"]) from None
    return _step(request, sheet, occasion=occasion)


@require_http_methods(["GET", "POST"])
def invited(request, token):
    """A personal invitation: one response, the answers so far kept between visits."""
    invitation = get_object_or_404(Invitation.objects.select_related("survey", "occasion").exclude(
        survey__status=Survey.Status.DRAFT), token=token)
    survey = invitation.survey
    if (closed := _closed(request, survey, invitation)) is not None:
        return closed
    source = "POST" if request.method == "POST" else "GET"
    sheet = Sheet(survey, _language(request, survey, source=source), dict(invitation.draft), invitation.draft_page)
    if request.method == "GET":
        sheet.page = sheet.page if sheet.page in sheet.page_numbers() else (sheet.neighbour(0) or 1)
        return _show(request, sheet, invitation=invitation)
    return _step(request, sheet, invitation=invitation, occasion=invitation.occasion)


@require_GET
def thanks(request, survey):
    survey = get_object_or_404(Survey.objects.exclude(status=Survey.Status.DRAFT), uuid=survey)
    language = _language(request, survey)
    return render(request, "surveys/respond_message.html", _frame(survey, language, message=words(language)["thanks"],
                                                                  detail=words(language)["thanks_more"]))


def _closed(request, survey: Survey, invitation: Invitation | None = None):
    """The page a respondent meets outside the response window (or after answering), or None."""
    today, language = timezone.localdate(), _language(request, survey, source=request.method)
    said = words(language)
    if survey.not_yet(today):
        message = said["not_yet"] % {"day": survey.opens_on.strftime("%d.%m.%Y")}
    elif survey.over(today):
        message = said["closed"]
    elif invitation is not None and invitation.responded_on is not None:
        message = said["answered"]
    else:
        return None
    return render(request, "surveys/respond_message.html", _frame(survey, language, message=message))


def _step(request, sheet: Sheet, *, occasion=None, invitation=None):
    action = choice_param(request, "aktion", ACTIONS, default="weiter", source="POST")
    errors, revealed = sheet.take(request.POST)
    if action == "zurueck":
        sheet.page = sheet.neighbour(-1) or sheet.page
        return _show(request, sheet, invitation=invitation, keep=True)
    if action == "speichern" and invitation is not None:
        return _show(request, sheet, invitation=invitation, keep=True, note=words(sheet.language)["saved"])
    if errors or revealed:
        return _show(request, sheet, invitation=invitation, errors=errors, keep=True,
                     note="" if errors else words(sheet.language)["more"])
    if not sheet.is_last():
        sheet.page = sheet.neighbour(1)
        return _show(request, sheet, invitation=invitation, keep=True)
    try:
        sheet.submit(occasion=occasion, invitation=invitation)
    except Refused as refused:
        return _show(request, sheet, invitation=invitation, errors=refused.errors, keep=True)
    url = reverse("respond:thanks", args=[sheet.survey.uuid])
    return redirect(f"{url}?{urlencode({'sprache': sheet.language})}")


def _show(request, sheet: Sheet, *, invitation=None, errors=None, keep=False, note=""):
    if keep and invitation is not None:  # every step of a personal link is kept: the invitee may stop anywhere
        Invitation.objects.filter(pk=invitation.pk).update(draft=sheet.answers, draft_page=sheet.page)
    errors = errors or {}
    shown = sheet.visible_keys()
    questions = [_question(sheet, q, q.key in shown, errors.get(q.key, "")) for q in sheet.on_page()]
    here = {q.key for q in sheet.on_page()}
    earlier = {k: v for k, v in sheet.answers.items() if k in shown and k not in here}
    page = sheet.pages.get(sheet.page)
    context = _frame(sheet.survey, sheet.language, sheet=sheet, questions=questions, invitation=invitation,
                     page_title=sheet.text(page.title) if page else "", note=note,
                     errors=[(q["id"], q["label"], q["error"]) for q in questions if q["error"]],
                     general_error=errors.get(""), earlier=earlier,
                     position=sheet.position(), total=sheet.total_pages(), first=sheet.neighbour(-1) is None,
                     last=not sheet.has_later_pages(), state="" if invitation else sheet.state())
    context["page_label"] = context["said"]["page"] % {"n": sheet.position(), "total": sheet.total_pages()}
    return render(request, "surveys/respond.html", context, status=400 if errors else 200)


def _frame(survey: Survey, language: str, **context) -> dict:
    return {"survey": survey, "language": language, "direction": "rtl" if language in RTL_LANGUAGES else "ltr",
            "said": words(language), "title": survey.text("title", language), **context,
            "languages": [(code, code.upper()) for code in survey.languages or ["de"]]}


def _question(sheet: Sheet, question: Question, shown: bool, error: str) -> dict:
    text = sheet.text
    options = [o for o in question.options.all() if o.removed_in is None]
    value = initial(question, sheet.answers)
    return {
        # A question not yet translated shows in German: marked, so a screen reader reads it as German.
        "lang": sheet.language if question.label.get(sheet.language) else ("de" if "de" in question.label else
                                                                           next(iter(question.label), "de")),
        "q": question, "id": f"frage-{question.key}", "name": field_name(question), "shown": shown, "error": error,
        "label": text(question.label), "hint": text(question.hint), "value": value,
        "options": [(o.key, text(o.label), _picked(value, o.key), value.get(o.key) if isinstance(value, dict) else None)
                    for o in options if not o.statement],
        "statements": [(o.key, text(o.label), field_name(question, o.key),
                        (value or {}).get(o.key) if isinstance(value, dict) else None) for o in options if o.statement],
        "ranks": list(range(1, len([o for o in options if not o.statement]) + 1)),
        "dont_know": DONT_KNOW if question.dont_know else "", "dont_know_picked": _picked(value, DONT_KNOW),
        "relevance": json.dumps(question.relevance_tree) if question.relevance_tree else "",
        "range": _range(sheet, question),
    }


def _picked(value, key) -> bool:
    return value == key or (isinstance(value, list) and key in value) or (isinstance(value, dict) and key in value)


def _range(sheet: Sheet, question: Question) -> str:
    if question.kind != Question.Kind.NUMBER or (question.minimum is None and question.maximum is None):
        return ""
    def plain(n):
        return "" if n is None else f"{n.normalize():f}"
    return words(sheet.language)["from_to"] % {"low": plain(question.minimum) or "…", "high": plain(question.maximum) or "…"}
