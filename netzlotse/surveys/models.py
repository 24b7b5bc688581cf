"""Surveys: questionnaires with pages, conditions and languages; their versions; responses and answers.

Every question and option has a stable key (its name, as in XLSForm) that never changes once it has answers,
and answers point to the question and option rows, never to a position: reordering, renaming, adding and
removing while a survey runs moves no answer into another column. A removed question or option is marked
with the version that removed it and keeps its answers. Each change to a live survey is a new version with a
snapshot of the structure, and each response records the version it answered.
"""

import secrets
import uuid
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netzlotse.core.jobs import BackgroundJob


class SurveyQuerySet(models.QuerySet):
    def managed_by(self, user):
        """Surveys the user builds and sends: of their own organisations, and coordinators those of their
        networks; administrators all."""
        from netzlotse.accounts import roles
        from netzlotse.network.models import Network

        if roles.can(user, roles.MANAGE_ALL_NETWORKS):
            return self.all()
        orgs = roles.organization_ids(user, roles.MANAGE_SURVEYS)
        return self.filter(models.Q(organization__in=orgs) | models.Q(network__in=Network.objects.coordinated_by(orgs)))

    def with_results_for(self, user):
        """Surveys whose results the user reads: those they manage, and for funders the surveys of networks with
        projects in programmes they fund (results only: never a response)."""
        from netzlotse.accounts import roles
        from netzlotse.network.models import Project

        if not roles.can(user, roles.VIEW_SURVEY_RESULTS):
            return self.none()
        funded = Project.objects.filter(programme__funders__in=roles.organization_ids(user, roles.VIEW_SURVEY_RESULTS))
        return self.filter(models.Q(pk__in=self.managed_by(user).values("pk"))
                           | models.Q(network__in=funded.values("network"))).distinct()


