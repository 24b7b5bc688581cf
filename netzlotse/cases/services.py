"""Case workflows: registering a participant (with the duplicate check), opening a case, recording
contacts and needs. Every change appends the case event the monitoring counts."""

from datetime import timedelta
from difflib import SequenceMatcher

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from netzlotse.core.locking import take_version
from netzlotse.directory.signals import send_after_commit, unmet_referral

from .models import (
    Case,
    CaseChange,
    CaseEvent,
    Consent,
    Contact,
    Need,
    Participant,
    Placement,
    PlacementSite,
    Purpose,
    Referral,
    ResidenceRecord,
)
from .models.history import record_changes, snapshot
from .models.participants import name_key

SIMILAR_NAMES = 0.85  # with the same birth date and postcode
VERY_SIMILAR_NAMES = 0.92  # with the same birth date alone


class DuplicateParticipant(Exception):
    def __init__(self, candidates):
        super().__init__("a participant with this name and birth date exists already")
        self.candidates = candidates


def find_duplicates(*, organization, first_name, last_name, birth_date, postcode="") -> list[Participant]:
    """People of the same organisation who are probably this person (spelling-tolerant).

    Only the registering organisation's own participants are compared: telling a user that another
    organisation knows this person would itself disclose personal data.
    """
    same_day = duplicate_candidates(organization=organization, birth_dates=[birth_date])
    return probable_duplicates(same_day, first_name=first_name, last_name=last_name, postcode=postcode)


def duplicate_candidates(*, organization, birth_dates):
    """The organisation's people born on any of these days (an import reads them once for all its rows)."""
    return Participant.objects.filter(organization=organization, birth_date__in=birth_dates,
                                      anonymised_on__isnull=True).only(
        "pk", "code", "name_key", "postcode", "first_name", "last_name", "birth_date")


def probable_duplicates(candidates, *, first_name, last_name, postcode="") -> list[Participant]:
    """Those of the candidates (born the same day) whose name is close enough to be the same person."""
    key = name_key(first_name, last_name)
    found = []
    for other in candidates:
        ratio = 1.0 if other.name_key == key else SequenceMatcher(None, other.name_key, key).ratio()
        same_place = bool(postcode) and other.postcode == postcode
        if ratio >= VERY_SIMILAR_NAMES or (same_place and ratio >= SIMILAR_NAMES):
            found.append(other)
    return found


@transaction.atomic
def participant_register(*, participant: Participant, by, m2m: dict | None = None,
                         residence: ResidenceRecord | None = None, allow_duplicate=False) -> Participant:
    """Register a new participant unless they are probably there already (then DuplicateParticipant)."""
    if not allow_duplicate:
        candidates = find_duplicates(organization=participant.organization, first_name=participant.first_name,
                                     last_name=participant.last_name, birth_date=participant.birth_date,
                                     postcode=participant.postcode)
        if candidates:
            raise DuplicateParticipant(candidates)
    participant.name_key = name_key(participant.first_name, participant.last_name)
    participant.save()
    for name, values in (m2m or {}).items():
        getattr(participant, name).set(values)
    if residence is not None:
        residence.participant = participant
        residence.save()
    return participant


def _event(case: Case, type_: str, *, by, day=None, at=None, **fields) -> CaseEvent:
    """An event of the case; `at` is where it happened when that is another organisation of the case's
    project (a follow-up at a partner provider), so the monitoring counts it there."""
    return CaseEvent.objects.create(type=type_, date=day or timezone.localdate(), participant_id=case.participant_id,
                                    case=case, organization_id=at.pk if at else case.organization_id,
                                    project_id=case.project_id, by=by, **fields)


@transaction.atomic
def case_open(*, case: Case, counsellors=(), by) -> Case:
    """Admit a participant: the case starts, and the admission counts from its opening day."""
    case.save()
    case.counsellors.set(counsellors)
    _event(case, CaseEvent.Type.ADMISSION, by=by, day=case.opened_on)
    return case


