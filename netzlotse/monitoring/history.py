"""Importing a programme's history: one row per event (profiling, admission, follow-up, placements, exit).

Every row is checked first, in date order, against what the file and the database say happened before it
(an admission before its follow-ups, a placement started before it ends, no site ever overbooked). Only a
file without errors is written, in one transaction, through the case services, so each row leaves the very
case event the application writes. With `create_missing`, participants (by code only), organisations,
projects and placement sites the file names are created; without it, rows naming unknown ones are errors.

In a joint project the organisations share one case per person: a row at the project's lead or one of its
partners (a follow-up at a provider after the admission at a Jobcenter) belongs to the person's open case in
that project, and its event records where it happened. Outside a shared project a row needs a case of the
row's own organisation: sharing beyond the project goes through consent, never through an import.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from netzlotse.cases import services
from netzlotse.cases.imports import ONE_AT_A_TIME, write_event, write_if_valid
from netzlotse.cases.models import Case, Participant, Placement, PlacementSite
from netzlotse.core.xlsx import workbook_bytes
from netzlotse.directory.imports.columns import Column
from netzlotse.directory.imports.reader import UnreadableFile, read_upload
from netzlotse.directory.imports.validate import ImportPlan, RowError, RowResult, _text, parse_row
from netzlotse.network.models import Organization, Project

SHEET = "Verlauf"
EVENTS = ["profiling", "aufnahme", "folgegespraech", "platzierung_geplant", "platzierung_beginn", "platzierung_ende",
          "austritt"]
ON_A_CASE = set(EVENTS) - {"profiling", "aufnahme"}
PLACEMENT_ROWS = {"platzierung_geplant", "platzierung_beginn", "platzierung_ende"}
COLUMNS = [
    Column("code", "teilnehmer", required=True, max_length=20),
    Column("date", "datum", kind="date", required=True),
    Column("event", "ereignis", kind="choice", required=True, choices=tuple(EVENTS)),
    Column("organisation", "organisation", max_length=250),
    Column("project", "projekt", max_length=250),
    Column("site", "einsatzstelle", max_length=50),
    Column("slots", "plaetze", kind="int", hint="Plätze der Einsatzstelle; Pflicht für eine neue Einsatzstelle"),
    Column("planned_start", "beginn_geplant", kind="date"),
    Column("reason", "grund", kind="choice", choices=tuple(Placement.EndReason.values) + ("",)),
    Column("early", "vorzeitig", kind="bool"),
    Column("outcome", "ergebnis", kind="choice", choices=tuple(Case.Outcome.values) + ("",)),
]


@dataclass
class _Row:
    result: RowResult
    values: dict


@dataclass
class _Lookups:
    """What the file refers to, loaded once; what it will create is noted as it is met."""

    programme: object
    create_missing: bool
    people: dict = field(default_factory=dict)  # code → Participant
    orgs: dict = field(default_factory=dict)  # casefolded code or name → Organization
    projects: dict = field(default_factory=dict)  # casefolded code or name → Project
    members: dict = field(default_factory=dict)  # project key → keys of its lead and partners
    sites: dict = field(default_factory=dict)  # code → PlacementSite
    new_orgs: dict = field(default_factory=dict)  # key → name
    new_projects: dict = field(default_factory=dict)  # key → (name, organisation key)
    new_sites: dict = field(default_factory=dict)  # code → [project key, organisation key, slots the file gives]
    new_people: dict = field(default_factory=dict)  # code → organisation key of the first row


def _key(text: str) -> str:
    return text.strip().casefold()


def _load(rows: list[_Row], programme, create_missing: bool) -> _Lookups:
    lookups = _Lookups(programme, create_missing)
    values = [r.values for r in rows]
    codes = {v["code"] for v in values if v.get("code")}
    lookups.people = {p.code: p for p in Participant.objects.filter(code__in=codes)}
    names = {v["organisation"] for v in values if v.get("organisation")}
    for org in Organization.objects.filter(Q(external_id__in=names) | Q(name__in=names)):
        lookups.orgs.setdefault(_key(org.name), org)
        if org.external_id:
            lookups.orgs[_key(org.external_id)] = org
    projects = {v["project"] for v in values if v.get("project")}
    for project in Project.objects.filter(Q(code__in=projects) | Q(name__in=projects)).select_related(
            "lead").prefetch_related("partners"):
        _note_project(lookups, project)
    sites = {v["site"] for v in values if v.get("site")}
    lookups.sites = {s.code: s for s in PlacementSite.objects.filter(code__in=sites)}
    return lookups


def _org_keys(org) -> set:
    return {_key(org.name)} | ({_key(org.external_id)} if org.external_id else set())


def _note_project(lookups: _Lookups, project) -> str:
    """Register a known project under its name and code, with the organisations that share its cases."""
    members = set()
    for org in (project.lead, *project.partners.all()):
        members |= _org_keys(org)
        for key in _org_keys(org):
            lookups.orgs.setdefault(key, org)
    keys = [_key(project.name)] + ([_key(project.code)] if project.code else [])
    for key in keys:
        lookups.projects.setdefault(key, project)
        lookups.members[key] = members
    return keys[-1]


def _error(row: _Row, column: str, message: str) -> None:
    row.result.errors.append(RowError(row.result.sheet, row.result.row, column, message))


def _organisation(row: _Row, lookups: _Lookups):
    """The organisation key of the row (existing or to be created), or None after recording an error."""
    name = row.values["organisation"]
    if not name:
        return None
    key = _key(name)
    if key in lookups.orgs or key in lookups.new_orgs:
        return key
    if lookups.create_missing:
        lookups.new_orgs[key] = name
        return key
    _error(row, "organisation", _("Unbekannte Organisation „%(name)s“.") % {"name": name[:60]})
    return None


def _project(row: _Row, lookups: _Lookups, org_key):
    name = row.values["project"]
    if not name:
        _error(row, "projekt", _("Zu diesem Ereignis gehört das Projekt."))
        return None
    key = _key(name)
    project = lookups.projects.get(key)
    if project is not None:
        if lookups.programme is not None and project.programme_id != lookups.programme.pk:
            _error(row, "projekt", _("Das Projekt „%(name)s“ gehört nicht zum gewählten Programm.") % {"name": name[:60]})
            return None
        return key
    if key in lookups.new_projects:
        return key
    if lookups.create_missing and org_key is not None:
        lookups.new_projects[key] = (name, org_key)
        lookups.members[key] = {org_key}
        return key
    _error(row, "projekt", _("Unbekanntes Projekt „%(name)s“.") % {"name": name[:60]})
    return None


@dataclass
class _Case:
    org: str
    project: str | None
    opened_on: object
    open: bool = True
    placements: dict = field(default_factory=dict)  # site code → "planned" / "active"


RANK = {event: position for position, event in enumerate(EVENTS)}  # within a day: admission before follow-ups


def _existing_cases(lookups: _Lookups) -> dict:
    """The cases the file's known participants already have, with their running placements."""
    cases = defaultdict(dict)
    for case in Case.objects.filter(participant__in=lookups.people.values()).select_related(
            "participant", "organization", "project__lead").prefetch_related("project__partners"):
        key = _key(case.organization.external_id or case.organization.name)
        lookups.orgs.setdefault(key, case.organization)
        project_key = _note_project(lookups, case.project) if case.project is not None else None
        cases[case.participant.code][key] = _Case(key, project_key, case.opened_on, case.is_open)
    for placement in Placement.objects.filter(case__participant__in=lookups.people.values(),
                                              status__in=Placement.OCCUPYING).select_related("case", "site"):
        key = _key(placement.case.organization.external_id or placement.case.organization.name)
        cases[placement.case.participant.code][key].placements[placement.site.code] = (
            "active" if placement.status == Placement.Status.ACTIVE else "planned")
    return cases


