"""Offers (Angebote), their locations, opening hours, mobile dates and change history."""

import uuid
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.db.models import Exists, OuterRef, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from netzlotse.core.queries import id_in
from netzlotse.core.translation import CONTENT_LANGUAGES, active_content_language, add_translated_fields, translated
from netzlotse.network.models import Organization, Project, Region, RegionGroup

from .chains import Phase
from .vocabularies import DeliveryMode, FieldOfAction, Language, ResidenceStatus, TargetGroup


class OfferQuerySet(models.QuerySet):
    # --- lifecycle and time -------------------------------------------------
    def published(self):
        return self.filter(status=Offer.Status.PUBLISHED)

    def valid_on(self, day: date):
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day),
                           Q(valid_until__isnull=True) | Q(valid_until__gte=day))

    def public(self, today: date | None = None):
        """What the anonymous public may see: published and valid today."""
        return self.published().valid_on(today or timezone.localdate())

    def as_of(self, day: date):
        """The directory as it stood on a date ("Stand am"): offers that were public on that day.

        Archived offers count until the day they were archived; drafts never count.
        """
        return (
            self.filter(status__in=[Offer.Status.PUBLISHED, Offer.Status.ARCHIVED], created_at__date__lte=day)
            .filter(Q(archived_on__isnull=True) | Q(archived_on__gt=day))
            .valid_on(day)
        )

    def stale(self, today: date | None = None):
        """Published offers nobody confirmed within the configured period (six months)."""
        limit = (today or timezone.localdate()) - timedelta(days=settings.OFFER_STALE_AFTER_DAYS)
        return self.published().filter(Q(last_verified__isnull=True) | Q(last_verified__lt=limit))

    def ending_within(self, days: int, today: date | None = None):
        today = today or timezone.localdate()
        return self.published().filter(valid_until__gte=today, valid_until__lte=today + timedelta(days=days))

    # --- search and filters -------------------------------------------------
    def search(self, text: str):
        """Offers matching every typed word (or a synonym) in titles, descriptions or provider name: German
        full-text search on PostgreSQL, pieces of text on SQLite (directory/search.py)."""
        from ..search import matching

        return matching(self, text)

    def _with_related(self, relation, **lookup):
        """Filter through an M2M table with EXISTS, so filters combine without duplicate rows."""
        through = Offer._meta.get_field(relation).remote_field.through
        return self.filter(Exists(through.objects.filter(offer=OuterRef("pk"), **lookup)))

    def in_phase(self, phase):
        return self._with_related("phases", phase=phase)

    def for_target_group(self, group):
        return self._with_related("target_groups", targetgroup=group)

    def in_field(self, field):
        return self._with_related("fields_of_action", fieldofaction=field)

    def speaking(self, language):
        return self._with_related("languages", language=language)

    def delivered_as(self, mode):
        return self._with_related("delivery_modes", deliverymode=mode)

    def serving(self, regions):
        """Offers for people in any of these districts: served there directly or state-wide, or located there.

        The matching offer ids are looked up first (two small indexed queries) so that the
        database starts from the region's few hundred offers rather than from a common
        search word matching tens of thousands.
        """
        return self.filter(id_in(self.serving_ids(regions), self.db_vendor()))

    def db_vendor(self) -> str:
        return connections[self.db].vendor

    @staticmethod
    def serving_ids(regions) -> set[int]:
        district_ids = [r.pk for r in regions]
        state_ids = {r.parent_id for r in regions if r.parent_id}
        served = Offer.regions.through.objects.filter(region__in=[*district_ids, *state_ids])
        located = Location.objects.filter(district__in=district_ids).order_by()
        return set(served.values_list("offer_id", flat=True)) | set(located.values_list("offer_id", flat=True))

    def in_district(self, district: Region):
        return self.serving([district])

    def in_region_group(self, group: RegionGroup):
        return self.serving(list(group.regions.all()))

    @staticmethod
    def _open(moment: datetime):
        """True where office hours or a mobile date of the offer cover the moment (local time)."""
        local = timezone.localtime(moment)
        hours = OpeningHours.objects.filter(location__offer=OuterRef("pk"), weekday=local.weekday(),
                                            opens__lte=local.time(), closes__gt=local.time())
        dates = MobileDate.objects.filter(location__offer=OuterRef("pk"), date=local.date(),
                                          starts__lte=local.time(), ends__gt=local.time())
        return Exists(hours) | Exists(dates)

    def open_at(self, moment: datetime):
        return self.filter(self._open(moment))

    def with_open_now(self, moment: datetime | None = None):
        """Each offer's `open_now`, for the result cards (one subquery, not one query per card)."""
        return self.annotate(open_now=self._open(moment or timezone.now()))

    def order_by_title(self):
        """Alphabetical by the title the visitor sees (their language, else German)."""
        lang = active_content_language()
        if lang == "de":
            return self.order_by("title_de", "pk")
        shown = Coalesce(NullIf(f"title_{lang}", Value("")), "title_de")
        return self.annotate(shown_title=shown).order_by("shown_title", "pk")

    # --- permissions --------------------------------------------------------
    def editable_by(self, user):
        from netzlotse.accounts import roles

        if roles.can(user, roles.EDIT_ALL_OFFERS):
            return self.all()
        return self.filter(provider__in=Organization.objects.managed_by(user).values("pk"))

    def visible_to(self, user):
        """Signed-in staff see public offers plus everything they may edit; others the public view."""
        from netzlotse.accounts import roles

        if roles.can(user, roles.VIEW_INTERNAL_OFFERS):
            return self.filter(Q(pk__in=Offer.objects.public().values("pk"))
                               | Q(pk__in=Offer.objects.editable_by(user).values("pk")))
        return self.public()


