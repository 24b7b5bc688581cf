"""The network layer: regions, organisations, networks, programmes, projects, cooperations."""

import uuid
from collections import Counter
from functools import cache

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def valid_on(day, start: str, end: str) -> Q:
    """Rows whose period (either end may be open) includes the day."""
    return (Q(**{f"{start}__isnull": True}) | Q(**{f"{start}__lte": day})) & (
        Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": day}))


class RegionQuerySet(models.QuerySet):
    def districts(self):
        return self.filter(level=Region.Level.DISTRICT)

    def states(self):
        return self.filter(level=Region.Level.STATE)

    def served_by(self, networks):
        """The districts the networks work in: those they name, and those of the states they name."""
        return self.districts().filter(Q(networks__in=networks) | Q(parent__networks__in=networks)).distinct()


class Region(models.Model):
    """A state, district (Kreis) or municipality, keyed by its official AGS."""

    class Level(models.TextChoices):
        STATE = "state", _("Bundesland")
        DISTRICT = "district", _("Kreis")
        MUNICIPALITY = "municipality", _("Gemeinde")

    ags = models.CharField(_("Amtlicher Gemeindeschlüssel"), max_length=12, unique=True)
    name = models.CharField(_("Name"), max_length=200)
    level = models.CharField(_("Ebene"), max_length=20, choices=Level.choices, db_index=True)
    kind = models.CharField(_("Typ"), max_length=60, blank=True, help_text=_("z. B. Landkreis, Kreisfreie Stadt"))
    nuts3 = models.CharField("NUTS 3", max_length=5, blank=True)
    population = models.PositiveIntegerField(_("Bevölkerung"), null=True, blank=True)
    area_km2 = models.DecimalField(_("Fläche (km²)"), max_digits=10, decimal_places=2, null=True, blank=True)
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children",
                               verbose_name=_("übergeordnete Region"))

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["ags"]
        verbose_name = _("Region")
        verbose_name_plural = _("Regionen")

    def __str__(self):
        return self.label

    @property
    def short_name(self):
        """The district name without the official suffix ("Dresden, Stadt" → "Dresden")."""
        return self.name.split(",")[0]

    @property
    def label(self):
        """The name as people can tell it apart: 21 names stand for a city and the district around it (Hof,
        Augsburg, Fürth, Leipzig …), and those always say which of the two is meant."""
        if self.level == self.Level.DISTRICT and self.short_name in shared_district_names():
            which = _("Stadt") if self.kind in CITY_KINDS else _("Landkreis")
            return f"{self.short_name} ({which})"
        return self.name


CITY_KINDS = {"Kreisfreie Stadt", "Stadtkreis"}


@cache
def shared_district_names() -> frozenset:
    """Short names two districts share (reference data, loaded once per process)."""
    names = Region.objects.districts().values_list("name", flat=True)
    counts = Counter(name.split(",")[0] for name in names)
    return frozenset(name for name, n in counts.items() if n > 1)


class SharedQuerySet(models.QuerySet):
    """Shared reference data (region groups, programmes): every network editor manages all of it."""

    def managed_by(self, user):
        from netzlotse.accounts import roles

        return self.all() if roles.can(user, roles.EDIT_NETWORK) else self.none()


