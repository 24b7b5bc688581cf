"""Organisations, projects, networks and cooperations: one list and one edit page per kind.

Each kind is described once in RESOURCES; every lookup is scoped through the
kind's `managed_by(user)` QuerySet method, so an object outside the user's
networks does not exist for them (404).
"""

from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from netzlotse.accounts import roles
from netzlotse.accounts.decorators import permission_required
from netzlotse.core.paging import paginate

from .forms import CooperationForm, MembershipFormSet, NetworkForm, OrganizationForm, ProgrammeForm, ProjectForm, RegionGroupForm
from .models import Cooperation, Network, Organization, Programme, Project, RegionGroup
from .services import network_save, organization_create


@dataclass(frozen=True)
class Resource:
    model: type
    form: type
    title: str
    singular: str
    columns: tuple  # (label, attribute path)
    related: tuple = ()


RESOURCES = {
    "organisationen": Resource(Organization, OrganizationForm, gettext_lazy("Organisationen"),
                               gettext_lazy("Organisation"),
                               ((gettext_lazy("Name"), "name"), (gettext_lazy("Art"), "get_kind_display"),
                                (gettext_lazy("Ort"), "city"))),
    "projekte": Resource(Project, ProjectForm, gettext_lazy("Projekte"), gettext_lazy("Projekt"),
                         ((gettext_lazy("Name"), "name"), (gettext_lazy("Projektträger"), "lead"),
                          (gettext_lazy("Förderprogramm"), "programme"), (gettext_lazy("Förderende"), "funding_ends_on")),
                         ("lead", "programme")),
    "netzwerke": Resource(Network, NetworkForm, gettext_lazy("Netzwerke"), gettext_lazy("Netzwerk"),
                          ((gettext_lazy("Name"), "name"), (gettext_lazy("Koordination"), "coordinator")),
                          ("coordinator",)),
    "kooperationen": Resource(Cooperation, CooperationForm, gettext_lazy("Kooperationen"),
                              gettext_lazy("Kooperation"),
                              ((gettext_lazy("von"), "source"), (gettext_lazy("Art"), "get_kind_display"),
                               (gettext_lazy("zu"), "target"), (gettext_lazy("seit"), "since")),
                              ("source", "target")),
    "foerderregionen": Resource(RegionGroup, RegionGroupForm, gettext_lazy("Regionsgruppen"),
                                gettext_lazy("Regionsgruppe"),
                                ((gettext_lazy("Name"), "name"), (gettext_lazy("Beschreibung"), "description"))),
    "programme": Resource(Programme, ProgrammeForm, gettext_lazy("Förderprogramme"), gettext_lazy("Förderprogramm"),
                          ((gettext_lazy("Name"), "name"), (gettext_lazy("Kurzname"), "short_name"),
                           (gettext_lazy("Ende"), "ends_on"))),
}


def _resource(kind: str) -> Resource:
    if kind not in RESOURCES:
        raise Http404
    return RESOURCES[kind]


def _cell(obj, path):
    value = getattr(obj, path)
    return value() if callable(value) else value


@require_GET
@permission_required(roles.EDIT_NETWORK)
def object_list(request, kind="organisationen"):
    resource = _resource(kind)
    objects = resource.model.objects.managed_by(request.user).select_related(*resource.related)
    if request.GET.get("q"):
        field = "source__name" if resource.model is Cooperation else "name"
        objects = objects.filter(**{f"{field}__icontains": request.GET["q"]})
    page = paginate(request, objects)
    rows = [(obj, [_cell(obj, path) for _label, path in resource.columns]) for obj in page]
    return render(request, "network/list.html", {"resource": resource, "kind": kind, "page": page, "rows": rows,
                                                 "kinds": RESOURCES})


@permission_required(roles.EDIT_NETWORK)
def object_edit(request, kind, pk=None):
    resource = _resource(kind)
    obj = get_object_or_404(resource.model.objects.managed_by(request.user), pk=pk) if pk else resource.model()
    form = resource.form(request.POST or None, instance=obj)
    members = MembershipFormSet(request.POST or None, instance=obj, prefix="mitglieder") \
        if resource.model is Network else None
    if request.method == "POST" and form.is_valid() and (members is None or members.is_valid()):
        if members is not None:
            network_save(form=form, members=members)
        elif resource.model is Organization and pk is None:
            organization_create(form=form, by=request.user)
        else:
            form.save()
        messages.success(request, _("%(what)s gespeichert.") % {"what": resource.singular})
        return redirect("network:list", kind)
    return render(request, "network/edit.html", {"resource": resource, "kind": kind, "form": form, "obj": obj,
                                                 "members": members})
