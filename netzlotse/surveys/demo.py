"""The surveys of the demo (our own wording, synthetic answers):

- the seminar feedback questionnaire of the IQ network in Saxony, used for 40 seminars from 2011 to 2014, whose
  answers improve over the years (a question added in 2013 makes a second version);
- a follow-up survey of an intercultural training, sent as personal invitations, some answered, some reminded;
- a state-wide survey of labour-market actors in Saxony in the manner of a transfer project, sent to the
  directory's organisations of the state.
"""

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from netzlotse.network.models import Network, Organization, Region

from .models import Answer, Invitation, Page, Question, Response, Survey
from .services import invitations_add, page_save, question_save, survey_set_status

SEMINARS = ["Interkulturelle Kompetenz in der Beratung", "Anerkennung ausländischer Berufsabschlüsse",
            "Aufenthaltsrecht und Zugang zum Arbeitsmarkt", "Diskriminierungssensible Arbeitsvermittlung",
            "Deutsch als Zweitsprache im Beratungsalltag"]
DISTRICTS = ["14612", "14713", "14511", "14627", "14522"]
AGREE = [("trifft gar nicht zu", "strongly disagree"), ("trifft eher nicht zu", "disagree"), ("teils, teils", "neither"),
         ("trifft eher zu", "agree"), ("trifft voll zu", "strongly agree")]
FEEDBACK_TITLE = "Seminarfeedback IQ Netzwerk Sachsen"
FOLLOW_UP_TITLE = "Nachbefragung: Training Interkulturelle Öffnung"


def _scale():
    return [(str(n), {"de": de, "en": en}) for n, (de, en) in enumerate(AGREE, start=1)]


def _q(survey, key, kind, page, label, options=(), statements=(), **fields):
    question = Question(survey=survey, key=key, kind=kind, page=page, label=label,
                        position=survey.questions.count() + 1, **fields)
    return question_save(question=question, options=list(options), statements=list(statements))


@transaction.atomic
def load_surveys_demo() -> dict:
    ist = Organization.objects.filter(external_id="org-ist").first()
    if ist is None:
        return {}
    if Survey.objects.filter(organization=ist, title__de=FEEDBACK_TITLE).exists():
        return {"surveys": Survey.objects.filter(organization=ist).count(), "responses": Response.objects.count()}
    network = Network.objects.filter(name="IQ Netzwerk Sachsen").first()
    rng = random.Random(2011)
    feedback = _seminar_feedback(ist, network, rng)
    follow_up = _follow_up(ist, network, rng)
    actors = _actors(ist, network, rng)
    return {"surveys": 3, "responses": sum(s.responses.count() for s in (feedback, follow_up, actors))}


