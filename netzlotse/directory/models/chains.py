"""Process chains (Prozessketten) and their ordered phases."""

import uuid

from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from netzlotse.core.translation import add_translated_fields, translated
from netzlotse.network.models import Organization

from .vocabularies import TERM_NAMESPACE


class ProcessChainQuerySet(models.QuerySet):
    def default(self):
        return self.filter(is_default=True).first()

    def visible_to_network(self, network_ids):
        return self.filter(models.Q(network__isnull=True) | models.Q(network__in=network_ids))


class ProcessChain(models.Model):
    """An ordered set of phases; the shipped default is the five-phase IQ chain."""

    code = models.SlugField(_("Code"), max_length=60, unique=True)
    name = models.CharField(_("Name"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    network = models.ForeignKey("network.Network", on_delete=models.CASCADE, null=True, blank=True,
                                related_name="chains", verbose_name=_("Netzwerk"),
                                help_text=_("Leer lassen für eine Prozesskette, die allen Netzwerken zur Verfügung steht."))
    is_default = models.BooleanField(_("Standardkette"), default=False)

    objects = ProcessChainQuerySet.as_manager()

    class Meta:
        ordering = ["-is_default", "name"]
        verbose_name = _("Prozesskette")
        verbose_name_plural = _("Prozessketten")
        constraints = [
            models.UniqueConstraint(fields=["is_default"], condition=models.Q(is_default=True),
                                    name="one_default_chain"),
        ]

    def __str__(self):
        return self.name


class Phase(models.Model):
    chain = models.ForeignKey(ProcessChain, on_delete=models.CASCADE, related_name="phases")
    position = models.PositiveSmallIntegerField(_("Position"))
    code = models.SlugField(_("Code"), max_length=60)

    class Meta:
        ordering = ["chain", "position"]
        verbose_name = _("Phase")
        verbose_name_plural = _("Phasen")
        constraints = [
            models.UniqueConstraint(fields=["chain", "code"], name="unique_phase_code"),
            models.UniqueConstraint(fields=["chain", "position"], name="unique_phase_position"),
        ]

    def __str__(self):
        return f"{self.position}. {self.name}"

    @property
    def name(self):
        return translated(self, "name")

    @property
    def term_uuid(self) -> uuid.UUID:
        return uuid.uuid5(TERM_NAMESPACE, f"phase:{self.chain.code}:{self.code}")


add_translated_fields(
    Phase, "name",
    lambda lang, required: models.CharField(format_lazy(_("Name ({lang})"), lang=lang), max_length=200, blank=not required),
)
add_translated_fields(
    Phase, "description",
    lambda lang, required: models.TextField(format_lazy(_("Beschreibung ({lang})"), lang=lang), blank=True),
)


class ServiceChain(models.Model):
    """A network's service chain (Dienstleistungskette): the steps a person usually goes through across the
    partners, each with the kind of organisation responsible and how long it usually takes."""

    network = models.ForeignKey("network.Network", on_delete=models.CASCADE, related_name="service_chains",
                                verbose_name=_("Netzwerk"))
    name = models.CharField(_("Name"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)

    class Meta:
        ordering = ["network__name", "name"]
        verbose_name = _("Dienstleistungskette")
        verbose_name_plural = _("Dienstleistungsketten")

    def __str__(self):
        return self.name


class ServiceChainStep(models.Model):
    chain = models.ForeignKey(ServiceChain, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("Position"))
    title = models.CharField(_("Schritt"), max_length=200)
    phase = models.ForeignKey(Phase, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                              verbose_name=_("Phase"))
    responsible_kind = models.CharField(_("zuständig (Art der Organisation)"), max_length=30,
                                        choices=Organization.Kind.choices)
    expected_days = models.PositiveSmallIntegerField(_("erwartete Dauer (Tage)"))

    class Meta:
        ordering = ["chain", "position"]
        verbose_name = _("Schritt")
        verbose_name_plural = _("Schritte")

    def __str__(self):
        return f"{self.position}. {self.title}"
