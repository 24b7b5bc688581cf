"""The minutes form of a meeting: what the network talked about (choices from the organiser's networks only)
and the actions agreed, one row each."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from netzlotse.accounts import roles
from netzlotse.accounts.models import User
from netzlotse.core.forms import KernFormMixin, KernModelForm, style_widgets
from netzlotse.directory.models import ServiceChain
from netzlotse.gaps.models import Gap, Interface
from netzlotse.network.models import Network, Organization

from .models import Action, Minutes

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def networks_of(event):
    """The networks the organiser belongs to or coordinates: what their meeting may be about."""
    return Network.objects.filter(Q(members=event.organizer_id) | Q(coordinator=event.organizer_id)).distinct()


def people_of(event):
    """Who may take on an action: the staff of the organisations in the organiser's networks who may read
    minutes (and so see the action on their start page)."""
    networks = networks_of(event)
    orgs = Organization.objects.filter(Q(networks__in=networks) | Q(coordinated_networks__in=networks)
                                       | Q(pk=event.organizer_id))
    return User.objects.filter(is_active=True, memberships__organization__in=orgs,
                               memberships__role__in=roles.granting(roles.READ_MINUTES)).distinct().order_by(
        "last_name", "first_name", "username")


class MinutesForm(KernModelForm):
    class Meta:
        model = Minutes
        fields = ["agenda", "participants", "other_participants", "results", "gaps", "interfaces", "service_chains"]
        widgets = {"agenda": forms.Textarea(attrs={"rows": 5}), "results": forms.Textarea(attrs={"rows": 8}),
                   "participants": forms.SelectMultiple(attrs={"size": 8}),
                   "gaps": forms.SelectMultiple(attrs={"size": 6}),
                   "interfaces": forms.SelectMultiple(attrs={"size": 5}),
                   "service_chains": forms.SelectMultiple(attrs={"size": 4})}

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        networks = networks_of(event)
        self.fields["participants"].queryset = Organization.objects.filter(
            Q(networks__in=networks) | Q(coordinated_networks__in=networks) | Q(pk=event.organizer_id)
        ).distinct().order_by("name")
        self.fields["gaps"].queryset = Gap.objects.of_networks(networks).select_related("district", "phase").order_by(
            "district__name", "phase__position")
        self.fields["interfaces"].queryset = Interface.objects.filter(network__in=networks).select_related(
            "project_a", "project_b")
        self.fields["service_chains"].queryset = ServiceChain.objects.filter(network__in=networks)
        for name in ("gaps", "interfaces", "service_chains"):  # a network without any: no empty list to puzzle over
            if not self.fields[name].queryset.exists():
                del self.fields[name]


class UserChoice(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name() or user.username


class ActionForm(KernFormMixin, forms.ModelForm):
    done = forms.BooleanField(label=_("erledigt"), required=False)

    class Meta:
        model = Action
        fields = ["text", "owner", "due_on"]
        widgets = {"due_on": DATE}
        field_classes = {"owner": UserChoice}

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people
        self.fields["done"].initial = bool(self.instance.done_on)


class BaseActionFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args, people=None, **kwargs):
        self.people = people
        super().__init__(*args, **kwargs)

    def add_fields(self, form, index):
        super().add_fields(form, index)
        style_widgets(form.fields)  # the DELETE box comes after the form's own styling

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "people": self.people}


ActionFormSet = forms.inlineformset_factory(Minutes, Action, form=ActionForm, formset=BaseActionFormSet, extra=3,
                                            can_delete=True, max_num=50)
