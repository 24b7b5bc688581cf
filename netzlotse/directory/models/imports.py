from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImportRun(models.Model):
    """An uploaded file between its dry run and its import, so the user need not upload it twice."""

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

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Importvorgang")
        verbose_name_plural = _("Importvorgänge")

    def __str__(self):
        return f"{self.filename} ({self.created_at:%d.%m.%Y %H:%M})"
