from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImportRunQuerySet(models.QuerySet):
    def expired(self, now=None):
        """Uploads that are done with: imported, or checked longer ago than IMPORT_KEEP_HOURS (a file may hold
        personal data; it is kept only as long as the user needs between the check and the import)."""
        now = now or timezone.now()
        keep = timedelta(hours=settings.IMPORT_KEEP_HOURS)
        return self.filter(models.Q(status=ImportRun.Status.IMPORTED) | models.Q(created_at__lt=now - keep))


class ImportRun(models.Model):
    """An uploaded file between its dry run and its import, so the user need not upload it twice. Only a file
    without errors is kept, and only until it is imported or IMPORT_KEEP_HOURS have passed."""

    class Status(models.TextChoices):
        CHECKED = "checked", _("geprüft")
        IMPORTED = "imported", _("importiert")

    class Kind(models.TextChoices):
        OFFERS = "offers", _("Organisationen und Angebote")
        PARTICIPANTS = "participants", _("Teilnehmende und Verlauf")
        HISTORY = "history", _("Verlauf eines Förderprogramms")
        SITES = "sites", _("Einsatzstellen")

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OFFERS)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    filename = models.CharField(max_length=255)
    content = models.BinaryField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.CHECKED)
    summary = models.JSONField(default=dict, blank=True)

    objects = ImportRunQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Importvorgang")
        verbose_name_plural = _("Importvorgänge")

    def __str__(self):
        return f"{self.filename} ({self.created_at:%d.%m.%Y %H:%M})"
