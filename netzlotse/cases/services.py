"""Case workflows: registering a participant (with the duplicate check), opening a case, recording
contacts and needs. Every change appends the case event the monitoring counts."""

from difflib import SequenceMatcher

from django.db import transaction
from django.utils import timezone

from .models import Case, CaseEvent, Contact, Need, Participant, ResidenceRecord
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
    key = name_key(first_name, last_name)
    same_day = Participant.objects.filter(organization=organization, birth_date=birth_date, anonymised_on__isnull=True)
    found = []
    for other in same_day.only("pk", "code", "name_key", "postcode", "first_name", "last_name"):
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


def _event(case: Case, type_: str, *, by, day=None, **fields) -> CaseEvent:
    return CaseEvent.objects.create(type=type_, date=day or timezone.localdate(), participant_id=case.participant_id,
                                    case=case, organization_id=case.organization_id, project_id=case.project_id,
                                    by=by, **fields)


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
def contact_record(*, case: Case, contact: Contact, by) -> Contact:
    contact.case, contact.by = case, by
    contact.save()
    _event(case, CONTACT_EVENTS.get(contact.kind, CaseEvent.Type.CONTACT), by=by, day=contact.date,
           data={"kind": contact.kind})
    return contact


@transaction.atomic
def need_record(*, case: Case, need: Need, by) -> Need:
    """Record or update a need; the event names its kind and status, never its notes."""
    creating = need.pk is None
    need.case = case
    need.save()
    _event(case, CaseEvent.Type.NEED_RECORDED if creating else CaseEvent.Type.NEED_CHANGED, by=by,
           data={"kind": need.kind, "status": need.status})
    return need
