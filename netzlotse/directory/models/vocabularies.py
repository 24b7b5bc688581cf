"""Vocabularies an administrator can extend: each entry has a stable code and translated labels."""

import uuid

from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from netzlotse.core.translation import add_translated_fields, translated

# Fixed namespace so that a term's HSDS id never changes while its code stays.
TERM_NAMESPACE = uuid.UUID("6f1c1f36-5a43-4d43-9a57-0b1f2b0e7c11")


class Vocabulary(models.Model):
    taxonomy = ""  # the HSDS taxonomy name of the subclass

    code = models.SlugField(_("Code"), max_length=60, unique=True,
                            help_text=_("Stabile Kennung, z. B. für Importe; nach dem Anlegen nicht mehr ändern."))
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    is_active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        abstract = True
        ordering = ["position", "code"]

    def __str__(self):
        return str(self.label)

    @property
    def label(self):
        return translated(self, "label")

    @property
    def term_uuid(self) -> uuid.UUID:
        return uuid.uuid5(TERM_NAMESPACE, f"{self.taxonomy}:{self.code}")


def _label_field(lang, required):
    return models.CharField(format_lazy(_("Bezeichnung ({lang})"), lang=lang), max_length=200, blank=not required)


class FieldOfAction(Vocabulary):
    taxonomy = "field_of_action"

    class Meta(Vocabulary.Meta):
        verbose_name = _("Handlungsfeld")
        verbose_name_plural = _("Handlungsfelder")


class TargetGroup(Vocabulary):
    taxonomy = "target_group"
    # Some groups are served by offers but do not move on through the phases themselves (employers, staff of
    # Jobcenters being trained): an offer for them in one phase and none in the next is no break in the chain.
    follows_chain = models.BooleanField(
        _("durchläuft die Prozesskette"), default=True,
        help_text=_("Nein für Zielgruppen ohne eigene Folgephase (z. B. Unternehmen, Fachkräfte in Jobcentern): "
                    "für sie meldet das Lückenregister keine Kettenbrüche."))

    class Meta(Vocabulary.Meta):
        verbose_name = _("Zielgruppe")
        verbose_name_plural = _("Zielgruppen")


class ResidenceStatus(Vocabulary):
    taxonomy = "residence_status"

    class Meta(Vocabulary.Meta):
        verbose_name = _("Aufenthaltsstatus")
        verbose_name_plural = _("Aufenthaltsstatus")


class Language(Vocabulary):
    """A language spoken in an offer; the code is the ISO 639-1 code where one exists."""

    taxonomy = "language"

    class Meta(Vocabulary.Meta):
        verbose_name = _("Sprache")
        verbose_name_plural = _("Sprachen")


class DeliveryMode(Vocabulary):
    """How an offer reaches people. The codes `office` and `mobile` carry meaning (open hours, dates)."""

    taxonomy = "delivery_mode"
    OFFICE = "office"
    MOBILE = "mobile"

    class Meta(Vocabulary.Meta):
        verbose_name = _("Angebotsform")
        verbose_name_plural = _("Angebotsformen")


for _model in (FieldOfAction, TargetGroup, ResidenceStatus, Language, DeliveryMode):
    add_translated_fields(_model, "label", _label_field)
