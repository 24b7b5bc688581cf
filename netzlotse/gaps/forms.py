from functools import cached_property

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netzlotse.accounts import roles
from netzlotse.core.forms import FastSelect, KernForm
from netzlotse.directory.filters import apply_vocabulary_filters, vocabulary_field
from netzlotse.directory.models import DeliveryMode, FieldOfAction, Language, Offer, ProcessChain, TargetGroup
from netzlotse.network.models import Network, Region, RegionGroup


def networks_of(user):
    """The networks whose coverage a user reads: those they coordinate or whose member organisation they work for."""
    if roles.can(user, roles.EDIT_ALL_OFFERS):
        return Network.objects.all()
    orgs = roles.organization_ids(user)
    return Network.objects.filter(Q(coordinator__in=orgs) | Q(memberships__organization__in=orgs)).distinct()


class CoverageForm(KernForm):
    bereich = forms.ChoiceField(label=_("Gebiet"), widget=FastSelect)
    kette = forms.ModelChoiceField(label=_("Prozesskette"), queryset=ProcessChain.objects.none(), empty_label=None,
                                   widget=FastSelect)
    stand = forms.DateField(label=_("Stand am"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    vergleich = forms.DateField(label=_("Vergleichen mit"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}),
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

    def offers(self):
        return apply_vocabulary_filters(Offer.objects.all(), self.cleaned_data)

    @cached_property
    def thresholds(self) -> dict:
        from .models import CoverageThreshold

        return CoverageThreshold.for_network(self.networks[0] if self.networks else None)