CONTACT_EVENTS = {Contact.Kind.PROFILING: CaseEvent.Type.PROFILING,
                  Contact.Kind.FOLLOW_UP_PROFILING: CaseEvent.Type.FOLLOW_UP}


@transaction.atomic
def contact_record(*, case: Case, contact: Contact, by, at=None) -> Contact:
    contact.case, contact.by = case, by
    contact.save()
    _event(case, CONTACT_EVENTS.get(contact.kind, CaseEvent.Type.CONTACT), by=by, day=contact.date, at=at,
           data={"kind": contact.kind})
    return contact


def profiling_record(*, participant: Participant, organization, project, day, by) -> CaseEvent:
    """A joint profiling before anyone is admitted (StaTA profiles in the Jobcenters, then admits some of
    those profiled): it is recorded on the person, with no case yet."""
    return CaseEvent.objects.create(type=CaseEvent.Type.PROFILING, date=day, participant=participant,
                                    organization=organization, project=project, by=by,
                                    data={"kind": Contact.Kind.PROFILING})


NEED_FIELDS = ["kind", "status", "notes"]
PLAN_FIELDS = ["phase", "jobcenter", "strengths", "goals", "strategy", "follow_up"]
PERSON_FIELDS = ["first_name", "last_name", "birth_date", "gender", "postcode", "district", "phone", "email",
                 "german_level", "education", "languages", "target_groups"]


@transaction.atomic
def need_record(*, case: Case, need: Need, by) -> Need:
    """Record or update a need; the event names its status and, for a need of no special category, its kind;
    never its notes, and never which special category it is (health, addiction, debts)."""
    creating = need.pk is None
    before = {} if creating else snapshot(Need.objects.get(pk=need.pk), NEED_FIELDS)
    need.case = case
    need.save()
    if not creating:
        record_changes(record=CaseChange.Record.NEED, instance=need, before=before,
                       after=snapshot(need, NEED_FIELDS), participant=case.participant, case=case, by=by)
    _event(case, CaseEvent.Type.NEED_RECORDED if creating else CaseEvent.Type.NEED_CHANGED, by=by,
           day=need.recorded_on if creating else None, data={
               "status": need.status, "special": need.special, **({} if need.special else {"kind": need.kind})})
    return need


class ConsentMissing(Exception):
    """No active consent covers sharing this case with the recipient for this purpose."""


@transaction.atomic
def consent_record(*, consent: Consent, recipients, by) -> Consent:
    if consent.valid_until < consent.granted_on:
        raise ValueError("consent must be valid after it was granted")
    consent.recorded_by = by
    consent.save()
    consent.recipients.set(recipients)
    for case in consent.participant.cases.filter(closed_on__isnull=True):
        _event(case, CaseEvent.Type.CONSENT_GRANTED, by=by, day=consent.granted_on,
               data={"purposes": consent.purposes, "until": consent.valid_until.isoformat()})
    return consent


@transaction.atomic
def consent_withdraw(*, consent: Consent, by, day=None) -> Consent:
    """Withdrawal takes effect at once: referrals relying on it stop sharing the case today."""
    consent.withdrawn_on = day or timezone.localdate()
    consent.save(update_fields=["withdrawn_on"])
    for case in consent.participant.cases.filter(closed_on__isnull=True):
        _event(case, CaseEvent.Type.CONSENT_WITHDRAWN, by=by, day=consent.withdrawn_on)
    return consent