def _seminar_feedback(ist, network, rng) -> Survey:
    survey = Survey.objects.create(organization=ist, network=network, anonymous=True, languages=["de", "en"],
                                   title={"de": FEEDBACK_TITLE, "en": "Seminar feedback, IQ network Saxony"},
                                   opens_on=date(2011, 1, 1))
    _q(survey, "quality", Question.Kind.MATRIX, 1, {"de": "Wie bewerten Sie das Seminar?",
                                                    "en": "How do you rate the seminar?"}, _scale(), [
        ("content", {"de": "Die Inhalte waren verständlich aufbereitet.", "en": "The content was clearly presented."}),
        ("practice", {"de": "Das Seminar hatte einen klaren Praxisbezug.", "en": "The seminar was close to practice."}),
        ("methods", {"de": "Die Methoden haben mich zum Mitmachen gebracht.", "en": "The methods got me involved."}),
        ("trainer", {"de": "Die Referentin / der Referent war kompetent.", "en": "The trainer was competent."}),
        ("organisation", {"de": "Organisation und Räume waren gut.", "en": "Organisation and rooms were good."})],
       scale_points=5, required=True)
    _q(survey, "useful", Question.Kind.LIKERT, 1, {"de": "Das Gelernte kann ich in meiner Arbeit anwenden.",
                                                   "en": "I can apply what I learned in my work."}, _scale(),
       scale_points=5, required=True)
    _q(survey, "role", Question.Kind.SINGLE, 1, {"de": "In welchem Bereich arbeiten Sie?", "en": "Where do you work?"}, [
        ("jobcenter", {"de": "Jobcenter oder Agentur für Arbeit", "en": "job centre or employment agency"}),
        ("authority", {"de": "Ausländerbehörde oder Kommune", "en": "immigration office or municipality"}),
        ("provider", {"de": "Bildungs- oder Beratungsträger", "en": "training or counselling provider"}),
        ("other", {"de": "anderer Bereich", "en": "elsewhere"})])
    _q(survey, "missing", Question.Kind.LONGTEXT, 2, {"de": "Was hat Ihnen gefehlt?", "en": "What was missing?"},
       relevance="${useful} <= 2")
    _q(survey, "takeaway", Question.Kind.LONGTEXT, 2, {"de": "Was nehmen Sie mit?", "en": "What do you take away?"})
    _q(survey, "recommend", Question.Kind.SINGLE, 3, {"de": "Würden Sie das Seminar Kolleginnen und Kollegen "
                                                            "empfehlen?", "en": "Would you recommend the seminar?"},
       [("yes", {"de": "ja", "en": "yes"}), ("no", {"de": "nein", "en": "no"})], dont_know=True)
    page_save(page=Page(survey=survey, number=3, title={"de": "Zum Schluss", "en": "Finally"}))
    survey_set_status(survey=survey, status=Survey.Status.LIVE)
    districts = {r.ags: r for r in Region.objects.filter(ags__in=DISTRICTS)}
    occasions = []
    for n in range(40):
        year = 2011 + n // 10
        held = date(year, 2 + (n % 10), 3 + (n * 7) % 24)
        occasions.append(survey.occasions.create(title=f"{SEMINARS[n % len(SEMINARS)]} ({held:%m/%Y})", held_on=held,
                                                 district=districts.get(DISTRICTS[n % len(DISTRICTS)])))
    for occasion in occasions[:20]:
        _seminar_answers(survey, occasion, rng)
    # In 2013 the network asked also how much of a seminar should be online: a second version, older answers stay.
    _q(survey, "online", Question.Kind.SINGLE, 3, {"de": "Wie viel des Seminars dürfte online stattfinden?",
                                                   "en": "How much of the seminar could be online?"},
       [("none", {"de": "nichts", "en": "none"}), ("part", {"de": "ein Teil", "en": "some"}),
        ("all", {"de": "alles", "en": "all"})])
    for occasion in occasions[20:]:
        _seminar_answers(survey, occasion, rng)
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.CLOSED, closes_on=date(2014, 12, 31))
    return survey


def _pick(rng, mean: float, points: int = 5) -> int:
    return max(1, min(points, round(rng.gauss(mean, 0.9))))


