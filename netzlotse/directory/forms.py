from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from netzlotse.core.forms import FastSelect, FastSelectMultiple, KernForm, KernFormSet, KernModelForm
from netzlotse.core.locking import VersionedFormMixin
from netzlotse.core.translation import CONTENT_LANGUAGES
from netzlotse.network.models import Organization, Project, Region

from .models import Location, Offer, Phase, ProcessChain, ServiceChain
from .schedules import format_mobile_dates, format_opening_hours, parse_mobile_dates, parse_opening_hours
from .services import LocationData

TRANSLATED = [f"{name}_{lang}" for lang in CONTENT_LANGUAGES for name in ("title", "description")]
M2M_FIELDS = ["phases", "fields_of_action", "target_groups", "residence_statuses", "regions", "delivery_modes",
              "languages"]


class LabelledMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        if isinstance(obj, Phase) and not obj.chain.is_default:
            return f"{obj.chain.name}: {obj}"
        return str(obj)


class OfferForm(VersionedFormMixin, KernModelForm):
    class Meta:
        model = Offer
        fields = ["provider", "project", *TRANSLATED, "phases", "is_cross_phase", "fields_of_action",
                  "target_groups", "residence_statuses", "min_age", "max_age", "labour_market_access", "regions",
                  "delivery_modes", "languages", "capacity", "cost_eur", "contact_name", "contact_email",
                  "contact_phone", "website", "appointment", "appointment_note", "valid_from", "valid_until", "status",
                  "external_id"]
        widgets = {
            "valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "phases": forms.CheckboxSelectMultiple, "fields_of_action": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple, "residence_statuses": forms.CheckboxSelectMultiple,
            "delivery_modes": forms.CheckboxSelectMultiple, "languages": forms.CheckboxSelectMultiple,
            "regions": FastSelectMultiple(attrs={"size": 10, "class": "multi-select"}),
        }
        field_classes = dict.fromkeys(M2M_FIELDS, LabelledMultipleChoiceField)

    def __init__(self, *args, providers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = providers
        self.fields["project"].queryset = Project.objects.order_by("name")
        self.fields["phases"].queryset = Phase.objects.select_related("chain").order_by(
            "-chain__is_default", "chain__name", "position")
        self.fields["regions"].queryset = Region.objects.exclude(level=Region.Level.MUNICIPALITY).order_by(
            "level", "name")
        self.fields["regions"].help_text = _("Bundesländer oder Kreise; ein Bundesland gilt für alle seine Kreise. "
                                             "Mehrfachauswahl mit gedrückter Strg-Taste.")

    def clean(self):
        data = super().clean()
        if self.instance.pk is None and not data.get("is_cross_phase") and not data.get("phases"):
            self.add_error("phases", _("Wählen Sie mindestens eine Phase oder markieren Sie das Angebot als "
                                       "phasenübergreifend."))
        return data

    def m2m_data(self):
        return {name: self.cleaned_data[name] for name in M2M_FIELDS}


class LocationForm(KernForm):
    kind = forms.ChoiceField(label=_("Art"), choices=Location.Kind.choices, initial=Location.Kind.OFFICE)
    name = forms.CharField(label=_("Bezeichnung"), required=False, max_length=200)
    street = forms.CharField(label=_("Straße und Hausnummer"), required=False, max_length=200)
    postcode = forms.RegexField(label=_("PLZ"), regex=r"^\d{5}$", required=False,
                                error_messages={"invalid": _("Eine PLZ hat fünf Ziffern.")})
    city = forms.CharField(label=_("Ort"), max_length=100)
    district = forms.ModelChoiceField(label=_("Kreis"), queryset=Region.objects.none(), to_field_name="ags",
                                      widget=FastSelect)
    phone = forms.CharField(label=_("Telefon vor Ort"), required=False, max_length=50)
    accessibility_note = forms.CharField(label=_("Barrierefreiheit"), required=False, max_length=250,
                                         help_text=_("z. B. „Eingang ebenerdig, Aufzug, barrierefreies WC“"))
    hours = forms.CharField(label=_("Sprechzeiten"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                            help_text=_("z. B. „Mo 09:00-12:00, Do 13:00-16:00“"))
    dates = forms.CharField(label=_("Mobile Termine"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                            help_text=_("z. B. „2026-12-03 10:00-14:00; 2027-01-14 09:30-12:00“"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = Region.objects.districts().order_by("name")

    def clean_hours(self):
        return parse_opening_hours(self.cleaned_data["hours"])

    def clean_dates(self):
        return parse_mobile_dates(self.cleaned_data["dates"])

    def to_data(self) -> LocationData:
        d = self.cleaned_data
        return LocationData(kind=d["kind"], name=d["name"], street=d["street"], postcode=d["postcode"],
                            city=d["city"], district=d["district"], phone=d["phone"],
                            accessibility_note=d["accessibility_note"], hours=d["hours"], dates=d["dates"])

    @staticmethod
    def initial_for(location: Location) -> dict:
        return {"kind": location.kind, "name": location.name, "street": location.street,
                "postcode": location.postcode, "city": location.city, "district": location.district.ags,
                "phone": location.phone, "accessibility_note": location.accessibility_note,
                "hours": format_opening_hours(location.opening_hours.all()),
                "dates": format_mobile_dates(location.mobile_dates.all())}


LocationFormSet = forms.formset_factory(LocationForm, formset=KernFormSet, extra=1, can_delete=True, max_num=30)


class ChainForm(KernModelForm):
    class Meta:
        model = ProcessChain
        fields = ["name", "code", "description", "network"]


class PhaseForm(KernForm):
    code = forms.SlugField(label=_("Code"), max_length=60)
    name_de = forms.CharField(label=_("Name (Deutsch)"), max_length=200)
    name_en = forms.CharField(label=_("Name (Englisch)"), max_length=200, required=False)


class BasePhaseFormSet(KernFormSet):
    def clean(self):
        codes = [f.cleaned_data.get("code") for f in self.forms
                 if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        if len(codes) != len(set(codes)):
            raise ValidationError(_("Jeder Phasen-Code darf nur einmal vorkommen."))
        if not codes:
            raise ValidationError(_("Eine Prozesskette braucht mindestens eine Phase."))


PhaseFormSet = forms.formset_factory(PhaseForm, formset=BasePhaseFormSet, extra=1, can_delete=True,
                                     can_order=True, max_num=20)


def providers_for(user):
    return Organization.objects.managed_by(user).order_by("name")


class ServiceChainForm(KernModelForm):
    class Meta:
        model = ServiceChain
        fields = ["name", "network", "description"]


class ServiceChainStepForm(KernForm):
    title = forms.CharField(label=_("Schritt"), max_length=200)
    phase = forms.ModelChoiceField(label=_("Phase"), queryset=Phase.objects.none(), required=False)
    # An empty first choice, so an untouched extra step row counts as unchanged and is left out.
    responsible_kind = forms.ChoiceField(label=_("zuständig (Art der Organisation)"),
                                         choices=[("", "---------"), *Organization.Kind.choices])
    expected_days = forms.IntegerField(label=_("erwartete Dauer (Tage)"), min_value=1, max_value=730)

    def __init__(self, *args, phases=None, **kwargs):
        super().__init__(*args, **kwargs)
        if phases is not None:
            self.fields["phase"].queryset = phases
        self.fields["phase"].label_from_instance = LabelledMultipleChoiceField.label_from_instance.__get__(self)


ServiceChainStepFormSet = forms.formset_factory(ServiceChainStepForm, formset=KernFormSet, extra=1, can_delete=True,
                                                can_order=True, max_num=30, min_num=1, validate_min=True)
