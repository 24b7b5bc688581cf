"""A respondent's way through a survey, page by page, with or without JavaScript.

The server decides what is shown: after each page the conditions are evaluated over the answers so far, pages
whose questions are all hidden are skipped, and a question of the same page that the answers just made visible
brings the page back once (in the browser, relevance.js shows it at once instead). Answers so far travel in a
signed hidden field for an anonymous link (nothing is stored before the end) and in the invitation's draft for
a personal link (so the invitee can stop and come back).
"""

import secrets
from dataclasses import dataclass, field

from django.core import signing
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Invitation, Question, Survey, in_language
from .services import DONT_KNOW, Refused

STATE_SALT = "netzlotse.surveys.state"
STATE_MAX_AGE = 60 * 60 * 24 * 7  # a form left open for a week starts again
RANK_ERROR = _("Bitte jeden Rang nur einmal und als ganze Zahl vergeben.")


class StaleForm(ValueError):
    """A hidden state that was altered, is too old or belongs to another survey."""


@dataclass
class Sheet:
    """One respondent's answers so far and the page they are on."""

    survey: Survey
    language: str
    answers: dict = field(default_factory=dict)
    page: int = 1
    nonce: str = ""
    questions: list = field(default_factory=list)
    pages: dict = field(default_factory=dict)

    def __post_init__(self):
        self.questions, self.pages = services.live_structure(self.survey)
        self.nonce = self.nonce or secrets.token_hex(16)

    # --- what is shown -------------------------------------------------------------------------------------
    def shown(self) -> list[Question]:
        return services.shown_questions(self.questions, self.pages, self.answers)

    def page_numbers(self) -> list[int]:
        """The pages the respondent meets with the answers so far, in order."""
        return sorted({q.page for q in self.shown()})

    def on_page(self, number: int | None = None) -> list[Question]:
        number = self.page if number is None else number
        return [q for q in self.questions if q.page == number]

    def visible_keys(self) -> set[str]:
        return {q.key for q in self.shown()}

    def total_pages(self) -> int:
        return max(len(self.page_numbers()), 1)

    def position(self) -> int:
        numbers = self.page_numbers()
        return numbers.index(self.page) + 1 if self.page in numbers else 1

    def neighbour(self, step: int) -> int | None:
        numbers = self.page_numbers()
        if self.page not in numbers:
            return numbers[0] if numbers else None
        index = numbers.index(self.page) + step
        return numbers[index] if 0 <= index < len(numbers) else None

    def is_last(self) -> bool:
        return self.neighbour(1) is None

    def has_later_pages(self) -> bool:
        """Whether any page follows this one at all: the button says "next" until then, even where the answers
        of this page may yet make the later pages irrelevant (it then sends the answers)."""
        return any(q.page > self.page for q in self.questions)

    # --- taking a page ---------------------------------------------------------------------------------------
    def take(self, post) -> tuple[dict, bool]:
        """Read this page's fields into the answers; returns the page's messages by question key and whether a
        question of this page was just made visible and not yet seen (without JavaScript)."""
        before = self.visible_keys()
        errors = {}
        for question in self.on_page():
            value, error = read_field(question, post)
            if error:
                errors[question.key] = error
            if value in (None, "", [], {}):
                self.answers.pop(question.key, None)
            else:
                self.answers[question.key] = value
        shown_here = [q for q in self.shown() if q.page == self.page]
        try:
            services.checked(shown_here, self.answers)
        except Refused as refused:
            errors = {**refused.errors, **errors}
        revealed = not post.get("js") and any(q.key not in before and q.key not in self.answers for q in shown_here)
        return errors, revealed

    def submit(self, *, occasion=None, invitation: Invitation | None = None) -> None:
        """Send the whole response; a refusal names the first page with something to correct."""
        try:
            services.respond(survey=self.survey, given=self.answers, language=self.language, occasion=occasion,
                             invitation=invitation, nonce="" if invitation else self.nonce)
        except Refused as refused:
            pages = [q.page for q in self.questions if q.key in refused.errors]
            if pages:
                self.page = min(pages)
            raise

    # --- the hidden state of an anonymous form ---------------------------------------------------------------
    def state(self) -> str:
        return signing.dumps({"s": str(self.survey.uuid), "a": self.answers, "p": self.page, "n": self.nonce,
                              "l": self.language}, salt=STATE_SALT, compress=True)

    @classmethod
    def from_state(cls, survey: Survey, text: str) -> "Sheet":
        try:
            data = signing.loads(text, salt=STATE_SALT, max_age=STATE_MAX_AGE)
        except signing.BadSignature:
            raise StaleForm() from None
        if data.get("s") != str(survey.uuid) or data.get("l") not in (survey.languages or ["de"]):
            raise StaleForm()
        return cls(survey, data["l"], data["a"], data["p"], data["n"])

    # --- display -------------------------------------------------------------------------------------------
    def text(self, values) -> str:
        return in_language(values, self.language)


def field_name(question: Question, part: str = "") -> str:
    return f"q:{question.key}:{part}" if part else f"q:{question.key}"


def read_field(question: Question, post) -> tuple[object, str]:
    """The value of one question's fields in a submitted page, in the shape `services.respond` takes."""
    name, kind = field_name(question), question.kind
    if kind == Question.Kind.MULTIPLE:
        picked = [v for v in post.getlist(name) if v]
        return (DONT_KNOW if DONT_KNOW in picked else picked), ""
    if kind == Question.Kind.MATRIX:
        return {o.key: post.get(field_name(question, o.key)) for o in question.options.all()
                if o.statement and o.removed_in is None and post.get(field_name(question, o.key))}, ""
    if kind == Question.Kind.RANKING:
        return _ranking(question, post)
    value = post.get(name, "")
    return (value.strip() if isinstance(value, str) else value), ""


def _ranking(question: Question, post) -> tuple[list, str]:
    ranks = {}
    for option in question.options.all():
        raw = post.get(field_name(question, option.key), "")
        if option.statement or option.removed_in is not None or not raw:
            continue
        if not raw.isdigit():
            return [], str(RANK_ERROR)
        ranks[option.key] = int(raw)
    if len(set(ranks.values())) != len(ranks):
        return [], str(RANK_ERROR)
    return sorted(ranks, key=ranks.get), ""


def initial(question: Question, answers: dict):
    """What a page shows as already answered for one question (the respondent came back to it)."""
    value = answers.get(question.key)
    if question.kind == Question.Kind.RANKING and isinstance(value, list):
        return {key: position for position, key in enumerate(value, start=1)}
    return value
