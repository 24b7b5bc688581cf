"""A survey's answers as a file: CSV or XLSX (with a codebook sheet), written row by row to disk, so memory
stays flat however many responses there are."""

import csv

from django.utils.translation import gettext as _
from openpyxl import Workbook

from netzlotse.core.xlsx import safe_row

from .exports import DONT_KNOW_CODE, FIXED, columns, rows
from .models import Option, Question, Survey, SurveyExport
from .words import words

PROGRESS_EVERY = 5000


def labels_of(survey: Survey, language: str) -> dict:
    found = {pk: label.get(language) or label.get("de", "") or key for pk, key, label in
             Option.objects.filter(question__survey=survey).values_list("pk", "key", "label")}
    found["_dk"] = words(language)["dont_know"]
    return found


def codebook(survey: Survey, language: str) -> list[list]:
    """One row per column of the answers: its name, the question, its type, the version that added and
    removed it, and its values (code = text), as SPSS or R users need them to label the data."""
    head = [[_("Variable"), _("Frage"), _("Art"), _("seit Version"), _("entfernt in Version"), _("Werte")]]
    fixed = [["antwort", _("laufende Nummer der Antwort"), "", "", "", ""],
             ["version", _("beantwortete Version der Umfrage"), "", "", "", ""],
             ["datum", _("Tag der Antwort (ohne Uhrzeit)"), "", "", "", ""],
             ["sprache", _("gewählte Sprache"), "", "", "", ""],
             ["anlass", _("Anlass (z. B. Seminar) des Links"), "", "", "", ""]]
    kinds = dict(Question.Kind.choices)
    questions = {q.pk: q for q in survey.questions.prefetch_related("options")}
    body = []
    for column in columns(survey):
        question = questions[column.question_id]
        text = question.label.get(language) or question.label.get("de", "")
        part = next((o for o in question.options.all() if o.pk == column.part_id), None)
        if part is not None:
            text = f"{text} – {part.label.get(language) or part.label.get('de', '') or part.key}"
        body.append([column.header, text, str(kinds[question.kind]), (part or question).added_in,
                     (part or question).removed_in or "", _values(question, language)])
    return head + fixed + body


def _values(question: Question, language: str) -> str:
    kind = question.kind
    values = []
    if kind == Question.Kind.MULTIPLE:
        values = ["1 = " + _("gewählt"), "0 = " + _("nicht gewählt")]
    elif kind == Question.Kind.RANKING:
        values = [_("Rang (1 = wichtigster)")]
    elif kind in (Question.Kind.SINGLE, Question.Kind.LIKERT, Question.Kind.MATRIX):
        values = [f"{o.key} = {o.label.get(language) or o.label.get('de', '')}" for o in question.options.all()
                  if not o.statement]
    if question.dont_know:
        values.append(f"{DONT_KNOW_CODE} = {words(language)['dont_know']}")
    return "; ".join(values)


def write(export: SurveyExport, language: str, progress) -> None:
    """Write the export's file, calling `progress(done)` every few thousand responses."""
    survey = export.survey
    table = rows(survey, columns(survey), labels_of(survey, language) if export.labels else None)
    export.path.parent.mkdir(parents=True, exist_ok=True)
    if export.format == SurveyExport.Format.CSV:
        with open(export.path, "w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out, delimiter=";")
            for done, row in enumerate(table):
                writer.writerow(safe_row(row))
                if done and done % PROGRESS_EVERY == 0:
                    progress(done)
        return
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Antworten"))
    for done, row in enumerate(table):
        sheet.append(safe_row(row))
        if done and done % PROGRESS_EVERY == 0:
            progress(done)
    notes = book.create_sheet(_("Codebuch"))
    for row in codebook(survey, language):
        notes.append(safe_row(row))
    book.save(export.path)


__all__ = ["FIXED", "codebook", "labels_of", "write"]