def _case_of(row, cases, org_key, lookups):
    """The participant's open case the row belongs to: at the named organisation, else the one open case of a
    project the organisation leads or partners in; without an organisation, their only open case."""
    mine = cases.get(row.values["code"], {})
    open_cases = [state for state in mine.values() if state.open]
    if org_key is not None:
        state = mine.get(org_key)
        if state is not None:
            return state if state.open else None
        open_cases = [state for state in open_cases if org_key in lookups.members.get(state.project, ())]
    return open_cases[0] if len(open_cases) == 1 else None


def _check(rows: list[_Row], lookups: _Lookups, today) -> None:
    cases = _existing_cases(lookups)
    occupying = Counter()
    for site in lookups.sites.values():
        occupying[site.code] = site.placements.filter(status__in=Placement.OCCUPYING).count()
    ordered = sorted((r for r in rows if not r.result.errors),
                     key=lambda r: (r.values["date"], RANK[r.values["event"]], r.result.row))
    for row in ordered:  # a new code belongs to the organisation of its first row that names one
        code = row.values["code"]
        if code not in lookups.people and code not in lookups.new_people and row.values["organisation"]:
            lookups.new_people[code] = _key(row.values["organisation"])
    for row in ordered:
        v = row.values
        if v["date"] > today:
            _error(row, "datum", _("Das Datum liegt in der Zukunft."))
            continue
        org_key = _organisation(row, lookups)
        if row.result.errors:
            continue
        if v["code"] not in lookups.people:
            if not lookups.create_missing:
                _error(row, "teilnehmer", _("Unbekannte Kennung; mit „fehlende anlegen“ wird sie neu angelegt."))
                continue
            if v["code"] not in lookups.new_people:
                _error(row, "organisation", _("Für eine neue Kennung ist die Organisation Pflicht."))
                continue
        if v["event"] in ("profiling", "aufnahme"):
            _check_start(row, lookups, cases, org_key)
        else:
            _check_on_case(row, lookups, cases, org_key, occupying)
        if not row.result.errors:
            row.result.action = "neu"


