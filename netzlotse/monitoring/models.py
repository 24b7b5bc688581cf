"""What monitoring stores besides the case events: targets and a programme's cut-off dates (Stichtage).

Figures themselves are never stored while a date is open; closing a date keeps the figures as they were
reported, so a later correction of an event before that date shows beside the closed figure instead of
changing a report that has gone to the funder.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Target(models.Model):
    """A planned value for one indicator, set for a programme or for one of its projects."""

    programme = models.ForeignKey("network.Programme", on_delete=models.CASCADE, null=True, blank=True,
                                  related_name="targets", verbose_name=_("Förderprogramm"))
    project = models.ForeignKey("network.Project", on_delete=models.CASCADE, null=True, blank=True,
                                related_name="targets", verbose_name=_("Projekt"))
    indicator = models.CharField(_("Kennzahl"), max_length=50)
    value = models.PositiveIntegerField(_("Zielwert"))

    class Meta:
        verbose_name = _("Zielwert")
        verbose_name_plural = _("Zielwerte")
        constraints = [
            models.CheckConstraint(condition=Q(programme__isnull=True) ^ Q(project__isnull=True),
                                   name="target_programme_xor_project"),
            models.UniqueConstraint(fields=["programme", "indicator"], name="target_programme_unique"),
            models.UniqueConstraint(fields=["project", "indicator"], name="target_project_unique"),
        ]

    def __str__(self):
        return f"{self.programme or self.project}: {self.indicator} = {self.value}"


class CutoffQuerySet(models.QuerySet):
    def closed(self):
        return self.exclude(closed_at=None)


class Cutoff(models.Model):
    """One cut-off date of a programme's reporting series; once closed it keeps the reported figures."""

    programme = models.ForeignKey("network.Programme", on_delete=models.CASCADE, related_name="cutoffs",
                                  verbose_name=_("Förderprogramm"))
    date = models.DateField(_("Stichtag"))
    closed_at = models.DateTimeField(_("abgeschlossen am"), null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("abgeschlossen von"))
    # {indicator code: value} for the whole programme as reported when the date was closed.
    figures = models.JSONField(default=dict, blank=True)

    objects = CutoffQuerySet.as_manager()

    class Meta:
        ordering = ["programme", "date"]
        verbose_name = _("Stichtag")
        verbose_name_plural = _("Stichtage")
        constraints = [models.UniqueConstraint(fields=["programme", "date"], name="cutoff_programme_date_unique")]

    def __str__(self):
        return f"{self.programme}: {self.date:%d.%m.%Y}"

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None
