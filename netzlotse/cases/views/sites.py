"""Placement sites for the people who keep them (provider staff, coordinators): the list with free, taken and
waiting slots, the Excel export, the site form and archiving. No person is shown here, only counts, so these
pages need no second factor."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netzlotse.accounts import roles
from netzlotse.accounts.decorators import permission_required
from netzlotse.core.locking import EditedMeanwhile, edited_meanwhile_message
from netzlotse.core.paging import paginate
from netzlotse.core.xlsx import xlsx_download, xlsx_response
from netzlotse.directory.models import ImportRun
from netzlotse.directory.views.imports import UploadForm, checked_run, checked_upload, refused_import

from ..models import PlacementSite
from ..services import SlotsBelowTaken, site_archive, site_save
from ..site_forms import SiteFilterForm, SiteForm
from ..site_imports import SHEET, sites_import, template_bytes


def site_for(user, pk) -> PlacementSite:
    """A site the user keeps; any other is a 404."""
    return get_object_or_404(PlacementSite.objects.managed_by(user), pk=pk)


@require_GET
@permission_required(roles.MANAGE_SITES)
def site_list(request):
    mine = PlacementSite.objects.managed_by(request.user)
    form = SiteFilterForm(request.GET, sites=mine)
    if not form.is_valid():
        return render(request, "cases/sites/list.html", {"form": form, "page": None}, status=400)
    sites = form.apply(mine).select_related("organization", "project", "district").order_by("name", "pk")
    if request.GET.get("format") == "xlsx":
        return _export(sites)
    return render(request, "cases/sites/list.html", {"form": form, "page": paginate(request, sites),
                                                     "query": request.GET.urlencode()})


def _export(sites):
    headers = [_("Kennung"), _("Name"), _("Träger"), _("Projekt"), _("Tätigkeitsfeld"), _("Adresse"), _("Kreis"),
               _("Plätze"), _("belegt"), _("geplant"), _("frei"), _("Warteliste"), _("Deutschkenntnisse"),
               _("Führerschein"), _("körperliche Anforderung"), _("Stunden pro Woche"), _("gültig ab"),
               _("gültig bis"), _("Ansprechperson"), _("Telefon"), _("E-Mail"), _("archiviert am")]
    rows = [[s.code or "", s.name, s.organization.name, s.project.name, s.get_field_of_work_display(), s.address_line,
             s.district.label if s.district else "", s.slots, s.active, s.planned, max(0, s.slots - s.taken), s.waiting,
             s.german_level, _("ja") if s.driving_licence else _("nein"), s.get_physical_demand_display(),
             s.hours_per_week or "", s.valid_from or "", s.valid_until or "", s.contact_name, s.contact_phone,
             s.contact_email, s.archived_on or ""] for s in sites]
    return xlsx_response("einsatzstellen.xlsx", {_("Einsatzstellen"): (headers, rows)})


@require_http_methods(["GET", "POST"])
@permission_required(roles.MANAGE_SITES)
def site_edit(request, pk=None):
    site = site_for(request.user, pk) if pk else PlacementSite()
    if site.is_archived:
        raise PermissionDenied
    form = SiteForm(request.POST or None, instance=site, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            site_save(site=form.save(commit=False), version=form.cleaned_data.get("version"))
        except SlotsBelowTaken as below:
            form.add_error("slots", _("%(n)d Plätze sind belegt oder fest geplant; weniger Plätze gehen erst, wenn "
                                      "Platzierungen enden.") % {"n": below.taken})
        except EditedMeanwhile:
            form.add_error(None, edited_meanwhile_message())
        else:
            messages.success(request, _("Die Einsatzstelle ist gespeichert."))
            return redirect("sites:list")
    return render(request, "cases/sites/edit.html", {"form": form, "site": site})


@require_POST
@permission_required(roles.MANAGE_SITES)
def site_remove(request, pk):
    site = site_for(request.user, pk)
    try:
        archived = site_archive(site=site, by=request.user)
    except SlotsBelowTaken as taken:
        messages.error(request, _("%(site)s hat noch %(n)d belegte oder geplante Plätze; diese Platzierungen müssen "
                                  "erst enden.") % {"site": site.name, "n": taken.taken})
        return redirect("sites:list")
    messages.success(request, _("%(site)s ist archiviert; die Platzierungen bleiben im Verlauf.") % {"site": site.name}
                     if archived else _("%(site)s ist gelöscht.") % {"site": site.name})
    return redirect("sites:list")


_VIEWS = {"run_view": "sites:import_run", "upload_view": "sites:import"}


@require_http_methods(["GET", "POST"])
@permission_required(roles.MANAGE_SITES)
def import_upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        plan = sites_import(filename=upload.name, content=content, user=request.user, dry_run=True)
        return checked_upload(request, plan, filename=upload.name, content=content, kind=ImportRun.Kind.SITES,
                              **_VIEWS)
    return render(request, "cases/sites/import.html", {"form": form})


@require_GET
@permission_required(roles.MANAGE_SITES)
def import_template(request):
    return xlsx_download(template_bytes(), "einsatzstellen-vorlage.xlsx")


@require_POST
@permission_required(roles.MANAGE_SITES)
def import_run(request, pk):
    run = checked_run(request, pk, ImportRun.Kind.SITES)
    plan = sites_import(filename=run.filename, content=bytes(run.content), user=request.user)
    if refused := refused_import(request, run, plan, **_VIEWS):
        return refused
    counts = plan.counts()[SHEET]
    messages.success(request, _("Import abgeschlossen: %(new)d neue, %(changed)d geänderte Einsatzstellen.")
                     % {"new": counts["neu"], "changed": counts["aktualisieren"]})
    return redirect("sites:list")
