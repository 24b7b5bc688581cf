from django import forms
from django.utils.translation import gettext_lazy as _

from netzlotse.core.forms import FastSelect, KernForm, KernModelForm
from netzlotse.directory.models import Phase, ResidenceStatus
from netzlotse.network.models import Project, Region

from .models import Contact, Need, Participant, ResidenceRecord

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ParticipantForm(KernModelForm):
    class Meta:
        model = Participant
        fields = ["first_name", "last_name", "birth_date", "gender", "postcode", "district", "phone", "email",
                  "german_level", "education"]
        widgets = {"birth_date": DATE, "gender": FastSelect, "district": FastSelect, "german_level": FastSelect,
                   "education": FastSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = Region.objects.districts().order_by("name")


class AdmissionForm(KernForm):
    """The case and the current residence status, entered with the participant."""

    project = forms.ModelChoiceField(label=_("Projekt"), queryset=Project.objects.none(), required=False,
                                     widget=FastSelect)
    phase = forms.ModelChoiceField(label=_("Phase der Prozesskette"), queryset=Phase.objects.none(), required=False,
                                   widget=FastSelect)
    opened_on = forms.DateField(label=_("aufgenommen am"), widget=DATE)
    residence_status = forms.ModelChoiceField(label=_("Aufenthaltsstatus"), queryset=ResidenceStatus.objects.none(),
                                              required=False, widget=FastSelect)
    valid_until = forms.DateField(label=_("Aufenthalt gültig bis"), required=False, widget=DATE)
    labour_market_access = forms.ChoiceField(label=_("Arbeitsmarktzugang"), required=False, widget=FastSelect,
                                             choices=[("", _("– bitte wählen –")), *ResidenceRecord.Access.choices])
    other_person = forms.BooleanField(label=_("Ich habe geprüft: es ist eine andere Person"), required=False)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.filter(lead__in=organizations).order_by("name")
        self.fields["phase"].queryset = Phase.objects.filter(chain__is_default=True)
        self.fields["residence_status"].queryset = ResidenceStatus.objects.filter(is_active=True)

    def clean(self):
        data = super().clean()
        if data.get("residence_status") and not data.get("labour_market_access"):
            self.add_error("labour_market_access", _("Bitte den Arbeitsmarktzugang zum Aufenthaltsstatus angeben."))
        return data


class ContactForm(KernModelForm):
    class Meta:
        model = Contact
        fields = ["kind", "date", "duration_minutes", "place", "notes", "next_contact_on"]
        widgets = {"kind": FastSelect, "date": DATE, "next_contact_on": DATE,
                   "notes": forms.Textarea(attrs={"rows": 4})}


class NeedForm(KernModelForm):
    class Meta:
        model = Need
        fields = ["kind", "status", "notes"]
        widgets = {"kind": FastSelect, "status": FastSelect, "notes": forms.Textarea(attrs={"rows": 3})}
