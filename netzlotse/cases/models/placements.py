"""Placements (Platzierungen) in the slots of a placement site, with a waiting list; never overbooked."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .cases import Case
from .sites import PlacementSite


class Placement(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", _("Warteliste")
        PLANNED = "planned", _("geplant")
        ACTIVE = "active", _("läuft")
        ENDED = "ended", _("beendet")
        CANCELLED = "cancelled", _("abgesagt")

    class EndReason(models.TextChoices):
        REGULAR = "regulaer", _("regulär")
        HEALTH = "gesundheit", _("gesundheitliche Gründe")
        OVERLOAD = "ueberforderung", _("Überforderung")
        QUALIFICATION = "qualifizierung", _("Wechsel in Qualifizierung")
        WORK = "arbeitsaufnahme", _("Arbeitsaufnahme")
        OTHER = "sonstiges", _("sonstiges")

    OCCUPYING = [Status.PLANNED, Status.ACTIVE]  # a planned placement holds its slot already

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="placements")
    site = models.ForeignKey(PlacementSite, on_delete=models.PROTECT, related_name="placements",
                             verbose_name=_("Einsatzstelle"))
    status = models.CharField(_("Stand"), max_length=10, choices=Status.choices)
    planned_start = models.DateField(_("geplanter Beginn"))
    started_on = models.DateField(_("begonnen am"), null=True, blank=True)
    planned_end = models.DateField(_("geplantes Ende"), null=True, blank=True)
    ended_on = models.DateField(_("beendet am"), null=True, blank=True)
    end_reason = models.CharField(_("Grund des Endes"), max_length=20, choices=EndReason.choices, blank=True)
    early = models.BooleanField(_("vorzeitig beendet"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("Platzierung")
        verbose_name_plural = _("Platzierungen")
        indexes = [models.Index(fields=["site", "status"], name="placement_site_status_idx")]
        # One slot at a time per person, and a person at most once at a site (also on its waiting list).
        constraints = [
            models.UniqueConstraint(fields=["case"], condition=models.Q(status__in=["planned", "active"]),
                                    name="placement_one_slot_per_case"),
            models.UniqueConstraint(fields=["case", "site"], condition=models.Q(
                status__in=["waiting", "planned", "active"]), name="placement_once_per_site"),
        ]

    def __str__(self):
        return f"{self.case.participant.code} @ {self.site}: {self.get_status_display()}"