def _check_start(row, lookups, cases, org_key) -> None:
    v = row.values
    if org_key is None:
        _error(row, "organisation", _("Zu Profiling und Aufnahme gehört die Organisation."))
        return
    state = cases.get(v["code"], {}).get(org_key)
    if v["event"] == "profiling" and _case_of(row, cases, org_key, lookups) is not None:
        return  # a profiling within the case, as a contact
    project_key = _project(row, lookups, org_key)
    if project_key is None or v["event"] == "profiling":
        return
    if state is not None and state.open:
        _error(row, "ereignis", _("Die Person ist bei dieser Organisation schon aufgenommen."))
        return
    if any(other.open and other.project == project_key for other in cases.get(v["code"], {}).values()):
        _error(row, "ereignis", _("Die Person ist in diesem Projekt schon aufgenommen (bei einem Partner)."))
        return
    if state is not None:
        state.open = True  # a closed case is reopened
    else:
        cases.setdefault(v["code"], {})[org_key] = _Case(org_key, project_key, v["date"])


def _check_on_case(row, lookups, cases, org_key, occupying) -> None:
    v = row.values
    state = _case_of(row, cases, org_key, lookups)
    if state is None:
        _error(row, "ereignis", _("Die Person hat weder hier noch in einem Projekt, an dem diese Organisation "
                                  "beteiligt ist, einen offenen Fall (erst „aufnahme“)."))
        return
    if v["date"] < state.opened_on:
        _error(row, "datum", _("Das Ereignis liegt vor der Aufnahme."))
        return
    if v["event"] == "austritt":
        if not v["outcome"]:
            _error(row, "ergebnis", _("Zum Austritt gehört der Verbleib (ergebnis)."))
            return
        for site_code in state.placements:
            occupying[site_code] -= 1
        state.placements, state.open = {}, False
        return
    if v["event"] not in PLACEMENT_ROWS:
        return
    _check_placement(row, lookups, state, occupying)


