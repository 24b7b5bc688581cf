"""Participants (Teilnehmende): pseudonymous code in lists, identity only where it is needed."""

import secrets
import unicodedata

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread on the phone


def new_code() -> str:
    return "TN-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(7))


def name_key(first_name: str, last_name: str) -> str:
    """A spelling-tolerant key for the duplicate check: case, accents, ß, ph/f, dt/th and doubled letters."""
    text = f"{first_name} {last_name}".casefold().replace("ß", "ss")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    for old, new in (("ph", "f"), ("th", "t"), ("dt", "t"), ("ck", "k"), ("y", "i"), ("ae", "a"), ("oe", "o"),
                     ("ue", "u"), ("-", " ")):
        text = text.replace(old, new)
    squeezed = []
    for char in text:
        if (char.isalpha() or char == " ") and (not squeezed or squeezed[-1] != char):
            squeezed.append(char)
    return " ".join(sorted("".join(squeezed).split()))  # first and last name in either order


class Participant(models.Model):
    class Gender(models.TextChoices):
        FEMALE = "f", _("weiblich")
        MALE = "m", _("männlich")
        DIVERSE = "d", _("divers")
        NONE = "x", _("ohne Angabe")

    class GermanLevel(models.TextChoices):
        NONE = "", _("keine Kenntnisse / unbekannt")
        A1, A2, B1, B2, C1, C2 = "A1", "A2", "B1", "B2", "C1", "C2"

    class Education(models.TextChoices):
        # ISCED 2011 levels grouped as the ESF+ indicators count them.
        UNKNOWN = "", _("unbekannt")
        ISCED_0_2 = "isced_0_2", _("ISCED 0–2: bis Sekundarstufe I")
        ISCED_3_4 = "isced_3_4", _("ISCED 3–4: Sekundarstufe II, postsekundar")
        ISCED_5_8 = "isced_5_8", _("ISCED 5–8: tertiär")

    code = models.CharField(_("Kennung"), max_length=20, unique=True, default=new_code, editable=False)
    organization = models.ForeignKey("network.Organization", on_delete=models.PROTECT, related_name="participants",
                                     verbose_name=_("erfassende Organisation"))
    first_name = models.CharField(_("Vorname"), max_length=100)
    last_name = models.CharField(_("Nachname"), max_length=100)
    # Required in every form; empty only for people known by their code alone (a programme's imported history).
    birth_date = models.DateField(_("Geburtsdatum"), null=True)
    gender = models.CharField(_("Geschlecht"), max_length=1, choices=Gender.choices, default=Gender.NONE)
    postcode = models.CharField(_("PLZ"), max_length=10, blank=True)
    district = models.ForeignKey("network.Region", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", verbose_name=_("Wohnkreis"))
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    languages = models.ManyToManyField("directory.Language", blank=True, related_name="+",
                                       verbose_name=_("Sprachen"))
    german_level = models.CharField(_("Deutschkenntnisse (GER)"), max_length=2, choices=GermanLevel.choices,
                                    blank=True, default=GermanLevel.NONE)
    education = models.CharField(_("Bildung (ISCED)"), max_length=10, choices=Education.choices, blank=True,
                                 default=Education.UNKNOWN)
    # Unknown until asked: matching names a site's licence requirement as a question then, never as a no.
    driving_licence = models.BooleanField(_("Führerschein (Klasse B)"), null=True, blank=True)
    target_groups = models.ManyToManyField("directory.TargetGroup", blank=True, related_name="+",
                                           verbose_name=_("Zielgruppen"))
    # Kept by services for the duplicate check; never shown.
    name_key = models.CharField(max_length=220, editable=False, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # Every save bumps it, so the monitoring's tallies notice a corrected gender, district or birth date.
    updated_at = models.DateTimeField(auto_now=True, db_default=Now(), db_index=True, editable=False)
    anonymised_on = models.DateField(_("anonymisiert am"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("Teilnehmende*r")
        verbose_name_plural = _("Teilnehmende")
        indexes = [models.Index(fields=["birth_date", "name_key"], name="participant_dupe_idx")]

    def __str__(self):
        return self.code  # lists show the pseudonymous code, never the name

    def clean(self):
        if self.birth_date and self.birth_date > timezone.localdate():
            raise ValidationError({"birth_date": _("Das Geburtsdatum liegt in der Zukunft.")})

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def age_on(self, day) -> int | None:
        if self.birth_date is None:
            return None
        return day.year - self.birth_date.year - ((day.month, day.day) < (self.birth_date.month, self.birth_date.day))


class ResidenceRecord(models.Model):
    """One entry of a participant's residence status history (the newest is the current one)."""

    class Access(models.TextChoices):
        NONE = "none", _("kein Arbeitsmarktzugang")
        SUBORDINATE = "subordinate", _("nachrangiger Arbeitsmarktzugang")
        FULL = "full", _("uneingeschränkter Arbeitsmarktzugang")

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="residence_records")
    status = models.ForeignKey("directory.ResidenceStatus", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("Aufenthaltsstatus"))
    valid_until = models.DateField(_("gültig bis"), null=True, blank=True)
    labour_market_access = models.CharField(_("Arbeitsmarktzugang"), max_length=20, choices=Access.choices)
    work_ban = models.BooleanField(_("Beschäftigungsverbot"), default=False)
    recorded_on = models.DateField(_("erfasst am"), default=timezone.localdate)

    class Meta:
        ordering = ["-recorded_on", "-pk"]
        verbose_name = _("Aufenthaltsstatus")
        verbose_name_plural = _("Aufenthaltsstatus")
        indexes = [models.Index(fields=["valid_until"], name="residence_valid_until_idx")]

    def __str__(self):
        return f"{self.status} ({self.get_labour_market_access_display()})"


class Qualification(models.Model):
    """A qualification gained abroad and where its recognition stands."""

    class Recognition(models.TextChoices):
        NOT_STARTED = "not_started", _("noch nicht beantragt")
        PENDING = "pending", _("im Verfahren")
        PARTIAL = "partial", _("teilweise anerkannt")
        FULL = "full", _("voll anerkannt")
        REFUSED = "refused", _("abgelehnt")
        NOT_REGULATED = "not_regulated", _("nicht reglementiert")

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="qualifications")
    title = models.CharField(_("Abschluss"), max_length=200)
    country = models.CharField(_("Land"), max_length=100, blank=True)
    recognition = models.CharField(_("Anerkennung"), max_length=20, choices=Recognition.choices,
                                   default=Recognition.NOT_STARTED)

    class Meta:
        verbose_name = _("ausländischer Abschluss")
        verbose_name_plural = _("ausländische Abschlüsse")

    def __str__(self):
        return self.title
