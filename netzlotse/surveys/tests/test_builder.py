"""Building a survey in the browser's forms: settings, questions with options in every language, conditions
checked on save, order and pages, starting and closing; the builder page of a long survey stays a few queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from netzlotse.surveys.models import Question, Survey
from netzlotse.surveys.tests.factories import feedback_survey


def test_it_creates_a_survey_and_adds_questions_of_each_kind(client, world):
    client.force_login(world.owner)
    created = client.post(reverse("surveys:create"), {
        "title_de": "Nachbefragung", "title_en": "Follow-up", "languages": ["de", "en", "fa"], "title_fa": "پیگیری",
        "organization": world.provider_a.pk, "anonymous": "on"})
    survey = Survey.objects.get()
    assert created.status_code == 302 and survey.languages == ["de", "en", "fa"]
    add = reverse("surveys:question_create", args=[survey.pk])
    client.post(add + "?art=matrix", {
        "kind": "matrix", "key": "quality", "page": 1, "scale_points": 5, "label_de": "Wie bewerten Sie …",
        "label_en": "How do you rate …", "statements_text": "content | Inhalte | content\npace | Tempo | pace"})
    client.post(add + "?art=multiple", {
        "kind": "multiple", "key": "topics", "page": 2, "label_de": "Themen", "label_en": "Topics",
        "options_text": "law | Recht | law\npractice | Praxis | practice", "dont_know": "on"})
    quality, topics = Question.objects.get(key="quality"), Question.objects.get(key="topics")
    assert [o.key for o in quality.options.filter(statement=True)] == ["content", "pace"]
    assert [o.label["de"] for o in quality.options.filter(statement=False)][0] == "trifft gar nicht zu"
    assert topics.dont_know and topics.options.get(key="law").label == {"de": "Recht", "en": "law"}
    page = client.get(reverse("surveys:builder", args=[survey.pk])).content.decode()
    assert "Seite 2" in page and "quality" in page and "Praxis" in page


def test_a_bad_condition_or_option_list_is_shown_at_its_field_and_nothing_is_saved(client, world):
    client.force_login(world.owner)
    survey = feedback_survey(world.provider_a)
    add = reverse("surveys:question_create", args=[survey.pk])
    bad = client.post(add, {"kind": "single", "key": "next", "page": 1, "label_de": "Weiter?", "label_en": "On?",
                            "relevance": "${useful} >>= 3", "options_text": "a | A | A\nb | B | B"})
    assert bad.status_code == 400 and "Stelle" in bad.content.decode()
    unknown = client.post(add, {"kind": "single", "key": "next", "page": 1, "label_de": "Weiter?", "label_en": "On?",
                                "relevance": "${nope} = 1", "options_text": "a | A | A\nb | B | B"})
    assert unknown.status_code == 400 and "nope" in unknown.content.decode()
    twice = client.post(add, {"kind": "single", "key": "role", "page": 1, "label_de": "x", "label_en": "x",
                              "options_text": "a | A | A\na | B | B"})
    assert twice.status_code == 400 and "doppelt" in twice.content.decode()
    assert not Question.objects.filter(key="next").exists()


def test_editing_an_option_list_removes_what_is_left_out_and_keeps_its_answers(client, world):
    from netzlotse.surveys.services import respond

    client.force_login(world.owner)
    survey = feedback_survey(world.provider_a)
    respond(survey=survey, given={"useful": "4", "role": "staff"})
    role = Question.objects.get(survey=survey, key="role")
    client.post(reverse("surveys:question_edit", args=[survey.pk, role.pk]), {
        "page": 1, "label_de": "Ihre Funktion", "label_en": "Your function", "options_text": "lead | Leitung | lead\n"
                                                                                           "other | Andere | other"})
    role.refresh_from_db()
    assert role.label["de"] == "Ihre Funktion" and role.options.get(key="staff").removed_in == survey.versions.last().number
    assert role.options.get(key="staff").answers.count() == 1


def test_order_and_pages_are_saved_at_once(client, world):
    client.force_login(world.owner)
    survey = feedback_survey(world.provider_a)
    ids = dict(survey.questions.values_list("key", "pk"))
    data = {f"seite-{pk}": 1 for pk in ids.values()} | {f"position-{pk}": n for n, pk in enumerate(ids.values(), 2)}
    data[f"seite-{ids['again']}"], data[f"position-{ids['again']}"] = 1, 1
    client.post(reverse("surveys:arrange", args=[survey.pk]), data)
    assert list(survey.questions.filter(page=1).order_by("position").values_list("key", flat=True))[0] == "again"
    assert client.post(reverse("surveys:arrange", args=[survey.pk]), {"seite-1": "x"}).status_code == 400


def test_a_survey_without_questions_cannot_start_and_a_live_one_can_be_closed(client, world):
    client.force_login(world.owner)
    empty = Survey.objects.create(organization=world.provider_a, title={"de": "Leer", "en": "Empty"},
                                  languages=["de", "en"])
    client.post(reverse("surveys:status", args=[empty.pk]), {"status": "live"})
    assert Survey.objects.get(pk=empty.pk).status == Survey.Status.DRAFT
    survey = feedback_survey(world.provider_a)
    client.post(reverse("surveys:status", args=[survey.pk]), {"status": "closed"})
    assert Survey.objects.get(pk=survey.pk).status == Survey.Status.CLOSED


def test_the_builder_of_a_hundred_questions_needs_a_handful_of_queries(client, world):
    from netzlotse.surveys.services import question_save

    client.force_login(world.owner)
    survey = Survey.objects.create(organization=world.provider_a, title={"de": "Lang"}, languages=["de", "en"])
    for n in range(100):
        question_save(question=Question(survey=survey, key=f"q{n}", kind=Question.Kind.SINGLE, page=n // 10 + 1,
                                        position=n, label={"de": f"Frage {n}"}),
                      options=[("a", {"de": "A"}), ("b", {"de": "B"})])
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("surveys:builder", args=[survey.pk]))
    assert page.status_code == 200 and page.content.decode().count('id="frage-q') == 100
    assert len(queries) < 20
