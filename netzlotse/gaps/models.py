"""Gap analysis: thresholds and demand figures, the gap register, unmet-demand signals and interfaces."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from netzlotse.core.dates import parse_date


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

    @classmethod
    def for_network(cls, network) -> dict:
        """Phase id (None for the default) → minimum number of offers."""
        if network is None:
            return {}
        return dict(cls.objects.filter(network=network).values_list("phase_id", "minimum"))


class DemandFigure(models.Model):
    """Places a coordinator knows are needed in a district and phase (optionally for one target group)."""

    network = models.ForeignKey("network.Network", on_delete=models.CASCADE, related_name="demand_figures",
                                verbose_name=_("Netzwerk"))
    district = models.ForeignKey("network.Region", on_delete=models.CASCADE, related_name="+",
                                 verbose_name=_("Kreis"))
    phase = models.ForeignKey("directory.Phase", on_delete=models.CASCADE, related_name="+", verbose_name=_("Phase"))
    target_group = models.ForeignKey("directory.TargetGroup", on_delete=models.CASCADE, null=True, blank=True,
                                     related_name="+", verbose_name=_("Zielgruppe"))
    places_needed = models.PositiveIntegerField(_("benötigte Plätze"), validators=[MinValueValidator(1)])
    note = models.CharField(_("Quelle / Anmerkung"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("Bedarf")
        verbose_name_plural = _("Bedarfe")
        ordering = ["district__name", "phase__position"]

    def __str__(self):
        return f"{self.district}, {self.phase}: {self.places_needed}"


class GapQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=Gap.Status.CLOSED)

    def of_networks(self, networks):
        return self.filter(network__in=networks)


class Gap(models.Model):
    """A gap record (Angebotslücke) in one cell: found, communicated, a measure planned, closed."""

    class Kind(models.TextChoices):
        NO_OFFER = "no_offer", _("kein Angebot")
        TOO_FEW = "too_few", _("zu wenige Angebote")
        CHAIN_BREAK = "chain_break", _("Kettenbruch: keine Folgephase")
        CAPACITY_SHORT = "capacity_short", _("zu wenige Plätze für den Bedarf")
        FUNDING_CLIFF = "funding_cliff", _("alle Angebote enden bald")
        DUPLICATES = "duplicates", _("mehrere gleichartige Angebote")
        UNMET_DEMAND = "unmet_demand", _("Nachfrage ohne passendes Angebot")

    class Status(models.TextChoices):
        FOUND = "found", _("erkannt")
        COMMUNICATED = "communicated", _("kommuniziert")
        MEASURE_PLANNED = "measure_planned", _("Maßnahme geplant")
        CLOSED = "closed", _("geschlossen")

    network = models.ForeignKey("network.Network", on_delete=models.CASCADE, related_name="gaps",
                                verbose_name=_("Netzwerk"))
    chain = models.ForeignKey("directory.ProcessChain", on_delete=models.CASCADE, related_name="+",
                              verbose_name=_("Prozesskette"))
    phase = models.ForeignKey("directory.Phase", on_delete=models.CASCADE, related_name="+", verbose_name=_("Phase"))
    district = models.ForeignKey("network.Region", on_delete=models.CASCADE, related_name="+",
                                 verbose_name=_("Kreis"))
    target_group = models.ForeignKey("directory.TargetGroup", on_delete=models.CASCADE, null=True, blank=True,
                                     related_name="+", verbose_name=_("Zielgruppe"))
    field_of_action = models.ForeignKey("directory.FieldOfAction", on_delete=models.CASCADE, null=True, blank=True,
                                        related_name="+", verbose_name=_("Handlungsfeld"))
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, db_index=True)
    figures = models.JSONField(_("Befund"), default=dict, blank=True)  # numbers behind the finding, see describe()
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.FOUND)
    found_on = models.DateField(_("erkannt am"), default=timezone.localdate)
    closed_on = models.DateField(_("geschlossen am"), null=True, blank=True)
    responsible = models.ForeignKey("network.Organization", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("verantwortliche Organisation"))
    notes = models.TextField(_("Notizen"), blank=True)
    closing_offers = models.ManyToManyField("directory.Offer", blank=True, related_name="closed_gaps",
                                            verbose_name=_("schließende Angebote"))

    version = models.PositiveIntegerField(default=0, db_default=0, editable=False)  # optimistic locking (core/locking.py)

    objects = GapQuerySet.as_manager()

    class Meta:
        verbose_name = _("Angebotslücke")
        verbose_name_plural = _("Angebotslücken")
        ordering = ["district__name", "phase__position", "kind"]
        indexes = [models.Index(fields=["network", "status", "phase"], name="gap_register_idx")]
        constraints = [
            # One open record per cell and kind: detection finds the existing record instead of adding another.
            # (NULL target group or field means "all"; COALESCE makes two such NULLs equal on every database.)
            models.UniqueConstraint("network", "phase", "district", Coalesce("target_group", Value(0)),
                                    Coalesce("field_of_action", Value(0)), "kind", condition=~Q(status="closed"),
                                    name="one_open_gap_per_cell"),
        ]

    def __str__(self):
        return f"{self.district.label}, {self.phase}: {self.get_kind_display()}"

    def describe(self) -> str:
        """The finding in words, in the reader's language, from the numbers the detection stored."""
        return describe(self.kind, self.figures)

    def cell_key(self) -> tuple:
        return (self.kind, self.district_id, self.phase_id, self.target_group_id, self.field_of_action_id)

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.CLOSED