@transaction.atomic
def referral_propose(*, case: Case, by, offer=None, recipient=None, purpose=Purpose.REFERRAL, day=None) -> Referral:
    """Refer a case to an offer or an organisation. Another organisation needs a covering consent."""
    recipient = offer.provider if offer is not None else recipient
    day = day or timezone.localdate()
    consent = None
    if recipient.pk != case.organization_id:
        consent = Consent.objects.covering(case.participant, recipient, purpose, day).order_by("-valid_until").first()
        if consent is None:
            raise ConsentMissing
    referral = Referral.objects.create(case=case, offer=offer, recipient=recipient, purpose=purpose, consent=consent,
                                       created_on=day)
    _event(case, CaseEvent.Type.REFERRAL, by=by, day=day, data={"referral": referral.pk, "status": referral.status,
                                                                "recipient": recipient.pk})
    return referral


@transaction.atomic
def referral_update(*, referral: Referral, status: str, by, reason: str = "", day=None) -> Referral:
    if status not in Referral.NEXT.get(referral.status, set()):
        raise ValueError(f"a referral cannot go from {referral.status} to {status}")
    referral.status, referral.reason = status, reason
    referral.save(update_fields=["status", "reason"])
    _event(referral.case, CaseEvent.Type.REFERRAL, by=by, reason=reason[:30], day=day,
           data={"referral": referral.pk, "status": status})
    return referral


@transaction.atomic
def referral_unmet(*, case: Case, by, phase, district, target_group=None, field_of_action=None, day=None) -> Referral:
    """Record that no suitable offer existed: a demand signal for the gap analysis of that cell."""
    day = day or timezone.localdate()
    referral = Referral.objects.create(case=case, unmet=True, status=Referral.Status.WITHDRAWN, phase=phase,
                                       district=district, target_group=target_group, field_of_action=field_of_action,
                                       created_on=day)
    _event(case, CaseEvent.Type.REFERRAL_UNMET, by=by, day=day,
           data={"phase": phase.pk, "district": district.pk, "target_group": getattr(target_group, "pk", None),
                 "field_of_action": getattr(field_of_action, "pk", None)})
    send_after_commit(unmet_referral, Referral, district=district, phase=phase, target_group=target_group,
                      field_of_action=field_of_action)
    return referral


class AlreadyPlaced(ValueError):
    """The person holds a slot already (one at a time), or is on this site's waiting list already."""

    def __init__(self, placement):
        super().__init__("the participant holds a placement already")
        self.placement = placement


class SiteFull(Exception):
    """Every slot of the placement site is taken; the participant went onto the waiting list instead."""

    def __init__(self, placement):
        super().__init__("no free slot")
        self.placement = placement


def placement_book(*, case: Case, site: PlacementSite, start, by, planned_end=None, day=None,
                   plan_only=False) -> Placement:
    """Take a free slot (planned if it starts later, running if it starts today); when all slots are
    taken, the participant is put on the waiting list and SiteFull is raised. `day` dates the planning
    (today by default); `plan_only` keeps it planned even if the start has passed (a history import records
    the start as a row of its own).

    The site's row is locked first (SELECT … FOR UPDATE on PostgreSQL; SQLite lets one writer at a time),
    so concurrent bookings count the slots one after another and a slot is never given twice.
    """
    with transaction.atomic():
        site = PlacementSite.objects.select_for_update().get(pk=site.pk)
        held = case.placements.filter(Q(status__in=Placement.OCCUPYING) | Q(site=site, status=Placement.Status.WAITING))
        if held.exists():
            raise AlreadyPlaced(held.select_related("site").first())
        taken = site.placements.filter(status__in=Placement.OCCUPYING).count()
        if taken >= site.slots:
            waiting = Placement.objects.create(case=case, site=site, status=Placement.Status.WAITING,
                                               planned_start=start, planned_end=planned_end)
        else:
            starts_now = start <= timezone.localdate() and not plan_only
            placement = Placement.objects.create(
                case=case, site=site, planned_start=start, planned_end=planned_end,
                status=Placement.Status.ACTIVE if starts_now else Placement.Status.PLANNED,
                started_on=start if starts_now else None)
            _event(case, CaseEvent.Type.PLACEMENT_STARTED if starts_now else CaseEvent.Type.PLACEMENT_PLANNED,
                   by=by, day=start if starts_now else day or timezone.localdate(), slot=site,
                   data={"placement": placement.pk, "planned_start": start.isoformat()})
            return placement
    raise SiteFull(waiting)


