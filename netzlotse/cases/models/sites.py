"""Placement sites (Einsatzstellen), e.g. the work opportunities (AGH) of a project: where they are, what the
work asks of a person, how many slots they have and for how long. Sites with placements are archived, never
deleted, so the history of every placement keeps its site."""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netzlotse.network.models import valid_on

from .participants import Participant


def _placement_model():
    """Placements build on sites, so their model is looked up in the app registry, not imported back here."""
    return apps.get_model("cases", "Placement")


class PlacementSiteQuerySet(models.QuerySet):
    def for_organizations(self, orgs):
        """Sites an organisation fills: its own, those of projects it leads, and those of projects in the networks
        it coordinates (in StaTA the intensive counsellors place people at the providers' sites)."""
        return self.filter(Q(organization__in=orgs) | Q(project__lead__in=orgs)
                           | Q(project__network__coordinator__in=orgs))  # single-valued joins: no duplicates

    def managed_by(self, user):
        """The sites the user keeps: provider staff those of their organisations and projects, coordinators those
        of the projects in their networks, administrators all."""
        from netzlotse.accounts import roles

        if roles.can(user, roles.MANAGE_ALL_SITES):
            return self.all()
        if not roles.can(user, roles.MANAGE_SITES):
            return self.none()
        return self.for_organizations(roles.organization_ids(user, roles.MANAGE_SITES))

    def bookable(self, day=None):
        """Sites that take placements on the day: not archived and within their period."""
        day = day or timezone.localdate()
        return self.filter(archived_on__isnull=True).filter(valid_on(day, "valid_from", "valid_until"))

    def with_occupancy(self):
        """Each site with its running, planned and waiting placements counted in the database (`taken` holds a
        slot: running or firmly planned)."""
        Placement = _placement_model()

        def counting(*statuses):
            return Count("placements", filter=Q(placements__status__in=statuses))

        S = Placement.Status
        return self.annotate(active=counting(S.ACTIVE), planned=counting(S.PLANNED), waiting=counting(S.WAITING),
                             taken=counting(S.ACTIVE, S.PLANNED))


class PlacementSite(models.Model):
    """A placement site (Einsatzstelle), e.g. a work opportunity, with a number of slots per project."""

    class Field(models.TextChoices):
        GARDENING = "garten", _("Garten- und Landschaftspflege")
        HOUSEKEEPING = "hauswirtschaft", _("Hauswirtschaft und Küche")
        CRAFTS = "handwerk", _("Handwerk und Werkstatt")
        CARE = "soziales", _("Soziale Dienste und Begleitung")
        RETAIL = "ausgabe", _("Ausgabe, Verkauf und Lager")
        OFFICE = "buero", _("Büro und Verwaltung")
        CULTURE = "kultur", _("Kultur, Bildung und Bibliothek")
        ANIMALS = "tiere", _("Tierpflege")
        OTHER = "sonstiges", _("sonstiges")

    class Physical(models.TextChoices):
        LIGHT = "leicht", _("leicht (überwiegend sitzend oder stehend)")
        MEDIUM = "mittel", _("mittel (Heben bis 10 kg, viel Bewegung)")
        HEAVY = "schwer", _("schwer (Heben über 10 kg, draußen bei jedem Wetter)")

    project = models.ForeignKey("network.Project", on_delete=models.PROTECT, related_name="placement_sites",
                                verbose_name=_("Projekt"))
    organization = models.ForeignKey("network.Organization", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("Träger"))
    name = models.CharField(_("Name"), max_length=200)
    code = models.CharField(_("Kennung"), max_length=50, unique=True, null=True, blank=True,
                            help_text=_("Eindeutig, z. B. AGH-SDL-01; Importe erkennen die Einsatzstelle daran."))
    slots = models.PositiveSmallIntegerField(_("Plätze"))
    field_of_work = models.CharField(_("Tätigkeitsfeld"), max_length=20, choices=Field.choices, blank=True)
    description = models.TextField(_("Tätigkeit"), blank=True)
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postcode = models.CharField(_("PLZ"), max_length=10, blank=True)
    city = models.CharField(_("Ort"), max_length=100, blank=True)
    district = models.ForeignKey("network.Region", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", verbose_name=_("Kreis"))
    german_level = models.CharField(_("nötige Deutschkenntnisse"), max_length=2, blank=True,
                                    choices=Participant.GermanLevel.choices)
    driving_licence = models.BooleanField(_("Führerschein nötig"), default=False)
    physical_demand = models.CharField(_("körperliche Anforderung"), max_length=10, choices=Physical.choices,
                                       blank=True)
    hours_per_week = models.PositiveSmallIntegerField(_("Stunden pro Woche"), null=True, blank=True)
    valid_from = models.DateField(_("gültig ab"), null=True, blank=True)
    valid_until = models.DateField(_("gültig bis"), null=True, blank=True)
    contact_name = models.CharField(_("Ansprechperson"), max_length=200, blank=True)
    contact_phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    contact_email = models.EmailField(_("E-Mail"), blank=True)
    archived_on = models.DateField(_("archiviert am"), null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=0, db_default=0, editable=False)  # optimistic locking (core/locking.py)

    objects = PlacementSiteQuerySet.as_manager()

    class Meta:
        verbose_name = _("Einsatzstelle")
        verbose_name_plural = _("Einsatzstellen")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["organization", "archived_on"], name="site_org_archived_idx"),
                   models.Index(fields=["district", "archived_on"], name="site_district_archived_idx"),
                   models.Index(fields=["field_of_work"], name="site_field_idx")]
        constraints = [models.CheckConstraint(
            condition=Q(valid_from__isnull=True) | Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
            name="site_valid_range", violation_error_message=_("„gültig bis“ liegt vor „gültig ab“."))]

    def __str__(self):
        return self.name

    def clean(self):
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("„gültig bis“ liegt vor „gültig ab“.")})

    @property
    def is_archived(self) -> bool:
        return self.archived_on is not None

    @property
    def address_line(self) -> str:
        return ", ".join(filter(None, [self.street, " ".join(filter(None, [self.postcode, self.city]))]))

    @property
    def free_slots(self) -> int:
        """Slots neither running nor firmly planned (from `with_occupancy()` where the list counted them)."""
        taken = self.taken if hasattr(self, "taken") else self.taken_slots()
        return max(0, self.slots - taken)

    def taken_slots(self) -> int:
        return self.placements.filter(status__in=_placement_model().OCCUPYING).count()
