"""Importing an organisation's existing participant list and its history from XLSX or CSV.

Two sheets: "Teilnehmende" (one row per person with the case: admission, exit, residence status) and
"Verlauf" (one row per event, with the column names the monitoring's history import uses). Every row is
checked first; only a file without errors is written, in one transaction, through the same services the
pages use, so each row leaves the case events the application itself would write.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netzlotse.core.xlsx import workbook_bytes
from netzlotse.directory.imports.columns import Column
from netzlotse.directory.imports.reader import Sheet, UnreadableFile, read_upload
from netzlotse.directory.imports.validate import ImportPlan, RowError, RowResult, _text, parse_row
from netzlotse.directory.models import Language, ResidenceStatus, TargetGroup
from netzlotse.network.models import Project, Region

from . import services
from .models import Case, Contact, Participant, Placement, PlacementSite, ResidenceRecord

SHEET_PEOPLE = "Teilnehmende"
SHEET_HISTORY = "Verlauf"
SHEET_CODES = "Codes"

PEOPLE_COLUMNS = [
    Column("code", "teilnehmer", max_length=20, hint="Kennung; leer lassen, dann wird eine vergeben"),
    Column("first_name", "vorname", required=True, max_length=100),
    Column("last_name", "nachname", required=True, max_length=100),
    Column("birth_date", "geburtsdatum", kind="date", required=True),
    Column("gender", "geschlecht", kind="choice", choices=tuple(Participant.Gender.values) + ("",)),
    Column("postcode", "plz", max_length=10),
    Column("district", "wohnkreis", kind="ags"),
    Column("phone", "telefon", max_length=50),
    Column("email", "email", kind="email"),
    Column("german_level", "deutsch", kind="choice", choices=tuple(Participant.GermanLevel.values)),
    Column("education", "bildung", kind="choice", choices=tuple(Participant.Education.values)),
    Column("languages", "sprachen", kind="codes", vocabulary=Language),
    Column("target_groups", "zielgruppen", kind="codes", vocabulary=TargetGroup),
    Column("residence_status", "aufenthaltsstatus", kind="codes", vocabulary=ResidenceStatus),
    Column("valid_until", "gueltig_bis", kind="date"),
    Column("access", "arbeitsmarktzugang", kind="choice", choices=tuple(ResidenceRecord.Access.values) + ("",)),
    Column("project", "projekt", max_length=250),
    Column("opened_on", "aufgenommen_am", kind="date"),
    Column("closed_on", "beendet_am", kind="date"),
    Column("outcome", "ergebnis", kind="choice", choices=tuple(Case.Outcome.values) + ("",)),
    Column("early", "vorzeitig", kind="bool"),
    Column("other_person", "andere_person", kind="bool", hint="ja: trotz ähnlicher Person neu anlegen"),
]
CONTACT_EVENTS = {"profiling": Contact.Kind.PROFILING, "folgegespraech": Contact.Kind.FOLLOW_UP_PROFILING,
                  "beratung": Contact.Kind.COUNSELLING, "hausbesuch": Contact.Kind.HOME_VISIT,
                  "telefonat": Contact.Kind.PHONE}
PLACEMENT_EVENTS = ("platzierung_geplant", "platzierung_beginn", "platzierung_ende")
HISTORY_COLUMNS = [
    Column("code", "teilnehmer", required=True, max_length=20),
    Column("date", "datum", kind="date", required=True),
    Column("event", "ereignis", kind="choice", required=True, choices=(*CONTACT_EVENTS, *PLACEMENT_EVENTS)),
    Column("site", "einsatzstelle", max_length=50),
    Column("planned_start", "beginn_geplant", kind="date"),
    Column("reason", "grund", kind="choice", choices=tuple(Placement.EndReason.values) + ("",)),
    Column("early", "vorzeitig", kind="bool"),
    Column("minutes", "dauer_minuten", kind="int"),
]
SHEETS = {SHEET_PEOPLE: PEOPLE_COLUMNS, SHEET_HISTORY: HISTORY_COLUMNS}
ONE_AT_A_TIME = gettext_lazy("Die Person hat schon eine laufende oder geplante Platzierung an einer anderen "
                             "Einsatzstelle; eine Person hat einen Platz zur Zeit (das Ende der vorigen an einem "
                             "früheren Tag eintragen).")


class _Lookups:
    """What cells refer to, loaded once (no query per row)."""

    def __init__(self, organization):
        self.regions = {r.ags: r for r in Region.objects.districts()}
        self.vocab = {}
        self.projects = {p.name: p for p in Project.objects.filter(Q(lead=organization) | Q(partners=organization))}
        self.sites = {s.code: s for s in PlacementSite.objects.for_organizations([organization.pk]).exclude(code=None)}
        self.people = {p.code: p for p in Participant.objects.filter(organization=organization)}
        self.taken_codes = set()

    def codes(self, model):
        if model not in self.vocab:
            self.vocab[model] = {v.code: v for v in model.objects.all()}
        return self.vocab[model]


@dataclass
class _Row:
    result: RowResult
    values: dict


def _csv_sheet(headers: set[str]) -> str:
    if "ereignis" in headers:
        return SHEET_HISTORY
    if "vorname" in headers:
        return SHEET_PEOPLE
    raise UnreadableFile(_("Die CSV-Datei hat weder die Spalten der Teilnehmendenliste („vorname“, „nachname“) "
                           "noch die des Verlaufs („teilnehmer“, „datum“, „ereignis“). Laden Sie die Vorlage "
                           "herunter."))


def _parse_rows(sheet: Sheet, columns, lookups) -> list[_Row]:
    rows = []
    for number, raw in sheet.rows:
        label = " ".join(filter(None, [_text(raw.get("vorname")), _text(raw.get("nachname")),
                                       _text(raw.get("ereignis"))]))[:120]
        rows.append(_Row(*parse_row(sheet.name, number, raw, columns, lookups, key=_text(raw.get("teilnehmer"))[:20],
                                    label=label)))
    return rows


def _error(row: _Row, column: str, message: str) -> None:
    row.result.errors.append(RowError(row.result.sheet, row.result.row, column, message))


def _check_person(row: _Row, lookups: _Lookups, organization, seen: Counter, today) -> None:
    v = row.values
    if row.result.errors:
        return
    code = v["code"]
    existing = lookups.people.get(code) if code else None
    row.result.action = "aktualisieren" if existing else "neu"
    if code and seen[code] > 1:
        _error(row, "teilnehmer", _("Die Kennung steht mehrfach in der Datei."))
    if code and not existing and code in lookups.taken_codes:
        _error(row, "teilnehmer", _("Die Kennung ist bereits vergeben."))
    if len(v["district"]) > 1:
        _error(row, "wohnkreis", _("Bitte genau einen Kreis angeben."))
    if len(v["residence_status"]) > 1:
        _error(row, "aufenthaltsstatus", _("Bitte genau einen Aufenthaltsstatus angeben."))
    if v["residence_status"] and not v["access"]:
        _error(row, "arbeitsmarktzugang", _("Zum Aufenthaltsstatus gehört der Arbeitsmarktzugang."))
    if v["project"] and v["project"] not in lookups.projects:
        _error(row, "projekt", _("Unbekanntes Projekt „%(name)s“ Ihrer Organisation.") % {"name": v["project"][:60]})
    if existing:
        return  # an update corrects the person; admission and exit stay as recorded
    if v["birth_date"] > today:
        _error(row, "geburtsdatum", _("Das Geburtsdatum liegt in der Zukunft."))
    if v["opened_on"] is None:
        _error(row, "aufgenommen_am", _("Für neue Teilnehmende ist das Aufnahmedatum Pflicht."))
    elif v["opened_on"] > today:
        _error(row, "aufgenommen_am", _("Das Aufnahmedatum liegt in der Zukunft."))
    if v["closed_on"] and (v["opened_on"] is None or v["closed_on"] < v["opened_on"] or v["closed_on"] > today):
        _error(row, "beendet_am", _("Das Ende muss zwischen Aufnahme und heute liegen."))
    if v["closed_on"] and not v["outcome"]:
        _error(row, "ergebnis", _("Zum Austritt gehört der Verbleib (ergebnis)."))
    if not v["other_person"] and not row.result.errors:
        twins = services.probable_duplicates(lookups.born.get(v["birth_date"], []), first_name=v["first_name"],
                                             last_name=v["last_name"], postcode=v["postcode"])
        if twins:
            _error(row, "vorname", _("Wahrscheinlich schon erfasst als %(codes)s. Ist es eine andere Person, "
                                     "„andere_person“ auf „ja“ setzen.") % {"codes": ", ".join(t.code for t in twins)})


def _check_history(rows: list[_Row], people: dict, lookups: _Lookups, today) -> None:
    """Each event must name a known person and site, follow the admission, and leave no site overbooked."""
    occupying = Counter()
    for site in lookups.sites.values():
        occupying[site.code] = site.placements.filter(status__in=Placement.OCCUPYING).count()
    running = {}  # (person code, site code) → "planned" / "active", as the file goes on
    held = defaultdict(set)  # person code → sites where they hold a slot (one at a time)
    for placement in Placement.objects.filter(site__in=lookups.sites.values(), status__in=Placement.OCCUPYING) \
            .select_related("case__participant", "site"):
        running[(placement.case.participant.code, placement.site.code)] = (
            "active" if placement.status == Placement.Status.ACTIVE else "planned")
        held[placement.case.participant.code].add(placement.site.code)
    for row in sorted(rows, key=lambda r: (r.values.get("date") or today, r.result.row)):
        v = row.values
        if row.result.errors:
            continue
        person = people.get(v["code"])
        if person is None:
            _error(row, "teilnehmer", _("Unbekannte Kennung: weder im Blatt „Teilnehmende“ noch bei Ihrer "
                                        "Organisation erfasst."))
            continue
        if person["opened_on"] is None:
            _error(row, "teilnehmer", _("Die Person hat bei Ihrer Organisation keinen Fall."))
            continue
        if v["date"] > today:
            _error(row, "datum", _("Das Datum liegt in der Zukunft."))
        elif person["opened_on"] and v["date"] < person["opened_on"]:
            _error(row, "datum", _("Das Ereignis liegt vor der Aufnahme."))
        if v["event"] not in PLACEMENT_EVENTS or row.result.errors:
            row.result.action = "neu"
            continue
        site = lookups.sites.get(v["site"])
        if site is None:
            _error(row, "einsatzstelle", _("Unbekannte Einsatzstelle „%(code)s“.") % {"code": v["site"][:40]})
            continue
        key, state = (v["code"], site.code), running.get((v["code"], site.code))
        if v["event"] == "platzierung_ende":
            if state != "active":
                _error(row, "ereignis", _("Die Platzierung endet, ohne begonnen zu haben."))
                continue
            running.pop(key)
            held[v["code"]].discard(site.code)
            occupying[site.code] -= 1
        elif state == "active" or (state == "planned" and v["event"] == "platzierung_geplant"):
            _error(row, "ereignis", _("Die Person hat an dieser Einsatzstelle schon eine Platzierung."))
            continue
        elif state is None and held[v["code"]] - {site.code}:
            _error(row, "einsatzstelle", str(ONE_AT_A_TIME))
            continue
        else:
            if state is None:
                occupying[site.code] += 1
                if occupying[site.code] > site.slots:
                    _error(row, "einsatzstelle", _("Die Einsatzstelle hätte mehr Platzierungen als Plätze (%(n)d).")
                           % {"n": site.slots})
                    continue
            running[key] = "active" if v["event"] == "platzierung_beginn" else "planned"
            held[v["code"]].add(site.code)
        row.result.action = "neu"


def check(filename: str, content: bytes, *, organization) -> ImportPlan:
    try:
        sheets = read_upload(filename, content, sheets=SHEETS, csv_sheet=_csv_sheet)
    except UnreadableFile as exc:
        return ImportPlan(file_errors=[str(exc)])
    today = timezone.localdate()
    lookups = _Lookups(organization)
    parsed = {name: _parse_rows(sheet, SHEETS[name], lookups) for name, sheet in sheets.items()}
    people_rows = parsed.get(SHEET_PEOPLE, [])
    codes = [r.values.get("code") for r in people_rows if r.values.get("code")]
    lookups.taken_codes = set(Participant.objects.filter(code__in=codes).exclude(
        organization=organization).values_list("code", flat=True))
    seen = Counter(codes)
    lookups.born = {}  # the organisation's people by birth date, read once for the duplicate check of every row
    births = {r.values["birth_date"] for r in people_rows if r.values.get("birth_date")}
    for person in services.duplicate_candidates(organization=organization, birth_dates=births):
        lookups.born.setdefault(person.birth_date, []).append(person)
    for row in people_rows:
        _check_person(row, lookups, organization, seen, today)
    first_opened = dict(Case.objects.filter(organization=organization).values("participant__code").annotate(
        first=Min("opened_on")).values_list("participant__code", "first"))
    people = {code: {"opened_on": first_opened.get(code)} for code in lookups.people}
    people.update({r.values["code"]: {"opened_on": r.values.get("opened_on")} for r in people_rows
                   if r.values.get("code") and r.values["code"] not in lookups.people})
    _check_history(parsed.get(SHEET_HISTORY, []), people, lookups, today)
    plan = ImportPlan(rows={name: [r.result for r in rows] for name, rows in parsed.items()})
    plan.parsed, plan.lookups = parsed, lookups
    return plan


def participants_import(*, filename: str, content: bytes, organization, by, dry_run=False) -> ImportPlan:
    """Check the file and, if every row is valid and this is no dry run, write it all in one transaction."""
    plan = check(filename, content, organization=organization)
    return write_if_valid(plan, dry_run=dry_run, write=lambda: _write(plan, organization=organization, by=by))


def write_if_valid(plan: ImportPlan, *, dry_run: bool, write) -> ImportPlan:
    """Run `write` in one transaction for a plan without errors (not on a dry run); `plan.written` says if it did."""
    if plan.is_valid and not dry_run:
        try:
            with transaction.atomic():
                write()
        except services.SiteFull as full:  # booked by someone else between the check and the import
            plan.file_errors.append(_("Die Einsatzstelle %(site)s ist inzwischen voll; es wurde nichts importiert.")
                                    % {"site": full.placement.site.code})
            return plan
        except (services.AlreadyPlaced, IntegrityError):  # placed or changed by someone else meanwhile
            plan.file_errors.append(_("Die Daten haben sich seit der Prüfung geändert; es wurde nichts importiert. "
                                      "Bitte laden Sie die Datei erneut hoch."))
            return plan
        plan.written = True
    return plan


def _write(plan, *, organization, by) -> None:
    lookups = plan.lookups
    cases = {}
    for row in plan.parsed.get(SHEET_PEOPLE, []):
        v = row.values
        existing = lookups.people.get(v["code"]) if v["code"] else None
        person = existing or Participant(organization=organization)
        if v["code"] and not existing:
            person.code = v["code"]
        for name in ("first_name", "last_name", "birth_date", "postcode", "phone", "email", "german_level",
                     "education"):
            setattr(person, name, v[name])
        person.gender = v["gender"] or Participant.Gender.NONE
        person.district = v["district"][0] if v["district"] else None
        m2m = {"languages": v["languages"], "target_groups": v["target_groups"]}
        residence = ResidenceRecord(status=v["residence_status"][0], valid_until=v["valid_until"],
                                    labour_market_access=v["access"], recorded_on=v["opened_on"] or
                                    timezone.localdate()) if v["residence_status"] else None
        if existing:
            services.participant_update(participant=person, by=by, m2m=m2m)
            if residence is not None:
                case = existing.cases.filter(organization=organization).order_by("-opened_on").first()
                if case is not None:
                    services.residence_change(case=case, record=residence, by=by)
            continue
        case = services.admission(participant=person, by=by, residence=residence, allow_duplicate=True,
                                  case=Case(organization=organization, opened_on=v["opened_on"],
                                            project=lookups.projects.get(v["project"])))
        for name, values in m2m.items():
            getattr(person, name).set(values)
        cases[person.code] = case
        if v["closed_on"]:
            case.closed_after_history = (v["closed_on"], v["outcome"], v["early"])
    for row in sorted(plan.parsed.get(SHEET_HISTORY, []), key=lambda r: (r.values["date"], r.result.row)):
        v = row.values
        case = cases.get(v["code"]) or cases.setdefault(v["code"], lookups.people[v["code"]].cases.filter(
            organization=organization).order_by("-opened_on").first())
        write_event(case, v, lookups, by)
    for case in cases.values():  # exits last, so placements that ran until then end with them
        if getattr(case, "closed_after_history", None):
            day, outcome, early = case.closed_after_history
            services.case_close(case=case, outcome=outcome, early=early, by=by, day=day)


def write_event(case, v, lookups, by, at=None) -> None:
    """One row's event on the case; `at` is the partner organisation of the case's project where it happened."""
    if v["event"] in CONTACT_EVENTS:
        services.contact_record(case=case, by=by, at=at, contact=Contact(
            kind=CONTACT_EVENTS[v["event"]], date=v["date"], duration_minutes=v["minutes"],
            place=at.name[:200] if at else ""))
        return
    site = lookups.sites[v["site"]]
    mine = case.placements.filter(site=site)
    if v["event"] == "platzierung_geplant":
        services.placement_book(case=case, site=site, start=v["planned_start"] or v["date"], day=v["date"],
                                plan_only=True, by=by)
    elif v["event"] == "platzierung_beginn":
        planned = mine.filter(status=Placement.Status.PLANNED).first()
        if planned is not None:
            services.placement_start(placement=planned, by=by, day=v["date"])
        else:
            services.placement_book(case=case, site=site, start=v["date"], by=by)
    else:
        services.placement_end(placement=mine.get(status=Placement.Status.ACTIVE), reason=v["reason"] or
                               Placement.EndReason.REGULAR, early=v["early"], by=by, day=v["date"])


def template_bytes() -> bytes:
    codes = [["ereignis", code, label] for code, label in [
        ("profiling", "Profiling"), ("folgegespraech", "Folgeprofiling / Folgegespräch"), ("beratung", "Beratung"),
        ("hausbesuch", "Hausbesuch"), ("telefonat", "Telefonat"), ("platzierung_geplant", "Platzierung geplant"),
        ("platzierung_beginn", "Platzierung begonnen"), ("platzierung_ende", "Platzierung beendet")]]
    codes += [["geschlecht", value, str(label)] for value, label in Participant.Gender.choices]
    codes += [["bildung", value, str(label)] for value, label in Participant.Education.choices if value]
    codes += [["arbeitsmarktzugang", value, str(label)] for value, label in ResidenceRecord.Access.choices]
    codes += [["ergebnis", value, str(label)] for value, label in Case.Outcome.choices]
    codes += [["grund", value, str(label)] for value, label in Placement.EndReason.choices]
    for title, model in (("sprachen", Language), ("zielgruppen", TargetGroup), ("aufenthaltsstatus", ResidenceStatus)):
        codes += [[title, v.code, v.label_de] for v in model.objects.filter(is_active=True)]
    codes += [["Hinweis", "wohnkreis", "amtlicher Kreisschlüssel (AGS), z. B. 15090 für Stendal"],
              ["Hinweis", "einsatzstelle", "Kennung der Einsatzstelle, z. B. AGH-SDL-01"]]
    return workbook_bytes({
        SHEET_PEOPLE: ([c.header for c in PEOPLE_COLUMNS], []),
        SHEET_HISTORY: ([c.header for c in HISTORY_COLUMNS], []),
        SHEET_CODES: (["Liste", "Code", "Bedeutung"], codes),
    })