class RegionGroup(models.Model):
    """A custom set of regions, e.g. a project's funding region (Förderregion)."""

    name = models.CharField(_("Name"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    regions = models.ManyToManyField(Region, related_name="groups", verbose_name=_("Regionen"))

    objects = SharedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("Regionsgruppe")
        verbose_name_plural = _("Regionsgruppen")

    def __str__(self):
        return self.name


class OrganizationQuerySet(models.QuerySet):
    def search(self, text):
        return self.filter(name__icontains=text) if text else self

    def working_with(self, organization_id):
        """The organisations one organisation works with: the members and coordinators of the networks it belongs
        to or coordinates, the lead and partners of its projects, and its cooperation partners (either way)."""
        networks = Network.objects.filter(Q(coordinator_id=organization_id)
                                          | Q(memberships__organization_id=organization_id))
        projects = Project.objects.filter(Q(lead_id=organization_id) | Q(partners=organization_id))
        condition = (Q(network_memberships__network__in=networks) | Q(coordinated_networks__in=networks)
                     | Q(led_projects__in=projects) | Q(partner_projects__in=projects)
                     | Q(cooperations_in__source_id=organization_id) | Q(cooperations_out__target_id=organization_id))
        return self.filter(pk__in=Organization.objects.filter(condition).values("pk")).exclude(pk=organization_id)

    def managed_by(self, user):
        """The organisations whose data and offers the user manages (the one scope rule).

        Provider staff: their own organisations. Coordinators: their own organisations,
        plus every member of the networks they coordinate. Administrators: all.
        """
        from netzlotse.accounts import roles

        if roles.can(user, roles.MANAGE_ALL_NETWORKS):
            return self.all()
        condition = Q(pk__in=[])
        if roles.can(user, roles.EDIT_OWN_OFFERS):
            condition |= Q(pk__in=roles.organization_ids(user, roles.EDIT_OWN_OFFERS))
        if roles.can(user, roles.EDIT_NETWORK_OFFERS):
            networks = Network.objects.coordinated_by(roles.organization_ids(user, roles.EDIT_NETWORK_OFFERS))
            condition |= Q(network_memberships__network__in=networks) | Q(coordinated_networks__in=networks)
        return self.filter(pk__in=Organization.objects.filter(condition).values("pk"))


class Organization(models.Model):
    """A provider (Träger), Jobcenter, authority or any other actor in a network."""

    class Kind(models.TextChoices):
        PROVIDER = "provider", _("Bildungs- oder Beratungsträger")
        JOBCENTER = "jobcenter", _("Jobcenter")
        EMPLOYMENT_AGENCY = "employment_agency", _("Agentur für Arbeit")
        AUTHORITY = "authority", _("Behörde / Kommune")
        CHAMBER = "chamber", _("Kammer")
        WELFARE = "welfare", _("Wohlfahrtsverband")
        MIGRANT_ORGANISATION = "migrant_org", _("Migrantenorganisation")
        EMPLOYER = "employer", _("Arbeitgeber / Unternehmen")
        COUNSELLING = "counselling", _("Beratungsstelle")
        MINISTRY = "ministry", _("Ministerium / Fördermittelgeber")
        UNION = "union", _("Gewerkschaft")
        RESEARCH = "research", _("Wissenschaft / Begleitung")
        OTHER = "other", _("Sonstige")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    external_id = models.CharField(_("Externe ID"), max_length=100, unique=True, null=True, blank=True,
                                   help_text=_("Stabile Kennung für Importe"))
    name = models.CharField(_("Name"), max_length=250)
    kind = models.CharField(_("Art"), max_length=30, choices=Kind.choices, default=Kind.PROVIDER, db_index=True)
    parent = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="children",
                               verbose_name=_("Dachorganisation"))
    regions = models.ManyToManyField(Region, blank=True, related_name="organizations",
                                     verbose_name=_("Tätig in Regionen"))
    description = models.TextField(_("Beschreibung"), blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    website = models.URLField(_("Website"), blank=True)
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postcode = models.CharField(_("PLZ"), max_length=10, blank=True)
    city = models.CharField(_("Ort"), max_length=100, blank=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True, db_index=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("Organisation")
        verbose_name_plural = _("Organisationen")
        indexes = [models.Index(fields=["name"])]

    def __str__(self):
        return self.name


class NetworkQuerySet(models.QuerySet):
    def coordinated_by(self, organizations):
        return self.filter(coordinator__in=organizations)

    def managed_by(self, user):
        from netzlotse.accounts import roles

        if roles.can(user, roles.MANAGE_ALL_NETWORKS):
            return self.all()
        if not roles.can(user, roles.EDIT_NETWORK):
            return self.none()
        return self.coordinated_by(roles.organization_ids(user, roles.EDIT_NETWORK))


class Network(models.Model):
    """A named cooperation structure with a coordinating organisation and members."""

    name = models.CharField(_("Name"), max_length=250)
    description = models.TextField(_("Beschreibung"), blank=True)
    coordinator = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="coordinated_networks",
                                    verbose_name=_("Koordinierende Organisation"))
    regions = models.ManyToManyField(Region, blank=True, related_name="networks", verbose_name=_("Regionen"))
    members = models.ManyToManyField(Organization, through="NetworkMembership", related_name="networks",
                                     verbose_name=_("Mitglieder"))

    objects = NetworkQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("Netzwerk")
        verbose_name_plural = _("Netzwerke")

    def __str__(self):
        return self.name

    def member_organizations(self):
        """Members plus the coordinator: everyone whose offers belong to this network."""
        return Organization.objects.filter(Q(networks=self) | Q(pk=self.coordinator_id)).distinct()


class MembershipQuerySet(models.QuerySet):
    def on(self, day):
        return self.filter(valid_on(day, "since", "until"))


class NetworkMembership(models.Model):
    class Role(models.TextChoices):
        SUBPROJECT_PARTNER = "subproject_partner", _("Teilprojektpartner")
        STRATEGIC_PARTNER = "strategic_partner", _("Strategischer Partner")
        COOPERATION_PARTNER = "cooperation_partner", _("Kooperationspartner")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="network_memberships",
                                     verbose_name=_("Organisation"))
    role = models.CharField(_("Rolle im Netzwerk"), max_length=30, choices=Role.choices)
    since = models.DateField(_("Mitglied seit"), null=True, blank=True)
    until = models.DateField(_("Mitglied bis"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["network", "organization"], name="unique_network_member"),
                       models.CheckConstraint(condition=Q(since__isnull=True) | Q(until__isnull=True)
                                              | Q(until__gte=models.F("since")), name="membership_period",
                                              violation_error_message=_("Das Ende der Mitgliedschaft liegt vor "
                                                                        "ihrem Beginn."))]
        ordering = ["role", "organization__name"]
        verbose_name = _("Netzwerkmitglied")
        verbose_name_plural = _("Netzwerkmitglieder")

    def __str__(self):
        return f"{self.organization} ({self.get_role_display()})"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.since and self.until and self.until < self.since:
            raise ValidationError({"until": _("Das Ende der Mitgliedschaft liegt vor ihrem Beginn.")})


class ProjectQuerySet(models.QuerySet):
    def managed_by(self, user):
        from netzlotse.accounts import roles

        if roles.can(user, roles.MANAGE_ALL_NETWORKS):
            return self.all()
        networks = Network.objects.managed_by(user)
        return self.filter(Q(network__in=networks) | Q(lead__in=Organization.objects.managed_by(user)))

    def funded_on(self, day):
        return self.filter(valid_on(day, "funding_starts_on", "funding_ends_on"))


class ProgrammeQuerySet(SharedQuerySet):
    def reported_to(self, user):
        """The programmes whose figures the user reads: admins every one, funders the ones they fund,
        coordinators those with projects in their networks (None: every one, for the worker's own use)."""
        from netzlotse.accounts import roles

        if user is None or roles.can(user, roles.VIEW_ALL_PROGRAMMES):
            return self.all()
        orgs = roles.organization_ids(user)
        return self.filter(Q(funders__in=orgs) | Q(projects__network__in=Network.objects.managed_by(user))).distinct()


class Programme(models.Model):
    """A funding programme (Förderprogramm) such as IvAF, IQ or a state programme."""

    name = models.CharField(_("Name"), max_length=250)
    short_name = models.CharField(_("Kurzname"), max_length=50, blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    funders = models.ManyToManyField(Organization, blank=True, related_name="funded_programmes",
                                     verbose_name=_("Fördermittelgeber"))
    starts_on = models.DateField(_("Beginn"), null=True, blank=True)
    ends_on = models.DateField(_("Ende"), null=True, blank=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("Förderprogramm")
        verbose_name_plural = _("Förderprogramme")

    def __str__(self):
        return self.short_name or self.name


class Project(models.Model):
    """A funded project (Teilprojekt) with its lead organisation, partners and targets."""

    name = models.CharField(_("Name"), max_length=250)
    # The short code programmes use in their lists and reports (e.g. "STATA-07"); imports and reports name it.
    code = models.CharField(_("Projektkennung"), max_length=50, unique=True, null=True, blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="projects", verbose_name=_("Förderprogramm"))
    network = models.ForeignKey(Network, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="projects", verbose_name=_("Netzwerk"))
    lead = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="led_projects",
                             verbose_name=_("Projektträger"))
    partners = models.ManyToManyField(Organization, blank=True, related_name="partner_projects",
                                      verbose_name=_("Partner"))
    funding_starts_on = models.DateField(_("Förderbeginn"), null=True, blank=True)
    funding_ends_on = models.DateField(_("Förderende"), null=True, blank=True)
    funding_region = models.ForeignKey(RegionGroup, on_delete=models.SET_NULL, null=True, blank=True,
                                       related_name="projects", verbose_name=_("Förderregion"))
    planned_participants = models.PositiveIntegerField(_("geplante Teilnehmende"), null=True, blank=True)
    planned_slots = models.PositiveIntegerField(_("geplante Plätze / Einsatzstellen"), null=True, blank=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("Projekt")
        verbose_name_plural = _("Projekte")

    def __str__(self):
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.funding_starts_on and self.funding_ends_on and self.funding_ends_on < self.funding_starts_on:
            raise ValidationError({"funding_ends_on": _("Das Förderende liegt vor dem Förderbeginn.")})


class CooperationQuerySet(models.QuerySet):
    def on(self, day):
        return self.filter(valid_on(day, "since", "until"))

    def managed_by(self, user):
        from netzlotse.accounts import roles

        if roles.can(user, roles.MANAGE_ALL_NETWORKS):
            return self.all()
        return self.filter(Q(network__in=Network.objects.managed_by(user))
                           | Q(source__in=Organization.objects.managed_by(user)))


class Cooperation(models.Model):
    """A typed link (Schnittstelle) between two organisations."""

    class Kind(models.TextChoices):
        REFERRAL_ROUTE = "referral_route", _("Zuweisungsweg")
        HANDOVER = "handover", _("Übergabe zwischen Phasen")
        JOINT_PROFILING = "joint_profiling", _("Gemeinsames Profiling")
        STRATEGIC = "strategic", _("Strategische Partnerschaft")
        AGREEMENT = "agreement", _("Verbindliche Kooperationsvereinbarung")

    kind = models.CharField(_("Art"), max_length=30, choices=Kind.choices)
    source = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="cooperations_out",
                               verbose_name=_("von"))
    target = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="cooperations_in",
                               verbose_name=_("zu"))
    network = models.ForeignKey(Network, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="cooperations", verbose_name=_("Netzwerk"))
    since = models.DateField(_("seit"), null=True, blank=True)
    until = models.DateField(_("bis"), null=True, blank=True)
    note = models.TextField(_("Notiz"), blank=True)

    objects = CooperationQuerySet.as_manager()

    class Meta:
        ordering = ["source__name", "kind"]
        verbose_name = _("Kooperation")
        verbose_name_plural = _("Kooperationen")

    def __str__(self):
        return f"{self.source} → {self.target}: {self.get_kind_display()}"

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.source_id and self.source_id == self.target_id:
            errors["target"] = _("Eine Kooperation verbindet zwei verschiedene Organisationen.")
        if self.since and self.until and self.until < self.since:
            errors["until"] = _("Das Ende liegt vor dem Beginn.")
        if errors:
            raise ValidationError(errors)
