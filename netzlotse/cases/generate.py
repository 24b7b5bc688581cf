"""Synthetic case files at scale (`manage.py generate_data` calls `extend` after the directory's networks).

Participants, cases, residence records, contacts, needs and about fifteen case events per person, spread
over the generated organisations (a few large providers carry most cases, as in real networks). Rows go in
with COPY on PostgreSQL and explicit ids, so a million people take minutes, not hours. Generated
participants have codes starting with "TN-0"; `remove` deletes them again.
"""

import random
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from netzlotse.core.bulk import insert_rows
from netzlotse.directory.models import Phase, ResidenceStatus, TargetGroup
from netzlotse.network.models import Organization, Programme, Project

from .fields import encrypt
from .models import (
    AccessLog,
    Case,
    CaseEvent,
    CaseStep,
    Consent,
    Contact,
    Need,
    Participant,
    Placement,
    Qualification,
    Referral,
    ResidenceRecord,
)
from .models.participants import name_key

# "0" never occurs in a real code (the alphabet leaves out 0 and O), so `remove` can never touch a real person.
CODE_PREFIX = "TN-0"
PARTICIPANTS = {"region": 10_000, "land": 100_000, "bund": 1_000_000}
CHUNK = 20_000  # participants written per round, to keep memory flat
FIRST = ["Anna", "Ahmad", "Olena", "Mehmet", "Sandra", "Farid", "Maria", "Yusuf", "Jana", "Awet", "Thomas", "Lina",
         "Dmytro", "Fatma", "Sven", "Rama", "Ivana", "Omar", "Katrin", "Reza", "Selam", "Uwe", "Hiba", "Piotr"]
# Surnames are built from parts so that, as in a real population, no name stands for more than a fraction of a
# percent of the people (a name search must not find a twentieth of everyone).
LAST_STEMS = ["Bau", "Berg", "Brand", "Fisch", "Hart", "Hoff", "Klein", "Krau", "Lang", "Lind", "Mei", "Neu",
              "Rich", "Roth", "Schu", "Stein", "Wal", "Wei", "Zimm", "Vog", "Kr", "Sch", "Gr", "Hel"]
LAST_ENDINGS = ["er", "mann", "ner", "ke", "ert", "ling", "stein", "berg", "hardt", "el", "isch", "ow", "enz", "ig"]
LAST = [stem + ending for stem in LAST_STEMS for ending in LAST_ENDINGS] + [
    "Müller", "Haddad", "Kovalenko", "Yilmaz", "Ahmadi", "Nowak", "Tesfaye", "Khalil", "Popescu", "Hosseini",
    "Demir", "Melnyk", "Saleh", "Kaya"]
PROGRAMMES = 8  # the first carries about a third of all cases, as a large federal programme would
PROGRAMME_PREFIX = "GEN-P"
CONTACT_KINDS = [k.value for k in Contact.Kind if k != Contact.Kind.PROFILING]
NEED_KINDS = [k.value for k in Need.Kind]
OUTCOMES = [o.value for o in Case.Outcome]


def _next_id(model) -> int:
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


def _reset_sequences(*models) -> None:
    if connection.vendor != "postgresql":
        return  # SQLite continues after the highest id by itself
    with connection.cursor() as cursor:
        for model in models:
            table = model._meta.db_table
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608 - model metadata
                           f"COALESCE((SELECT MAX(id) FROM {table}), 1))")


