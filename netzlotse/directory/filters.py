"""The directory's search form: one form serves the public page, the staff lists, exports and the API."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netzlotse.core.forms import FastSelect, KernForm
from netzlotse.network.models import Region, RegionGroup

from .models import DeliveryMode, FieldOfAction, Language, Offer, Phase, ProcessChain, TargetGroup


class CodeChoiceField(forms.ModelChoiceField):
    """Choices addressed by stable code in URLs (bookmarkable, import-compatible)."""

    def label_from_instance(self, obj):
        return str(obj.label)


class PhaseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class DistrictChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


SORTS = {
    "titel": ("title_de", _("Titel A–Z")),
    "neu": ("-created_at", _("zuletzt angelegt")),
    "bestaetigt": ("-last_verified", _("zuletzt bestätigt")),
    "ende": ("valid_until", _("endet bald")),
}


class OfferFilterForm(KernForm):
    q = forms.CharField(label=_("Suchbegriff"), required=False, max_length=200)
    phase = PhaseChoiceField(label=_("Phase der Prozesskette"), queryset=Phase.objects.none(), required=False,
                             widget=FastSelect, empty_label=_("alle Phasen"))
    kreis = DistrictChoiceField(label=_("Kreis / kreisfreie Stadt"), queryset=Region.objects.none(),
                                required=False, to_field_name="ags", widget=FastSelect, empty_label=_("alle Kreise"))
    region = forms.ModelChoiceField(label=_("Regionsgruppe / Förderregion"), queryset=RegionGroup.objects.none(),
                                    required=False, widget=FastSelect, empty_label=_("alle Regionen"))
    zielgruppe = CodeChoiceField(label=_("Zielgruppe"), queryset=TargetGroup.objects.none(), required=False,
                                 to_field_name="code", widget=FastSelect, empty_label=_("alle Zielgruppen"))
    handlungsfeld = CodeChoiceField(label=_("Handlungsfeld"), queryset=FieldOfAction.objects.none(),
                                    required=False, to_field_name="code", widget=FastSelect,
                                    empty_label=_("alle Handlungsfelder"))
    sprache = CodeChoiceField(label=_("Sprache im Angebot"), queryset=Language.objects.none(), required=False,
                              to_field_name="code", widget=FastSelect, empty_label=_("alle Sprachen"))
    form = CodeChoiceField(label=_("Angebotsform"), queryset=DeliveryMode.objects.none(), required=False,
                           to_field_name="code", widget=FastSelect, empty_label=_("alle Angebotsformen"))
    jetzt_offen = forms.BooleanField(label=_("jetzt geöffnet"), required=False)
    stand = forms.DateField(label=_("Stand am"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                            help_text=_("Verzeichnis so anzeigen, wie es an diesem Tag galt"))
    sortierung = forms.ChoiceField(label=_("Sortierung"), required=False, widget=FastSelect,
                                   choices=[(key, label) for key, (_field, label) in SORTS.items()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chain = ProcessChain.objects.default()
        self.fields["phase"].queryset = Phase.objects.filter(chain=chain) if chain else Phase.objects.none()
        self.fields["kreis"].queryset = Region.objects.districts().order_by("name")
        self.fields["region"].queryset = RegionGroup.objects.all()
        for name, model in (("zielgruppe", TargetGroup), ("handlungsfeld", FieldOfAction), ("sprache", Language),
                            ("form", DeliveryMode)):
            self.fields[name].queryset = model.objects.filter(is_active=True)

    def base_queryset(self, user=None):
        """Public view by default; a date switches to the directory as it stood then."""
        day = self.cleaned_data.get("stand") if self.is_valid() else None
        if day:
            return Offer.objects.as_of(day)
        if user is not None:
            return Offer.objects.visible_to(user)
        return Offer.objects.public()

    def apply(self, qs):
        if not self.is_valid():
            return qs.none()
        data = self.cleaned_data
        if data.get("q"):
            qs = qs.search(data["q"])
        if data.get("phase"):
            qs = qs.in_phase(data["phase"])
        if data.get("kreis"):
            qs = qs.in_district(data["kreis"])
        if data.get("region"):
            qs = qs.in_region_group(data["region"])
        if data.get("zielgruppe"):
            qs = qs.for_target_group(data["zielgruppe"])
        if data.get("handlungsfeld"):
            qs = qs.in_field(data["handlungsfeld"])
        if data.get("sprache"):
            qs = qs.speaking(data["sprache"])
        if data.get("form"):
            qs = qs.delivered_as(data["form"])
        if data.get("jetzt_offen"):
            qs = qs.open_at(timezone.now())
        sort_field = SORTS.get(data.get("sortierung") or "titel")[0]
        if sort_field == "title_de":
            return qs.order_by_title()
        return qs.order_by(sort_field, "pk")

    def results(self, user=None):
        qs = self.apply(self.base_queryset(user))
        return qs.select_related("provider").prefetch_related("phases__chain", "target_groups", "delivery_modes")

    def has_filters(self):
        return self.is_valid() and any(value for value in self.cleaned_data.values())
