"""Events: seminars, trainings, information events, workshops, network meetings; their sessions, series and
registrations (with a waiting list that never lets more in than the event has places)."""

import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from netzlotse.core.jobs import BackgroundJob
from netzlotse.core.translation import add_translated_fields, translated


class Kind(models.TextChoices):
    SEMINAR = "seminar", _("Seminar / Schulung")
    INFORMATION = "information", _("Informationsveranstaltung")
    WORKSHOP = "workshop", _("Workshop")
    MEETING = "meeting", _("Netzwerk- oder Austauschtreffen")


class Series(models.Model):
    """Events that share one template (a seminar run forty times over four years)."""

    organizer = models.ForeignKey("network.Organization", on_delete=models.PROTECT, related_name="event_series")
    name = models.CharField(_("Reihe"), max_length=250)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Veranstaltungsreihe")
        verbose_name_plural = _("Veranstaltungsreihen")

    def __str__(self):
        return self.name


def visible(user, path: str = "") -> Q:
    """Published events open to the public; signed-in members also see those for staff. As a condition, so a
    query of sessions (`path` "event__") joins the events instead of listing them all first."""
    condition = Q(**{f"{path}status": "published"})
    return condition if user.is_authenticated else condition & Q(**{f"{path}public": True})


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Event.Status.PUBLISHED)

    def visible_to(self, user):
        return self.filter(visible(user))

    def organised_by(self, user):
        """Events the user runs: of their own organisations (coordinators also their networks'); admins all."""
        from netzlotse.accounts import roles
        from netzlotse.network.models import Network

        if roles.can(user, roles.MANAGE_ALL_NETWORKS):
            return self.all()
        orgs = roles.organization_ids(user, roles.MANAGE_EVENTS)
        networks = Network.objects.coordinated_by(orgs)
        return self.filter(Q(organizer__in=orgs) | Q(organizer__networks__in=networks)).distinct()

    def between(self, first, last):
        """Events with a session from `first` to `last` (dates)."""
        return self.filter(sessions__starts_at__date__gte=first, sessions__starts_at__date__lte=last).distinct()

    def with_start(self):
        return self.annotate(first_start=Min("sessions__starts_at"))


