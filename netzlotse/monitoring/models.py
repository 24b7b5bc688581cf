"""What monitoring stores besides the case events: targets, a programme's cut-off dates (Stichtage), the running
tallies and report exports in progress.

Figures themselves are never stored while a date is open; closing a date keeps the figures as they were
reported, so a later correction of an event before that date shows beside the closed figure instead of
changing a report that has gone to the funder.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from netzlotse.core.jobs import BackgroundJob


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

    def clean(self):
        if (self.programme_id is None) == (self.project_id is None):
            message = _("Ein Zielwert gilt für genau eines: das Programm oder ein Projekt.")
            raise ValidationError({"programme": message, "project": message})


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


class Tally(models.Model):
    """How many events of one measure a programme had on one day (or in one month), in total (dim "") or for one
    group of a breakdown. Kept up to date from the append-only case events (see tally.py), so a report sums a
    few thousand rows instead of reading every event."""

    programme = models.ForeignKey("network.Programme", on_delete=models.CASCADE, related_name="+")
    dim = models.CharField(max_length=20)  # "" for the whole programme, else a breakdown's code
    key = models.CharField(max_length=40)  # the group's key as text, "" where it has none
    day = models.DateField()
    measure = models.CharField(max_length=60)
    value = models.IntegerField()

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.programme_id} {self.dim}={self.key} {self.day} {self.measure}: {self.value}"


class DailyTally(Tally):
    class Meta:
        constraints = [models.UniqueConstraint(fields=["programme", "dim", "day", "key", "measure"],
                                               name="dailytally_unique")]


class MonthlyTally(Tally):
    """The same per calendar month (day = the first of the month): sums up to a cut-off date read whole months
    from here and only the days of the cut-off's own month from DailyTally."""

    class Meta:
        constraints = [models.UniqueConstraint(fields=["programme", "dim", "day", "key", "measure"],
                                               name="monthlytally_unique")]


class TallyState(models.Model):
    """How far the tallies have read: every event up to this id, every change of a person up to this time."""

    last_event_id = models.BigIntegerField(default=0)
    people_changed_until = models.DateTimeField(null=True)

    def __str__(self):
        return f"events up to {self.last_event_id}"


class PersonTally(models.Model):
    """What a participant's events were tallied with (their groups at the time), so a later change of the person
    takes back exactly what was counted before and counts it again under the new groups."""

    participant = models.OneToOneField("cases.Participant", on_delete=models.CASCADE, primary_key=True,
                                       related_name="+")
    last_event_id = models.BigIntegerField()
    groups = models.JSONField()

    def __str__(self):
        return f"{self.participant_id} up to {self.last_event_id}"


class ExportJobQuerySet(models.QuerySet):
    def of(self, user):
        """A reader sees only the exports they asked for."""
        return self.filter(requested_by=user)

    def expired(self, now):
        return self.filter(created_at__lt=now - EXPORT_KEPT)


EXPORT_KEPT = timedelta(days=1)


class ExportJob(BackgroundJob):
    """A report export handed off to the task worker, so a long one neither blocks nor times out the page:
    the page polls `step` of `steps` and offers the file once it is done. The file holds the figures as the
    requester may see them (suppressed for funders) and is removed a day later."""

    class Format(models.TextChoices):
        XLSX = "xlsx", _("Excel-Datei")
        CSV = "csv", _("CSV-Datei")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    query = models.TextField(_("Anfrage"))  # the report form's parameters, as in the page address
    format = models.CharField(_("Format"), max_length=4, choices=Format.choices)
    title = models.CharField(_("Bericht"), max_length=300)
    language = models.CharField(max_length=10, default="de")  # the requester's, for the file's headings
    filename = models.CharField(max_length=200, blank=True)
    content = models.BinaryField(null=True, editable=False)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ExportJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("Export")
        verbose_name_plural = _("Exporte")
        indexes = [models.Index(fields=["requested_by", "-created_at"], name="exportjob_user_idx")]

    def __str__(self):
        return f"{self.title} ({self.format})"
