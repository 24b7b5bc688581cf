"""A network's service chain applied to a case: its steps, each with a due date, ticked off when done."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from netzlotse.network.models import Organization

from .cases import Case


class CaseStepQuerySet(models.QuerySet):
    def overdue(self, day):
        return self.filter(done_on__isnull=True, due_on__lt=day, case__closed_on__isnull=True)


class CaseStep(models.Model):
    """One step of a service chain in a case. The step's wording is copied when the chain is applied, so
    later edits of the network's template do not rewrite what was planned with the person."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="steps")
    chain = models.ForeignKey("directory.ServiceChain", on_delete=models.SET_NULL, null=True, related_name="+")
    chain_name = models.CharField(_("Dienstleistungskette"), max_length=200)
    position = models.PositiveSmallIntegerField(_("Position"))
    title = models.CharField(_("Schritt"), max_length=200)
    phase = models.ForeignKey("directory.Phase", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    responsible_kind = models.CharField(_("zuständig"), max_length=30, choices=Organization.Kind.choices)
    due_on = models.DateField(_("fällig am"))
    done_on = models.DateField(_("erledigt am"), null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    objects = CaseStepQuerySet.as_manager()

    class Meta:
        ordering = ["case", "chain_name", "position", "pk"]
        verbose_name = _("Schritt der Dienstleistungskette")
        verbose_name_plural = _("Schritte der Dienstleistungskette")
        indexes = [models.Index(fields=["due_on"], condition=models.Q(done_on__isnull=True), name="casestep_open_due_idx")]

    def __str__(self):
        return f"{self.position}. {self.title}"

    @property
    def is_done(self) -> bool:
        return self.done_on is not None