class Offer(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        PUBLISHED = "published", _("veröffentlicht")
        ARCHIVED = "archived", _("archiviert")

    class Access(models.TextChoices):
        ANY = "", _("keine Voraussetzung")
        SUBORDINATE = "subordinate", _("mindestens nachrangiger Arbeitsmarktzugang")
        FULL = "full", _("uneingeschränkter Arbeitsmarktzugang")

    class Appointment(models.TextChoices):
        WALK_IN = "walk_in", _("ohne Termin (offene Sprechstunde)")
        BY_APPOINTMENT = "appointment", _("nur mit Termin")
        BOTH = "both", _("mit oder ohne Termin")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    external_id = models.CharField(_("Externe ID"), max_length=100, unique=True, null=True, blank=True,
                                   help_text=_("Stabile Kennung für Importe"))
    provider = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="offers",
                                 verbose_name=_("Träger"))
    project = models.ForeignKey(Project, on_delete=models.SET_NULL, null=True, blank=True, related_name="offers",
                                verbose_name=_("Projekt"))
    phases = models.ManyToManyField(Phase, blank=True, related_name="offers", verbose_name=_("Phasen"))
    is_cross_phase = models.BooleanField(_("phasenübergreifend"), default=False)
    fields_of_action = models.ManyToManyField(FieldOfAction, blank=True, related_name="offers",
                                              verbose_name=_("Handlungsfelder"))
    target_groups = models.ManyToManyField(TargetGroup, blank=True, related_name="offers",
                                           verbose_name=_("Zielgruppen"))
    residence_statuses = models.ManyToManyField(ResidenceStatus, blank=True, related_name="offers",
                                                verbose_name=_("Aufenthaltsstatus"),
                                                help_text=_("Leer lassen, wenn das Angebot allen offensteht."))
    min_age = models.PositiveSmallIntegerField(_("Mindestalter"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("Höchstalter"), null=True, blank=True)
    labour_market_access = models.CharField(_("Arbeitsmarktzugang"), max_length=20, choices=Access.choices,
                                            default=Access.ANY, blank=True)
    regions = models.ManyToManyField(Region, blank=True, related_name="offers", verbose_name=_("Einzugsgebiet"))
    delivery_modes = models.ManyToManyField(DeliveryMode, blank=True, related_name="offers",
                                            verbose_name=_("Angebotsformen"))
    languages = models.ManyToManyField(Language, blank=True, related_name="offers",
                                       verbose_name=_("Sprachen im Angebot"))
    capacity = models.PositiveIntegerField(_("Plätze"), null=True, blank=True)
    cost_eur = models.DecimalField(_("Kosten (EUR)"), max_digits=9, decimal_places=2, null=True, blank=True,
                                   help_text=_("0 für kostenfrei, leer wenn unbekannt"))
    contact_name = models.CharField(_("Ansprechperson"), max_length=200, blank=True,
                                    help_text=_("Name oder Funktion, z. B. „Frau Yilmaz, Anerkennungsberatung“"))
    contact_email = models.EmailField(_("Kontakt-E-Mail"), blank=True)
    contact_phone = models.CharField(_("Kontakttelefon"), max_length=50, blank=True)
    website = models.URLField(_("Website"), blank=True)
    appointment = models.CharField(_("Termin"), max_length=20, choices=Appointment.choices, blank=True)
    appointment_note = models.CharField(_("So bekommt man einen Termin"), max_length=250, blank=True,
                                        help_text=_("z. B. „Anruf oder E-Mail, Rückmeldung innerhalb von zwei Tagen“"))
    valid_from = models.DateField(_("gültig ab"), null=True, blank=True)
    valid_until = models.DateField(_("gültig bis"), null=True, blank=True)
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    archived_on = models.DateField(_("archiviert am"), null=True, blank=True)
    last_verified = models.DateField(_("zuletzt bestätigt"), null=True, blank=True)
    created_at = models.DateTimeField(_("angelegt am"), default=timezone.now)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)
    version = models.PositiveIntegerField(default=0, db_default=0, editable=False)  # optimistic locking (core/locking.py)
    # Lower-cased text of all languages plus the provider name; maintained by
    # services so that text search is one indexed column (trigram on PostgreSQL).
    search_text = models.TextField(editable=False, default="")

    objects = OfferQuerySet.as_manager()

    class Meta:
        ordering = ["title_de"]
        verbose_name = _("Angebot")
        verbose_name_plural = _("Angebote")
        indexes = [
            models.Index(fields=["status", "valid_from", "valid_until"], name="offer_public_idx"),
            models.Index(fields=["status", "last_verified"], name="offer_fresh_idx"),
            models.Index(fields=["title_de"], name="offer_title_idx"),
            models.Index(fields=["updated_at"], name="offer_updated_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_from__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="offer_valid_range",
            ),
            models.CheckConstraint(
                condition=Q(max_age__isnull=True) | Q(min_age__isnull=True) | Q(max_age__gte=models.F("min_age")),
                name="offer_age_range",
            ),
        ]

    def __str__(self):
        return self.title_de

    def clean(self):
        """The constraints above, as messages at the fields (a form shows these, never a constraint's name)."""
        errors = {}
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("Das Ende der Gültigkeit liegt vor ihrem Beginn.")
        if self.min_age is not None and self.max_age is not None and self.max_age < self.min_age:
            errors["max_age"] = _("Das Höchstalter liegt unter dem Mindestalter.")
        if self.cost_eur is not None and self.cost_eur < 0:
            errors["cost_eur"] = _("Kosten können nicht negativ sein (0 für kostenfrei).")
        if errors:
            raise ValidationError(errors)

    @property
    def title(self):
        return translated(self, "title")

    @property
    def description(self):
        return translated(self, "description")

    def is_public(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return (self.status == self.Status.PUBLISHED
                and (self.valid_from is None or self.valid_from <= today)
                and (self.valid_until is None or self.valid_until >= today))

    def is_stale(self, today: date | None = None) -> bool:
        limit = (today or timezone.localdate()) - timedelta(days=settings.OFFER_STALE_AFTER_DAYS)
        return self.last_verified is None or self.last_verified < limit

    @staticmethod
    def normalise_search_text(text: str) -> str:
        return " ".join((text or "").casefold().split())

    def build_search_text(self, provider_name: str) -> str:
        parts = [getattr(self, f"{field}_{lang}") for field in ("title", "description") for lang in CONTENT_LANGUAGES]
        parts.append(provider_name)
        return self.normalise_search_text(" ".join(p for p in parts if p))


add_translated_fields(
    Offer, "title",
    lambda lang, required: models.CharField(format_lazy(_("Titel ({lang})"), lang=lang), max_length=250,
                                            blank=not required),
)
add_translated_fields(
    Offer, "description",
    lambda lang, required: models.TextField(format_lazy(_("Beschreibung ({lang})"), lang=lang), blank=not required),
)


class Location(models.Model):
    """Where an offer takes place: a fixed office with weekly hours or a place of mobile dates."""

    class Kind(models.TextChoices):
        OFFICE = "office", _("Feste Beratungsstelle")
        MOBILE = "mobile", _("Mobiler Beratungsort")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="locations")
    kind = models.CharField(_("Art"), max_length=10, choices=Kind.choices, default=Kind.OFFICE)
    name = models.CharField(_("Bezeichnung"), max_length=200, blank=True)
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postcode = models.CharField(_("PLZ"), max_length=10, blank=True)
    city = models.CharField(_("Ort"), max_length=100)
    district = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="locations",
                                 verbose_name=_("Kreis"))
    accessibility_note = models.CharField(_("Barrierefreiheit"), max_length=250, blank=True)
    phone = models.CharField(_("Telefon vor Ort"), max_length=50, blank=True)

    class Meta:
        ordering = ["kind", "city"]
        verbose_name = _("Ort")
        verbose_name_plural = _("Orte")

    def __str__(self):
        return self.name or self.city

    @property
    def address_line(self):
        return ", ".join(p for p in (self.street, f"{self.postcode} {self.city}".strip()) if p)