def describe(kind: str, figures: dict) -> str:
    n = figures.get("offers", 0)
    texts = {
        Gap.Kind.NO_OFFER: lambda: gettext("kein aktives Angebot in dieser Phase"),
        Gap.Kind.TOO_FEW: lambda: gettext("%(offers)s von mindestens %(minimum)s Angeboten"),
        Gap.Kind.CHAIN_BREAK: lambda: gettext("nach Phase %(after)s kein Anschlussangebot"),
        Gap.Kind.CAPACITY_SHORT: lambda: gettext("%(places)s Plätze bei Bedarf von %(needed)s"),
        Gap.Kind.FUNDING_CLIFF: lambda: ngettext("das einzige Angebot endet bis %(until)s",
                                                 "alle %(offers)s Angebote enden bis %(until)s", n),
        Gap.Kind.DUPLICATES: lambda: gettext("%(offers)s Angebote von %(providers)s Trägern"),
        Gap.Kind.UNMET_DEMAND: lambda: ngettext("%(signals)s Mal gesucht, nichts Passendes gefunden",
                                                "%(signals)s Mal gesucht, nichts Passendes gefunden",
                                                figures.get("signals", 0)),
    }
    if kind not in texts:
        return ""
    shown = dict(figures)
    if "until" in shown:
        shown["until"] = date_format(parse_date(shown["until"]), "SHORT_DATE_FORMAT")
    try:
        return texts[kind]() % shown
    except KeyError:  # a record from before a figure was added: say what kind it is
        return str(Gap.Kind(kind).label)


class GapEvent(models.Model):
    """The history of a gap: every status change and note, by whom (or by the detection job)."""

    gap = models.ForeignKey(Gap, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                           related_name="+")
    status = models.CharField(max_length=20, choices=Gap.Status.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d}: {self.get_status_display()}"

    def summary(self) -> str:
        return f"{timezone.localtime(self.at):%d.%m.%Y %H:%M}, {self.by or '–'}: {self.get_status_display()}"


class Measure(models.Model):
    """What the network plans to close a gap: a new offer, a transfer from another region, …"""

    class Kind(models.TextChoices):
        NEW_OFFER = "new_offer", _("neues Angebot entwickeln")
        TRANSFER = "transfer", _("Transfer aus einer anderen Region")
        EXTEND = "extend", _("bestehendes Angebot ausweiten")
        FUNDING = "funding", _("Förderung beantragen")
        OTHER = "other", _("Sonstiges")

    class Status(models.TextChoices):
        PLANNED = "planned", _("geplant")
        IN_PROGRESS = "in_progress", _("in Umsetzung")
        DONE = "done", _("umgesetzt")
        DROPPED = "dropped", _("verworfen")

    gap = models.ForeignKey(Gap, on_delete=models.CASCADE, related_name="measures")
    kind = models.CharField(_("Art der Maßnahme"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("Beschreibung"))
    responsible = models.ForeignKey("network.Organization", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("verantwortlich"))
    due_on = models.DateField(_("geplant bis"), null=True, blank=True)
    status = models.CharField(_("Stand"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("Maßnahme")
        verbose_name_plural = _("Maßnahmen")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.description[:60]}"


class DemandSignal(models.Model):
    """Someone looked for an offer in a cell and found none: a public directory search without result
    (its filters only, never the searcher or the text), or a counsellor's referral with no suitable offer."""

    class Source(models.TextChoices):
        SEARCH = "search", _("Suche im Verzeichnis")
        REFERRAL = "referral", _("Zuweisung ohne passendes Angebot")

    day = models.DateField(default=timezone.localdate, db_index=True)
    district = models.ForeignKey("network.Region", on_delete=models.CASCADE, related_name="+")
    phase = models.ForeignKey("directory.Phase", on_delete=models.CASCADE, null=True, related_name="+")
    target_group = models.ForeignKey("directory.TargetGroup", on_delete=models.CASCADE, null=True, related_name="+")
    field_of_action = models.ForeignKey("directory.FieldOfAction", on_delete=models.CASCADE, null=True,
                                        related_name="+")
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.SEARCH)

    class Meta:
        indexes = [models.Index(fields=["district", "day"], name="demand_signal_idx")]

    def __str__(self):
        return f"{self.day}: {self.district_id}"


class Interface(models.Model):
    """A recorded interface (Schnittstelle) between two projects and how far the cooperation has got."""

    class Status(models.TextChoices):
        IDENTIFIED = "identified", _("erkannt")
        INITIATED = "initiated", _("Zusammenarbeit angestoßen")
        WORKING = "working", _("funktioniert")

    network = models.ForeignKey("network.Network", on_delete=models.CASCADE, related_name="interfaces",
                                verbose_name=_("Netzwerk"))
    project_a = models.ForeignKey("network.Project", on_delete=models.CASCADE, related_name="+",
                                  verbose_name=_("Projekt"))
    project_b = models.ForeignKey("network.Project", on_delete=models.CASCADE, related_name="+",
                                  verbose_name=_("Partnerprojekt"))
    description = models.TextField(_("Beschreibung"))
    status = models.CharField(_("Stand"), max_length=20, choices=Status.choices, default=Status.IDENTIFIED)
    updated_on = models.DateField(_("Stand vom"), default=timezone.localdate)

    class Meta:
        ordering = ["project_a__name", "project_b__name"]
        verbose_name = _("Schnittstelle")
        verbose_name_plural = _("Schnittstellen")

    def __str__(self):
        return f"{self.project_a} ↔ {self.project_b}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.project_a_id and self.project_a_id == self.project_b_id:
            raise ValidationError({"project_b": _("Eine Schnittstelle verbindet zwei verschiedene Projekte.")})