def _check_placement(row, lookups, state, occupying) -> None:
    v = row.values
    code = v["site"]
    if not code:
        _error(row, "einsatzstelle", _("Zur Platzierung gehört die Einsatzstelle."))
        return
    site = lookups.sites.get(code)
    if site is None and code not in lookups.new_sites:
        if not lookups.create_missing:
            _error(row, "einsatzstelle", _("Unbekannte Einsatzstelle „%(code)s“.") % {"code": code[:40]})
            return
        if state.project is None:
            _error(row, "einsatzstelle", _("Eine neue Einsatzstelle braucht einen Fall mit Projekt."))
            return
        if not v["slots"] or v["slots"] < 1:  # never guessed from the placements: that would hide overbooking
            _error(row, "plaetze", _("Für die neue Einsatzstelle „%(code)s“ fehlt die Zahl der Plätze (Spalte "
                                     "„plaetze“).") % {"code": code[:40]})
            return
        lookups.new_sites[code] = [state.project, _row_org(row) or state.org, v["slots"]]
    slots = site.slots if site is not None else lookups.new_sites[code][2]
    if v["slots"] and v["slots"] != slots:
        _error(row, "plaetze", _("Die Einsatzstelle „%(code)s“ hat %(n)d Plätze, die Zeile nennt %(m)d.")
               % {"code": code[:40], "n": slots, "m": v["slots"]})
        return
    current = state.placements.get(code)
    if v["event"] == "platzierung_ende":
        if current != "active":
            _error(row, "ereignis", _("Die Platzierung endet, ohne begonnen zu haben."))
            return
        del state.placements[code]
        occupying[code] -= 1
        return
    if current == "active" or (current == "planned" and v["event"] == "platzierung_geplant"):
        _error(row, "ereignis", _("Die Person hat an dieser Einsatzstelle schon eine Platzierung."))
        return
    if current is None and any(held in ("active", "planned") for other, held in state.placements.items()
                               if other != code):
        _error(row, "einsatzstelle", str(ONE_AT_A_TIME))
        return
    if current is None:
        occupying[code] += 1
        if occupying[code] > slots:
            _error(row, "einsatzstelle", _("Die Einsatzstelle hätte mehr Platzierungen als Plätze (%(n)d).")
                   % {"n": slots})
            return
    state.placements[code] = "active" if v["event"] == "platzierung_beginn" else "planned"


def _row_org(row: _Row):
    return _key(row.values["organisation"]) if row.values["organisation"] else None


def _parse(sheet, lookups_for_cells=None) -> list[_Row]:
    rows = []
    for number, raw in sheet.rows:
        result, values = parse_row(SHEET, number, raw, COLUMNS, lookups_for_cells,
                                   key=_text(raw.get("teilnehmer"))[:20], label=_text(raw.get("ereignis"))[:40])
        values["minutes"] = None
        rows.append(_Row(result, values))
    return rows


def check(filename: str, content: bytes, *, programme=None, create_missing=False) -> ImportPlan:
    try:
        sheets = read_upload(filename, content, sheets={SHEET: COLUMNS}, csv_sheet=lambda headers: SHEET)
    except UnreadableFile as exc:
        return ImportPlan(file_errors=[str(exc)])
    rows = _parse(sheets[SHEET])
    lookups = _load(rows, programme, create_missing)
    _check(rows, lookups, timezone.localdate())
    plan = ImportPlan(rows={SHEET: [r.result for r in rows]})
    plan.parsed, plan.lookups = rows, lookups
    return plan


def history_import(*, filename: str, content: bytes, by, programme=None, create_missing=False,
                   dry_run=False) -> ImportPlan:
    """Check the file and, if every row is valid and this is no dry run, write it all in one transaction."""
    plan = check(filename, content, programme=programme, create_missing=create_missing)
    return write_if_valid(plan, dry_run=dry_run, write=lambda: _write(plan, by=by))


