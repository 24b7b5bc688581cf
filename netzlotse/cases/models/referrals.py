"""Consent (Einwilligung) and referrals (Zuweisungen): sharing a case with another organisation only
while a consent covers that recipient and purpose."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .cases import Case
from .participants import Participant


class Purpose(models.TextChoices):
    REFERRAL = "referral", _("Vermittlung in ein Angebot")
    CASE_CONFERENCE = "case_conference", _("Fallbesprechung im Netzwerk")
    PLACEMENT = "placement", _("Platzierung in einer Einsatzstelle")


class DataCategory(models.TextChoices):
    IDENTITY = "identity", _("Name und Geburtsdatum")
    CONTACT = "contact", _("Kontaktdaten")
    RESIDENCE = "residence", _("Aufenthaltsstatus und Arbeitsmarktzugang")
    EDUCATION = "education", _("Sprache, Bildung und Abschlüsse")
    NEEDS = "needs", _("Handlungsbedarfe (ohne besondere Kategorien)")
    SPECIAL = "special", _("Gesundheit, Sucht, Schulden")
    PLACEMENTS = "placements", _("Platzierungen in Einsatzstellen")
    REFERRALS = "referrals", _("Zuweisungen an andere Organisationen")
    HISTORY = "history", _("Verlauf des Falls (Aufnahme, Phasen, Austritt)")


class ConsentQuerySet(models.QuerySet):
    def active(self, day=None):
        day = day or timezone.localdate()
        return self.filter(granted_on__lte=day, valid_until__gte=day).filter(
            Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=day))

    def covering(self, participant, recipient, purpose, day=None):
        return self.active(day).filter(participant=participant, recipients=recipient, **{f"for_{purpose}": True})


class Consent(models.Model):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="consents")
    # One flag per purpose (rather than a list) so "covers this purpose" is a plain filter on every database.
    for_referral = models.BooleanField(Purpose.REFERRAL.label, default=False)
    for_case_conference = models.BooleanField(Purpose.CASE_CONFERENCE.label, default=False)
    for_placement = models.BooleanField(Purpose.PLACEMENT.label, default=False)
    recipients = models.ManyToManyField("network.Organization", related_name="+", verbose_name=_("Empfänger"))
    data_categories = models.JSONField(_("Datenkategorien"), default=list)  # DataCategory values
    text_version = models.CharField(_("Fassung des Einwilligungstexts"), max_length=50)
    granted_on = models.DateField(_("erteilt am"), default=timezone.localdate)
    valid_until = models.DateField(_("gültig bis"))
    withdrawn_on = models.DateField(_("widerrufen am"), null=True, blank=True)
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, related_name="+")

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("Einwilligung")
        verbose_name_plural = _("Einwilligungen")

    def __str__(self):
        return f"{self.participant.code}: {self.granted_on} – {self.valid_until}"

    @property
    def purposes(self) -> list[str]:
        return [p.value for p in Purpose if getattr(self, f"for_{p.value}")]


class ReferralQuerySet(models.QuerySet):
    def sharing(self, day=None):
        """Referrals through which the receiving organisation may currently see the case."""
        return self.filter(status__in=Referral.SHARING, unmet=False,
                           consent__in=Consent.objects.active(day).values("pk"))


class Referral(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("vorgeschlagen")
        ACCEPTED = "accepted", _("angenommen")
        DECLINED = "declined", _("abgelehnt")
        STARTED = "started", _("begonnen")
        COMPLETED = "completed", _("abgeschlossen")
        NO_SHOW = "no_show", _("nicht erschienen")
        WITHDRAWN = "withdrawn", _("zurückgezogen")

    SHARING = [Status.PROPOSED, Status.ACCEPTED, Status.STARTED]
    NEXT = {  # the lifecycle: which status may follow which
        Status.PROPOSED: {Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN},
        Status.ACCEPTED: {Status.STARTED, Status.NO_SHOW, Status.WITHDRAWN},
        Status.STARTED: {Status.COMPLETED, Status.WITHDRAWN},
    }

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    offer = models.ForeignKey("directory.Offer", on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="referrals", verbose_name=_("Angebot"))
    recipient = models.ForeignKey("network.Organization", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="referrals_received", verbose_name=_("Empfänger"))
    purpose = models.CharField(_("Zweck"), max_length=30, choices=Purpose.choices, default=Purpose.REFERRAL)
    consent = models.ForeignKey(Consent, on_delete=models.PROTECT, null=True, blank=True, related_name="referrals")
    status = models.CharField(_("Stand"), max_length=20, choices=Status.choices, default=Status.PROPOSED)
    reason = models.CharField(_("Begründung"), max_length=250, blank=True)
    created_on = models.DateField(_("angelegt am"), default=timezone.localdate)
    # "No suitable offer": the attempt is recorded for the gap analysis, with the cell it concerns.
    unmet = models.BooleanField(_("kein passendes Angebot"), default=False)
    phase = models.ForeignKey("directory.Phase", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    district = models.ForeignKey("network.Region", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    target_group = models.ForeignKey("directory.TargetGroup", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    field_of_action = models.ForeignKey("directory.FieldOfAction", on_delete=models.SET_NULL, null=True, blank=True,
                                        related_name="+")

    objects = ReferralQuerySet.as_manager()

    class Meta:
        verbose_name = _("Zuweisung")
        verbose_name_plural = _("Zuweisungen")
        indexes = [models.Index(fields=["recipient", "status"], name="referral_recipient_idx")]

    def __str__(self):
        return f"{self.case.participant.code} → {self.recipient or _('kein Angebot')}: {self.get_status_display()}"
