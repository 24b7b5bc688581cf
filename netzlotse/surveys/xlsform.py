"""XLSForm (the ODK/Kobo standard) in and out, for the subset netzlotse supports.

Import reads the sheets `survey`, `choices` and `settings` with the same hostile-file limits as every upload,
recognises XLSForm's types and column names through pyxform (the reference implementation: its aliases say
that "select one" is select_one and "int" an integer), and checks every row before anything is saved: what
it does not support, a duplicate name, a relevance that cannot be read or that goes round in a circle is
listed by row and column, and nothing is written. Export writes a survey as such a workbook; importing the
export gives the same survey (a test checks both directions, and that pyxform converts the export).

The mapping: select_one → single choice (appearance `likert` with 5 or 7 choices: a scale), select_multiple →
multiple choice, rank → ranking, integer/decimal → number (range from a `constraint` like `. >= 0 and
. <= 120`), date, text (appearance `multiline`: long text); a group with appearance `field-list` is a page,
one with `table-list` of select_one questions on one list a scale matrix; a choice named `_dk` offers
"don't know", as does the column `netzlotse_dont_know` for other types.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import networkx as nx
from django.db import transaction
from django.utils.translation import gettext as _
from pyxform import aliases, constants
from pyxform.question_type_dictionary import QUESTION_TYPE_DICT

from netzlotse.core.translation import CONTENT_LANGUAGES
from netzlotse.core.xlsx import workbook_bytes
from netzlotse.directory.imports.reader import UnreadableFile, read_upload

from . import services
from .expressions import ExpressionError, parse, references
from .models import Page, Question, Survey

SHEETS = ("survey", "choices", "settings")
DONT_KNOW_CHOICE = "_dk"
LANGUAGE_WORDS = {"german": "de", "deutsch": "de", "english": "en", "englisch": "en", "arabic": "ar",
                  "arabisch": "ar", "farsi": "fa", "persian": "fa", "ukrainian": "uk", "ukrainisch": "uk",
                  "russian": "ru", "russisch": "ru", "turkish": "tr", "türkisch": "tr"}
LANGUAGE_LABELS = {"de": "Deutsch (de)", "en": "English (en)", "ar": "Arabic (ar)", "fa": "Farsi (fa)",
                   "uk": "Ukrainian (uk)", "ru": "Russian (ru)", "tr": "Turkish (tr)"}
KNOWN_COLUMNS = {"type", "name", "label", "hint", "required", "relevant", "appearance", "constraint",
                 "netzlotse_dont_know", "required_message", "constraint_message"}
RANGE = re.compile(r"^\s*\.\s*(>=|<=)\s*(-?\d+(?:\.\d+)?)\s*(?:and\s*\.\s*(>=|<=)\s*(-?\d+(?:\.\d+)?)\s*)?$")
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")


@dataclass
class Problem:
    sheet: str
    row: int
    column: str
    message: str


class Refused(ValueError):
    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


@dataclass
class Draft:
    """A question as read from the sheet, before anything is saved."""

    row: int
    key: str
    kind: str
    page: int
    label: dict
    hint: dict = field(default_factory=dict)
    required: bool = False
    relevance: str = ""
    scale_points: int | None = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    dont_know: bool = False
    options: list = field(default_factory=list)
    statements: list = field(default_factory=list)


# --- reading -------------------------------------------------------------------------------------------------

def _language(suffix: str) -> str | None:
    suffix = suffix.strip()
    if match := re.search(r"\(([a-z]{2})\)\s*$", suffix):
        return match.group(1)
    return suffix if suffix in CONTENT_LANGUAGES else LANGUAGE_WORDS.get(suffix.lower())


def _texts(row: dict, column: str, default: str, problems, sheet: str, number: int) -> dict:
    found = {}
    for header, value in row.items():
        if value in (None, "") or header == "__extra__":
            continue
        base, _sep, suffix = header.partition("::")
        if base != column:
            continue
        code = _language(suffix) if suffix else default
        if code is None:
            problems.append(Problem(sheet, number, header, _("Unbekannte Sprache „%(lang)s“.") % {"lang": suffix}))
        else:
            found[code] = str(value).strip()
    return found


def _column(header: str) -> str:
    base = header.partition("::")[0]
    alias = aliases.survey_header.get(base)
    return "relevant" if alias == ("bind", "relevant") else base


def _yes(value) -> bool:
    return aliases.yes_no.get(str(value).strip(), False) if value not in (None, "") else False


def _kind(type_text: str):
    """(netzlotse kind, list name) for an XLSForm type, or (None, reason)."""
    words = type_text.split()
    if not words:
        return None, _("Der Typ fehlt.")
    for alias in sorted(aliases.select, key=len, reverse=True):  # "select one" before "select"
        if type_text == alias or type_text.startswith(alias + " "):
            rest = type_text[len(alias):].strip()
            target = None if alias in aliases.select_from_file else aliases.select[alias]
            kinds = {constants.SELECT_ONE: Question.Kind.SINGLE, constants.SELECT_ALL_THAT_APPLY: Question.Kind.MULTIPLE,
                     constants.RANK: Question.Kind.RANKING}
            if target not in kinds or " " in rest or not rest:
                return None, _("Der Typ „%(type)s“ wird nicht unterstützt.") % {"type": type_text}
            return kinds[target], rest
    if type_text.replace(" ", "_") in ("begin_group", "end_group"):
        return type_text.replace(" ", "_"), None
    known = QUESTION_TYPE_DICT.get(type_text)
    if known is None:
        return None, _("Unbekannter Typ „%(type)s“.") % {"type": type_text}
    bind = known.get("bind", {})
    mapped = {"int": Question.Kind.NUMBER, "decimal": Question.Kind.NUMBER, "date": Question.Kind.DATE,
              "string": Question.Kind.TEXT}.get(bind.get("type"))
    if mapped is None or bind.get("readonly") or known.get("control", {}).get("tag") != "input":
        return None, _("Der XLSForm-Typ „%(type)s“ wird hier nicht unterstützt.") % {"type": type_text}
    return mapped, None


def read(filename: str, content: bytes) -> tuple[dict, list[Draft], dict]:
    """Settings, questions and pages of an XLSForm; raises Refused listing every problem."""
    try:
        sheets = read_upload(filename, content, sheets=SHEETS, csv_sheet=lambda headers: "survey")
    except UnreadableFile as error:
        raise Refused([Problem("", 0, "", str(error))]) from None
    problems: list[Problem] = []
    if "survey" not in sheets:
        raise Refused([Problem("survey", 0, "", _("Das Blatt „survey“ fehlt."))])
    settings_rows = sheets["settings"].rows if "settings" in sheets else []
    settings = {aliases.settings_header.get(k, k): v for k, v in (settings_rows[0][1] if settings_rows else {}).items()
                if v not in (None, "")}
    default = _language(str(settings.get("default_language", "de"))) or "de"
    choices = _choices(sheets.get("choices"), default, problems)
    drafts, pages = _questions(sheets["survey"], choices, default, problems)
    _check_relevance(drafts, pages, problems)
    if problems:
        raise Refused(problems)
    return settings, drafts, pages


def _choices(sheet, default, problems) -> dict[str, list[tuple[str, dict]]]:
    lists: dict[str, list] = {}
    for number, row in sheet.rows if sheet else []:
        list_name = str(row.get("list_name") or row.get("list name") or "").strip()
        name = str(row.get("name") or row.get("value") or "").strip()
        if not list_name or not name:
            problems.append(Problem("choices", number, "list_name" if not list_name else "name",
                                    _("Liste und Name der Auswahl müssen angegeben sein.")))
            continue
        if not (NAME.match(name) or name.lstrip("-").isdigit()):
            problems.append(Problem("choices", number, "name", _("„%(name)s“ ist kein gültiger Name.") % {"name": name}))
            continue
        if any(key == name for key, _label in lists.get(list_name, [])):
            problems.append(Problem("choices", number, "name", _("„%(name)s“ kommt in der Liste „%(list)s“ doppelt vor.")
                                    % {"name": name, "list": list_name}))
            continue
        lists.setdefault(list_name, []).append((name, _texts(row, "label", default, problems, "choices", number)))
    return lists


def _questions(sheet, choices, default, problems):
    drafts, pages, seen = [], {}, {}
    page, page_open, page_used, matrix = 1, False, False, None
    for number, row in sheet.rows:
        for header, value in row.items():
            if header != "__extra__" and value not in (None, "") and _column(header) not in KNOWN_COLUMNS:
                problems.append(Problem("survey", number, header, _("Diese Spalte wird nicht unterstützt.")))
        kind, detail = _kind(str(row.get("type") or "").strip())
        name = str(row.get("name") or "").strip()
        if kind is None:
            problems.append(Problem("survey", number, "type", detail))
            continue
        appearance = str(row.get("appearance") or "").strip()
        if kind == "begin_group":
            if appearance == "field-list" and not page_open and matrix is None:
                page_open, page, page_used = True, page + 1 if page_used else page, True
                pages[page] = {"title": _texts(row, "label", default, problems, "survey", number),
                               "relevance": _relevance(row), "row": number}
            elif appearance == "table-list" and matrix is None:
                page_used = True
                matrix = Draft(number, name, Question.Kind.MATRIX, page,
                               _texts(row, "label", default, problems, "survey", number),
                               _texts(row, "hint", default, problems, "survey", number), _yes(row.get("required")),
                               _relevance(row))
            else:
                problems.append(Problem("survey", number, "appearance", _(
                    "Gruppen: „field-list“ für eine Seite, darin „table-list“ für eine Skalen-Matrix.")))
            continue
        if kind == "end_group":
            if matrix is not None:
                drafts.append(_close_matrix(matrix, problems))
                matrix = None
            elif page_open:
                page_open, page, page_used = False, page + 1, False
            continue
        if not NAME.match(name):
            problems.append(Problem("survey", number, "name", _("„%(name)s“ ist kein gültiger Name (Buchstaben, Ziffern, "
                                                               "_).") % {"name": name}))
            continue
        label = _texts(row, "label", default, problems, "survey", number)
        if matrix is not None:
            if kind != Question.Kind.SINGLE or detail not in choices:
                problems.append(Problem("survey", number, "type", _("In einer Matrix stehen nur select_one-Fragen mit "
                                                                    "einer vorhandenen Liste.")))
                continue
            matrix.statements.append((name.removeprefix(f"{matrix.key}__"), label))
            matrix.options = matrix.options or choices[detail]
            continue
        if name in seen:
            problems.append(Problem("survey", number, "name", _("Der Name „%(name)s“ steht schon in Zeile %(row)d.")
                                    % {"name": name, "row": seen[name]}))
            continue
        seen[name] = number
        page_used = True
        draft = Draft(number, name, kind, page, label, _texts(row, "hint", default, problems, "survey", number),
                      _yes(row.get("required")), _relevance(row), dont_know=_yes(row.get("netzlotse_dont_know")))
        if not label:
            problems.append(Problem("survey", number, "label", _("Die Frage hat keinen Text.")))
        _details(draft, row, detail, appearance, choices, problems)
        drafts.append(draft)
    if matrix is not None or page_open:
        problems.append(Problem("survey", sheet.rows[-1][0] if sheet.rows else 1, "type",
                                _("Eine Gruppe wird nicht mit end_group geschlossen.")))
    for draft in drafts:
        if draft.kind == Question.Kind.MATRIX and draft.key in seen:
            problems.append(Problem("survey", draft.row, "name", _("Der Name „%(name)s“ kommt doppelt vor.")
                                    % {"name": draft.key}))
    return drafts, pages


def _relevance(row) -> str:
    value = next((v for h, v in row.items() if h != "__extra__" and _column(h) == "relevant" and v), "")
    return str(value).replace("count-selected(", "count_selected(").strip()


def _close_matrix(matrix: Draft, problems) -> Draft:
    if not NAME.match(matrix.key or ""):
        problems.append(Problem("survey", matrix.row, "name", _("Die Matrix braucht einen gültigen Namen.")))
    options = [(k, label) for k, label in matrix.options if k != DONT_KNOW_CHOICE]
    matrix.dont_know = len(options) != len(matrix.options)
    matrix.options, matrix.scale_points = options, len(options)
    if len(options) not in (5, 7):
        problems.append(Problem("survey", matrix.row, "type", _("Eine Skalen-Matrix hat 5 oder 7 Punkte.")))
    return matrix


def _details(draft: Draft, row: dict, list_name, appearance: str, choices: dict, problems) -> None:
    number = draft.row
    if draft.kind in Question.CHOICE_KINDS:
        if list_name not in choices:
            problems.append(Problem("survey", number, "type", _("Die Liste „%(list)s“ fehlt im Blatt „choices“.")
                                    % {"list": list_name}))
            return
        options = [(k, label) for k, label in choices[list_name] if k != DONT_KNOW_CHOICE]
        draft.dont_know = len(options) != len(choices[list_name])
        draft.options = options
        if "likert" in appearance.split() and draft.kind == Question.Kind.SINGLE and len(options) in (5, 7):
            draft.kind, draft.scale_points = Question.Kind.LIKERT, len(options)
    elif draft.kind == Question.Kind.TEXT and "multiline" in appearance.split():
        draft.kind = Question.Kind.LONGTEXT
    constraint = str(row.get("constraint") or "").strip()
    if constraint:
        match = RANGE.match(constraint)
        if draft.kind != Question.Kind.NUMBER or not match:
            problems.append(Problem("survey", number, "constraint", _("Nur Bereiche wie „. >= 0 and . <= 120“ bei Zahlen "
                                                                      "werden unterstützt.")))
            return
        for op, value in ((match.group(1), match.group(2)), (match.group(3), match.group(4))):
            if op:
                try:
                    setattr(draft, "minimum" if op == ">=" else "maximum", Decimal(value))
                except InvalidOperation:
                    problems.append(Problem("survey", number, "constraint", _("Der Bereich ist keine Zahl.")))


def _check_relevance(drafts: list[Draft], pages: dict, problems) -> None:
    keys = {d.key for d in drafts}
    graph = nx.DiGraph()
    for draft in drafts:
        try:
            graph.add_edges_from((draft.key, ref) for ref in references(parse(draft.relevance, questions=keys)))
        except ExpressionError as error:
            problems.append(Problem("survey", draft.row, "relevant", str(error)))
    for number, page in pages.items():
        try:
            refs = references(parse(page["relevance"], questions=keys))
        except ExpressionError as error:
            problems.append(Problem("survey", page["row"], "relevant", str(error)))
            continue
        if any(d.key in refs and d.page == number for d in drafts):
            problems.append(Problem("survey", page["row"], "relevant", _("Eine Seite kann nicht von ihren eigenen "
                                                                         "Fragen abhängen.")))
    rows = {d.key: d.row for d in drafts}
    for cycle in nx.simple_cycles(graph):
        problems.append(Problem("survey", rows[cycle[0]], "relevant", _("Die Bedingungen hängen im Kreis voneinander ab: "
                                                                        "%(keys)s.") % {"keys": " → ".join(cycle + cycle[:1])}))


# --- saving -------------------------------------------------------------------------------------------------

@transaction.atomic
def survey_import(*, filename: str, content: bytes, organization, network=None, by=None) -> Survey:
    """A new survey (a draft) from an XLSForm; Refused lists every problem and nothing is saved."""
    settings, drafts, pages = read(filename, content)
    languages = sorted({code for d in drafts for code in d.label} | {"de", "en"},
                       key=lambda c: CONTENT_LANGUAGES.index(c) if c in CONTENT_LANGUAGES else 99)
    title = settings.get(constants.TITLE) or settings.get("form_title") or filename.rsplit(".", 1)[0]
    titles = {code: str(settings[f"netzlotse_title_{code}"]) for code in languages
              if settings.get(f"netzlotse_title_{code}")} or {"de": str(title)}
    survey = Survey.objects.create(organization=organization, network=network, title=titles, languages=languages)
    for number, page in pages.items():
        if not (page["title"] or page["relevance"]):
            continue  # a group that only makes a page needs no row of its own
        Page.objects.create(survey=survey, number=number, title=page["title"], relevance=page["relevance"])
    for position, draft in enumerate(drafts, start=1):
        question = Question(survey=survey, key=draft.key, kind=draft.kind, page=draft.page, position=position,
                            label=draft.label, hint=draft.hint, required=draft.required, relevance="",
                            scale_points=draft.scale_points, minimum=draft.minimum, maximum=draft.maximum,
                            dont_know=draft.dont_know)
        services.question_save(question=question, options=draft.options, statements=draft.statements, by=by)
    # Conditions last: a condition may name a question further down (it is then hidden until that is answered).
    for draft in drafts:
        if draft.relevance:
            question = survey.questions.get(key=draft.key)
            question.relevance = draft.relevance
            services.question_save(question=question, by=by)
    for page in survey.pages.all():
        services.page_save(page=page, by=by)
    return survey


# --- writing ------------------------------------------------------------------------------------------------

def export(survey: Survey) -> bytes:
    languages = survey.languages or ["de", "en"]
    survey_head = (["type", "name"] + [f"label::{LANGUAGE_LABELS.get(c, c)}" for c in languages]
                   + [f"hint::{LANGUAGE_LABELS.get(c, c)}" for c in languages]
                   + ["required", "relevant", "appearance", "constraint", "netzlotse_dont_know"])
    choice_head = ["list_name", "name"] + [f"label::{LANGUAGE_LABELS.get(c, c)}" for c in languages]
    rows, choice_rows = [], []
    pages = {p.number: p for p in survey.pages.all()}
    questions = list(survey.questions.filter(removed_in__isnull=True).prefetch_related("options"))
    numbers = sorted({q.page for q in questions})
    grouped = len(numbers) > 1 or bool(pages)

    def line(kind, name, label=None, hint=None, required=False, relevant="", appearance="", constraint="", dk=False):
        return ([kind, name] + [(label or {}).get(c, "") for c in languages] + [(hint or {}).get(c, "") for c in languages]
                + ["yes" if required else "", relevant.replace("count_selected(", "count-selected("), appearance,
                   constraint, "yes" if dk else ""])

    def choices(list_name, options, dont_know):
        choice_rows.extend([list_name, o.key] + [o.label.get(c, "") for c in languages] for o in options)
        if dont_know:
            from .words import words
            choice_rows.append([list_name, DONT_KNOW_CHOICE] + [words(c)["dont_know"] for c in languages])

    for number in numbers:
        page = pages.get(number)
        if grouped:
            rows.append(line("begin_group", f"seite_{number}", page.title if page else {}, relevant=page.relevance
                             if page else "", appearance="field-list"))
        for q in (q for q in questions if q.page == number):
            options = [o for o in q.options.all() if not o.statement and o.removed_in is None]
            list_name = f"{q.key}_liste"
            if q.kind == Question.Kind.MATRIX:
                rows.append(line("begin_group", q.key, q.label, q.hint, q.required, q.relevance, "table-list"))
                rows.extend(line(f"select_one {list_name}", f"{q.key}__{s.key}", s.label, required=q.required)
                            for s in q.options.all() if s.statement and s.removed_in is None)
                rows.append(line("end_group", ""))
                choices(list_name, options, q.dont_know)
                continue
            kind = {Question.Kind.SINGLE: f"select_one {list_name}", Question.Kind.LIKERT: f"select_one {list_name}",
                    Question.Kind.MULTIPLE: f"select_multiple {list_name}", Question.Kind.RANKING: f"rank {list_name}",
                    Question.Kind.NUMBER: "decimal", Question.Kind.DATE: "date", Question.Kind.TEXT: "text",
                    Question.Kind.LONGTEXT: "text"}[q.kind]
            appearance = {Question.Kind.LIKERT: "likert", Question.Kind.LONGTEXT: "multiline"}.get(q.kind, "")
            rows.append(line(kind, q.key, q.label, q.hint, q.required, q.relevance, appearance, _range(q),
                             q.dont_know and not q.is_closed))
            if q.is_closed:
                choices(list_name, options, q.dont_know)
        if grouped:
            rows.append(line("end_group", ""))
    # XLSForm has one form title; the others travel in columns of our own, which other tools leave alone.
    settings_head = ["form_title", "form_id", "version", "default_language"] + [
        f"netzlotse_title_{c}" for c in languages]
    settings_row = [survey.text("title"), f"netzlotse_{survey.uuid.hex[:12]}", str(survey.version),
                    LANGUAGE_LABELS.get(languages[0], languages[0])] + [survey.title.get(c, "") for c in languages]
    return workbook_bytes({"survey": (survey_head, rows), "choices": (choice_head, choice_rows),
                           "settings": (settings_head, [settings_row])})


def _range(question: Question) -> str:
    def plain(n):
        return f"{n.normalize():f}"
    parts = ([f". >= {plain(question.minimum)}"] if question.minimum is not None else []) + (
        [f". <= {plain(question.maximum)}"] if question.maximum is not None else [])
    return " and ".join(parts)
