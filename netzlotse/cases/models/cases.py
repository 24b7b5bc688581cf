"""Cases (Fälle), their contacts and needs, the case events every change appends, and the access log."""

from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..fields import EncryptedCharField, EncryptedTextField
from .participants import Participant


class AppendOnly(models.Model):
    """Records that are written once and never changed (case events, the access log)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError(f"{type(self).__name__} records are append-only")
        super().save(*args, **kwargs)


def _sharing_referrals():
    """Referrals through which another organisation currently sees a case. The Referral model builds on Case,
    so it is looked up in the app registry rather than imported back into this module."""
    return apps.get_model("cases", "Referral").objects.sharing()


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user, *, own_caseload_only=False):
        """Cases of the user's organisations (optionally only their caseload), and cases another organisation
        shares with them through a referral an active consent covers. Anything else does not exist for them."""
        from netzlotse.accounts import roles

        if not roles.can(user, roles.VIEW_CASES):
            return self.none()
        orgs = roles.organization_ids(user)
        # Subqueries rather than joins, so no case appears twice and the list needs no DISTINCT (which would
        # sort every visible case before the first page could be shown).
        mine = Q(pk__in=Case.counsellors.through.objects.filter(user=user).values("case")) if own_caseload_only else Q()
        own = Q(organization__in=orgs) & mine
        # The few shared cases are read first, so both sides of the OR are index lookups (a subquery there
        # would make PostgreSQL scan every case).
        shared = Q(pk__in=list(_sharing_referrals().filter(recipient__in=orgs).values_list("case", flat=True)))
        return self.filter(own | shared)

    def named(self, query: str, organizations):
        """Cases whose participant has this code, or whose name contains every word of the query (spelling-
        tolerant, via the name key). Names are looked up among the people the organisations registered, and
        among those of cases shared with them, so the index over organisation and name does the work."""
        from .participants import Participant, name_key

        people = Participant.objects.all()
        for word in query.split():
            people = people.filter(name_key__contains=name_key(word, ""))
        # Each part is read as a short list of ids first: as subqueries, PostgreSQL would join every participant.
        found = set(Participant.objects.filter(code__in={query, query.upper()}).values_list("pk", flat=True))
        found |= set(people.filter(organization__in=organizations).values_list("pk", flat=True))
        shared = list(_sharing_referrals().filter(recipient__in=organizations).values_list(
            "case__participant", flat=True))
        if shared:
            found |= set(people.filter(pk__in=shared).values_list("pk", flat=True))
        return self.filter(participant__in=found)

    def follow_up_overdue(self, day):
        """Open cases whose latest contact set a next contact date that has passed."""
        latest = Contact.objects.filter(case=OuterRef("pk")).order_by("-date", "-pk").values("next_contact_on")[:1]
        return self.filter(closed_on__isnull=True).annotate(next_due=Subquery(latest)).filter(next_due__lt=day)

    def permit_ending(self, day, within_days=60):
        """Open cases whose participant's current residence permit ends within the period."""
        from .participants import ResidenceRecord

        current = ResidenceRecord.objects.filter(participant=OuterRef("participant")).order_by(
            "-recorded_on", "-pk").values("valid_until")[:1]
        return self.filter(closed_on__isnull=True).annotate(permit_until=Subquery(current)).filter(
            permit_until__gte=day, permit_until__lte=day + timedelta(days=within_days))


