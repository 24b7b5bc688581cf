
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netzlotse.accounts import roles
from netzlotse.core.forms import FastSelect, KernForm, KernModelForm, style_widgets
from netzlotse.core.locking import VersionField
from netzlotse.directory.filters import apply_vocabulary_filters, vocabulary_field
from netzlotse.directory.models import DeliveryMode, FieldOfAction, Language, Offer, Phase, ProcessChain, TargetGroup
from netzlotse.network.forms import district_field
from netzlotse.network.models import Network, Organization, Project, Region, RegionGroup

from .matrix import CoverageQuery
from .models import CoverageThreshold, DemandFigure, Gap, Interface, Measure


def networks_of(user):
    """The networks whose coverage a user reads: those they coordinate or whose member organisation they work for."""
    if roles.can(user, roles.VIEW_ALL_GAPS):
        return Network.objects.all()
    orgs = roles.organization_ids(user)
    return Network.objects.filter(Q(coordinator__in=orgs) | Q(memberships__organization__in=orgs)).distinct()


DATE_INPUT = forms.DateInput(attrs={"type": "date"})


class CoverageForm(KernForm):
    bereich = forms.ChoiceField(label=_("Gebiet"), widget=FastSelect)
    kette = forms.ModelChoiceField(label=_("Prozesskette"), queryset=ProcessChain.objects.none(), empty_label=None,
                                   widget=FastSelect)
    stand = forms.DateField(label=_("Stand am"), required=False, widget=DATE_INPUT)
    vergleich = forms.DateField(label=_("Vergleichen mit"), required=False, widget=DATE_INPUT,
                                help_text=_("Zeigt, welche Zellen sich seit diesem Tag geöffnet oder geschlossen haben"))
    zielgruppe = vocabulary_field(TargetGroup, _("Zielgruppe"), _("alle Zielgruppen"))
    handlungsfeld = vocabulary_field(FieldOfAction, _("Handlungsfeld"), _("alle Handlungsfelder"))
    form = vocabulary_field(DeliveryMode, _("Angebotsform"), _("alle Angebotsformen"))
    sprache = vocabulary_field(Language, _("Sprache im Angebot"), _("alle Sprachen"))
    je_100k = forms.BooleanField(label=_("je 100 000 Einwohner*innen zeigen"), required=False)

    def __init__(self, data, *, user):
        self.networks = list(networks_of(user).prefetch_related("regions"))
        defaults = {"bereich": self._default_area(), "kette": getattr(ProcessChain.objects.default(), "pk", "")}
        super().__init__({**defaults, **{k: v for k, v in data.items() if v}})
        self.fields["bereich"].choices = [
            *((f"land:{s.ags}", s.name) for s in Region.objects.states().order_by("name")),
            *((f"gruppe:{g.pk}", f"{g.name} ({_('Regionsgruppe')})") for g in RegionGroup.objects.all()),
        ]
        self.fields["kette"].queryset = ProcessChain.objects.visible_to_network(self.networks)
        for name in ("zielgruppe", "handlungsfeld", "form", "sprache"):
            self.fields[name].load_choices()

    def _default_area(self):
        for network in self.networks:
            for region in network.regions.all():
                return f"land:{region.ags[:2]}"
        return "land:14"

    def clean_kette(self):
        return self.cleaned_data["kette"] or ProcessChain.objects.default()

    def districts(self) -> list[Region]:
        kind, _sep, key = self.cleaned_data["bereich"].partition(":")
        if kind == "gruppe":
            return list(RegionGroup.objects.get(pk=key).regions.districts().order_by("name"))
        return list(Region.objects.districts().filter(parent__ags=key).order_by("name"))

    def day(self):
        return self.cleaned_data.get("stand") or timezone.localdate()

    def query(self) -> CoverageQuery:
        """The parsed parameters, for `matrix.coverage_for` (the page, its Excel file and the API alike)."""
        data = self.cleaned_data
        return CoverageQuery(chain=data["kette"], day=self.day(), districts=self.districts(),
                             offers=apply_vocabulary_filters(Offer.objects.all(), data),
                             thresholds=CoverageThreshold.for_network(self.networks[0] if self.networks else None),
                             per_capita=bool(data.get("je_100k")), compare_with=data.get("vergleich"))


OPEN = "offen"


