"""A small questionnaire used across the survey tests: three pages, a condition across pages and one within a
page, a scale, a number with a range, free text, in German, English and Arabic."""

from netzlotse.surveys.models import Page, Question, Survey
from netzlotse.surveys.services import page_save, question_save


def feedback_survey(organization, *, anonymous=True, languages=("de", "en", "ar"), live=True) -> Survey:
    survey = Survey.objects.create(organization=organization, anonymous=anonymous, languages=list(languages),
                                   title={"de": "Seminarfeedback", "en": "Seminar feedback", "ar": "تقييم الندوة"})
    scale = [(str(n), {"de": f"Stufe {n}", "en": f"level {n}", "ar": f"المستوى {n}"}) for n in range(1, 6)]
    question_save(question=Question(survey=survey, key="useful", kind=Question.Kind.LIKERT, page=1, position=1,
                                    scale_points=5, required=True, label={"de": "War das Seminar nützlich?",
                                                                          "en": "Was the seminar useful?",
                                                                          "ar": "هل كانت الندوة مفيدة؟"}),
                  options=scale)
    question_save(question=Question(survey=survey, key="role", kind=Question.Kind.SINGLE, page=1, position=2,
                                    label={"de": "Ihre Rolle", "en": "Your role", "ar": "دورك"}),
                  options=[("staff", {"de": "Fachkraft", "en": "staff"}), ("lead", {"de": "Leitung", "en": "lead"})])
    question_save(question=Question(survey=survey, key="team", kind=Question.Kind.NUMBER, page=1, position=3,
                                    relevance="${role} = 'lead'", minimum=1, maximum=500,
                                    label={"de": "Wie groß ist Ihr Team?", "en": "How large is your team?"}))
    question_save(question=Question(survey=survey, key="why", kind=Question.Kind.LONGTEXT, page=2, position=4,
                                    required=True, label={"de": "Was hat gefehlt?", "en": "What was missing?"}))
    page_save(page=Page(survey=survey, number=2, relevance="${useful} <= 2"))
    question_save(question=Question(survey=survey, key="again", kind=Question.Kind.SINGLE, page=3, position=5,
                                    label={"de": "Wieder teilnehmen?", "en": "Attend again?"}),
                  options=[("yes", {"de": "ja", "en": "yes"}), ("no", {"de": "nein", "en": "no"})])
    if live:
        survey.status = Survey.Status.LIVE
        survey.save()
    return survey