class Case(models.Model):
    """A participant's case at one organisation, planned after the Bundesagentur's four phases."""

    class Outcome(models.TextChoices):
        # Codes as the monitoring's history import writes them (column `ergebnis`).
        JOB = "sv_beschaeftigung", _("sozialversicherungspflichtige Beschäftigung")
        APPRENTICESHIP = "ausbildung", _("Ausbildung")
        SCHOOL = "schule", _("Schule")
        TRAINING = "weiterbildung", _("Weiterbildung / Qualifizierung")
        MOVED = "umzug", _("Umzug")
        HEALTH = "gesundheit", _("gesundheitliche Gründe")
        OVERLOAD = "ueberforderung", _("Überforderung")
        OTHER = "sonstiges", _("sonstiges")

    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="cases")
    organization = models.ForeignKey("network.Organization", on_delete=models.PROTECT, related_name="cases",
                                     verbose_name=_("Organisation"))
    counsellors = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="caseload",
                                         verbose_name=_("zuständige Beratung"))
    project = models.ForeignKey("network.Project", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="cases", verbose_name=_("Projekt"))
    phase = models.ForeignKey("directory.Phase", on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=_("Phase der Prozesskette"))
    # The Jobcenter that looks after the person (monitoring breaks figures down by it).
    jobcenter = models.ForeignKey("network.Organization", on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", limit_choices_to={"kind": "jobcenter"},
                                  verbose_name=_("zuständiges Jobcenter"))
    opened_on = models.DateField(_("aufgenommen am"), default=timezone.localdate)
    closed_on = models.DateField(_("beendet am"), null=True, blank=True)
    outcome = models.CharField(_("Verbleib beim Austritt"), max_length=20, choices=Outcome.choices, blank=True)
    early_exit = models.BooleanField(_("vorzeitiger Austritt"), default=False)
    # The case plan: profiling (strengths and needs) → goals → strategy and offers → follow-up.
    strengths = models.TextField(_("Stärken"), blank=True)
    goals = models.TextField(_("Ziele"), blank=True)
    strategy = models.TextField(_("Strategie und Angebote"), blank=True)
    follow_up = models.TextField(_("Nachhaltung"), blank=True)

    version = models.PositiveIntegerField(default=0, db_default=0, editable=False)  # optimistic locking (core/locking.py)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("Fall")
        verbose_name_plural = _("Fälle")
        indexes = [models.Index(fields=["organization", "closed_on"], name="case_caseload_idx"),
                   # The caseload lists open cases newest first; this index hands them over in that order.
                   models.Index(fields=["organization", "-opened_on", "-id"], condition=Q(closed_on__isnull=True),
                                name="case_open_caseload_idx")]

    def __str__(self):
        return f"{self.participant.code} @ {self.organization}"

    def service_chains(self):
        """The service chains of the networks the case's organisation coordinates or belongs to."""
        from netzlotse.directory.models import ServiceChain

        org = self.organization_id
        return ServiceChain.objects.filter(Q(network__coordinator_id=org) | Q(network__memberships__organization_id=org)) \
            .distinct().order_by("name")

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