def _seminar_answers(survey, occasion, rng) -> None:
    survey.refresh_from_db()
    questions = {q.key: q for q in survey.questions.prefetch_related("options")}
    options = {(q.key, o.statement, o.key): o for q in questions.values() for o in q.options.all()}
    trend = 3.2 + 0.3 * (occasion.held_on.year - 2011)  # the seminars improve from year to year
    texts = ["Mehr Zeit für Fallbeispiele.", "Die Übungen zu Gesprächssituationen waren sehr hilfreich.",
             "Gute Übersicht über die Anerkennungsverfahren.", "Eine Pause mehr wäre gut gewesen.",
             "Kontakte zu den Beratungsstellen vor Ort.", "Mehr zum Aufenthaltsrecht bitte."]
    responses = [Response(survey=survey, occasion=occasion, version=survey.version, language="de",
                          submitted_on=occasion.held_on) for _ in range(rng.randint(9, 24))]
    Response.objects.bulk_create(responses)
    rows = []
    for response in responses:
        for statement in ("content", "practice", "methods", "trainer", "organisation"):
            point = _pick(rng, trend + (0.3 if statement == "trainer" else 0))
            rows.append(Answer(response=response, question=questions["quality"],
                               statement=options[("quality", True, statement)],
                               option=options[("quality", False, str(point))]))
        useful = _pick(rng, trend - 0.2)
        rows.append(Answer(response=response, question=questions["useful"], option=options[("useful", False, str(useful))]))
        rows.append(Answer(response=response, question=questions["role"],
                           option=options[("role", False, rng.choice(["jobcenter", "jobcenter", "authority",
                                                                       "provider", "other"]))]))
        if useful <= 2 and rng.random() < 0.7:
            rows.append(Answer(response=response, question=questions["missing"], text=rng.choice(texts[:4])))
        if rng.random() < 0.35:
            rows.append(Answer(response=response, question=questions["takeaway"], text=rng.choice(texts[1:])))
        if rng.random() < 0.1:
            rows.append(Answer(response=response, question=questions["recommend"], dont_know=True))
        else:
            choice = "yes" if rng.random() < (useful / 5.5) else "no"
            rows.append(Answer(response=response, question=questions["recommend"], option=options[("recommend", False,
                                                                                                    choice)]))
        if "online" in questions:
            rows.append(Answer(response=response, question=questions["online"],
                               option=options[("online", False, rng.choice(["none", "part", "part", "all"]))]))
    Answer.objects.bulk_create(rows, batch_size=1000)


def _follow_up(ist, network, rng) -> Survey:
    today = timezone.localdate()
    survey = Survey.objects.create(organization=ist, network=network, anonymous=True, languages=["de", "en"],
                                   title={"de": FOLLOW_UP_TITLE,
                                          "en": "Follow-up: intercultural opening training"},
                                   opens_on=today - timedelta(days=60), closes_on=today + timedelta(days=25))
    _q(survey, "applied", Question.Kind.SINGLE, 1, {"de": "Wie oft haben Sie Inhalte des Trainings seitdem angewendet?",
                                                    "en": "How often have you applied the training since?"},
       [("often", {"de": "oft", "en": "often"}), ("sometimes", {"de": "manchmal", "en": "sometimes"}),
        ("rarely", {"de": "selten", "en": "rarely"}), ("never", {"de": "nie", "en": "never"})], required=True)
    _q(survey, "confidence", Question.Kind.LIKERT, 1, {"de": "Ich fühle mich sicherer im Gespräch mit Menschen, deren "
                                                             "Deutsch noch nicht gut ist.",
                                                       "en": "I feel more confident talking to people whose German is "
                                                             "still limited."}, _scale(), scale_points=5)
    _q(survey, "change", Question.Kind.LONGTEXT, 1, {"de": "Was hat sich in Ihrer Arbeit verändert?",
                                                     "en": "What has changed in your work?"},
       relevance="${applied} = 'often' or ${applied} = 'sometimes'")
    _q(survey, "obstacles", Question.Kind.MULTIPLE, 2, {"de": "Was hat Sie gehindert?", "en": "What held you back?"},
       [("time", {"de": "Zeitdruck", "en": "time pressure"}), ("rules", {"de": "Vorgaben", "en": "rules"}),
        ("support", {"de": "fehlende Unterstützung", "en": "lack of support"})],
       relevance="${applied} = 'rarely' or ${applied} = 'never'")
    survey_set_status(survey=survey, status=Survey.Status.LIVE)
    invitations_add(survey=survey, recipients=[(f"teilnehmende-{n:02d}@example.org", "", None) for n in range(1, 19)])
    invitations = list(survey.invitations.order_by("email"))
    Invitation.objects.filter(survey=survey).update(sent_on=today - timedelta(days=20))
    for n, invitation in enumerate(invitations[:11]):
        response = follow_up_answer(survey, rng, n, today - timedelta(days=18 - n))
        Invitation.objects.filter(pk=invitation.pk).update(responded_on=response.submitted_on)
    Invitation.objects.filter(survey=survey, responded_on__isnull=True).update(reminded_on=today - timedelta(days=6))
    return survey