class RegisterFilterForm(KernForm):
    """Filters of the gap register; every one is backed by the register index or a foreign key index."""

    netzwerk = forms.ModelChoiceField(label=_("Netzwerk"), queryset=Network.objects.none(), required=False,
                                      empty_label=_("alle meine Netzwerke"), widget=FastSelect)
    status = forms.ChoiceField(label=_("Status"), required=False, widget=FastSelect)
    art = forms.ChoiceField(label=_("Art der Lücke"), required=False, widget=FastSelect)
    phase = forms.ModelChoiceField(label=_("Phase"), queryset=Phase.objects.none(), required=False,
                                   empty_label=_("alle Phasen"), widget=FastSelect)
    kreis = district_field()
    zielgruppe = vocabulary_field(TargetGroup, _("Zielgruppe"), _("alle Zielgruppen"))

    def __init__(self, data, *, networks):
        super().__init__({"status": OPEN, **{k: v for k, v in data.items() if v}})
        self.fields["netzwerk"].queryset = Network.objects.filter(pk__in=[n.pk for n in networks])
        self.fields["status"].choices = [(OPEN, _("offen (alle außer geschlossen)")), ("alle", _("alle")),
                                         *Gap.Status.choices]
        # Several similar offers are hints for coordination, not gaps: listed only when asked for.
        self.fields["art"].choices = [("", _("alle Lücken (ohne Doppelangebote)")), ("alle", _("alle Einträge")),
                                      *Gap.Kind.choices]
        self.fields["phase"].queryset = Phase.objects.filter(chain__is_default=True)
        self.fields["zielgruppe"].load_choices()

    def apply(self, gaps):
        if not self.is_valid():
            return gaps.none()
        data = self.cleaned_data
        status = data.get("status")
        gaps = gaps.open() if status == OPEN else gaps if status in ("alle", "") else gaps.filter(status=status)
        kind = data.get("art")
        if not kind:
            gaps = gaps.exclude(kind=Gap.Kind.DUPLICATES)
        elif kind != "alle":
            gaps = gaps.filter(kind=kind)
        for name, lookup in (("netzwerk", "network"), ("phase", "phase"), ("kreis", "district"),
                             ("zielgruppe", "target_group")):
            if data.get(name):
                gaps = gaps.filter(**{lookup: data[name]})
        return gaps


class BulkStatusForm(KernForm):
    """Several gaps of the register to one status (only gaps of networks the user manages can be chosen)."""

    luecken = forms.ModelMultipleChoiceField(label=_("Lücken"), queryset=Gap.objects.none(),
                                             error_messages={"required": _("Bitte mindestens eine Lücke auswählen."),
                                                             "invalid_choice": _("Diese Lücke können Sie nicht ändern.")})
    status = forms.ChoiceField(label=_("neuer Status"), choices=Gap.Status.choices, widget=FastSelect)
    note = forms.CharField(label=_("Notiz für den Verlauf"), required=False, max_length=2000)

    def __init__(self, data=None, *, user):
        super().__init__(data)
        self.fields["luecken"].queryset = Gap.objects.filter(network__in=Network.objects.managed_by(user),
                                                             closed_on__isnull=True)


class GapUpdateForm(KernForm):
    status = forms.ChoiceField(label=_("Status"), choices=Gap.Status.choices, widget=FastSelect)
    responsible = forms.ModelChoiceField(label=_("verantwortliche Organisation"), queryset=Organization.objects.none(),
                                         required=False, empty_label=_("noch niemand"), widget=FastSelect)
    note = forms.CharField(label=_("Notiz zur Änderung"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}), help_text=_("erscheint im Verlauf"))
    notes = forms.CharField(label=_("Notizen zur Lücke"), required=False, max_length=5000,
                            widget=forms.Textarea(attrs={"rows": 3}), help_text=_("z. B. Hintergründe, Ansprechpersonen"))

    version = VersionField()

    def __init__(self, data=None, *, gap):
        initial = {"status": gap.status, "responsible": gap.responsible_id, "notes": gap.notes, "version": gap.version}
        super().__init__(data, initial=initial)
        self.fields["responsible"].queryset = gap.network.member_organizations().order_by("name")