class OpeningHours(models.Model):
    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Montag")
        TUESDAY = 1, _("Dienstag")
        WEDNESDAY = 2, _("Mittwoch")
        THURSDAY = 3, _("Donnerstag")
        FRIDAY = 4, _("Freitag")
        SATURDAY = 5, _("Samstag")
        SUNDAY = 6, _("Sonntag")

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("Wochentag"), choices=Weekday.choices)
    opens = models.TimeField(_("von"))
    closes = models.TimeField(_("bis"))

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name = _("Öffnungszeit")
        verbose_name_plural = _("Öffnungszeiten")
        indexes = [models.Index(fields=["weekday", "opens", "closes"])]
        constraints = [models.CheckConstraint(condition=Q(closes__gt=models.F("opens")), name="hours_order")]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self):
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": _("Das Ende der Sprechzeit muss nach ihrem Beginn liegen.")})


class MobileDate(models.Model):
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="mobile_dates")
    date = models.DateField(_("Datum"))
    starts = models.TimeField(_("von"))
    ends = models.TimeField(_("bis"))

    class Meta:
        ordering = ["date", "starts"]
        verbose_name = _("Mobiler Termin")
        verbose_name_plural = _("Mobile Termine")
        indexes = [models.Index(fields=["date"])]
        constraints = [models.CheckConstraint(condition=Q(ends__gt=models.F("starts")), name="mobile_date_order")]

    def __str__(self):
        return f"{self.date:%d.%m.%Y} {self.starts:%H:%M}–{self.ends:%H:%M}"

    def clean(self):
        if self.starts and self.ends and self.ends <= self.starts:
            raise ValidationError({"ends": _("Das Ende des Termins muss nach seinem Beginn liegen.")})


