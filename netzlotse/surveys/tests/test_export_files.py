"""Exports of a survey's answers, written by the task worker: CSV and XLSX with codes or texts, a codebook
sheet, formulas neutralised, and no file for someone who no longer manages the survey."""

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from netzlotse.surveys.jobs import export_run
from netzlotse.surveys.models import Question, SurveyExport
from netzlotse.surveys.services import question_save, respond
from netzlotse.surveys.tests.factories import feedback_survey


def answered(world):
    survey = feedback_survey(world.provider_a)
    question_save(question=Question(survey=survey, key="note", kind=Question.Kind.TEXT, page=3, position=9,
                                    dont_know=True, label={"de": "Anmerkung"}))
    respond(survey=survey, given={"useful": "5", "role": "staff", "again": "yes", "note": "=HYPERLINK(\"x\")"})
    respond(survey=survey, given={"useful": "1", "why": "mehr Praxis", "note": "_dk"})
    return survey


def run(client, world, survey, **data):
    client.force_login(world.owner)
    started = client.post(reverse("surveys:export_start", args=[survey.pk]), data)
    export = SurveyExport.objects.get()
    assert started.status_code == 302 and started["Location"] == reverse("surveys:export", args=[export.pk])
    export_run(export_id=str(export.pk))
    export.refresh_from_db()
    assert export.status == SurveyExport.Status.DONE and export.total == 2 and export.percent == 100
    page = client.get(reverse("surveys:export", args=[export.pk])).content.decode()
    assert "herunterladen" in page
    download = client.get(reverse("surveys:export_file", args=[export.pk]))
    return b"".join(download.streaming_content)


def test_a_csv_export_has_codes_one_column_per_question_and_neutralised_formulas(client, world):
    content = run(client, world, answered(world), format="csv")
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert [r["useful"] for r in rows] == ["5", "1"] and rows[0]["role"] == "staff"
    assert rows[0]["note"] == "'=HYPERLINK(\"x\")" and rows[1]["note"] == "-9"
    assert rows[1]["why"] == "mehr Praxis" and rows[0]["why"] == ""


def test_an_xlsx_export_has_texts_on_request_and_a_codebook(client, world):
    book = load_workbook(io.BytesIO(run(client, world, answered(world), format="xlsx", labels="on")))
    answers, codebook = book["Antworten"], book["Codebuch"]
    header = [c.value for c in answers[1]]
    row = dict(zip(header, [c.value for c in answers[2]], strict=True))
    assert row["useful"] == "Stufe 5" and row["role"] == "Fachkraft"
    entries = {r[0].value: [c.value for c in r] for r in codebook.iter_rows(min_row=2)}
    assert "1 = Stufe 1" in entries["useful"][5] and "-9 = weiß nicht / keine Angabe" in entries["note"][5]


def test_no_file_for_someone_who_lost_the_survey(world):
    survey = answered(world)
    export = SurveyExport.objects.create(survey=survey, requested_by=world.outsider, format="csv")
    assert export_run(export_id=str(export.pk)).status == SurveyExport.Status.FAILED
    assert not export.path.exists()
