"""Checking every row of an import before anything is written.

Each cell is parsed by its column's kind; each problem becomes a RowError with
sheet, row, column and a German reason. Only a plan without errors is written.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _

from netzlotse.core.dates import NotADate, parse_date
from netzlotse.network.models import Organization, Project, Region

from ..models import Phase
from ..schedules import parse_mobile_dates, parse_opening_hours
from .columns import EXAMPLE_PREFIX, SHEET_LOCATIONS, SHEET_OFFERS, SHEET_ORGS, SHEETS, Column, match_by_id
from .reader import Sheet

MAX_LONGTEXT = 10_000
TRUE = {"ja", "j", "yes", "y", "x", "1", "wahr", "true"}
FALSE = {"nein", "n", "no", "0", "falsch", "false", ""}
_PLAIN_NUMBER = re.compile(r"[+\-]?[\d\s()/.\-]+")


class CellError(Exception):
    pass


@dataclass
class RowError:
    sheet: str
    row: int
    column: str
    message: str


@dataclass
class RowResult:
    sheet: str
    row: int
    key: str
    label: str
    action: str = ""  # "neu" or "aktualisieren"
    values: dict = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)


@dataclass
class ImportPlan:
    rows: dict[str, list[RowResult]] = field(default_factory=dict)
    file_errors: list[str] = field(default_factory=list)
    lookups: object = None
    written: bool = False

    @property
    def errors(self) -> list[RowError]:
        return [e for rows in self.rows.values() for r in rows for e in r.errors]

    @property
    def is_valid(self) -> bool:
        return not self.file_errors and not self.errors and any(self.rows.values())

    def counts(self) -> dict[str, dict[str, int]]:
        return {sheet: {"neu": sum(r.action == "neu" for r in rows),
                        "aktualisieren": sum(r.action == "aktualisieren" for r in rows),
                        "fehlerhaft": sum(bool(r.errors) for r in rows)}
                for sheet, rows in self.rows.items()}


class Lookups:
    """Everything a row may refer to, loaded once (no query per row)."""

    def __init__(self, user_scope, org_keys, may_edit_organisations=True):
        self.regions = {r.ags: r for r in Region.objects.all()}
        self.orgs = match_by_id(Organization, org_keys)
        self.projects = {p.name: p for p in Project.objects.all()}
        phases = list(Phase.objects.select_related("chain"))
        self.phases = {f"{p.chain.code}:{p.code}": p for p in phases}
        self.phases.update({p.code: p for p in phases if p.chain.is_default})
        self.vocab = {}
        self.user_scope = user_scope  # None: everything; else ids of organisations the user may edit
        self.may_edit_organisations = may_edit_organisations  # provider staff import offers only

    def codes(self, model):
        if model not in self.vocab:
            self.vocab[model] = {v.code: v for v in model.objects.all()}
        return self.vocab[model]


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    return str(value).strip()


def _guard_formula(text: str) -> None:
    """Refuse cells that a spreadsheet program would run as a formula when the data is exported again."""
    if text.startswith("="):
        raise CellError(_("Formeln sind nicht erlaubt (Zelle beginnt mit „=“)."))
    if text and text[0] in "+-@" and not _PLAIN_NUMBER.fullmatch(text):
        raise CellError(_("Zellen dürfen nicht mit „%(char)s“ beginnen (mögliche Formel).") % {"char": text[0]})


def _split(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;\n]", text) if part.strip()]


def parse_cell(column: Column, raw, lookups: Lookups):
    text = _text(raw)
    if "\x00" in text:
        raise CellError(_("Die Zelle enthält ungültige Zeichen."))
    _guard_formula(text)
    limit = MAX_LONGTEXT if column.kind == "longtext" else column.max_length
    if len(text) > limit:
        raise CellError(_("Zu lang: %(n)d Zeichen, erlaubt sind %(max)d.") % {"n": len(text), "max": limit})
    if not text:
        if column.required:
            raise CellError(_("Pflichtfeld ist leer."))
        return {"bool": False, "codes": [], "ags": [], "phases": [], "text": "", "longtext": "",
                "email": "", "url": "", "choice": "", "ref": ""}.get(column.kind)
    kind = column.kind
    if kind in ("text", "longtext", "ref"):
        return text
    if kind == "int":
        if isinstance(raw, bool) or not re.fullmatch(r"\d{1,9}", text):
            raise CellError(_("„%(v)s“ ist keine ganze Zahl ≥ 0.") % {"v": text[:40]})
        return int(text)
    if kind == "decimal":
        try:
            value = Decimal(text.replace(".", "").replace(",", ".") if "," in text else text)
        except InvalidOperation:
            raise CellError(_("„%(v)s“ ist kein Betrag.") % {"v": text[:40]}) from None
        if value < 0 or value >= Decimal("10000000") or not value.is_finite():
            raise CellError(_("Der Betrag muss zwischen 0 und 9.999.999 liegen."))
        return value.quantize(Decimal("0.01"))
    if kind == "date":
        if isinstance(raw, (date, datetime)):
            return raw.date() if isinstance(raw, datetime) else raw
        try:
            return parse_date(text)
        except NotADate as exc:
            raise CellError(str(exc)) from None
    if kind == "bool":
        if text.lower() in TRUE:
            return True
        if text.lower() in FALSE:
            return False
        raise CellError(_("Bitte „ja“ oder „nein“ angeben."))
    if kind == "email":
        try:
            EmailValidator()(text)
        except ValidationError:
            raise CellError(_("„%(v)s“ ist keine gültige E-Mail-Adresse.") % {"v": text[:60]}) from None
        return text
    if kind == "url":
        try:
            URLValidator(schemes=["http", "https"])(text)
        except ValidationError:
            raise CellError(_("„%(v)s“ ist keine gültige Webadresse (http/https).") % {"v": text[:60]}) from None
        return text
    if kind == "choice":
        code = column.code_for(text) if column.labels else (text if text in column.choices else None)
        if code is None:
            allowed = [label for value, label in column.labels if value] or [c for c in column.choices if c]
            raise CellError(_("„%(v)s“ ist nicht erlaubt. Erlaubt: %(allowed)s")
                            % {"v": text[:40], "allowed": ", ".join(allowed)})
        return code
    if kind == "codes":
        known = lookups.codes(column.vocabulary)
        return [_lookup(known, code, _("Code")) for code in _split(text)]
    if kind == "ags":
        return [_lookup(lookups.regions, code.zfill(5) if code.isdigit() and len(code) == 4 else code,
                        _("Regionsschlüssel (AGS)")) for code in _split(text)]
    if kind == "phases":
        return [_lookup(lookups.phases, code, _("Phasen-Code")) for code in _split(text)]
    raise AssertionError(f"unknown column kind {kind}")


def parse_row(sheet: str, number: int, raw: dict, columns, lookups, *, key: str = "", label: str = ""):
    """One row of an import: its result (with every cell's error) and its parsed values by column key."""
    result = RowResult(sheet=sheet, row=number, key=key, label=label)
    if raw.get("__extra__"):
        result.errors.append(RowError(sheet, number, "", _("Werte in Spalten ohne Überschrift.")))
    values = {}
    for column in columns:
        try:
            values[column.key] = parse_cell(column, raw.get(column.header), lookups)
        except CellError as exc:
            result.errors.append(RowError(sheet, number, column.header, str(exc)))
    return result, values


def _lookup(known: dict, code: str, what: str):
    if code not in known:
        raise CellError(_("Unbekannter %(what)s „%(code)s“.") % {"what": what, "code": code[:40]})
    return known[code]


def _check_row(sheet: Sheet, number: int, raw: dict, lookups: Lookups) -> RowResult:
    columns = SHEETS[sheet.name]
    result = RowResult(sheet=sheet.name, row=number, key=_text(raw.get("ID") or raw.get("Angebots-ID"))[:100],
                       label=_text(raw.get("Titel (de)") or raw.get("Name") or raw.get("Ort"))[:120])
    if raw.get("__extra__"):
        result.errors.append(RowError(sheet.name, number, "", _("Werte in Spalten ohne Überschrift.")))
    for column in columns:
        try:
            result.values[column.key] = parse_cell(column, raw.get(column.header), lookups)
        except CellError as exc:
            result.errors.append(RowError(sheet.name, number, column.header, str(exc)))
    return result


def _cross_checks(plan: ImportPlan, lookups: Lookups) -> None:
    """Rules that span columns, rows or sheets."""
    def add(r, column, message):
        r.errors.append(RowError(r.sheet, r.row, column, message))

    org_rows = plan.rows.get(SHEET_ORGS, [])
    new_org_ids = {r.values.get("external_id") for r in org_rows}
    offer_rows = plan.rows.get(SHEET_OFFERS, [])
    offer_ids = {r.values.get("external_id") for r in offer_rows}
    for sheet, rows in plan.rows.items():
        seen = {}
        if sheet == SHEET_LOCATIONS:
            continue
        for r in rows:
            key = r.values.get("external_id")
            if key and key.upper().startswith(EXAMPLE_PREFIX):
                add(r, "ID", _("Das ist die Beispielzeile der Vorlage: bitte überschreiben oder löschen."))
            elif key and key in seen:
                add(r, "ID", _("Die ID „%(id)s“ steht schon in Zeile %(row)d.") % {"id": key, "row": seen[key]})
            elif key:
                seen[key] = r.row
    for r in org_rows:
        parent = r.values.get("parent")
        if parent and parent not in lookups.orgs and parent not in new_org_ids:
            add(r, "Dachorganisation-ID", _("Unbekannte Organisation „%(id)s“.") % {"id": parent})
        if parent and parent == r.values.get("external_id"):
            add(r, "Dachorganisation-ID", _("Eine Organisation kann nicht ihre eigene Dachorganisation sein."))
        existing = lookups.orgs.get(r.values.get("external_id"))
        r.action = "aktualisieren" if existing else "neu"
        if not lookups.may_edit_organisations:
            add(r, "ID", _("Organisationen legt die Netzwerkkoordination an; lassen Sie dieses Blatt leer."))
        elif existing and lookups.user_scope is not None and existing.pk not in lookups.user_scope:
            add(r, "ID", _("Diese Organisation gehört nicht zu Ihrem Netzwerk; Sie dürfen sie nicht ändern."))
    from ..models import Offer

    existing_offers = match_by_id(Offer, offer_ids)
    for r in offer_rows:
        v = r.values
        provider = v.get("provider")
        if provider and provider not in lookups.orgs and provider not in new_org_ids:
            add(r, "Träger-ID", _("Unbekannter Träger „%(id)s“ – legen Sie ihn im Blatt „Organisationen“ an.")
                % {"id": provider})
        elif provider in lookups.orgs and lookups.user_scope is not None \
                and lookups.orgs[provider].pk not in lookups.user_scope:
            add(r, "Träger-ID", _("Für Angebote dieses Trägers haben Sie keine Bearbeitungsrechte."))
        current = existing_offers.get(v.get("external_id"))
        if current is not None and lookups.user_scope is not None and current.provider_id not in lookups.user_scope:
            # The ID names an offer someone else provides: an import never takes it over.
            add(r, "ID", _("Das Angebot mit dieser ID gehört einem anderen Träger; Sie dürfen es nicht ändern."))
        if v.get("project") and v["project"] not in lookups.projects:
            add(r, "Projekt", _("Unbekanntes Projekt „%(name)s“.") % {"name": v["project"]})
        if v.get("valid_from") and v.get("valid_until") and v["valid_until"] < v["valid_from"]:
            add(r, "gültig bis", _("Das Ende liegt vor dem Beginn."))
        if v.get("min_age") is not None and v.get("max_age") is not None and v["max_age"] < v["min_age"]:
            add(r, "Höchstalter", _("Das Höchstalter liegt unter dem Mindestalter."))
        if "phases" in v and not v.get("phases") and not v.get("is_cross_phase"):
            add(r, "Phasen", _("Mindestens eine Phase angeben oder „phasenübergreifend“ auf „ja“ setzen."))
        r.action = "aktualisieren" if v.get("external_id") in existing_offers else "neu"
    located = match_by_id(Offer, {r.values.get("offer") for r in plan.rows.get(SHEET_LOCATIONS, [])})
    known_offer_ids = offer_ids | set(located)
    for r in plan.rows.get(SHEET_LOCATIONS, []):
        v = r.values
        if (v.get("offer") or "").upper().startswith(EXAMPLE_PREFIX):
            add(r, "Angebots-ID", _("Das ist die Beispielzeile der Vorlage: bitte überschreiben oder löschen."))
        elif v.get("offer") and v["offer"] not in known_offer_ids:
            add(r, "Angebots-ID", _("Unbekanntes Angebot „%(id)s“.") % {"id": v["offer"]})
        elif v.get("offer") in located and lookups.user_scope is not None \
                and located[v["offer"]].provider_id not in lookups.user_scope:
            add(r, "Angebots-ID", _("Die Orte dieses Angebots darf nur sein Träger ändern."))
        v["district"] = (v.get("district") or [None])[0]
        for key, parse, header in (("hours", parse_opening_hours, "Sprechzeiten"),
                                   ("dates", parse_mobile_dates, "Mobile Termine")):
            try:
                v[key] = parse(v.get(key) or "")
            except ValidationError as exc:
                add(r, header, " ".join(exc.messages))
        r.action = "neu"


def check_sheets(sheets: dict[str, Sheet], user_scope=None, may_edit_organisations=True) -> ImportPlan:
    plan = ImportPlan()
    org_keys = {_text(raw.get(header)) for name in (SHEET_ORGS, SHEET_OFFERS) if name in sheets
                for header in ("ID", "Dachorganisation-ID", "Träger-ID") for _n, raw in sheets[name].rows}
    lookups = Lookups(user_scope, org_keys, may_edit_organisations)
    for name, sheet in sheets.items():
        columns = SHEETS[name]
        known = {c.header for c in columns}
        missing = [c.header for c in columns if c.required and c.header not in sheet.headers]
        unknown = [h for h in sheet.headers if h and h not in known]
        if missing:
            plan.file_errors.append(_("Blatt „%(sheet)s“: Pflichtspalten fehlen: %(cols)s")
                                    % {"sheet": name, "cols": ", ".join(missing)})
        if unknown:
            plan.file_errors.append(_("Blatt „%(sheet)s“: unbekannte Spalten: %(cols)s")
                                    % {"sheet": name, "cols": ", ".join(h[:40] for h in unknown[:10])})
        if missing or unknown:
            continue
        plan.rows[name] = [_check_row(sheet, number, raw, lookups) for number, raw in sheet.rows]
    if not plan.file_errors and not any(plan.rows.values()):
        plan.file_errors.append(_("Die Datei enthält keine Datenzeilen."))
    _cross_checks(plan, lookups)
    plan.lookups = lookups
    return plan


def report_to_command(command, plan: ImportPlan, dry_run: bool) -> None:
    """Print a checked plan from a management command: every error, or what was (or would be) written."""
    from django.core.management.base import CommandError

    for message in plan.file_errors:
        command.stderr.write(message)
    for error in plan.errors:
        command.stderr.write(f"{error.sheet}, Zeile {error.row}, Spalte „{error.column}“: {error.message}")
    if not plan.is_valid:
        raise CommandError("Nichts importiert: die Datei hat Fehler.")
    for sheet, counts in plan.counts().items():
        command.stdout.write(f"{sheet}: {counts['neu']} neu, {counts['aktualisieren']} aktualisiert")
    command.stdout.write("Prüfung ohne Fehler (nichts geschrieben)." if dry_run else "Import abgeschlossen.")
