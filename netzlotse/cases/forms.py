from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from netzlotse.core.forms import FastSelect, FastSelectMultiple, KernForm, KernModelForm
from netzlotse.core.locking import VersionedFormMixin
from netzlotse.directory.models import FieldOfAction, Phase, ResidenceStatus, TargetGroup
from netzlotse.network.models import Organization, Project, Region

from .models import (
    Answer,
    Case,
    Consent,
    Contact,
    DataCategory,
    EsfRecord,
    Need,
    Participant,
    Placement,
    Purpose,
    ResidenceRecord,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ParticipantForm(KernModelForm):
    class Meta:
        model = Participant
        fields = ["first_name", "last_name", "birth_date", "gender", "postcode", "district", "phone", "email",
                  "german_level", "education", "driving_licence"]
        widgets = {"birth_date": DATE, "gender": FastSelect, "district": FastSelect, "german_level": FastSelect,
                   "education": FastSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = Region.objects.districts().order_by("name")


class PersonForm(ParticipantForm):
    """Correcting or completing a person's data later, with languages and target groups."""

    class Meta(ParticipantForm.Meta):
        fields = [*ParticipantForm.Meta.fields, "languages", "target_groups"]
        widgets = {**ParticipantForm.Meta.widgets, "languages": forms.CheckboxSelectMultiple,
                   "target_groups": forms.CheckboxSelectMultiple}


class AdmissionForm(KernForm):
    """The case and the current residence status, entered with the participant."""

    project = forms.ModelChoiceField(label=_("Projekt"), queryset=Project.objects.none(), required=False,
                                     widget=FastSelect)
    phase = forms.ModelChoiceField(label=_("Phase der Prozesskette"), queryset=Phase.objects.none(), required=False,
                                   widget=FastSelect)
    jobcenter = forms.ModelChoiceField(label=_("zuständiges Jobcenter"), queryset=Organization.objects.none(),
                                       required=False, widget=FastSelect)
    opened_on = forms.DateField(label=_("aufgenommen am"), widget=DATE)
    residence_status = forms.ModelChoiceField(label=_("Aufenthaltsstatus"), queryset=ResidenceStatus.objects.none(),
                                              required=False, widget=FastSelect)
    valid_until = forms.DateField(label=_("Aufenthalt gültig bis"), required=False, widget=DATE)
    labour_market_access = forms.ChoiceField(label=_("Arbeitsmarktzugang"), required=False, widget=FastSelect,
                                             choices=[("", _("– bitte wählen –")), *ResidenceRecord.Access.choices])
    other_person = forms.BooleanField(label=_("Ich habe geprüft: es ist eine andere Person"), required=False)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        # Projects the organisation leads, is a partner of, or whose network it coordinates (joint projects).
        self.fields["project"].queryset = Project.objects.filter(
            Q(lead__in=organizations) | Q(partners__in=organizations) | Q(network__coordinator__in=organizations)
        ).distinct().order_by("name")
        self.fields["phase"].queryset = Phase.objects.filter(chain__is_default=True)
        self.fields["jobcenter"].queryset = Organization.objects.filter(kind=Organization.Kind.JOBCENTER).order_by("name")
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


class ConsentForm(KernModelForm):
    data_categories = forms.MultipleChoiceField(label=_("Datenkategorien, die weitergegeben werden dürfen"),
                                                choices=DataCategory.choices, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Consent
        fields = ["for_referral", "for_case_conference", "for_placement", "recipients", "data_categories",
                  "text_version", "granted_on", "valid_until"]
        widgets = {"recipients": FastSelectMultiple(attrs={"size": 8, "class": "multi-select"}),
                   "granted_on": DATE, "valid_until": DATE}

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipients"].queryset = organizations

    def clean(self):
        data = super().clean()
        if not any(data.get(f"for_{p.value}") for p in Purpose):
            raise forms.ValidationError(_("Bitte mindestens einen Zweck ankreuzen."))
        if data.get("granted_on") and data.get("valid_until") and data["valid_until"] < data["granted_on"]:
            self.add_error("valid_until", _("Das Ende liegt vor dem Tag der Erteilung."))
        return data


class UnmetForm(KernForm):
    """No suitable offer: which cell the person needed (a demand signal for the gap analysis)."""

    phase = forms.ModelChoiceField(label=_("Phase"), queryset=Phase.objects.none(), widget=FastSelect)
    district = forms.ModelChoiceField(label=_("Kreis"), queryset=Region.objects.none(), widget=FastSelect)
    target_group = forms.ModelChoiceField(label=_("Zielgruppe"), queryset=TargetGroup.objects.all(), required=False,
                                          widget=FastSelect)
    field_of_action = forms.ModelChoiceField(label=_("Handlungsfeld"), queryset=FieldOfAction.objects.all(),
                                             required=False, widget=FastSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = Phase.objects.filter(chain__is_default=True)
        self.fields["district"].queryset = Region.objects.districts().order_by("name")


class PlacementForm(KernForm):
    site = forms.ModelChoiceField(label=_("Einsatzstelle"), queryset=None, widget=FastSelect)
    start = forms.DateField(label=_("Beginn"), widget=DATE)
    planned_end = forms.DateField(label=_("geplantes Ende"), required=False, widget=DATE)

    def __init__(self, *args, sites, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites
        self.fields["site"].label_from_instance = site_label

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("planned_end") and data["planned_end"] < data["start"]:
            self.add_error("planned_end", _("Das Ende liegt vor dem Beginn."))
        return data


def site_label(site) -> str:
    """Sites often share a name (several gardens of one provider): the project and the free slots tell them apart,
    and a full site says that booking it means the waiting list."""
    free = site.free_slots
    state = (_("%(n)d frei") % {"n": free}) if free else _("voll – Warteliste")
    return f"{site.name} · {site.project.name} · {state}"


class PlacementEndForm(KernForm):
    reason = forms.ChoiceField(label=_("Grund des Endes"), choices=Placement.EndReason.choices, widget=FastSelect)
    early = forms.BooleanField(label=_("vorzeitig beendet"), required=False)
    day = forms.DateField(label=_("beendet am"), widget=DATE)


class CloseForm(KernForm):
    outcome = forms.ChoiceField(label=_("Verbleib beim Austritt"), choices=Case.Outcome.choices, widget=FastSelect)
    early = forms.BooleanField(label=_("vorzeitiger Austritt"), required=False)
    day = forms.DateField(label=_("beendet am"), widget=DATE)


class ResidenceForm(KernModelForm):
    class Meta:
        model = ResidenceRecord
        fields = ["status", "valid_until", "labour_market_access", "work_ban", "recorded_on"]
        widgets = {"status": FastSelect, "labour_market_access": FastSelect, "valid_until": DATE, "recorded_on": DATE}


class PlanForm(VersionedFormMixin, KernModelForm):
    """The case plan after the four phases: profiling (strengths), goals, strategy and offers, follow-up."""

    class Meta:
        model = Case
        fields = ["phase", "jobcenter", "strengths", "goals", "strategy", "follow_up"]
        widgets = {"phase": FastSelect, "jobcenter": FastSelect,
                   **{name: forms.Textarea(attrs={"rows": 4}) for name in ("strengths", "goals", "strategy", "follow_up")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = Phase.objects.filter(chain__is_default=True)
        # Corrected here when admission named the wrong one; the monitoring counts the case under the new one.
        self.fields["jobcenter"].queryset = Organization.objects.filter(kind=Organization.Kind.JOBCENTER).order_by("name")


LEAVING_FIELDS = ["job_searching", "in_education", "qualification", "in_employment"]
SIX_MONTH_FIELDS = ["employed_after_six_months", "improved_after_six_months"]


class EsfForm(KernModelForm):
    """The ESF+ entry questions and, after the exit, the results four weeks and six months later."""

    class Meta:
        model = EsfRecord
        fields = ["employment", "long_term_unemployed", "disability", "third_country_national", "foreign_background",
                  "minority", "homeless", "rural", *LEAVING_FIELDS, *SIX_MONTH_FIELDS]
        widgets = {"employment": forms.RadioSelect, "disability": forms.RadioSelect, "minority": forms.RadioSelect,
                   "third_country_national": forms.RadioSelect, "foreign_background": forms.RadioSelect,
                   "homeless": forms.RadioSelect}

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.fields["employment"].choices = list(EsfRecord.Employment.choices)
        for name in ("disability", "third_country_national", "foreign_background", "minority", "homeless"):
            self.fields[name].choices = list(Answer.choices)
        for name in SIX_MONTH_FIELDS:
            self.fields[name].widget.choices = [("unknown", _("noch nicht erfragt")), ("true", _("ja")),
                                                ("false", _("nein"))]

    def clean(self):
        data = super().clean()
        if data.get("long_term_unemployed") and data.get("employment") != EsfRecord.Employment.UNEMPLOYED:
            self.add_error("long_term_unemployed", _("Langzeitarbeitslos kann nur sein, wer arbeitslos ist."))
        answered_results = any(data.get(name) for name in LEAVING_FIELDS) or any(
            data.get(name) is not None for name in SIX_MONTH_FIELDS)
        if self.case.is_open and answered_results:
            self.add_error(None, _("Die Ergebnisse nach der Teilnahme werden erst nach dem Austritt erfasst."))
        # Upon leaving, a person counts as job searching or as in employment, never both (the later one counts).
        if data.get("job_searching") and data.get("in_employment"):
            self.add_error("job_searching", _("Bitte nur eines: auf Arbeitsuche oder erwerbstätig (das spätere)."))
        return data