@transaction.atomic
def placement_start(*, placement: Placement, by, day=None) -> Placement:
    placement.status, placement.started_on = Placement.Status.ACTIVE, day or timezone.localdate()
    placement.save(update_fields=["status", "started_on"])
    _event(placement.case, CaseEvent.Type.PLACEMENT_STARTED, by=by, day=placement.started_on, slot=placement.site,
           data={"placement": placement.pk})
    return placement


def _move_up_from_waiting_list(site: PlacementSite, *, by, day) -> Placement | None:
    """Give a slot that has just come free to the first person waiting at the site (the caller holds the
    site's row lock). The placement is planned to start the next day at the earliest."""
    taken = site.placements.filter(status__in=Placement.OCCUPYING).count()
    # Someone who meanwhile holds a slot elsewhere keeps their place on this list but is passed over.
    placed = Placement.objects.filter(status__in=Placement.OCCUPYING).values("case")
    first = site.placements.filter(status=Placement.Status.WAITING).exclude(case__in=placed).select_related(
        "case").order_by("created_at", "pk").first()
    if first is None or taken >= site.slots:
        return None
    first.status = Placement.Status.PLANNED
    first.planned_start = max(first.planned_start, day + timedelta(days=1))
    first.save(update_fields=["status", "planned_start"])
    _event(first.case, CaseEvent.Type.PLACEMENT_PLANNED, by=by, day=day, slot=site,
           data={"placement": first.pk, "planned_start": first.planned_start.isoformat(), "from_waiting_list": True})
    return first


@transaction.atomic
def placement_end(*, placement: Placement, reason: str, early: bool, by, day=None) -> Placement:
    """End a running placement; its slot is free again at once and goes to the first person waiting."""
    site = PlacementSite.objects.select_for_update().get(pk=placement.site_id)
    placement.status, placement.ended_on = Placement.Status.ENDED, day or timezone.localdate()
    placement.end_reason, placement.early = reason, early
    placement.save(update_fields=["status", "ended_on", "end_reason", "early"])
    _event(placement.case, CaseEvent.Type.PLACEMENT_ENDED, by=by, day=placement.ended_on, slot=placement.site,
           reason=reason, data={"placement": placement.pk, "early": early})
    placement.moved_up = _move_up_from_waiting_list(site, by=by, day=placement.ended_on)
    return placement


@transaction.atomic
def placement_cancel(*, placement: Placement, by, day=None) -> Placement:
    """Call off a planned placement or leave the waiting list; a slot the placement held moves on."""
    if placement.status not in (Placement.Status.PLANNED, Placement.Status.WAITING):
        raise ValueError("only planned placements and places on the waiting list can be called off")
    site = PlacementSite.objects.select_for_update().get(pk=placement.site_id)
    held_slot = placement.status == Placement.Status.PLANNED
    day = day or timezone.localdate()
    placement.status = Placement.Status.CANCELLED
    placement.save(update_fields=["status"])
    _event(placement.case, CaseEvent.Type.PLACEMENT_CANCELLED, by=by, day=day, slot=site,
           data={"placement": placement.pk, "held_slot": held_slot})
    placement.moved_up = _move_up_from_waiting_list(site, by=by, day=day) if held_slot else None
    return placement


