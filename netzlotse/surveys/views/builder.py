"""Building a survey: its settings, its questions page by page, their order, and starting and closing it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netzlotse.accounts import roles
from netzlotse.accounts.decorators import permission_required
from netzlotse.core.params import choice_param, int_param
from netzlotse.network.models import Network, Organization

from .. import services
from ..access import survey_managed
from ..forms import PageForm, QuestionForm, SurveyForm
from ..models import Option, Page, Question, Survey


@require_GET
@permission_required(roles.VIEW_SURVEY_RESULTS)
def survey_list(request):
    managed = set(Survey.objects.managed_by(request.user).values_list("pk", flat=True)) \
        if roles.can(request.user, roles.MANAGE_SURVEYS) else set()
    surveys = (Survey.objects.with_results_for(request.user).select_related("organization", "network")
               .annotate(answered=Count("responses", distinct=True),
                         asked=Count("questions", filter=Q(questions__removed_in__isnull=True), distinct=True)))
    return render(request, "surveys/list.html", {"surveys": surveys, "managed": managed,
                                                 "can_create": roles.can(request.user, roles.MANAGE_SURVEYS)})


def management_scope(user):
    organizations = Organization.objects.filter(pk__in=roles.organization_ids(user, roles.MANAGE_SURVEYS)) \
        if not roles.can(user, roles.MANAGE_ALL_NETWORKS) else Organization.objects.all()
    networks = Network.objects.all() if roles.can(user, roles.MANAGE_ALL_NETWORKS) else Network.objects.filter(
        Q(coordinator__in=organizations) | Q(members__in=organizations)).distinct()
    return organizations.order_by("name"), networks.order_by("name")


@require_http_methods(["GET", "POST"])
@permission_required(roles.MANAGE_SURVEYS)
def survey_edit(request, pk=None):
    survey = survey_managed(request.user, pk) if pk else Survey()
    organizations, networks = management_scope(request.user)
    data = request.POST if request.method == "POST" else None
    form = SurveyForm(data, instance=survey, organizations=organizations, networks=networks)
    if request.method == "POST" and form.is_valid():
        survey = form.save()
        messages.success(request, _("Die Umfrage ist gespeichert."))
        return redirect("surveys:builder", survey.pk)
    return render(request, "surveys/survey_edit.html", {"form": form, "survey": survey},
                  status=400 if request.method == "POST" else 200)


@require_GET
@permission_required(roles.MANAGE_SURVEYS)
def builder(request, pk):
    """The whole questionnaire on one page, in one query for questions and one for options however long it is."""
    survey = survey_managed(request.user, pk)
    questions = survey.questions.filter(removed_in__isnull=True).prefetch_related(
        Prefetch("options", queryset=Option.objects.filter(removed_in__isnull=True)))
    pages = {page.number: page for page in survey.pages.all()}
    by_page = {}
    for question in questions:
        by_page.setdefault(question.page, []).append(question)
    return render(request, "surveys/builder.html", {
        "survey": survey, "pages": [(n, pages.get(n), qs) for n, qs in sorted(by_page.items())],
        "next_page": max(by_page, default=0) + 1, "kinds": Question.Kind.choices,
        "removed": survey.questions.filter(removed_in__isnull=False).count(),
        "responses": survey.responses.count()})


@require_http_methods(["GET", "POST"])
@permission_required(roles.MANAGE_SURVEYS)
def question_edit(request, pk, question=None):
    survey = survey_managed(request.user, pk)
    if question:
        instance = get_object_or_404(survey.questions.filter(removed_in__isnull=True), pk=question)
    else:
        kind = choice_param(request, "art", tuple(Question.Kind.values), default=Question.Kind.SINGLE)
        page = int_param(request, "seite") or 1
        last = survey.questions.order_by("-position").values_list("position", flat=True).first() or 0
        instance = Question(survey=survey, kind=kind, page=page, position=last + 1,
                            scale_points=5 if kind in (Question.Kind.LIKERT, Question.Kind.MATRIX) else None)
    form = QuestionForm(request.POST if request.method == "POST" else None, instance=instance, survey=survey)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_save(question=form.apply(), options=form.options, statements=form.statements,
                                   remove_unnamed=True, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Die Frage „%(key)s“ ist gespeichert.") % {"key": instance.key})
            return redirect(f"{survey_url(survey)}#frage-{instance.key}")
    return render(request, "surveys/question_edit.html", {"form": form, "survey": survey, "question": instance},
                  status=400 if request.method == "POST" else 200)


def survey_url(survey: Survey) -> str:
    from django.urls import reverse

    return reverse("surveys:builder", args=[survey.pk])


@require_POST
@permission_required(roles.MANAGE_SURVEYS)
def question_remove(request, pk, question):
    survey = survey_managed(request.user, pk)
    item = get_object_or_404(survey.questions.filter(removed_in__isnull=True), pk=question)
    services.question_remove(question=item, by=request.user)
    messages.success(request, _("Die Frage „%(key)s“ ist entfernt; ihre Antworten bleiben im Export.") % {"key": item.key})
    return redirect("surveys:builder", survey.pk)


@require_POST
@permission_required(roles.MANAGE_SURVEYS)
def arrange(request, pk):
    """Save the order of every question at once (page and position fields of the builder)."""
    survey = survey_managed(request.user, pk)
    ids = list(survey.questions.filter(removed_in__isnull=True).values_list("pk", flat=True))
    placed = [(int_param(request, f"seite-{i}", source="POST", required=True),
               int_param(request, f"position-{i}", source="POST", required=True), i) for i in ids]
    services.questions_arrange(survey=survey, order=[(i, page) for page, _pos, i in sorted(placed)], by=request.user)
    messages.success(request, _("Die Reihenfolge ist gespeichert."))
    return redirect("surveys:builder", survey.pk)


@require_http_methods(["GET", "POST"])
@permission_required(roles.MANAGE_SURVEYS)
def page_edit(request, pk, number):
    survey = survey_managed(request.user, pk)
    page = survey.pages.filter(number=number).first() or Page(survey=survey, number=number)
    form = PageForm(request.POST if request.method == "POST" else None, instance=page, survey=survey)
    if request.method == "POST" and form.is_valid():
        form.save(commit=False)
        try:
            services.page_save(page=form.instance, by=request.user)
        except ValidationError as error:
            form.add_error("relevance", error.message_dict.get("relevance"))
        else:
            messages.success(request, _("Seite %(n)d ist gespeichert.") % {"n": number})
            return redirect("surveys:builder", survey.pk)
    return render(request, "surveys/page_edit.html", {"form": form, "survey": survey, "number": number},
                  status=400 if request.method == "POST" else 200)


@require_POST
@permission_required(roles.MANAGE_SURVEYS)
def set_status(request, pk):
    survey = survey_managed(request.user, pk)
    status = choice_param(request, "status", (Survey.Status.LIVE, Survey.Status.CLOSED), default="", source="POST")
    try:
        services.survey_set_status(survey=survey, status=status, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Die Umfrage läuft jetzt.") if status == Survey.Status.LIVE
                         else _("Die Umfrage ist beendet."))
    return redirect("surveys:builder", survey.pk)
