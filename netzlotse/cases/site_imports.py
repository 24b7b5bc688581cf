"""Importing placement sites from XLSX or CSV: one row per site, matched by its code (Kennung), so a file can
be imported again to update. Every row is checked first (organisation and project within the user's scope,
slots never below those taken, a period that ends after it begins); only a file without errors is written,
in one transaction, through `site_save`. The history import then refers to the sites by their codes."""

from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext as _

from netzlotse.core.xlsx import workbook_bytes
from netzlotse.directory.imports.columns import Column
from netzlotse.directory.imports.reader import UnreadableFile, read_upload
from netzlotse.directory.imports.validate import ImportPlan, RowError, RowResult, _text, parse_row
from netzlotse.network.models import Organization, Region

from .imports import write_if_valid
from .models import Participant, PlacementSite
from .services import site_save
from .site_forms import LOSES_ACCESS, keeps_access, site_projects

SHEET = "Einsatzstellen"
FIELDS = [  # (model field, column)
    ("code", Column("code", "kennung", required=True, max_length=50)),
    ("name", Column("name", "name", required=True, max_length=200)),
    (None, Column("organization", "traeger", required=True, max_length=250, hint="Externe ID oder Name")),
    (None, Column("project", "projekt", required=True, max_length=250, hint="Projektkennung oder Name")),
    ("slots", Column("slots", "plaetze", kind="int", required=True)),
    ("field_of_work", Column("field_of_work", "taetigkeitsfeld", kind="choice",
                             choices=("", *PlacementSite.Field.values))),
    ("description", Column("description", "taetigkeit", kind="longtext")),
    ("street", Column("street", "strasse", max_length=200)),
    ("postcode", Column("postcode", "plz", max_length=10)),
    ("city", Column("city", "ort", max_length=100)),
    (None, Column("district", "kreis", kind="ags", hint="Kreisschlüssel (AGS), z. B. 15090")),
    ("german_level", Column("german_level", "deutsch", kind="choice", choices=tuple(Participant.GermanLevel.values))),
    ("driving_licence", Column("driving_licence", "fuehrerschein", kind="bool")),
    ("physical_demand", Column("physical_demand", "koerperlich", kind="choice",
                               choices=("", *PlacementSite.Physical.values))),
    ("hours_per_week", Column("hours_per_week", "stunden_pro_woche", kind="int")),
    ("valid_from", Column("valid_from", "gueltig_ab", kind="date")),
    ("valid_until", Column("valid_until", "gueltig_bis", kind="date")),
    ("contact_name", Column("contact_name", "ansprechperson", max_length=200)),
    ("contact_phone", Column("contact_phone", "telefon", max_length=50)),
    ("contact_email", Column("contact_email", "email", kind="email")),
]
COLUMNS = [column for _field, column in FIELDS]


@dataclass
class _Row:
    result: RowResult
    values: dict


class _Lookups:
    """What the rows refer to, read once and only within the user's scope."""

    def __init__(self, user, codes):
        self.user = user
        self.regions = {r.ags: r for r in Region.objects.districts()}
        self.orgs = {}
        for org in Organization.objects.managed_by(user):
            self.orgs.setdefault(org.name.casefold(), org)
            if org.external_id:
                self.orgs[org.external_id.casefold()] = org
        self.projects = {}
        for project in site_projects(user).select_related("network"):
            self.projects.setdefault(project.name.casefold(), project)
            if project.code:
                self.projects[project.code.casefold()] = project
        # With their occupancy counted in the same query: the check of each row reads no more.
        self.mine = {s.code: s for s in PlacementSite.objects.managed_by(user).filter(code__in=codes).with_occupancy()}
        self.elsewhere = set(PlacementSite.objects.filter(code__in=codes).exclude(
            pk__in=[s.pk for s in self.mine.values()]).values_list("code", flat=True))


def check(filename: str, content: bytes, *, user) -> ImportPlan:
    try:
        sheets = read_upload(filename, content, sheets={SHEET: COLUMNS}, csv_sheet=lambda headers: SHEET)
    except UnreadableFile as exc:
        return ImportPlan(file_errors=[str(exc)])
    sheet = sheets[SHEET]
    lookups = _Lookups(user, {_text(raw.get("kennung")) for _n, raw in sheet.rows})
    rows = [_parse(number, raw, lookups) for number, raw in sheet.rows]
    seen = Counter(r.values.get("code") for r in rows)
    for row in rows:
        if not row.result.errors:
            _check(row, lookups, seen)
    plan = ImportPlan(rows={SHEET: [r.result for r in rows]})
    plan.parsed, plan.lookups = rows, lookups
    return plan