class OfferChange(models.Model):
    """One entry of an offer's history: who changed what, when, from which value to which."""

    class Action(models.TextChoices):
        CREATED = "created", _("angelegt")
        CHANGED = "changed", _("geändert")
        VERIFIED = "verified", _("bestätigt")
        ARCHIVED = "archived", _("archiviert")
        IMPORTED = "imported", _("importiert")

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="changes")
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    changed_at = models.DateTimeField(default=timezone.now, db_index=True)
    action = models.CharField(max_length=20, choices=Action.choices)
    # {field name: [old, new]} with values rendered as text for display.
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("Änderung")
        verbose_name_plural = _("Änderungen")
        indexes = [models.Index(fields=["offer", "-changed_at"])]

    def __str__(self):
        return f"{self.offer_id}: {self.get_action_display()} {self.changed_at:%d.%m.%Y %H:%M}"

    def summary(self) -> str:
        """When, by whom and which fields, in the form's words."""
        labels = {f.name: str(f.verbose_name) for f in Offer._meta.get_fields() if hasattr(f, "verbose_name")}
        fields = ", ".join(labels.get(name, name) for name in self.changes)
        return f"{timezone.localtime(self.changed_at):%d.%m.%Y %H:%M}, {self.changed_by or '–'}: {fields}"