def _skip_foreign_key_checks() -> None:
    """The generated rows refer only to rows just written or looked up, so PostgreSQL's deferred foreign-key
    checks (one per reference, some 60 million at `bund`, run at commit) add time and prove nothing. A
    superuser may switch them off for this transaction; anyone else gets the checks."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        if cursor.fetchone()[0]:
            cursor.execute("SET LOCAL session_replication_role = replica")


def extend(size: str, seed: int = 42, progress=print) -> dict:
    total = PARTICIPANTS[size]
    rng = random.Random(seed + 1)  # noqa: S311 - synthetic data, not security
    orgs = list(Organization.objects.filter(external_id__startswith="gen-").order_by("pk").values_list("pk", flat=True))
    if not orgs:
        return {}
    districts = dict(Organization.regions.through.objects.filter(organization_id__in=orgs)
                     .values_list("organization_id", "region_id"))
    statuses = list(ResidenceStatus.objects.values_list("pk", flat=True))
    groups = list(TargetGroup.objects.values_list("pk", flat=True))
    phases = list(Phase.objects.filter(chain__is_default=True).order_by("position").values_list("pk", flat=True))
    keys = {(f, la): name_key(f, la) for f in FIRST for la in LAST}
    today, now = timezone.localdate(), timezone.now()
    written = {"participants": 0, "events": 0, "contacts": 0}
    with transaction.atomic():
        _skip_foreign_key_checks()
        projects = _projects(rng, orgs)
        for start in range(0, total, CHUNK):
            counts = _chunk(rng, range(start, min(total, start + CHUNK)), orgs=orgs, districts=districts,
                            statuses=statuses, groups=groups, phases=phases, keys=keys, today=today, now=now,
                            projects=projects)
            for name, n in counts.items():
                written[name] += n
            progress(f"{written['participants']} Teilnehmende, {written['events']} Ereignisse")
        _reset_sequences(Participant, Case, ResidenceRecord, Contact, Need, CaseEvent)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return written


def _projects(rng, orgs) -> dict[int, int]:
    """Generated programmes, and one project per generated organisation in one of them: {organisation: project}."""
    programmes = Programme.objects.bulk_create([
        Programme(name=f"Generiertes Programm {n}", short_name=f"{PROGRAMME_PREFIX}{n}") for n in range(1, PROGRAMMES + 1)])
    projects = Project.objects.bulk_create([
        Project(name=f"Generiertes Projekt {org}", code=f"GEN-{org}", lead_id=org,
                programme=programmes[0] if i % 3 == 0 else programmes[1 + int((PROGRAMMES - 1) * rng.random() ** 2)])
        for i, org in enumerate(orgs)], batch_size=5000)
    return {project.lead_id: project.pk for project in projects}


def _chunk(rng, numbers, *, orgs, districts, statuses, groups, phases, keys, today, now, projects) -> dict:
    participant_id, case_id = _next_id(Participant), _next_id(Case)
    residence_id, contact_id, need_id, event_id = (_next_id(ResidenceRecord), _next_id(Contact), _next_id(Need),
                                                   _next_id(CaseEvent))
    people, cases, residences, contacts, needs, events, groups_rows = [], [], [], [], [], [], []

    def event(type_, day, person, case, org, **extra):
        nonlocal event_id
        events.append((event_id, type_, day, person, case, org, projects.get(org), extra.get("reason", ""),
                       extra.get("data", "{}"), now))
        event_id += 1

    for number in numbers:
        # Large providers carry most cases: squaring the draw skews it towards the first organisations.
        org = orgs[int(len(orgs) * rng.random() ** 2)]
        first, last = rng.choice(FIRST), rng.choice(LAST)
        birth = today - timedelta(days=rng.randint(18 * 365, 62 * 365))
        opened = today - timedelta(days=rng.randint(0, 3 * 365))
        people.append((participant_id, f"{CODE_PREFIX}{number:07d}", org, first, last, birth, rng.choice("fmmdx"),
                       districts.get(org), keys[(first, last)], now, rng.choice(["", "A2", "B1", "C2"]),
                       rng.choice(["", "isced_0_2", "isced_3_4", "isced_5_8"]), "", "", ""))
        groups_rows.append((participant_id, rng.choice(groups)))
        residences.append((residence_id, participant_id, rng.choice(statuses), opened + timedelta(days=rng.randint(30, 900)),
                           rng.choice(["subordinate", "full", "full"]), False, opened))
        residence_id += 1
        closed = opened + timedelta(days=rng.randint(60, 700)) if rng.random() < 0.4 else None
        closed = closed if closed and closed <= today else None
        outcome = rng.choice(OUTCOMES) if closed else ""
        cases.append((case_id, participant_id, org, projects.get(org), rng.choice(phases), opened, closed, outcome,
                      bool(closed) and rng.random() < 0.3, "", "", "", ""))
        event(CaseEvent.Type.ADMISSION, opened, participant_id, case_id, org)
        event(CaseEvent.Type.PROFILING, opened, participant_id, case_id, org)
        day, end = opened, closed or today
        for _ in range(rng.randint(8, 16)):  # about fifteen events per person in all
            day += timedelta(days=rng.randint(5, 30))
            if day > end:
                break
            kind = rng.choice(CONTACT_KINDS)
            contacts.append((contact_id, case_id, kind, day, rng.choice([30, 45, 60]), "", "",
                             day + timedelta(days=rng.randint(14, 42))))
            contact_id += 1
            event(CaseEvent.Type.FOLLOW_UP if kind == "follow_up_profiling" else CaseEvent.Type.CONTACT, day,
                  participant_id, case_id, org, data=f'{{"kind": "{kind}"}}')
        for kind in rng.sample(NEED_KINDS, rng.randint(1, 2)):
            needs.append((need_id, case_id, encrypt(kind), kind in Need.SPECIAL,
                          rng.choice(["open", "in_progress", "resolved"]), "", opened))
            need_id += 1
            event(CaseEvent.Type.NEED_RECORDED, opened, participant_id, case_id, org)
        if closed:
            event(CaseEvent.Type.EXIT, closed, participant_id, case_id, org, reason=outcome)
        participant_id += 1
        case_id += 1

    insert_rows(Participant._meta.db_table, ["id", "code", "organization_id", "first_name", "last_name", "birth_date",
                                             "gender", "district_id", "name_key", "created_at", "german_level",
                                             "education", "postcode", "phone", "email"], people)
    insert_rows(Participant.target_groups.through._meta.db_table, ["participant_id", "targetgroup_id"], groups_rows)
    insert_rows(ResidenceRecord._meta.db_table, ["id", "participant_id", "status_id", "valid_until",
                                                 "labour_market_access", "work_ban", "recorded_on"], residences)
    insert_rows(Case._meta.db_table, ["id", "participant_id", "organization_id", "project_id", "phase_id", "opened_on",
                                      "closed_on", "outcome", "early_exit", "strengths", "goals", "strategy",
                                      "follow_up"], cases)
    insert_rows(Contact._meta.db_table, ["id", "case_id", "kind", "date", "duration_minutes", "place", "notes",
                                         "next_contact_on"], contacts)
    insert_rows(Need._meta.db_table, ["id", "case_id", "kind", "special", "status", "notes", "recorded_on"], needs)
    insert_rows(CaseEvent._meta.db_table, ["id", "type", "date", "participant_id", "case_id", "organization_id",
                                           "project_id", "reason", "data", "recorded_at"], events)
    return {"participants": len(people), "events": len(events), "contacts": len(contacts)}


def remove() -> None:
    """Delete generated case files table by table (no per-object cascade in Python)."""
    with transaction.atomic():
        generated = Participant.objects.filter(code__startswith=CODE_PREFIX, organization__external_id__startswith="gen-")
        people = generated.values("pk")
        cases = Case.objects.filter(participant__in=people).values("pk")
        for model, lookup in [(CaseEvent, "participant__in"), (AccessLog, "participant__in"), (Contact, "case__in"),
                              (Need, "case__in"), (CaseStep, "case__in"), (Placement, "case__in"),
                              (Referral, "case__in")]:
            model.objects.filter(**{lookup: cases if lookup == "case__in" else people})._raw_delete(connection.alias)
        Case.counsellors.through.objects.filter(case__in=cases)._raw_delete(connection.alias)
        Case.objects.filter(pk__in=cases)._raw_delete(connection.alias)
        consents = Consent.objects.filter(participant__in=people).values("pk")
        Consent.recipients.through.objects.filter(consent__in=consents)._raw_delete(connection.alias)
        for model in (ResidenceRecord, Qualification, Consent):
            model.objects.filter(participant__in=people)._raw_delete(connection.alias)
        Participant.target_groups.through.objects.filter(participant__in=people)._raw_delete(connection.alias)
        Participant.languages.through.objects.filter(participant__in=people)._raw_delete(connection.alias)
        _delete_referring(Participant, people, skip_app="cases")  # e.g. the monitoring's tallies of these people
        generated._raw_delete(connection.alias)
        programmes = Programme.objects.filter(short_name__startswith=PROGRAMME_PREFIX, name__startswith="Generiertes")
        Project.objects.filter(programme__in=programmes)._raw_delete(connection.alias)
        _delete_referring(Programme, programmes.values("pk"), skip_app="network")
        programmes._raw_delete(connection.alias)


def _delete_referring(model, rows, *, skip_app: str) -> None:
    """Rows of apps above this one that refer to rows about to go (cases cannot name them: they sit above)."""
    for rel in model._meta.get_fields(include_hidden=True):
        if not rel.auto_created or rel.concrete or rel.many_to_many or rel.related_model._meta.app_label == skip_app:
            continue
        rel.related_model.objects.filter(**{f"{rel.field.name}__in": rows})._raw_delete(connection.alias)