class MeasureForm(KernModelForm):
    class Meta:
        model = Measure
        fields = ["kind", "description", "responsible", "due_on", "status"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "due_on": forms.DateInput(attrs={"type": "date"}),
                   "kind": FastSelect, "responsible": FastSelect, "status": FastSelect}

    def __init__(self, *args, gap, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = gap.network.member_organizations().order_by("name")
        self.fields["responsible"].empty_label = _("noch offen")


class ThresholdForm(KernForm):
    """The network's minimum number of offers per cell, with optional overrides per phase."""

    standard = forms.IntegerField(label=_("Mindestzahl an Angeboten je Zelle"), min_value=1, max_value=99,
                                  help_text=_("Weniger Angebote gelten als „zu wenige“; kein Angebot ist immer eine Lücke."))

    def __init__(self, data=None, *, network, phases):
        current = CoverageThreshold.for_network(network)
        initial = {"standard": current.get(None, 1), **{f"phase_{p.pk}": current.get(p.pk) for p in phases}}
        super().__init__(data, initial=initial)
        self.phases = phases
        for phase in phases:
            self.fields[f"phase_{phase.pk}"] = forms.IntegerField(
                label=_("Phase %(n)s: %(name)s") % {"n": phase.position, "name": phase.name}, min_value=1,
                max_value=99, required=False, widget=forms.NumberInput(attrs={"class": "kern-form-input__input"}))

    def per_phase(self) -> dict:
        return {p.pk: self.cleaned_data[f"phase_{p.pk}"] for p in self.phases if self.cleaned_data.get(f"phase_{p.pk}")}


class DemandForm(KernModelForm):
    class Meta:
        model = DemandFigure
        fields = ["district", "phase", "target_group", "places_needed", "note"]
        widgets = {"district": FastSelect, "phase": FastSelect, "target_group": FastSelect}


class BaseDemandFormSet(forms.BaseModelFormSet):
    def __init__(self, *args, network, phases, districts, **kwargs):
        self.network, self.phases, self.districts = network, phases, districts
        super().__init__(*args, queryset=DemandFigure.objects.filter(network=network).select_related(
            "district", "phase", "target_group"), **kwargs)

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.fields["district"].queryset = Region.objects.filter(pk__in=[d.pk for d in self.districts]).order_by("name")
        form.fields["phase"].queryset = Phase.objects.filter(pk__in=[p.pk for p in self.phases])
        form.fields["target_group"].empty_label = _("alle Zielgruppen")
        return form

    def add_fields(self, form, index):
        super().add_fields(form, index)
        style_widgets(form.fields)


DemandFormSet = forms.modelformset_factory(DemandFigure, form=DemandForm, formset=BaseDemandFormSet, extra=2,
                                           can_delete=True, max_num=200)


class GraphFilterForm(KernForm):
    netzwerk = forms.ModelChoiceField(label=_("Netzwerk"), queryset=Network.objects.none(), empty_label=None,
                                      widget=FastSelect)
    kreis = district_field(empty_label=_("ganzes Netzwerkgebiet"))
    art = forms.ChoiceField(label=_("Art der Organisation"), required=False, widget=FastSelect)
    stand = forms.DateField(label=_("Stand am"), required=False, widget=DATE_INPUT,
                            help_text=_("Nur Verbindungen, die an diesem Tag bestanden (ohne Angabe: heute)"))
    vergleich = forms.DateField(label=_("Vergleichen mit"), required=False, widget=DATE_INPUT,
                                help_text=_("Zeigt, welche Verbindungen seit diesem Tag hinzugekommen oder "
                                            "weggefallen sind"))

    def __init__(self, data, *, networks):
        networks = list(networks)
        defaults = {"netzwerk": networks[0].pk} if networks else {}
        super().__init__({**defaults, **{k: v for k, v in data.items() if v}})
        self.fields["netzwerk"].queryset = Network.objects.filter(pk__in=[n.pk for n in networks])
        self.fields["art"].choices = [("", _("alle Arten")), *Organization.Kind.choices]

    def organizations(self):
        """The organisations to draw, or None for all of the network's."""
        data = self.cleaned_data
        if not data.get("kreis") and not data.get("art"):
            return None
        orgs = Organization.objects.all()
        if data.get("kreis"):
            orgs = orgs.filter(regions__in=[data["kreis"].pk, data["kreis"].parent_id])
        if data.get("art"):
            orgs = orgs.filter(kind=data["art"])
        return orgs.values("pk")

    def day(self):
        return self.cleaned_data.get("stand") or timezone.localdate()


class InterfaceForm(KernModelForm):
    class Meta:
        model = Interface
        fields = ["project_a", "project_b", "description", "status"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "project_a": FastSelect,
                   "project_b": FastSelect, "status": FastSelect}

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("project_a", "project_b"):
            self.fields[name].queryset = Project.objects.filter(network=network).order_by("name")