def follow_up_answer(survey, rng, n: int, day, occasion=None) -> Response:
    """One response to the follow-up survey (the n-th varies how often the training was applied)."""
    questions = {q.key: q for q in survey.questions.prefetch_related("options")}
    applied = ["often", "sometimes", "sometimes", "rarely", "often"][n % 5]
    response = Response.objects.create(survey=survey, version=survey.version, submitted_on=day, occasion=occasion)
    rows = [Answer(response=response, question=questions["applied"],
                   option=questions["applied"].options.get(key=applied)),
            Answer(response=response, question=questions["confidence"],
                   option=questions["confidence"].options.get(key=str(_pick(rng, 3.8))))]
    if applied in ("often", "sometimes") and n % 2 == 0:
        rows.append(Answer(response=response, question=questions["change"],
                           text=["Ich plane für Erstgespräche mehr Zeit ein.", "Ich nutze einfache Sprache "
                                 "in Briefen.", "Wir arbeiten öfter mit Sprachmittlung."][n % 3]))
    Answer.objects.bulk_create(rows)
    return response


def _actors(ist, network, rng) -> Survey:
    today = timezone.localdate()
    survey = Survey.objects.create(organization=ist, network=network, anonymous=True, languages=["de", "en", "ar"],
                                   title={"de": "Akteursbefragung Arbeitsmarktintegration Sachsen 2026",
                                          "en": "Survey of labour-market actors, Saxony 2026",
                                          "ar": "استطلاع الجهات الفاعلة في سوق العمل، ساكسونيا 2026"},
                                   opens_on=today - timedelta(days=10), closes_on=today + timedelta(days=40))
    kinds_ar = ["جهة تدريب أو استشارة", "مركز العمل (جوبسنتر)", "وكالة العمل", "جهة رسمية أو بلدية", "غرفة مهنية",
                "جمعية رعاية اجتماعية", "منظمة مهاجرين"]
    _q(survey, "kind", Question.Kind.SINGLE, 1, {"de": "Welcher Art ist Ihre Organisation?",
                                                 "en": "What kind of organisation are you?", "ar": "ما نوع منظمتك؟"},
       [(k, {"de": str(label), "ar": ar}) for (k, label), ar in zip(Organization.Kind.choices[:7], kinds_ar,
                                                                     strict=True)], required=True)
    _q(survey, "groups", Question.Kind.MULTIPLE, 1, {"de": "Für wen bieten Sie Angebote an?",
                                                     "en": "Who are your offers for?", "ar": "لمن تقدّمون عروضكم؟"},
       [("refugees", {"de": "Geflüchtete", "en": "refugees", "ar": "اللاجئون"}),
        ("over45", {"de": "Arbeitslose über 45 mit Migrationsgeschichte",
                    "en": "unemployed people over 45 with a migration history",
                    "ar": "العاطلون عن العمل فوق 45 عامًا من أصول مهاجرة"}),
        ("women", {"de": "Frauen mit Migrationsgeschichte", "en": "women with a migration history",
                   "ar": "النساء من أصول مهاجرة"}),
        ("young", {"de": "junge Erwachsene", "en": "young adults", "ar": "الشباب"})])
    _q(survey, "cooperation", Question.Kind.MATRIX, 2, {"de": "Die Zusammenarbeit mit … funktioniert gut.",
                                                        "en": "Working together with … goes well."}, _scale(), [
        ("jobcenter", {"de": "Jobcentern", "en": "job centres"}),
        ("agency", {"de": "Agenturen für Arbeit", "en": "employment agencies"}),
        ("immigration", {"de": "Ausländerbehörden", "en": "immigration offices"}),
        ("chambers", {"de": "Kammern", "en": "chambers"}),
        ("migrant_orgs", {"de": "Migrantenorganisationen", "en": "migrant organisations"})],
       scale_points=5, dont_know=True)
    _q(survey, "obstacles", Question.Kind.RANKING, 2, {"de": "Was erschwert die Integration in Arbeit am meisten?",
                                                       "en": "What makes integration into work hardest?"},
       [("language", {"de": "Sprachkenntnisse", "en": "language skills"}),
        ("recognition", {"de": "Anerkennung von Abschlüssen", "en": "recognition of qualifications"}),
        ("childcare", {"de": "Kinderbetreuung", "en": "childcare"}),
        ("employers", {"de": "Vorbehalte von Arbeitgebern", "en": "employers' reservations"})])
    _q(survey, "practice", Question.Kind.LONGTEXT, 3, {"de": "Welche gute Praxis würden Sie anderen empfehlen?",
                                                       "en": "Which good practice would you recommend to others?"})
    _q(survey, "staff", Question.Kind.NUMBER, 3, {"de": "Wie viele Beschäftigte arbeiten bei Ihnen in diesem Feld?",
                                                  "en": "How many staff work in this field?"}, minimum=0, maximum=5000)
    page_save(page=Page(survey=survey, number=3, relevance="selected(${groups}, 'over45')",
                        title={"de": "Gute Praxis für Menschen über 45", "en": "Good practice for people over 45"}))
    survey_set_status(survey=survey, status=Survey.Status.LIVE)
    saxony = Organization.objects.exclude(email="").filter(regions__ags__startswith="14").distinct()
    invitations_add(survey=survey, recipients=[(o.email, o.name, o.pk) for o in saxony])
    Invitation.objects.filter(survey=survey).update(sent_on=today - timedelta(days=10))
    questions = {q.key: q for q in survey.questions.prefetch_related("options")}
    option = {(q.key, o.statement, o.key): o for q in questions.values() for o in q.options.all()}
    for n, invitation in enumerate(list(survey.invitations.select_related("organization"))[::2]):
        kind = invitation.organization.kind if invitation.organization and (
            "kind", False, invitation.organization.kind) in option else "other"
        response = Response.objects.create(survey=survey, version=survey.version,
                                           submitted_on=today - timedelta(days=n % 9))
        rows = [Answer(response=response, question=questions["kind"], option=option.get(("kind", False, kind))
                       or option[("kind", False, "provider")])]
        groups = [g for g in ("refugees", "over45", "women", "young") if rng.random() < 0.55] or ["refugees"]
        rows += [Answer(response=response, question=questions["groups"], option=option[("groups", False, g)])
                 for g in groups]
        for statement in ("jobcenter", "agency", "immigration", "chambers", "migrant_orgs"):
            if rng.random() < 0.12:
                rows.append(Answer(response=response, question=questions["cooperation"], dont_know=True,
                                   statement=option[("cooperation", True, statement)]))
            else:
                mean = {"jobcenter": 3.9, "agency": 3.6, "immigration": 2.6, "chambers": 3.2}.get(statement, 3.4)
                rows.append(Answer(response=response, question=questions["cooperation"],
                                   statement=option[("cooperation", True, statement)],
                                   option=option[("cooperation", False, str(_pick(rng, mean)))]))
        ranked = ["language", "recognition", "childcare", "employers"]
        rng.shuffle(ranked)
        rows += [Answer(response=response, question=questions["obstacles"], option=option[("obstacles", False, k)],
                        rank=r) for r, k in enumerate(ranked, start=1)]
        if "over45" in groups:
            rows.append(Answer(response=response, question=questions["staff"], number=rng.randint(2, 60)))
            if rng.random() < 0.5:
                rows.append(Answer(response=response, question=questions["practice"], text=rng.choice([
                    "Tandems aus Jobcenter und Träger, die gemeinsam beraten.", "Betriebsbesuche vor dem Praktikum.",
                    "Sprachkurse, die mit einem Praktikum verbunden sind."])))
        Answer.objects.bulk_create(rows)
        Invitation.objects.filter(pk=invitation.pk).update(responded_on=response.submitted_on)
    return survey