def sites_import(*, filename: str, content: bytes, user, dry_run=False) -> ImportPlan:
    """Check the file and, if every row is valid and this is no dry run, write it all in one transaction."""
    plan = check(filename, content, user=user)
    return write_if_valid(plan, dry_run=dry_run, write=lambda: _write(plan))


def _parse(number, raw, lookups) -> _Row:
    return _Row(*parse_row(SHEET, number, raw, COLUMNS, lookups, key=_text(raw.get("kennung"))[:50],
                           label=_text(raw.get("name"))[:120]))


def _error(row, column, message) -> None:
    row.result.errors.append(RowError(SHEET, row.result.row, column, message))


def _check(row, lookups, seen) -> None:
    v = row.values
    if seen[v["code"]] > 1:
        _error(row, "kennung", _("Die Kennung steht mehrmals in der Datei."))
    if v["code"] in lookups.elsewhere:
        _error(row, "kennung", _("Die Kennung gehört zu einer Einsatzstelle, die Sie nicht verwalten."))
    v["organization"] = lookups.orgs.get(v["organization"].casefold())
    if v["organization"] is None:
        _error(row, "traeger", _("Unbekannter Träger, oder keiner, den Sie verwalten."))
    v["project"] = lookups.projects.get(v["project"].casefold())
    if v["project"] is None:
        _error(row, "projekt", _("Unbekanntes Projekt, oder keines Ihrer Organisation oder Ihres Netzwerks."))
    if v["organization"] is not None and v["project"] is not None and not keeps_access(
            lookups.user, v["organization"], v["project"]):
        _error(row, "projekt", str(LOSES_ACCESS))
    v["district"] = v["district"][0] if v["district"] else None
    if v["slots"] is not None and v["slots"] < 1:
        _error(row, "plaetze", _("Eine Einsatzstelle hat mindestens einen Platz."))
    if v["valid_from"] and v["valid_until"] and v["valid_until"] < v["valid_from"]:
        _error(row, "gueltig_bis", _("„gueltig_bis“ liegt vor „gueltig_ab“."))
    site = lookups.mine.get(v["code"])
    if site is not None:
        if site.is_archived:
            _error(row, "kennung", _("Die Einsatzstelle ist archiviert."))
        elif v["slots"] and v["slots"] < site.taken:
            _error(row, "plaetze", _("%(n)d Plätze sind belegt oder fest geplant; weniger gehen erst, wenn "
                                     "Platzierungen enden.") % {"n": site.taken})
    if not row.result.errors:
        row.result.action = "aktualisieren" if site is not None else "neu"


def _write(plan) -> None:
    for row in plan.parsed:
        site = plan.lookups.mine.get(row.values["code"]) or PlacementSite()
        for name, column in FIELDS:
            setattr(site, name or column.key, row.values[column.key])
        site_save(site=site)


def template_bytes() -> bytes:
    codes = [["taetigkeitsfeld", value, str(label)] for value, label in PlacementSite.Field.choices]
    codes += [["koerperlich", value, str(label)] for value, label in PlacementSite.Physical.choices]
    codes += [["deutsch", value, value] for value in Participant.GermanLevel.values if value]
    codes += [["fuehrerschein", "ja / nein", _("wird für die Stelle ein Führerschein gebraucht?")]]
    codes += [["Hinweis", column.header, column.hint] for column in COLUMNS if column.hint]
    # An example row (its organisation and project do not exist, so an untouched template imports nothing).
    example = ["AGH-01", "Grünpflege am Stadtsee", "traeger-beispiel", "PROJEKT-BEISPIEL", 3, "garten",
               "Pflege der Grünanlagen", "Am Stadtsee 2", "39576", "Stendal", "15090", "", "nein", "schwer", 20,
               "2026-01-01", "", "Ansprechperson der Einsatzstelle", "03931 4100", ""]
    return workbook_bytes({SHEET: ([c.header for c in COLUMNS], [example]),
                           "Codes": (["Spalte", "Code", "Bedeutung"], codes)})