class Event(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        PUBLISHED = "published", _("veröffentlicht")
        CANCELLED = "cancelled", _("abgesagt")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.SEMINAR)
    organizer = models.ForeignKey("network.Organization", on_delete=models.PROTECT, related_name="events",
                                  verbose_name=_("Veranstalter"))
    project = models.ForeignKey("network.Project", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="events", verbose_name=_("Projekt"))
    series = models.ForeignKey(Series, on_delete=models.SET_NULL, null=True, blank=True, related_name="events",
                               verbose_name=_("Reihe"))
    status = models.CharField(_("Status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    # Where: an office of the directory, any address, or online (or both an address and a link).
    location = models.ForeignKey("directory.Location", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="events", verbose_name=_("Ort aus dem Verzeichnis"))
    address = models.CharField(_("Adresse"), max_length=250, blank=True)
    district = models.ForeignKey("network.Region", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+", verbose_name=_("Kreis"))
    online_url = models.URLField(_("Link zur Online-Teilnahme"), blank=True)
    capacity = models.PositiveIntegerField(_("Plätze"), null=True, blank=True, help_text=_("leer: ohne Begrenzung"))
    registration_opens = models.DateTimeField(_("Anmeldung ab"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("Anmeldung bis"), null=True, blank=True)
    public = models.BooleanField(_("öffentlich"), default=True,
                                 help_text=_("sonst nur für angemeldete Fachkräfte der Netzwerke"))
    # Kinds of organisation whose staff it is for, stored as ",jobcenter,authority," so one LIKE filters by kind.
    audience = models.CharField(_("für Fachkräfte aus"), max_length=300, blank=True)
    phases = models.ManyToManyField("directory.Phase", blank=True, related_name="events", verbose_name=_("Phasen"))
    fields_of_action = models.ManyToManyField("directory.FieldOfAction", blank=True, related_name="events",
                                              verbose_name=_("Handlungsfelder"))
    cost = models.CharField(_("Kosten"), max_length=200, blank=True, help_text=_("z. B. kostenfrei"))
    # Feedback right after the last session and a follow-up some weeks later, sent to those who attended.
    feedback_survey = models.ForeignKey("surveys.Survey", on_delete=models.SET_NULL, null=True, blank=True,
                                        related_name="+", verbose_name=_("Feedback-Umfrage"))
    followup_survey = models.ForeignKey("surveys.Survey", on_delete=models.SET_NULL, null=True, blank=True,
                                        related_name="+", verbose_name=_("Nachbefragung"))
    followup_weeks = models.PositiveSmallIntegerField(_("Nachbefragung nach Wochen"), default=12)
    feedback_sent_on = models.DateField(null=True, blank=True, editable=False)
    followup_sent_on = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")
        indexes = [models.Index(fields=["status", "public", "kind"], name="event_status_idx"),
                   models.Index(fields=["district", "status"], name="event_district_idx")]

    def __str__(self):
        return self.title_de

    @property
    def title(self):
        return translated(self, "title")

    @property
    def description(self):
        return translated(self, "description")

    @property
    def place(self) -> str:
        if self.location_id:
            return f"{self.location}, {self.location.address_line}"
        return self.address

    @property
    def audience_kinds(self) -> list[str]:
        return [kind for kind in self.audience.split(",") if kind]

    def registration_open(self, now) -> bool:
        return (self.status == self.Status.PUBLISHED and (self.registration_opens is None or now >= self.registration_opens)
                and (self.registration_closes is None or now <= self.registration_closes))


add_translated_fields(
    Event, "title",
    lambda lang, required: models.CharField(format_lazy(_("Titel ({lang})"), lang=lang), max_length=250,
                                            blank=not required),
)
add_translated_fields(
    Event, "description",
    lambda lang, required: models.TextField(format_lazy(_("Beschreibung ({lang})"), lang=lang), blank=True),
)


class Session(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("Beginn"))
    ends_at = models.DateTimeField(_("Ende"))

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("Termin")
        verbose_name_plural = _("Termine")
        indexes = [models.Index(fields=["starts_at"], name="session_start_idx")]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="session_order")]

    def __str__(self):
        return f"{timezone.localtime(self.starts_at):%d.%m.%Y %H:%M}"

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("Das Ende des Termins muss nach seinem Beginn liegen.")})

    @property
    def hours(self) -> float:
        return round((self.ends_at - self.starts_at).total_seconds() / 3600, 2)


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Registration(models.Model):
    """A person's registration. The public confirm their address first (double opt-in); a confirmed one holds a
    place or waits for one, in the order of confirmation."""

    class Status(models.TextChoices):
        PENDING = "pending", _("wartet auf Bestätigung der E-Mail-Adresse")
        CONFIRMED = "confirmed", _("angemeldet")
        WAITING = "waiting", _("auf der Warteliste")
        CANCELLED = "cancelled", _("abgemeldet")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    name = models.CharField(_("Name"), max_length=200)
    email = models.EmailField(_("E-Mail"))
    organization_name = models.CharField(_("Organisation"), max_length=250, blank=True)
    organization = models.ForeignKey("network.Organization", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    needs = models.CharField(_("Unterstützung"), max_length=500, blank=True,
                             help_text=_("z. B. Dolmetschen, barrierefreier Zugang"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True)  # the queue order of the waiting list
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["event", "confirmed_at", "pk"]
        verbose_name = _("Anmeldung")
        verbose_name_plural = _("Anmeldungen")
        constraints = [models.UniqueConstraint(fields=["event", "email"], condition=~Q(status="cancelled"),
                                               name="registration_once")]
        indexes = [models.Index(fields=["event", "status", "confirmed_at"], name="registration_queue_idx")]

    def __str__(self):
        return f"{self.name} ({self.event})"


class Attendance(models.Model):
    """Someone was there: one row per registration and session, ticked on the attendance list."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="attendances")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "registration"], name="attendance_once")]
        verbose_name = _("Anwesenheit")
        verbose_name_plural = _("Anwesenheiten")

    def __str__(self):
        return f"{self.registration.name} @ {self.session}"


class ListRead(models.Model):
    """Who opened an event's registrations or attendance list, and when (the lists hold personal data)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, related_name="+")
    part = models.CharField(max_length=30)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at"]

    def __str__(self):
        return f"{self.user} {self.part} {self.at:%Y-%m-%d %H:%M}"


class CertificateBatch(BackgroundJob):
    """The attendance certificates of an event, drawn by the task worker into one ZIP file (one PDF per attendee)
    while the page shows `step` of `steps`; the file lies under var/ and goes a day later."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="certificate_batches")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    total = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["requested_by", "-created_at"], name="certbatch_user_idx")]

    def __str__(self):
        return f"{self.event} ({self.total})"

    @property
    def path(self):
        return settings.BASE_DIR / "var" / "event-certificates" / f"{self.pk}.zip"

    @property
    def filename(self) -> str:
        return f"teilnahmebescheinigungen-{self.event_id}.zip"


class MinutesQuerySet(models.QuerySet):
    def readable_by(self, user):
        """Minutes of the events the user runs, of meetings their organisation took part in, and of those
        that give them an action."""
        from netzlotse.accounts import roles

        if roles.can(user, roles.MANAGE_ALL_NETWORKS):
            return self.all()
        orgs = roles.organization_ids(user)
        return self.filter(Q(event__in=Event.objects.organised_by(user)) | Q(participants__in=orgs)
                           | Q(actions__owner=user)).distinct()


class Minutes(models.Model):
    """The minutes (Protokoll) of a meeting or workshop: agenda, who took part (organisations), results, the
    actions agreed, and the gaps, interfaces and service chains the meeting dealt with."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="minutes")
    agenda = models.TextField(_("Tagesordnung"), blank=True, help_text=_("ein Punkt je Zeile"))
    participants = models.ManyToManyField("network.Organization", blank=True, related_name="+",
                                          verbose_name=_("Teilnehmende Organisationen"))
    other_participants = models.CharField(_("weitere Teilnehmende"), max_length=500, blank=True,
                                          help_text=_("Organisationen außerhalb des Netzwerks, Gäste"))
    results = models.TextField(_("Ergebnisse"), blank=True)
    gaps = models.ManyToManyField("gaps.Gap", blank=True, related_name="+", verbose_name=_("betrifft Lücken"))
    interfaces = models.ManyToManyField("gaps.Interface", blank=True, related_name="+",
                                        verbose_name=_("betrifft Schnittstellen"))
    service_chains = models.ManyToManyField("directory.ServiceChain", blank=True, related_name="+",
                                            verbose_name=_("betrifft Dienstleistungsketten"))
    written_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    objects = MinutesQuerySet.as_manager()

    class Meta:
        verbose_name = _("Protokoll")
        verbose_name_plural = _("Protokolle")

    def __str__(self):
        return str(self.event)

    @property
    def agenda_items(self) -> list[str]:
        return [line.strip() for line in self.agenda.splitlines() if line.strip()]


class ActionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(done_on__isnull=True)

    def overdue(self, today):
        return self.open().filter(due_on__lt=today)


class Action(models.Model):
    """An action agreed in a meeting: what, who (a person of the network) and by when."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="actions")
    text = models.CharField(_("Vereinbarung"), max_length=500)
    owner = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="event_actions",
                              verbose_name=_("verantwortlich"))
    due_on = models.DateField(_("fällig am"))
    done_on = models.DateField(_("erledigt am"), null=True, blank=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("Vereinbarung")
        verbose_name_plural = _("Vereinbarungen")
        indexes = [models.Index(fields=["owner", "done_on", "due_on"], name="action_owner_idx")]

    def __str__(self):
        return self.text