class Survey(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        LIVE = "live", _("läuft")
        CLOSED = "closed", _("beendet")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey("network.Organization", on_delete=models.PROTECT, related_name="surveys",
                                     verbose_name=_("verantwortliche Organisation"))
    network = models.ForeignKey("network.Network", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="surveys", verbose_name=_("Netzwerk"))
    title = models.JSONField(_("Titel"), default=dict, help_text=_("je Sprache, z. B. {\"de\": …, \"en\": …}"))
    languages = models.JSONField(_("Sprachen"), default=list)  # the first is the default
    anonymous = models.BooleanField(_("anonym"), default=True,
                                    help_text=_("Anonyme Antworten speichern weder Kennung noch Adresse noch Uhrzeit."))
    opens_on = models.DateField(_("offen ab"), null=True, blank=True)
    closes_on = models.DateField(_("offen bis"), null=True, blank=True)
    status = models.CharField(_("Status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(_("Version"), default=1)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Umfrage")
        verbose_name_plural = _("Umfragen")
        indexes = [models.Index(fields=["organization", "status"], name="survey_org_status_idx")]

    def __str__(self):
        return self.text("title")

    def text(self, field: str, language: str | None = None) -> str:
        return in_language(getattr(self, field), language)

    def is_open(self, day: date) -> bool:
        return self.status == self.Status.LIVE and not self.not_yet(day) and not self.over(day)

    def not_yet(self, day: date) -> bool:
        return self.opens_on is not None and day < self.opens_on

    def over(self, day: date) -> bool:
        return self.status == self.Status.CLOSED or (self.closes_on is not None and day > self.closes_on)


def in_language(values, language: str | None) -> str:
    """A text of a survey in the language asked for, else German, else any it has."""
    values = values or {}
    return values.get(language or "", "") or values.get("de", "") or next(iter(values.values()), "")


class Page(models.Model):
    """A page of a survey: its heading and the condition under which it is shown at all."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="pages")
    number = models.PositiveSmallIntegerField(_("Seite"))
    title = models.JSONField(_("Überschrift"), default=dict, blank=True)
    relevance = models.CharField(_("angezeigt, wenn"), max_length=1000, blank=True)
    relevance_tree = models.JSONField(default=None, null=True, blank=True, editable=False)

    class Meta:
        ordering = ["survey", "number"]
        constraints = [models.UniqueConstraint(fields=["survey", "number"], name="survey_page_unique")]

    def __str__(self):
        return f"{self.survey} S. {self.number}"


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Einfachauswahl")
        MULTIPLE = "multiple", _("Mehrfachauswahl")
        LIKERT = "likert", _("Skala")
        MATRIX = "matrix", _("Skalen-Matrix")
        NUMBER = "number", _("Zahl")
        DATE = "date", _("Datum")
        TEXT = "text", _("kurzer Text")
        LONGTEXT = "longtext", _("langer Text")
        RANKING = "ranking", _("Rangfolge")

    CHOICE_KINDS = {Kind.SINGLE, Kind.MULTIPLE, Kind.LIKERT, Kind.MATRIX, Kind.RANKING}

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(_("Kennung"), max_length=64, help_text=_("stabil: Exporte und Bedingungen nennen sie"))
    kind = models.CharField(_("Art"), max_length=10, choices=Kind.choices)
    page = models.PositiveSmallIntegerField(_("Seite"), default=1)
    position = models.PositiveIntegerField(_("Reihenfolge"), default=0)
    label = models.JSONField(_("Frage"), default=dict)  # language → text
    hint = models.JSONField(_("Hilfetext"), default=dict, blank=True)
    required = models.BooleanField(_("Pflicht"), default=False)
    relevance = models.CharField(_("angezeigt, wenn"), max_length=1000, blank=True)
    relevance_tree = models.JSONField(default=None, null=True, blank=True, editable=False)  # parsed once on save
    scale_points = models.PositiveSmallIntegerField(_("Skalenpunkte"), null=True, blank=True)
    minimum = models.DecimalField(_("kleinster Wert"), max_digits=12, decimal_places=2, null=True, blank=True)
    maximum = models.DecimalField(_("größter Wert"), max_digits=12, decimal_places=2, null=True, blank=True)
    dont_know = models.BooleanField(_("„weiß nicht / keine Angabe“ anbieten"), default=False)
    added_in = models.PositiveIntegerField(default=1, editable=False)
    removed_in = models.PositiveIntegerField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["survey", "page", "position", "pk"]
        verbose_name = _("Frage")
        verbose_name_plural = _("Fragen")
        constraints = [models.UniqueConstraint(fields=["survey", "key"], name="question_key_unique")]

    def __str__(self):
        return self.key

    @property
    def is_removed(self) -> bool:
        return self.removed_in is not None

    @property
    def is_closed(self) -> bool:
        """Answered by picking from options (counted as frequencies, offered in cross-tabs)."""
        return self.kind in self.CHOICE_KINDS


class Option(models.Model):
    """An answer option of a choice question, or a statement of a scale matrix (`statement`)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    key = models.SlugField(_("Kennung"), max_length=64)
    statement = models.BooleanField(default=False)
    position = models.PositiveIntegerField(default=0)
    label = models.JSONField(_("Text"), default=dict)
    added_in = models.PositiveIntegerField(default=1, editable=False)
    removed_in = models.PositiveIntegerField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["question", "statement", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["question", "statement", "key"], name="option_key_unique")]

    def __str__(self):
        return self.key


class SurveyVersion(models.Model):
    """The structure of a survey as it was from one change to the next (what a response answered)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    snapshot = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["survey", "number"]
        constraints = [models.UniqueConstraint(fields=["survey", "number"], name="survey_version_unique")]

    def __str__(self):
        return f"{self.survey} v{self.number}"


class Occasion(models.Model):
    """Where a survey is answered: one seminar, one event, one wave; each has its own link, and its responses
    carry its date, district and target group (so one questionnaire used for forty seminars is compared by
    seminar and by year)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="occasions")
    title = models.CharField(_("Anlass"), max_length=200, help_text=_("z. B. Seminar „Interkulturelle Kompetenz“"))
    held_on = models.DateField(_("Datum"), null=True, blank=True)
    district = models.ForeignKey("network.Region", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+", verbose_name=_("Kreis"))
    target_group = models.ForeignKey("directory.TargetGroup", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("Zielgruppe"))
    # What the occasion stands for elsewhere (e.g. "event:<uuid>"), so the same one is found again.
    reference = models.CharField(max_length=80, blank=True, db_index=True, editable=False)

    class Meta:
        ordering = ["survey", "held_on", "title"]
        verbose_name = _("Anlass")
        verbose_name_plural = _("Anlässe")

    def __str__(self):
        return self.title


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Invitation(models.Model):
    """A personal invitation: one token, one response. Its answers so far are kept until it is sent, so the
    invitee can stop and resume; for an anonymous survey the response is not linked to the invitation."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    email = models.EmailField(_("E-Mail"))
    name = models.CharField(_("Name"), max_length=250, blank=True)
    organization = models.ForeignKey("network.Organization", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    occasion = models.ForeignKey(Occasion, on_delete=models.SET_NULL, null=True, blank=True, related_name="invitations")
    sent_on = models.DateField(null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)
    draft = models.JSONField(default=dict, blank=True)
    draft_page = models.PositiveSmallIntegerField(default=1)
    responded_on = models.DateField(null=True, blank=True)
    response = models.OneToOneField("Response", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["survey", "email"]
        # One invitation per address, or per address and occasion (an attendee of two seminars answers for each).
        constraints = [models.UniqueConstraint(fields=["survey", "email"], condition=models.Q(occasion__isnull=True),
                                               name="invitation_email_unique"),
                       models.UniqueConstraint(fields=["survey", "occasion", "email"],
                                               condition=models.Q(occasion__isnull=False),
                                               name="invitation_occasion_email_unique")]
        indexes = [models.Index(fields=["survey", "responded_on"], name="invitation_survey_done_idx")]

    def __str__(self):
        return self.email

    @property
    def due_reminder(self) -> bool:
        return self.responded_on is None and self.sent_on is not None

    @property
    def shown_address(self) -> str:
        """An organisation's address as it is; a person's shortened, so the list of who answered shows no
        personal data (the whole address is only ever used to send the mail)."""
        if self.organization_id:
            return self.email
        local, _at, domain = self.email.partition("@")
        return f"{local[:2]}…@{domain}"


class SpentForm(models.Model):
    """The fingerprint of an anonymous form already sent, so the same form is not counted twice. It holds no
    link to the response and no time: nothing here tells who answered what."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    digest = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "digest"], name="spent_form_unique")]

    def __str__(self):
        return self.digest[:12]


class Response(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    occasion = models.ForeignKey(Occasion, on_delete=models.SET_NULL, null=True, blank=True, related_name="responses")
    version = models.PositiveIntegerField()
    language = models.CharField(max_length=8, default="de")
    # Only the day: an anonymous response must not be traceable by its minute.
    submitted_on = models.DateField(default=timezone.localdate)

    class Meta:
        indexes = [models.Index(fields=["survey", "submitted_on"], name="response_survey_day_idx")]

    def __str__(self):
        return f"{self.survey} #{self.pk}"


class Answer(models.Model):
    """One answer: to a question (and, for choices, one option each; for a matrix, statement and scale point)."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    option = models.ForeignKey(Option, on_delete=models.CASCADE, null=True, blank=True, related_name="answers")
    statement = models.ForeignKey(Option, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    number = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    text = models.TextField(blank=True)
    day = models.DateField(null=True, blank=True)
    rank = models.PositiveSmallIntegerField(null=True, blank=True)
    dont_know = models.BooleanField(default=False)

    class Meta:
        # The results count answers grouped by these columns, read from the index alone.
        indexes = [models.Index(fields=["question", "statement", "option", "dont_know", "response"],
                                name="answer_counts_idx")]

    def __str__(self):
        return f"{self.question}: {self.option or self.number or self.text or self.day}"


EXPORT_KEPT = timedelta(days=1)


class SurveyExport(BackgroundJob):
    """A survey's answers written to a file by the task worker (a long export neither blocks nor times out the
    page, which polls the progress: `step` of `steps` blocks of responses); the file lies under var/ and is
    removed a day later."""

    class Format(models.TextChoices):
        XLSX = "xlsx", _("Excel-Datei mit Codebuch")
        CSV = "csv", _("CSV-Datei")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="exports")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    format = models.CharField(_("Format"), max_length=4, choices=Format.choices)
    labels = models.BooleanField(_("Texte statt Codes"), default=False)
    total = models.PositiveIntegerField(default=0)  # responses in the file
    filename = models.CharField(max_length=200, blank=True)

    class Meta:
        indexes = [models.Index(fields=["requested_by", "-created_at"], name="surveyexport_user_idx")]

    def __str__(self):
        return f"{self.survey} ({self.format})"

    @property
    def path(self):
        return settings.BASE_DIR / "var" / "survey-exports" / f"{self.pk}.{self.format}"