@transaction.atomic
def case_close(*, case: Case, outcome: str, early: bool, by, day=None) -> Case:
    """The participant leaves: the outcome and whether it was early are what the monitoring counts."""
    day = day or timezone.localdate()
    if not case.is_open:
        raise ValueError("the case is closed already")
    if day < case.opened_on:
        raise ValueError("a case cannot close before it opened")
    # A person who leaves holds no slot: running placements end for the exit's reason, planned ones and
    # places on the waiting list are called off, and each freed slot moves on to the next person waiting.
    for placement in case.placements.filter(status__in=[*Placement.OCCUPYING, Placement.Status.WAITING]):
        if placement.status == Placement.Status.ACTIVE:
            placement_end(placement=placement, reason=END_REASON_FOR_OUTCOME.get(outcome, Placement.EndReason.OTHER),
                          early=early, by=by, day=day)
        else:
            placement_cancel(placement=placement, by=by, day=day)
    case.closed_on, case.outcome, case.early_exit = day, outcome, early
    case.save(update_fields=["closed_on", "outcome", "early_exit"])
    _event(case, CaseEvent.Type.EXIT, by=by, day=case.closed_on, reason=outcome, data={"early": early})
    return case


END_REASON_FOR_OUTCOME = {
    Case.Outcome.JOB: Placement.EndReason.WORK, Case.Outcome.APPRENTICESHIP: Placement.EndReason.QUALIFICATION,
    Case.Outcome.SCHOOL: Placement.EndReason.QUALIFICATION, Case.Outcome.TRAINING: Placement.EndReason.QUALIFICATION,
    Case.Outcome.HEALTH: Placement.EndReason.HEALTH, Case.Outcome.OVERLOAD: Placement.EndReason.OVERLOAD,
}


@transaction.atomic
def case_reopen(*, case: Case, by, reason: str, day=None) -> Case:
    """Open a closed case again; the earlier exit stays in the events, the reopening is logged beside it."""
    if case.is_open:
        raise ValueError("the case is open")
    case.closed_on, case.outcome, case.early_exit = None, "", False
    case.save(update_fields=["closed_on", "outcome", "early_exit"])
    _event(case, CaseEvent.Type.REOPENED, by=by, day=day, data={"reason": reason})
    return case


@transaction.atomic
def esf_record_save(*, case: Case, record, by):
    """Save the ESF+ answers of a case. The event names which parts were answered, never the answers, since
    disability and minority are special categories of personal data."""
    record.case = case
    record.save()
    parts = ["entry"]
    if any([record.job_searching, record.in_education, record.qualification, record.in_employment]):
        parts.append("leaving")
    if record.employed_after_six_months is not None or record.improved_after_six_months is not None:
        parts.append("six_months")
    _event(case, CaseEvent.Type.ESF_RECORDED, by=by, data={"parts": parts})
    return record


@transaction.atomic
def admission(*, participant: Participant, case: Case, by, residence: ResidenceRecord | None = None,
              allow_duplicate=False) -> Case:
    """A new participant and their first case in one step (all or nothing)."""
    participant_register(participant=participant, by=by, residence=residence, allow_duplicate=allow_duplicate)
    case.participant = participant
    return case_open(case=case, counsellors=[by] if by is not None else [], by=by)


@transaction.atomic
def residence_change(*, case: Case, record: ResidenceRecord, by) -> ResidenceRecord:
    """A new entry in the residence history (the newest is current); the case notes the change."""
    record.participant = case.participant
    record.save()
    _event(case, CaseEvent.Type.RESIDENCE_CHANGED, by=by, day=record.recorded_on,
           data={"access": record.labour_market_access, "valid_until": record.valid_until.isoformat()
                 if record.valid_until else None})
    return record


@transaction.atomic
def plan_save(*, case: Case, by, version: int | None = None) -> Case:
    """Save the case plan; the event names which parts changed (never their text), the history their values.
    A save over a change someone made after `version` (the form's) is refused (EditedMeanwhile)."""
    take_version(case, version)
    before = snapshot(Case.objects.get(pk=case.pk), PLAN_FIELDS)
    case.save(update_fields=[*PLAN_FIELDS, "version"])
    after = snapshot(case, PLAN_FIELDS)
    changed = sorted(name for name in PLAN_FIELDS if before[name] != after[name])
    if changed:
        _event(case, CaseEvent.Type.PLAN_CHANGED, by=by, data={"changed": changed, "phase": case.phase_id})
        record_changes(record=CaseChange.Record.PLAN, instance=case, before=before, after=after,
                       participant=case.participant, case=case, by=by)
    return case


