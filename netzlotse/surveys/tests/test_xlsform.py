"""XLSForm in and out: a form from Kobo/ODK becomes a draft survey; anything outside the supported subset,
duplicate names and circular conditions are listed by row and column and nothing is saved; an exported survey
is valid XLSForm (pyxform converts it) and importing it gives the same survey."""

from io import BytesIO

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from pyxform.xls2xform import convert

from netzlotse.surveys import xlsform
from netzlotse.surveys.models import Page, Question, Survey
from netzlotse.surveys.services import page_save, question_save
from netzlotse.surveys.tests.factories import feedback_survey

SURVEY_HEAD = ["type", "name", "label::German (de)", "label::English (en)", "required", "relevant", "appearance",
               "constraint"]


def workbook(survey_rows, choices=(), head=SURVEY_HEAD, settings_rows=(("Akteursbefragung", "de"),)) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "survey"
    sheet.append(head)
    for row in survey_rows:
        sheet.append(list(row))
    lists = book.create_sheet("choices")
    lists.append(["list_name", "name", "label::German (de)", "label::English (en)"])
    for row in choices:
        lists.append(list(row))
    meta = book.create_sheet("settings")
    meta.append(["form_title", "default_language"])
    for row in settings_rows:
        meta.append(list(row))
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def structure(survey: Survey) -> dict:
    pages = {p.number: (p.title, p.relevance) for p in survey.pages.all()}
    return {"title": survey.title, "languages": survey.languages, "pages": pages, "questions": [
        (q.key, q.kind, q.page, q.label, q.hint, q.required, q.relevance, q.scale_points, q.minimum, q.maximum,
         q.dont_know, [(o.key, o.statement, o.label) for o in q.options.all()])
        for q in survey.questions.filter(removed_in__isnull=True).prefetch_related("options")]}


def test_an_exported_survey_is_valid_xlsform_and_comes_back_the_same(world):
    survey = feedback_survey(world.provider_a)
    question_save(question=Question(survey=survey, key="quality", kind=Question.Kind.MATRIX, page=3, position=6,
                                    scale_points=5, dont_know=True, label={"de": "Bewertung", "en": "Rating"}),
                  options=[(str(n), {"de": f"Note {n}", "en": f"grade {n}"}) for n in range(1, 6)],
                  statements=[("content", {"de": "Inhalt", "en": "content"}), ("pace", {"de": "Tempo", "en": "pace"})])
    question_save(question=Question(survey=survey, key="topics", kind=Question.Kind.RANKING, page=3, position=7,
                                    relevance="count_selected(${again}) >= 0", label={"de": "Reihenfolge"}),
                  options=[("a", {"de": "A"}), ("b", {"de": "B"})])
    page_save(page=Page(survey=survey, number=3, title={"de": "Zum Schluss", "en": "Finally"}))
    exported = xlsform.export(survey)
    convert(xlsform=exported, file_type=".xlsx")  # the reference implementation accepts it (raises otherwise)
    again = xlsform.survey_import(filename="x.xlsx", content=exported, organization=world.provider_a)
    assert structure(again) == structure(survey)
    assert xlsform.export(again) == exported or structure(xlsform.survey_import(
        filename="y.xlsx", content=xlsform.export(again), organization=world.provider_a)) == structure(survey)


def test_a_kobo_form_with_pages_a_scale_and_a_range_is_imported(world):
    content = workbook([
        ("begin_group", "p1", "Über Sie", "About you", "", "", "field-list", ""),
        ("select_one kind", "kind", "Art Ihrer Organisation", "Kind of organisation", "yes", "", "", ""),
        ("integer", "staff", "Beschäftigte", "Staff", "", "${kind} = 'provider'", "", ". >= 1 and . <= 5000"),
        ("end_group", "", "", "", "", "", "", ""),
        ("select_one agree", "network_useful", "Das Netzwerk hilft uns.", "The network helps us.", "", "", "likert", ""),
        ("text", "wishes", "Was wünschen Sie sich?", "What would you wish for?", "", "", "multiline", ""),
    ], choices=[("kind", "provider", "Träger", "provider"), ("kind", "jobcenter", "Jobcenter", "job centre")]
        + [("agree", str(n), f"{n}", f"{n}") for n in range(1, 6)])
    survey = xlsform.survey_import(filename="kobo.xlsx", content=content, organization=world.provider_a)
    kinds = dict(survey.questions.values_list("key", "kind"))
    assert kinds == {"kind": "single", "staff": "number", "network_useful": "likert", "wishes": "longtext"}
    staff = survey.questions.get(key="staff")
    assert (staff.minimum, staff.maximum, staff.page, staff.relevance_tree is not None) == (1, 5000, 1, True)
    assert survey.questions.get(key="network_useful").page == 2
    assert survey.title == {"de": "Akteursbefragung"} and survey.status == Survey.Status.DRAFT


def test_everything_unsupported_is_listed_by_row_and_column_and_nothing_is_saved(world):
    content = workbook([
        ("geopoint", "where", "Wo?", "Where?", "", "", "", ""),
        ("select_one nolist", "pick", "Wahl", "Pick", "", "", "", ""),
        ("text", "a", "A", "A", "", "${b} = 'x'", "", ""),
        ("text", "b", "B", "B", "", "${a} = 'y'", "", ""),
        ("text", "a", "wieder A", "A again", "", "", "", ""),
        ("text", "c", "C", "C", "", "${a} >>= 1", "", ""),
        ("frobnicate", "d", "D", "D", "", "", "", ""),
    ], head=SURVEY_HEAD + ["media::image"])
    with pytest.raises(xlsform.Refused) as refused:
        xlsform.survey_import(filename="bad.xlsx", content=content, organization=world.provider_a)
    found = {(p.row, p.column) for p in refused.value.problems}
    assert {(2, "type"), (3, "type"), (6, "name"), (7, "relevant"), (8, "type")} <= found
    assert any("Kreis" in p.message for p in refused.value.problems)
    assert not Survey.objects.exists() and not Question.objects.exists()


def test_the_import_page_lists_the_problems(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    client.force_login(world.owner)
    upload = SimpleUploadedFile("f.xlsx", workbook([("geopoint", "where", "Wo?", "Where?", "", "", "", "")]))
    page = client.post(reverse("surveys:xlsform_import"), {"file": upload, "organization": world.provider_a.pk})
    assert page.status_code == 400 and "Nichts wurde gespeichert" in page.content.decode()
    upload = SimpleUploadedFile("f.xlsx", b"not a workbook at all")
    page = client.post(reverse("surveys:xlsform_import"), {"file": upload, "organization": world.provider_a.pk})
    assert page.status_code == 400 and not Survey.objects.exists()


CELLS = st.one_of(st.none(), st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12), st.sampled_from(
    ["text", "integer", "select_one x", "select_multiple x", "rank x", "begin_group", "end_group", "date", "note",
     "yes", "${a} = 1", "field-list", "table-list", "likert", ". >= 1", "a", "b", "_dk"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(CELLS, min_size=8, max_size=8), max_size=8),
       choices=st.lists(st.lists(CELLS, min_size=4, max_size=4), max_size=6))
def test_any_sheet_is_imported_whole_or_refused_with_reasons(world, rows, choices):
    before = Survey.objects.count()
    try:
        survey = xlsform.survey_import(filename="h.xlsx", content=workbook(rows, choices), organization=world.provider_a)
    except xlsform.Refused as refused:
        assert refused.problems and all(p.message for p in refused.problems)
        assert Survey.objects.count() == before
    else:
        assert survey.questions.count() >= 0 and Survey.objects.count() == before + 1
