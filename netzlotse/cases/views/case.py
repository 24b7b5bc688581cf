"""Case pages. Every one is a personal-data view: second factor required, access logged."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from netzlotse.accounts import roles
from netzlotse.accounts.decorators import personal_data_view
from netzlotse.core.forms import FastSelect, KernForm
from netzlotse.core.paging import paginate

from .. import access
from ..access import case_for, case_parts, counselling_organizations
from ..models import AccessLog, Case


class CaseloadForm(KernForm):
    q = forms.CharField(label=_("Kennung oder Name"), required=False, max_length=100)
    projekt = forms.ModelChoiceField(label=_("Projekt"), queryset=None, required=False, widget=FastSelect)
    phase = forms.ModelChoiceField(label=_("Phase der Prozesskette"), queryset=None, required=False, widget=FastSelect)
    meine = forms.BooleanField(label=_("nur meine Fälle"), required=False)
    beendet = forms.BooleanField(label=_("auch beendete Fälle"), required=False)

    def __init__(self, *args, organizations=(), **kwargs):
        from netzlotse.directory.models import Phase
        from netzlotse.network.models import Project

        super().__init__(*args, **kwargs)
        self.fields["projekt"].queryset = Project.objects.filter(
            Q(lead__in=organizations) | Q(partners__in=organizations)).distinct().order_by("name")
        self.fields["phase"].queryset = Phase.objects.filter(chain__is_default=True)


@require_GET
@personal_data_view
def caseload(request):
    form = CaseloadForm(request.GET, organizations=roles.organization_ids(request.user))
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    cases = Case.objects.visible_to(request.user, own_caseload_only=bool(data.get("meine")))
    if not data.get("beendet"):
        cases = cases.filter(closed_on__isnull=True)
    for field, value in (("project", data.get("projekt")), ("phase", data.get("phase"))):
        if value is not None:
            cases = cases.filter(**{field: value})
    query = (data.get("q") or "").strip()
    if query:  # spelling-tolerant: "Mueller" finds "Müller"
        cases = cases.named(query, roles.organization_ids(request.user))
    # Newest admissions first: what counsellors look for most, and an index order (no sort of every case).
    # The page is chosen over case ids alone (an index-only scan, cheap however deep the page), then its
    # twenty cases are read with participant, project and phase.
    page = paginate(request, cases.order_by("-opened_on", "-pk").values_list("pk", flat=True))
    found = Case.objects.select_related("participant", "project", "phase").in_bulk(list(page.object_list))
    page.object_list = [found[pk] for pk in page.object_list]
    if query:  # a search by name processes personal data: log who found whom
        AccessLog.objects.bulk_create([AccessLog(user=request.user, participant=case.participant,
                                                 action=AccessLog.Action.SEARCH, purpose="Fallliste")
                                       for case in page])
    return render(request, "cases/caseload.html", {"form": form, "page": page,
                                                   "can_admit": roles.can(request.user, roles.EDIT_CASES)})


def _with_next_steps(user, case, referrals):
    """Each referral with the steps this user may take: the receiving side moves it on, the sender withdraws."""
    from ..models import Referral

    orgs = roles.organization_ids(user)
    labels = dict(Referral.Status.choices)
    result = []
    for referral in referrals:
        allowed = Referral.NEXT.get(referral.status, set())
        if referral.recipient_id in orgs:
            steps = [s for s in allowed if s != Referral.Status.WITHDRAWN]
        elif case.organization_id in orgs:
            steps = [s for s in allowed if s == Referral.Status.WITHDRAWN]
        else:
            steps = []
        referral.next_steps = [(s, labels[s]) for s in sorted(steps)]
        result.append(referral)
    return result


@require_GET
@personal_data_view
def case_detail(request, pk):
    from ..forms import ContactForm

    case = case_for(request.user, pk, part=access.FILE)
    parts = case_parts(request.user, case)
    can_edit = parts["own"] and roles.can(request.user, roles.EDIT_CASES) \
        and case.organization_id in counselling_organizations(request.user)
    parts["referrals"] = _with_next_steps(request.user, case, parts["referrals"])
    return render(request, "cases/case.html", {
        "case": case, **parts, "can_edit": can_edit,
        "chains": case.service_chains().exclude(pk__in=case.steps.values("chain")) if can_edit else [],
        "contact_form": ContactForm() if can_edit else None,
        "today": timezone.localdate(),
    })


@require_GET
@personal_data_view
def due(request):
    """What needs doing: overdue follow-ups, residence permits ending within 60 days, placements ending soon."""
    from ..reminders import due_lists

    all_cases = request.GET.get("alle") == "1"
    lists = due_lists(request.user, timezone.localdate(), all_cases=all_cases)
    lists["steps"] = lists["steps"][:200]
    return render(request, "cases/due.html", {**lists, "all_cases": all_cases})


@require_http_methods(["GET", "POST"])
@personal_data_view
def admit(request):
    from django.utils import timezone

    from ..forms import AdmissionForm, ParticipantForm
    from ..models import Participant, ResidenceRecord
    from ..services import DuplicateParticipant, admission

    if not roles.can(request.user, roles.EDIT_CASES) or not counselling_organizations(request.user):
        raise PermissionDenied
    organization_id = sorted(counselling_organizations(request.user))[0]
    person = ParticipantForm(request.POST or None, instance=Participant(organization_id=organization_id))
    form = AdmissionForm(request.POST or None, organizations=counselling_organizations(request.user),
                         initial={"opened_on": timezone.localdate()})
    duplicates = []
    if request.method == "POST" and person.is_valid() and form.is_valid():
        data = form.cleaned_data
        residence = ResidenceRecord(status=data["residence_status"], valid_until=data["valid_until"],
                                    labour_market_access=data["labour_market_access"]) \
            if data.get("residence_status") else None
        case = Case(organization_id=organization_id, project=data["project"], phase=data["phase"],
                    jobcenter=data["jobcenter"], opened_on=data["opened_on"])
        try:
            admission(participant=person.save(commit=False), case=case, residence=residence, by=request.user,
                      allow_duplicate=data["other_person"])
        except DuplicateParticipant as found:
            duplicates = found.candidates
        else:
            messages.success(request, _("%(code)s ist aufgenommen.") % {"code": case.participant.code})
            return redirect("cases:case", pk=case.pk)
    return render(request, "cases/admit.html", {"person": person, "form": form, "duplicates": duplicates})


@require_http_methods(["GET", "POST"])
@personal_data_view
def record(request, pk, what, need_pk=None):
    """Record a contact or a need in a case of the user's own organisation, or change a need."""
    from ..forms import ContactForm, NeedForm
    from ..services import contact_record, need_record

    case = case_for(request.user, pk, part=access.CONTACT if what == "kontakt" else access.NEED,
                    reading=request.method == "GET")
    form_class, save, title = {"kontakt": (ContactForm, contact_record, _("Kontakt erfassen")),
                               "bedarf": (NeedForm, need_record, _("Handlungsbedarf erfassen"))}[what]
    instance = get_object_or_404(case.needs, pk=need_pk) if need_pk else None
    if instance is not None:
        title = _("Handlungsbedarf ändern")
    form = form_class(request.POST or None, instance=instance)
    saved = False
    if request.method == "POST" and form.is_valid():
        argument = "contact" if what == "kontakt" else "need"
        save(case=case, by=request.user, **{argument: form.save(commit=False)})
        AccessLog.objects.create(user=request.user, participant=case.participant, action=AccessLog.Action.CHANGE,
                                 purpose=str(title))
        if not (request.htmx and what == "kontakt"):
            messages.success(request, _("Gespeichert."))
            return redirect("cases:case", pk=case.pk)
        saved, form = True, form_class()
    if request.htmx and what == "kontakt":  # the case page's quick entry: only the contacts part is swapped
        return render(request, "cases/case.html#contacts", {
            "case": case, "contact_form": form, "saved": saved,
            "contacts": case.contacts.select_related("by")[:50]})
    return render(request, "cases/record.html", {"case": case, "form": form, "title": title})


