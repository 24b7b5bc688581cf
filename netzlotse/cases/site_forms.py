"""Forms for placement sites: the site itself, and the filters of the site list."""

from django import forms
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from netzlotse.accounts import roles
from netzlotse.core.forms import FastSelect, KernForm, KernModelForm
from netzlotse.core.locking import VersionedFormMixin
from netzlotse.network.forms import district_field
from netzlotse.network.models import Organization, Project, Region

from .models import PlacementSite

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def site_projects(user):
    """Projects a user may put sites into: led by or partnered with their organisations, or in their networks."""
    if roles.can(user, roles.MANAGE_ALL_SITES):
        return Project.objects.all()
    orgs = roles.organization_ids(user, roles.MANAGE_SITES)
    return Project.objects.filter(Q(lead__in=orgs) | Q(partners__in=orgs) | Q(network__coordinator__in=orgs)).distinct()


def keeps_access(user, organization, project) -> bool:
    """Whether the user can still keep a site of this organisation and project once it is saved."""
    if roles.can(user, roles.MANAGE_ALL_SITES):
        return True
    own = roles.organization_ids(user, roles.MANAGE_SITES)
    return organization.pk in own or project.lead_id in own or bool(
        project.network_id and project.network.coordinator_id in own)


LOSES_ACCESS = _("Sie könnten diese Einsatzstelle danach nicht mehr bearbeiten: Träger oder Projekt muss zu Ihrer "
                 "Organisation oder Ihrem Netzwerk gehören.")


class SiteForm(VersionedFormMixin, KernModelForm):

    class Meta:
        model = PlacementSite
        fields = ["name", "code", "organization", "project", "field_of_work", "description", "slots", "street",
                  "postcode", "city", "district", "german_level", "driving_licence", "physical_demand",
                  "hours_per_week", "valid_from", "valid_until", "contact_name", "contact_phone", "contact_email"]
        widgets = {"organization": FastSelect, "project": FastSelect, "district": FastSelect,
                   "field_of_work": FastSelect, "german_level": FastSelect, "physical_demand": FastSelect,
                   "valid_from": DATE, "valid_until": DATE, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["organization"].queryset = Organization.objects.managed_by(user).order_by("name")
        self.fields["project"].queryset = site_projects(user).order_by("name")
        self.fields["district"].queryset = Region.objects.districts().order_by("name")
        self.fields["slots"].min_value = 1
        self.fields["slots"].widget.attrs["min"] = 1

    def clean_slots(self):
        slots = self.cleaned_data["slots"]
        if slots is not None and slots < 1:
            raise forms.ValidationError(_("Eine Einsatzstelle hat mindestens einen Platz."))
        return slots

    def clean(self):
        data = super().clean()
        if data.get("valid_from") and data.get("valid_until") and data["valid_until"] < data["valid_from"]:
            self.add_error("valid_until", _("„gültig bis“ liegt vor „gültig ab“."))
        organization, project = data.get("organization"), data.get("project")
        if organization and project and not keeps_access(self.user, organization, project):
            self.add_error("project", LOSES_ACCESS)
        return data


class SiteFilterForm(KernForm):
    q = forms.CharField(label=_("Name oder Kennung"), required=False, max_length=100)
    traeger = forms.ModelChoiceField(label=_("Träger"), queryset=Organization.objects.none(), required=False,
                                     widget=FastSelect, empty_label=_("alle Träger"))
    projekt = forms.ModelChoiceField(label=_("Projekt"), queryset=Project.objects.none(), required=False,
                                     widget=FastSelect, empty_label=_("alle Projekte"))
    kreis = district_field()
    feld = forms.ChoiceField(label=_("Tätigkeitsfeld"), required=False, widget=FastSelect,
                             choices=[("", _("alle Tätigkeitsfelder")), *PlacementSite.Field.choices])
    stand = forms.ChoiceField(label=_("Stand"), required=False, widget=FastSelect, choices=[
        ("", _("in Betrieb")), ("archiviert", _("archiviert")), ("alle", _("alle"))])
    frei = forms.BooleanField(label=_("nur mit freien Plätzen"), required=False)

    def __init__(self, data, *, sites):
        super().__init__(data)
        self.fields["traeger"].queryset = Organization.objects.filter(
            pk__in=sites.values("organization")).order_by("name")
        self.fields["projekt"].queryset = Project.objects.filter(pk__in=sites.values("project")).order_by("name")
        self.fields["kreis"].queryset = Region.objects.filter(pk__in=sites.values("district")).order_by("name")

    def apply(self, sites):
        """The sites the filters ask for, with their occupancy counted in the same query."""
        data = self.cleaned_data
        state = data.get("stand")
        if state != "alle":
            sites = sites.filter(archived_on__isnull=state != "archiviert")
        for key, field in (("traeger", "organization"), ("projekt", "project"), ("kreis", "district"),
                           ("feld", "field_of_work")):
            if data.get(key):
                sites = sites.filter(**{field: data[key]})
        if data.get("q"):
            sites = sites.filter(Q(name__icontains=data["q"]) | Q(code__icontains=data["q"]))
        sites = sites.with_occupancy()
        if data.get("frei"):
            sites = sites.filter(slots__gt=F("taken"))
        return sites