class Contact(models.Model):
    class Kind(models.TextChoices):
        PROFILING = "profiling", _("Profiling")
        FOLLOW_UP_PROFILING = "follow_up_profiling", _("Folgeprofiling")
        COUNSELLING = "counselling", _("Beratung")
        HOME_VISIT = "home_visit", _("Hausbesuch")
        PHONE = "phone", _("Telefonat")
        AT_PROVIDER = "at_provider", _("beim Träger")
        AT_JOBCENTER = "at_jobcenter", _("im Jobcenter")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="contacts")
    kind = models.CharField(_("Art"), max_length=30, choices=Kind.choices)
    date = models.DateField(_("Datum"), default=timezone.localdate)
    duration_minutes = models.PositiveSmallIntegerField(_("Dauer (Minuten)"), null=True, blank=True)
    place = models.CharField(_("Ort"), max_length=200, blank=True)
    notes = models.TextField(_("Notizen"), blank=True)
    next_contact_on = models.DateField(_("nächster Kontakt am"), null=True, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("Kontakt")
        verbose_name_plural = _("Kontakte")
        indexes = [models.Index(fields=["next_contact_on"], name="contact_next_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%d.%m.%Y}"

    def clean(self):
        """A contact is recorded once it happened; the next one follows it (else the case would show as overdue)."""
        errors = {}
        if self.date and self.date > timezone.localdate():
            errors["date"] = _("Ein Kontakt wird erfasst, wenn er stattgefunden hat: das Datum liegt in der Zukunft.")
        if self.date and self.next_contact_on and self.next_contact_on < self.date:
            errors["next_contact_on"] = _("Der nächste Kontakt liegt vor diesem Kontakt.")
        if errors:
            raise ValidationError(errors)


class Need(models.Model):
    """A need or barrier (Handlungsbedarf). Health, addiction and debts are special categories."""

    class Kind(models.TextChoices):
        HEALTH = "health", _("Gesundheit")
        ADDICTION = "addiction", _("Sucht")
        DEBTS = "debts", _("Schulden")
        HOUSING = "housing", _("Wohnen")
        CHILDCARE = "childcare", _("Kinderbetreuung")
        LANGUAGE = "language", _("Sprache")
        RESIDENCE_LAW = "residence_law", _("Aufenthaltsrecht")
        RECOGNITION = "recognition", _("Anerkennung")
        MOBILITY = "mobility", _("Mobilität")

    class Status(models.TextChoices):
        OPEN = "open", _("offen")
        IN_PROGRESS = "in_progress", _("in Bearbeitung")
        RESOLVED = "resolved", _("gelöst")

    SPECIAL = {Kind.HEALTH, Kind.ADDICTION, Kind.DEBTS}

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="needs")
    # The kind (health, addiction, debts …) is encrypted at rest; `special` is what queries may ask about it.
    kind = EncryptedCharField(_("Bereich"), max_length=20, choices=Kind.choices)
    special = models.BooleanField(default=False, db_default=False, editable=False)
    status = models.CharField(_("Stand"), max_length=20, choices=Status.choices, default=Status.OPEN)
    notes = EncryptedTextField(_("Notizen"), blank=True)  # encrypted at rest for every kind
    recorded_on = models.DateField(_("erfasst am"), default=timezone.localdate)

    class Meta:
        verbose_name = _("Handlungsbedarf")
        verbose_name_plural = _("Handlungsbedarfe")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.get_status_display()}"

    def save(self, *args, **kwargs):
        # `special` is the kind's one queryable trace (the kind itself is encrypted): kept in step on every save.
        self.special = self.is_special_category
        super().save(*args, **kwargs)

    @property
    def is_special_category(self) -> bool:
        return self.kind in self.SPECIAL


class CaseEvent(AppendOnly):
    """Append-only record of everything that happens in a case: the only source of the monitoring.

    The types match the history import of the monitoring (profiling, admission, follow-up, placement
    planned/started/ended, exit) and add what the case file itself records.
    """

    class Type(models.TextChoices):
        ADMISSION = "admission", _("Aufnahme")
        PROFILING = "profiling", _("Profiling")
        FOLLOW_UP = "follow_up", _("Folgegespräch")
        CONTACT = "contact", _("Kontakt")
        NEED_RECORDED = "need_recorded", _("Handlungsbedarf erfasst")
        NEED_CHANGED = "need_changed", _("Handlungsbedarf geändert")
        RESIDENCE_CHANGED = "residence_changed", _("Aufenthaltsstatus geändert")
        PLAN_CHANGED = "plan_changed", _("Fallplan geändert")
        PERSON_CHANGED = "person_changed", _("Personendaten geändert")
        PLACEMENT_PLANNED = "placement_planned", _("Platzierung geplant")
        PLACEMENT_STARTED = "placement_started", _("Platzierung begonnen")
        PLACEMENT_ENDED = "placement_ended", _("Platzierung beendet")
        PLACEMENT_CANCELLED = "placement_cancelled", _("Platzierung abgesagt")
        REFERRAL = "referral", _("Zuweisung")
        REFERRAL_UNMET = "referral_unmet", _("kein passendes Angebot")
        CONSENT_GRANTED = "consent_granted", _("Einwilligung erteilt")
        CONSENT_WITHDRAWN = "consent_withdrawn", _("Einwilligung widerrufen")
        CHAIN_APPLIED = "chain_applied", _("Dienstleistungskette angewandt")
        STEP_DONE = "step_done", _("Schritt erledigt")
        STEP_REOPENED = "step_reopened", _("Schritt wieder offen")
        EXIT = "exit", _("Austritt")
        ESF_RECORDED = "esf_recorded", _("ESF+-Angaben erfasst")
        REOPENED = "reopened", _("wieder aufgenommen")

    type = models.CharField(max_length=30, choices=Type.choices)
    date = models.DateField(default=timezone.localdate)
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="events")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, null=True, related_name="events")
    organization = models.ForeignKey("network.Organization", on_delete=models.PROTECT, related_name="+")
    project = models.ForeignKey("network.Project", on_delete=models.PROTECT, null=True, related_name="+")
    slot = models.ForeignKey("cases.PlacementSite", on_delete=models.PROTECT, null=True, related_name="+")
    reason = models.CharField(max_length=30, blank=True)  # exit/end reason code; `early` lives in data
    data = models.JSONField(default=dict, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["date", "pk"]
        indexes = [models.Index(fields=["type", "date"], name="caseevent_type_date_idx"),
                   models.Index(fields=["project", "date"], name="caseevent_project_idx")]

    def __str__(self):
        return f"{self.date}: {self.get_type_display()}"


class AccessLog(AppendOnly):
    """Append-only: who saw or exported whose personal data, when and why."""

    class Action(models.TextChoices):
        VIEW = "view", _("angesehen")
        CHANGE = "change", _("geändert")
        EXPORT = "export", _("exportiert")
        SEARCH = "search", _("in Suchergebnis")

    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="access_log")
    action = models.CharField(max_length=10, choices=Action.choices)
    purpose = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["participant", "at"], name="accesslog_participant_idx")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_id} {self.get_action_display()} {self.participant_id}"


class RetentionRule(models.Model):
    """How long a project keeps personal data after a case closes, before it is anonymised."""

    project = models.OneToOneField("network.Project", on_delete=models.CASCADE, related_name="retention",
                                   verbose_name=_("Projekt"))
    months = models.PositiveSmallIntegerField(_("Aufbewahrung nach Fallende (Monate)"))

    class Meta:
        verbose_name = _("Aufbewahrungsfrist")
        verbose_name_plural = _("Aufbewahrungsfristen")

    def __str__(self):
        return f"{self.project}: {self.months}"
