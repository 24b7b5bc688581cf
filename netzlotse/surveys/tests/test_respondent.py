"""Answering a survey without an account: page by page on the server (no JavaScript needed), conditions over
pages and within a page, required only where shown, an anonymous form counted once and keeping nothing finer
than the day, personal invitations answered once with save and resume, the response window, right to left."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from netzlotse.surveys.models import Answer, Invitation, Response, SpentForm, Survey
from netzlotse.surveys.tests.factories import feedback_survey


@pytest.fixture
def survey(world):
    return feedback_survey(world.provider_a)


def state_of(page) -> str:
    return re.search(r'name="zustand" value="([^"]+)"', page.content.decode()).group(1)


def step(client, url, page, data, action="weiter"):
    return client.post(url, {"zustand": state_of(page), "sprache": "de", "aktion": action, **data})


def test_it_walks_the_pages_and_skips_a_page_whose_condition_does_not_hold(client, survey):
    url = reverse("respond:answer", args=[survey.uuid])
    first = client.get(url)
    assert first.status_code == 200 and "Seite 1 von 2" in first.content.decode()  # page 2 only if useful <= 2
    second = step(client, url, first, {"q:useful": "5", "q:role": "staff"})
    assert "Wieder teilnehmen?" in second.content.decode() and "Was hat gefehlt?" not in second.content.decode()
    done = step(client, url, second, {"q:again": "yes"})
    assert done.status_code == 302 and done["Location"].startswith(reverse("respond:thanks", args=[survey.uuid]))
    response = Response.objects.get(survey=survey)
    assert response.submitted_on == timezone.localdate() and response.occasion is None
    assert {a.question.key: a.option.key for a in response.answers.select_related("question", "option")} == {
        "useful": "5", "role": "staff", "again": "yes"}


def test_it_asks_the_conditional_page_and_requires_its_question_only_when_shown(client, survey):
    url = reverse("respond:answer", args=[survey.uuid])
    page_two = step(client, url, client.get(url), {"q:useful": "2"})
    assert "Was hat gefehlt?" in page_two.content.decode()
    refused = step(client, url, page_two, {"q:why": ""})
    assert refused.status_code == 400 and "Bitte beantworten Sie diese Frage." in refused.content.decode()
    back = step(client, url, refused, {"q:why": ""}, action="zurueck")
    assert "War das Seminar nützlich?" in back.content.decode() and 'value="2" checked' in back.content.decode()
    assert not Response.objects.exists()


def test_without_javascript_a_question_revealed_on_the_same_page_brings_the_page_back(client, survey):
    url = reverse("respond:answer", args=[survey.uuid])
    first = client.get(url)
    assert re.search(r'id="frage-team"[^>]*hidden', first.content.decode())
    again = step(client, url, first, {"q:useful": "4", "q:role": "lead"})
    assert "Ihre Antworten machen auf dieser Seite weitere Fragen sichtbar." in again.content.decode()
    assert not re.search(r'id="frage-team"[^>]*hidden', again.content.decode())
    out_of_range = step(client, url, again, {"q:useful": "4", "q:role": "lead", "q:team": "9000"})
    assert out_of_range.status_code == 400 and "außerhalb des erlaubten Bereichs" in out_of_range.content.decode()
    # With JavaScript the respondent saw the question at once: no second round.
    js = client.post(url, {"zustand": state_of(first), "aktion": "weiter", "js": "1", "q:useful": "4", "q:role": "lead"})
    assert "Wieder teilnehmen?" in js.content.decode()


def test_an_answer_to_a_question_that_became_hidden_is_not_kept(client, survey):
    url = reverse("respond:answer", args=[survey.uuid])
    page = step(client, url, client.get(url), {"q:useful": "4", "q:role": "lead", "q:team": "12", })
    page = step(client, url, page, {"q:useful": "4", "q:role": "lead", "q:team": "12"}) if "weitere Fragen" in \
        page.content.decode() else page
    back = step(client, url, page, {}, action="zurueck")
    last = step(client, url, back, {"q:useful": "4", "q:role": "staff", "q:team": "12", "js": "1"})
    step(client, url, last, {"q:again": "no"})
    assert not Answer.objects.filter(question__key="team").exists()  # "team" is asked of leads only
    assert Answer.objects.filter(question__key="role", option__key="staff").count() == 1


def test_the_same_anonymous_form_is_counted_once_and_leaves_no_link_to_its_answers(client, survey):
    url = reverse("respond:answer", args=[survey.uuid])
    last = step(client, url, client.get(url), {"q:useful": "5"})
    assert step(client, url, last, {"q:again": "yes"}).status_code == 302
    twice = step(client, url, last, {"q:again": "yes"})
    assert twice.status_code == 400 and "bereits gesendet" in twice.content.decode()
    assert Response.objects.count() == 1 and SpentForm.objects.count() == 1
    fields = {f.name for f in Response._meta.get_fields()} | {f.name for f in SpentForm._meta.get_fields()}
    assert not fields & {"token", "ip", "user_agent", "created_at", "submitted_at"}


def test_a_forged_or_foreign_state_is_refused(client, survey, world):
    url = reverse("respond:answer", args=[survey.uuid])
    state = state_of(client.get(url))
    assert client.post(url, {"zustand": state[:-3] + "abc"}).status_code == 400
    other = feedback_survey(world.provider_b)
    assert client.post(reverse("respond:answer", args=[other.uuid]), {"zustand": state}).status_code == 400
    assert not Response.objects.exists()


def test_oversize_text_and_unknown_options_are_refused_with_a_message(client, survey):
    url = reverse("respond:answer", args=[survey.uuid])
    unknown = step(client, url, client.get(url), {"q:useful": "9"})
    assert unknown.status_code == 400 and "Diese Antwort gibt es nicht." in unknown.content.decode()
    page_two = step(client, url, client.get(url), {"q:useful": "1"})
    long = step(client, url, page_two, {"q:why": "x" * 10_001})
    assert long.status_code == 400 and "zu lang" in long.content.decode()


def test_a_survey_outside_its_window_says_so(client, survey):
    url = reverse("respond:answer", args=[survey.uuid])
    survey.opens_on = timezone.localdate() + timedelta(days=3)
    survey.save()
    assert "Diese Umfrage beginnt am" in client.get(url).content.decode()
    survey.opens_on, survey.status = None, Survey.Status.CLOSED
    survey.save()
    page = client.get(url)
    assert page.status_code == 200 and "Diese Umfrage ist beendet" in page.content.decode()
    assert "zustand" not in page.content.decode()
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.DRAFT)
    assert client.get(url).status_code == 404


def test_a_personal_invitation_resumes_where_it_stopped_and_answers_once(client, world):
    survey = feedback_survey(world.provider_a, anonymous=False)
    invitation = Invitation.objects.create(survey=survey, email="a@example.org")
    url = reverse("respond:invited", args=[invitation.token])
    assert "zustand" not in client.get(url).content.decode()  # the draft is kept on the invitation instead
    saved = client.post(url, {"aktion": "speichern", "q:useful": "1"})
    assert "Ihre Antworten sind gespeichert" in saved.content.decode()
    resumed = client.get(url)
    assert 'value="1" checked' in resumed.content.decode()
    client.post(url, {"aktion": "weiter", "q:useful": "1"})
    assert Invitation.objects.get(pk=invitation.pk).draft_page == 2
    client.post(url, {"aktion": "weiter", "q:why": "Praxisbeispiele"})
    assert client.post(url, {"aktion": "weiter", "q:again": "yes"}).status_code == 302
    invitation.refresh_from_db()
    assert invitation.responded_on == timezone.localdate() and invitation.response is not None
    assert invitation.draft == {}
    assert "bereits geantwortet" in client.get(url).content.decode()
    assert client.post(url, {"aktion": "weiter", "q:useful": "2"}).status_code == 200
    assert Response.objects.filter(survey=survey).count() == 1


def test_an_anonymous_survey_does_not_link_an_invitation_to_its_response(client, survey):
    invitation = Invitation.objects.create(survey=survey, email="b@example.org")
    url = reverse("respond:invited", args=[invitation.token])
    client.post(url, {"aktion": "weiter", "q:useful": "5"})
    client.post(url, {"aktion": "weiter", "q:again": "no"})
    invitation.refresh_from_db()
    assert invitation.responded_on is not None and invitation.response is None
    assert Response.objects.filter(survey=survey).count() == 1


def test_a_respondent_picks_arabic_and_the_page_runs_right_to_left(client, survey):
    page = client.get(reverse("respond:answer", args=[survey.uuid]) + "?sprache=ar").content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "هل كانت الندوة مفيدة؟" in page and "التالي" in page
    assert client.get(reverse("respond:answer", args=[survey.uuid]) + "?sprache=xx").status_code == 400


def test_an_occasion_link_records_its_occasion(client, survey):
    occasion = survey.occasions.create(title="Seminar Dresden", held_on=timezone.localdate())
    url = reverse("respond:occasion", args=[survey.uuid, occasion.uuid])
    last = step(client, url, client.get(url), {"q:useful": "5"})
    step(client, url, last, {})
    assert Response.objects.get().occasion == occasion
