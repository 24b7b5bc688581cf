"""What every piece of work handed to the task worker records for the page that waits for it."""

from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PATIENCE = timedelta(minutes=15)


class BackgroundJob(models.Model):
    """Work the task worker does while a page polls `step` of `steps` (an export, a document): queued, running,
    done or failed, and `stalled` when it has waited so long that the worker may not be running."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("wartet")
        RUNNING = "running", _("läuft")
        DONE = "done", _("fertig")
        FAILED = "failed", _("fehlgeschlagen")

    status = models.CharField(_("Stand"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    step = models.PositiveSmallIntegerField(default=0)
    steps = models.PositiveSmallIntegerField(default=1)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        abstract = True

    @property
    def percent(self) -> int:
        return 100 if self.status == self.Status.DONE else min(99, round(100 * self.step / max(self.steps, 1)))

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def stalled(self) -> bool:
        return not self.finished and self.created_at < timezone.now() - PATIENCE

    def advance(self, step: int, steps: int) -> None:
        """Record progress at once (outside any transaction of the work), so the polling page sees it."""
        self.step, self.steps, self.status = step, steps, self.Status.RUNNING
        type(self).objects.filter(pk=self.pk).update(step=step, steps=steps, status=self.status)


def remove_with_files(model, *, kept: timedelta, now=None) -> int:
    """Remove the jobs of `model` older than `kept` with the files at their `path` (a job's file is only
    kept for a while)."""
    old = model.objects.filter(created_at__lt=(now or timezone.now()) - kept)
    for job in old:
        job.path.unlink(missing_ok=True)
    return old.delete()[0]
