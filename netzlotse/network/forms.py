from django import forms
from django.utils.translation import gettext_lazy as _

from netzlotse.core.forms import FastSelect, FastSelectMultiple, KernModelForm

from .models import Cooperation, Network, NetworkMembership, Organization, Programme, Project, Region, RegionGroup

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# A district is chosen, linked and sent in every URL by its official key (Amtlicher Gemeindeschlüssel, e.g.
# 14612 for Dresden), never by a database id: links between the directory, the gap pages, the site list and
# the monitoring filters carry the same value, and a bookmark survives a reload of the region data.
DISTRICT_KEY = "ags"


def district_field(*, empty_label=None) -> forms.ModelChoiceField:
    """The one district filter; a form narrows `queryset` to the districts it offers."""
    return forms.ModelChoiceField(label=_("Kreis"), queryset=Region.objects.districts().order_by("name"),
                                  required=False, empty_label=empty_label or _("alle Kreise"), widget=FastSelect,
                                  to_field_name=DISTRICT_KEY)


class OrganizationForm(KernModelForm):
    class Meta:
        model = Organization
        fields = ["name", "kind", "parent", "regions", "description", "email", "phone", "website", "street",
                  "postcode", "city", "external_id"]
        widgets = {"regions": forms.SelectMultiple(attrs={"size": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regions"].queryset = Region.objects.exclude(level=Region.Level.MUNICIPALITY).order_by(
            "level", "name")
        self.fields["parent"].queryset = Organization.objects.exclude(pk=self.instance.pk)


class ProjectForm(KernModelForm):
    class Meta:
        model = Project
        fields = ["name", "code", "description", "programme", "network", "lead", "partners", "funding_starts_on",
                  "funding_ends_on", "funding_region", "planned_participants", "planned_slots"]
        widgets = {"funding_starts_on": DATE, "funding_ends_on": DATE,
                   "partners": forms.SelectMultiple(attrs={"size": 8})}


class NetworkForm(KernModelForm):
    class Meta:
        model = Network
        fields = ["name", "description", "coordinator", "regions"]
        widgets = {"regions": forms.SelectMultiple(attrs={"size": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regions"].queryset = Region.objects.exclude(level=Region.Level.MUNICIPALITY).order_by(
            "level", "name")


class MembershipForm(KernModelForm):
    class Meta:
        model = NetworkMembership
        fields = ["organization", "role", "since", "until"]
        widgets = {"since": DATE, "until": DATE}


MembershipFormSet = forms.inlineformset_factory(Network, NetworkMembership, form=MembershipForm, extra=2,
                                                can_delete=True)


class CooperationForm(KernModelForm):
    class Meta:
        model = Cooperation
        fields = ["source", "kind", "target", "network", "since", "until", "note"]
        widgets = {"since": DATE, "until": DATE, "note": forms.Textarea(attrs={"rows": 3})}
        labels = {"source": _("Von Organisation"), "target": _("Zu Organisation")}


class RegionGroupForm(KernModelForm):
    class Meta:
        model = RegionGroup
        fields = ["name", "description", "regions"]
        widgets = {"regions": FastSelectMultiple(attrs={"size": 12, "class": "multi-select"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regions"].queryset = Region.objects.exclude(level=Region.Level.STATE).order_by("name")


class ProgrammeForm(KernModelForm):
    class Meta:
        model = Programme
        fields = ["name", "short_name", "description", "funders", "starts_on", "ends_on"]
        widgets = {"starts_on": DATE, "ends_on": DATE, "funders": FastSelectMultiple(attrs={"size": 8, "class": "multi-select"})}