@require_http_methods(["GET", "POST"])
@personal_data_view
def person(request, pk):
    """Correct or complete the person's data; every changed field goes into the case file's history."""
    from ..forms import PersonForm
    from ..services import participant_update

    case = case_for(request.user, pk, part=access.PERSON, reading=request.method == "GET")
    form = PersonForm(request.POST or None, instance=case.participant)
    if request.method == "POST" and form.is_valid():
        participant_update(participant=form.save(commit=False), by=request.user, case=case,
                           m2m={name: form.cleaned_data[name] for name in ("languages", "target_groups")})
        AccessLog.objects.create(user=request.user, participant=case.participant, action=AccessLog.Action.CHANGE,
                                 purpose="Personendaten")
        messages.success(request, _("Die Personendaten sind gespeichert."))
        return redirect("cases:case", pk=case.pk)
    return render(request, "cases/record.html", {"case": case, "form": form, "title": _("Personendaten bearbeiten")})


@require_http_methods(["GET", "POST"])
@personal_data_view
def participant_rights(request, pk):
    """Art. 15 export (JSON download or printable page) and Art. 17 erasure, for the own organisation's cases."""
    import json

    from django.core.serializers.json import DjangoJSONEncoder

    from netzlotse.core.xlsx import attachment

    from ..privacy import participant_erase, participant_export

    case = case_for(request.user, pk, part=access.RIGHTS, reading=request.method == "GET")
    participant = case.participant
    if request.method == "POST":
        if request.POST.get("confirm") != participant.code:
            messages.error(request, _("Zur Bestätigung bitte die Kennung %(code)s eingeben.") % {"code": participant.code})
            return redirect("cases:rights", pk=case.pk)
        participant_erase(participant, by=request.user)
        messages.success(request, _("Die personenbezogenen Daten sind gelöscht; die Statistik bleibt erhalten."))
        return redirect("cases:case", pk=case.pk)
    data = participant_export(participant)
    if request.GET.get("format") == "json":
        return attachment(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode(),
                          f"auskunft-{participant.code}.json", "application/json; charset=utf-8")
    return render(request, "cases/rights.html", {"case": case, "participant": participant, "data": data})


@require_GET
@personal_data_view
def slots_board(request):
    """Placement sites of the user's organisations: slots taken, planned, free, and who is waiting."""
    from ..models import PlacementSite

    sites = list(PlacementSite.objects.for_organizations(roles.organization_ids(request.user)).bookable()
                 .select_related("project", "organization").order_by("project__name", "name").with_occupancy())
    totals = {"slots": sum(s.slots for s in sites), "taken": sum(s.taken for s in sites)}
    return render(request, "cases/slots.html", {"sites": sites, "totals": totals})