@transaction.atomic
def participant_update(*, participant: Participant, by, case: Case | None = None, m2m: dict | None = None) -> Participant:
    """Correct or complete a person's data; each changed field goes into the history with its old value."""
    before = snapshot(Participant.objects.get(pk=participant.pk), PERSON_FIELDS)
    participant.name_key = name_key(participant.first_name, participant.last_name)
    participant.save()
    for name, values in (m2m or {}).items():
        getattr(participant, name).set(values)
    change = record_changes(record=CaseChange.Record.PERSON, instance=participant, before=before,
                            after=snapshot(participant, PERSON_FIELDS), participant=participant, case=case, by=by)
    if change is not None:
        for open_case in participant.cases.filter(closed_on__isnull=True):
            _event(open_case, CaseEvent.Type.PERSON_CHANGED, by=by, data={"changed": sorted(change.changes)})
    return participant


@transaction.atomic
def service_chain_apply(*, case: Case, chain, by, start=None) -> list:
    """Plan a network's service chain for a case: each step is due after the expected durations of the steps
    before it and its own, counted from the start."""
    from .models import CaseStep

    start = start or timezone.localdate()
    due = start
    steps = []
    for template in chain.steps.all():
        due += timedelta(days=template.expected_days)
        steps.append(CaseStep(case=case, chain=chain, chain_name=chain.name, position=template.position,
                              title=template.title, phase_id=template.phase_id,
                              responsible_kind=template.responsible_kind, due_on=due))
    CaseStep.objects.bulk_create(steps)
    _event(case, CaseEvent.Type.CHAIN_APPLIED, by=by, day=start, data={"chain": chain.pk, "steps": len(steps)})
    return steps


@transaction.atomic
def case_step_tick(*, step, done: bool, by, day=None):
    """Tick a step off (or open it again after a mistake); either is a case event."""
    step.done_on, step.done_by = (day or timezone.localdate(), by) if done else (None, None)
    step.save(update_fields=["done_on", "done_by"])
    _event(step.case, CaseEvent.Type.STEP_DONE if done else CaseEvent.Type.STEP_REOPENED, by=by,
           day=step.done_on, data={"step": step.pk, "chain": step.chain_id, "position": step.position,
                                   "phase": step.phase_id})
    return step


class SlotsBelowTaken(ValueError):
    def __init__(self, taken):
        super().__init__(f"{taken} slots are taken")
        self.taken = taken


@transaction.atomic
def site_save(*, site: PlacementSite, version: int | None = None) -> PlacementSite:
    """Create or change a placement site. The slots never drop below those taken (running or firmly planned),
    and a form opened before someone else's save is refused (`version`), so no change is silently lost."""
    if site.pk is not None:
        take_version(site, version)  # the site's row is locked from here: bookings wait, the count holds
        taken = site.taken_slots()
        if site.slots < taken:
            raise SlotsBelowTaken(taken)
    site.save()
    return site


@transaction.atomic
def site_archive(*, site: PlacementSite, by) -> bool:
    """Take a site out of use: archived (kept for the history of its placements) if it ever had any, deleted
    otherwise; returns True when it was archived. Running or planned placements must end first; whoever is
    still waiting leaves the list (each case records it)."""
    site = PlacementSite.objects.select_for_update().get(pk=site.pk)
    if site.taken_slots():
        raise SlotsBelowTaken(site.taken_slots())
    if not site.placements.exists():
        site.delete()
        return False
    for waiting in site.placements.filter(status=Placement.Status.WAITING).select_related("case"):
        placement_cancel(placement=waiting, by=by)
    site.archived_on = timezone.localdate()
    site.save(update_fields=["archived_on"])
    return True
