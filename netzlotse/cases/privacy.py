"""Participants' rights and retention: everything stored about a person (GDPR Art. 15), erasure that
leaves the statistics intact (Art. 17), and anonymisation once the retention period has passed.

Anonymising keeps what the monitoring counts and nothing that identifies the person: the events, the
district, gender, birth year (for age bands), residence status, languages, education level and target
groups stay; names, contact details, the exact birth date, postcode and every free text go.
"""

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from .models import AccessLog, Case, Participant, RetentionRule

ANONYMOUS = "–"


def _cases(participant):
    return participant.cases.select_related("organization", "project", "phase", "esf").prefetch_related(
        "contacts", "needs", "referrals", "placements__site", "events")


def _esf(case) -> dict | None:
    record = getattr(case, "esf", None)
    if record is None:
        return None
    return {field.name: getattr(record, field.name) for field in record._meta.concrete_fields
            if field.name not in ("id", "case")}


def participant_export(participant: Participant) -> dict:
    """Everything stored about a participant, machine-readable (JSON-ready)."""
    residence = [{"status": str(r.status), "valid_until": r.valid_until, "labour_market_access": r.labour_market_access,
                  "work_ban": r.work_ban, "recorded_on": r.recorded_on} for r in participant.residence_records.all()]
    cases = [{
        "organisation": c.organization.name, "project": str(c.project or ""), "opened_on": c.opened_on,
        "closed_on": c.closed_on, "outcome": c.outcome, "early_exit": c.early_exit,
        "plan": {"strengths": c.strengths, "goals": c.goals, "strategy": c.strategy, "follow_up": c.follow_up},
        "contacts": [{"kind": x.kind, "date": x.date, "duration_minutes": x.duration_minutes, "place": x.place,
                      "notes": x.notes} for x in c.contacts.all()],
        "needs": [{"kind": n.kind, "status": n.status, "notes": n.notes, "recorded_on": n.recorded_on}
                  for n in c.needs.all()],
        "referrals": [{"recipient": str(r.recipient or ""), "offer": str(r.offer or ""), "status": r.status,
                       "created_on": r.created_on, "unmet": r.unmet} for r in c.referrals.all()],
        "placements": [{"site": p.site.name, "status": p.status, "planned_start": p.planned_start,
                        "started_on": p.started_on, "ended_on": p.ended_on, "end_reason": p.end_reason}
                       for p in c.placements.all()],
        "events": [{"type": e.type, "date": e.date, "reason": e.reason} for e in c.events.all()],
        "esf": _esf(c),
    } for c in _cases(participant)]
    return {
        "code": participant.code, "first_name": participant.first_name, "last_name": participant.last_name,
        "birth_date": participant.birth_date, "gender": participant.gender, "postcode": participant.postcode,
        "district": str(participant.district or ""), "phone": participant.phone, "email": participant.email,
        "languages": [str(x) for x in participant.languages.all()], "german_level": participant.german_level,
        "education": participant.education, "target_groups": [str(x) for x in participant.target_groups.all()],
        "residence": residence,
        "qualifications": [{"title": q.title, "country": q.country, "recognition": q.recognition}
                           for q in participant.qualifications.all()],
        "consents": [{"purposes": c.purposes, "recipients": [o.name for o in c.recipients.all()],
                      "data_categories": c.data_categories, "text_version": c.text_version,
                      "granted_on": c.granted_on, "valid_until": c.valid_until, "withdrawn_on": c.withdrawn_on}
                     for c in participant.consents.all()],
        "cases": cases,
        "access_log": [{"at": a.at, "user": str(a.user), "action": a.action, "purpose": a.purpose}
                       for a in participant.access_log.select_related("user")],
        "change_history": [{"at": c.at, "by": str(c.by or ""), "record": c.record, "changes": c.changes}
                           for c in participant.changes.select_related("by")],
    }


@transaction.atomic
def anonymise(participant: Participant, day: date | None = None) -> None:
    """Remove identity and free text, keep what statistics need (see the module's docstring)."""
    born = participant.birth_date
    participant.first_name = participant.last_name = ANONYMOUS
    participant.birth_date = date(born.year, 7, 1) if born else None  # the year stays for age bands
    participant.postcode = participant.phone = participant.email = participant.name_key = ""
    participant.anonymised_on = day or timezone.localdate()
    participant.save()
    participant.qualifications.update(title=ANONYMOUS, country="")
    participant.changes.all().delete()  # old values would tell who the person was
    for case in participant.cases.all():
        case.strengths = case.goals = case.strategy = case.follow_up = ""
        case.save(update_fields=["strengths", "goals", "strategy", "follow_up"])
        case.contacts.update(notes="", place="")
        case.needs.update(notes="")


def participant_erase(participant: Participant, *, by) -> None:
    """Art. 17: the person is anonymised at once; counts already reported stay right."""
    with transaction.atomic():
        AccessLog.objects.create(user=by, participant=participant, action=AccessLog.Action.CHANGE,
                                 purpose="Löschung auf Antrag (Art. 17 DSGVO)")
        anonymise(participant)


def retention_days(case: Case) -> int:
    rule = getattr(case.project, "retention", None) if case.project_id else None
    return (rule.months if rule else settings.CASE_RETENTION_MONTHS) * 30


def due_for_anonymisation(day: date | None = None) -> list[Participant]:
    """Participants with no open case, each of whose cases closed longer ago than its project's retention
    period (`RetentionRule`, else CASE_RETENTION_MONTHS)."""
    day = day or timezone.localdate()
    shortest = min([settings.CASE_RETENTION_MONTHS, *RetentionRule.objects.values_list("months", flat=True)]) * 30
    candidates = (Participant.objects.filter(anonymised_on__isnull=True, cases__isnull=False)
                  .exclude(cases__closed_on__isnull=True)
                  .annotate(last_closed=Max("cases__closed_on"))
                  .filter(last_closed__lte=day - timedelta(days=shortest))
                  .prefetch_related("cases__project__retention"))
    return [p for p in candidates if all(c.closed_on + timedelta(days=retention_days(c)) <= day for c in p.cases.all())]
