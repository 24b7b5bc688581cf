"""Gap analysis settings. (The gap register follows in a later step.)"""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class CoverageThreshold(models.Model):
    """How many offers a matrix cell needs: 0 offers is always a gap, below `minimum` is "too few".

    One row per network sets its default (phase empty); rows with a phase override it for that phase.
    """

    network = models.ForeignKey("network.Network", on_delete=models.CASCADE, related_name="coverage_thresholds",
                                verbose_name=_("Netzwerk"))
    phase = models.ForeignKey("directory.Phase", on_delete=models.CASCADE, null=True, blank=True,
                              related_name="+", verbose_name=_("Phase"))
    minimum = models.PositiveSmallIntegerField(_("Mindestzahl an Angeboten"), default=2,
                                               validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("Schwellenwert")
        verbose_name_plural = _("Schwellenwerte")
        constraints = [
            models.UniqueConstraint(fields=["network"], condition=models.Q(phase__isnull=True),
                                    name="one_default_threshold"),
            models.UniqueConstraint(fields=["network", "phase"], condition=models.Q(phase__isnull=False),
                                    name="one_threshold_per_phase"),
        ]

    def __str__(self):
        return f"{self.network}: {self.phase or _('alle Phasen')} ≥ {self.minimum}"