def _create_missing(lookups: _Lookups) -> None:
    for key, name in lookups.new_orgs.items():
        kind = Organization.Kind.JOBCENTER if key.startswith("jobcenter") else Organization.Kind.PROVIDER
        lookups.orgs[key] = Organization.objects.create(name=name, kind=kind)
    for key, (name, org_key) in lookups.new_projects.items():
        lookups.projects[key] = Project.objects.create(name=name, code=name, lead=lookups.orgs[org_key],
                                                       programme=lookups.programme)
    for code, (project_key, org_key, slots) in lookups.new_sites.items():
        project = lookups.projects[project_key] if project_key else None
        organisation = lookups.orgs[org_key] if org_key else project.lead
        lookups.sites[code] = PlacementSite.objects.create(code=code, name=code, slots=slots,
                                                           project=project, organization=organisation)
    for code, org_key in lookups.new_people.items():
        lookups.people[code] = services.participant_register(participant=Participant(
            code=code, organization=lookups.orgs[org_key], first_name="", last_name="", birth_date=None),
            by=None, allow_duplicate=True)


def _write(plan: ImportPlan, *, by) -> None:
    lookups = plan.lookups
    _create_missing(lookups)
    cases = defaultdict(dict)  # code → organisation id → Case (a person's few cases, found without a scan)
    for case in Case.objects.filter(participant__in=lookups.people.values()).select_related("participant"):
        cases[case.participant.code][case.organization_id] = case
    profiled_at = {}  # code → the Jobcenter of the person's latest profiling, to note on their admission
    members = {project.pk: {lookups.orgs[k].pk for k in lookups.members.get(key, ()) if k in lookups.orgs}
               for key, project in lookups.projects.items()}
    for row in sorted(plan.parsed, key=lambda r: (r.values["date"], RANK[r.values["event"]], r.result.row)):
        v = row.values
        person = lookups.people[v["code"]]
        org = lookups.orgs.get(_key(v["organisation"])) if v["organisation"] else None
        case = cases[v["code"]].get(org.pk) if org else None
        at = None
        if case is None and v["event"] != "aufnahme":  # the open case of a project the row's organisation shares
            case = next((c for c in cases[v["code"]].values() if c.is_open and (
                org is None or org.pk in members.get(c.project_id, ()))), None)
            at = org
        if v["event"] == "profiling" and (case is None or not case.is_open):
            if org.kind == Organization.Kind.JOBCENTER:
                profiled_at[v["code"]] = org
            services.profiling_record(participant=person, organization=org,
                                      project=lookups.projects[_key(v["project"])], day=v["date"], by=by)
        elif v["event"] == "aufnahme":
            if case is not None:
                services.case_reopen(case=case, by=by, reason=_("Import des Verlaufs"), day=v["date"])
            else:
                cases[v["code"]][org.pk] = services.case_open(case=Case(
                    participant=person, organization=org, project=lookups.projects[_key(v["project"])],
                    opened_on=v["date"], jobcenter=profiled_at.get(v["code"])), by=by)
        elif v["event"] == "austritt":
            services.case_close(case=case, outcome=v["outcome"], early=v["early"], by=by, day=v["date"])
        else:
            write_event(case, v, lookups, by, at=at)


def template_bytes() -> bytes:
    codes = [["ereignis", code, label] for code, label in [
        ("profiling", "Profiling (auch vor der Aufnahme, z. B. im Jobcenter)"), ("aufnahme", "Aufnahme ins Programm"),
        ("folgegespraech", "Folge-Profiling / Folgegespräch"), ("platzierung_geplant", "Platzierung geplant"),
        ("platzierung_beginn", "Platzierung begonnen"), ("platzierung_ende", "Platzierung beendet"),
        ("austritt", "Austritt (mit ergebnis)")]]
    codes += [["grund", value, str(label)] for value, label in Placement.EndReason.choices]
    codes += [["ergebnis", value, str(label)] for value, label in Case.Outcome.choices]
    codes += [["Hinweis", "organisation", "Kennung (externe ID) oder Name der Organisation"],
              ["Hinweis", "projekt", "Projektkennung oder Name"],
              ["Hinweis", "datum", "JJJJ-MM-TT oder TT.MM.JJJJ"]]
    return workbook_bytes({SHEET: ([c.header for c in COLUMNS], []), "Codes": (["Liste", "Code", "Bedeutung"], codes)})
