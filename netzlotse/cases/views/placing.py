"""Pages that change a case's course: placements (book a slot or join the waiting list, start, end with
its reason), the exit and reopening, and a new residence status."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from netzlotse.accounts import roles
from netzlotse.accounts.decorators import personal_data_view
from netzlotse.core.locking import EditedMeanwhile, edited_meanwhile_message

from .. import access
from ..access import case_for
from ..forms import PlacementEndForm, PlacementForm
from ..models import Placement, PlacementSite
from ..services import AlreadyPlaced, SiteFull, placement_book, placement_cancel, placement_end, placement_start


def _sites(user):
    return (PlacementSite.objects.for_organizations(roles.organization_ids(user)).bookable()
            .select_related("project").with_occupancy().order_by("name", "pk"))


@require_http_methods(["GET", "POST"])
@personal_data_view
def book(request, pk):
    case = case_for(request.user, pk, part=access.BOOKING, reading=request.method == "GET")
    # A site chosen on the matching page arrives as `einsatzstelle`; a value that is no site selects nothing.
    form = PlacementForm(request.POST or None, sites=_sites(request.user),
                         initial={"start": timezone.localdate(), "site": request.GET.get("einsatzstelle")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            placement_book(case=case, site=data["site"], start=data["start"], planned_end=data["planned_end"],
                           by=request.user)
        except SiteFull:
            messages.warning(request, _("Alle Plätze von %(site)s sind belegt; die Person steht auf der Warteliste.")
                             % {"site": data["site"].name})
        except AlreadyPlaced as held:
            form.add_error("site", _already_placed(held.placement))
        else:
            messages.success(request, _("Der Platz ist gebucht."))
        if not form.errors:
            return redirect("cases:case", pk=case.pk)
    return render(request, "cases/record.html", {"case": case, "form": form, "title": _("Platz in einer Einsatzstelle buchen")})


@require_POST
@personal_data_view
def start(request, pk, placement_pk):
    case = case_for(request.user, pk, part=access.PLACEMENT, reading=False)
    placement = get_object_or_404(case.placements.filter(status=Placement.Status.PLANNED), pk=placement_pk)
    placement_start(placement=placement, by=request.user)
    messages.success(request, _("Die Platzierung läuft."))
    return redirect("cases:case", pk=case.pk)


@require_http_methods(["GET", "POST"])
@personal_data_view
def end(request, pk, placement_pk):
    case = case_for(request.user, pk, part=access.PLACEMENT, reading=request.method == "GET")
    placement = get_object_or_404(case.placements.filter(status=Placement.Status.ACTIVE), pk=placement_pk)
    form = PlacementEndForm(request.POST or None, initial={"day": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ended = placement_end(placement=placement, reason=data["reason"], early=data["early"], day=data["day"],
                              by=request.user)
        messages.success(request, _("Die Platzierung ist beendet; der Platz ist wieder frei."))
        _tell_moved_up(request, ended)
        return redirect("cases:case", pk=case.pk)
    return render(request, "cases/record.html", {"case": case, "form": form, "title": _("Platzierung beenden")})


@require_POST
@personal_data_view
def cancel(request, pk, placement_pk):
    """Call off a planned placement or take the person off the waiting list."""
    case = case_for(request.user, pk, part=access.PLACEMENT, reading=False)
    placement = get_object_or_404(case.placements.filter(
        status__in=[Placement.Status.PLANNED, Placement.Status.WAITING]), pk=placement_pk)
    cancelled = placement_cancel(placement=placement, by=request.user)
    messages.success(request, _("Die Platzierung ist abgesagt."))
    _tell_moved_up(request, cancelled)
    return redirect("cases:case", pk=case.pk)


def _already_placed(placement) -> str:
    if placement.status == Placement.Status.WAITING:
        return _("Die Person steht schon auf der Warteliste von %(site)s.") % {"site": placement.site.name}
    return _("Die Person hat schon einen Platz in %(site)s (%(state)s). Eine Person hat einen Platz zur Zeit; "
             "beenden oder sagen Sie diese Platzierung zuerst ab.") % {
        "site": placement.site.name, "state": placement.get_status_display()}


def _tell_moved_up(request, placement):
    if placement.moved_up is not None:
        messages.info(request, _("%(code)s rückt von der Warteliste nach (Beginn frühestens %(day)s).") % {
            "code": placement.moved_up.case.participant.code, "day": placement.moved_up.planned_start.strftime("%d.%m.%Y")})


@require_http_methods(["GET", "POST"])
@personal_data_view
def close(request, pk):
    """Exit: the outcome and whether it was early; a closed case can be reopened (logged)."""
    from ..forms import CloseForm
    from ..services import case_close, case_reopen

    case = case_for(request.user, pk, part=access.EXIT, reading=request.method == "GET")
    if not case.is_open:
        if request.method == "POST":
            case_reopen(case=case, by=request.user, reason=request.POST.get("reason", ""))
            messages.success(request, _("Der Fall ist wieder aufgenommen."))
        return redirect("cases:case", pk=case.pk)
    form = CloseForm(request.POST or None, initial={"day": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case_close(case=case, outcome=data["outcome"], early=data["early"], day=data["day"], by=request.user)
        except ValueError:
            form.add_error("day", _("Der Fall kann nicht vor seiner Aufnahme enden."))
        else:
            messages.success(request, _("Der Fall ist beendet."))
            return redirect("cases:case", pk=case.pk)
    return render(request, "cases/record.html", {"case": case, "form": form, "title": _("Austritt erfassen")})


@require_http_methods(["GET", "POST"])
@personal_data_view
def residence(request, pk):
    from ..forms import ResidenceForm
    from ..services import residence_change

    case = case_for(request.user, pk, part=access.RESIDENCE, reading=request.method == "GET")
    form = ResidenceForm(request.POST or None, initial={"recorded_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        residence_change(case=case, record=form.save(commit=False), by=request.user)
        messages.success(request, _("Der Aufenthaltsstatus ist aktualisiert."))
        return redirect("cases:case", pk=case.pk)
    return render(request, "cases/record.html", {"case": case, "form": form, "title": _("Aufenthaltsstatus ändern")})


@require_http_methods(["GET", "POST"])
@personal_data_view
def plan(request, pk):
    from ..forms import PlanForm
    from ..services import plan_save

    case = case_for(request.user, pk, part=access.PLAN, reading=request.method == "GET")
    form = PlanForm(request.POST or None, instance=case)
    if request.method == "POST" and form.is_valid():
        try:
            plan_save(case=form.save(commit=False), by=request.user, version=form.cleaned_data["version"])
        except EditedMeanwhile:
            last = case.participant.changes.filter(record="plan").select_related("by").order_by("-at").first()
            form.add_error(None, edited_meanwhile_message(last.summary() if last else ""))
        else:
            messages.success(request, _("Der Fallplan ist gespeichert."))
            return redirect("cases:case", pk=case.pk)
    return render(request, "cases/record.html", {"case": case, "form": form, "title": _("Fallplan bearbeiten")})


@require_http_methods(["GET", "POST"])
@personal_data_view
def esf(request, pk):
    """The ESF+ entry questions (special categories may be declined) and the results after the exit."""
    from ..forms import EsfForm
    from ..models import EsfRecord
    from ..services import esf_record_save

    case = case_for(request.user, pk, part=access.ESF, reading=request.method == "GET")
    record = EsfRecord.objects.filter(case=case).first() or EsfRecord(case=case)
    form = EsfForm(request.POST or None, instance=record, case=case)
    if request.method == "POST" and form.is_valid():
        esf_record_save(case=case, record=form.save(commit=False), by=request.user)
        messages.success(request, _("Die ESF+-Angaben sind gespeichert."))
        return redirect("cases:case", pk=case.pk)
    return render(request, "cases/record.html", {"case": case, "form": form, "title": _("ESF+-Angaben"),
                                                 "intro": _("Angaben für die gemeinsamen Indikatoren des ESF+. Fragen "
                                                            "zu Behinderung und Minderheit darf die Person ohne "
                                                            "Begründung unbeantwortet lassen.")})
