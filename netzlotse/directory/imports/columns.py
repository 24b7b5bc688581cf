"""The spreadsheet columns for organisations, offers and locations.

Headers are fixed German names (files must read the same whatever the UI language).
The export writes these columns, so an exported file can be edited and imported again.
"""

import contextlib
import uuid
from dataclasses import dataclass

from django.db.models import Q

from netzlotse.core.translation import CONTENT_LANGUAGES
from netzlotse.network.models import Organization

from ..models import DeliveryMode, FieldOfAction, Language, Location, Offer, ResidenceStatus, TargetGroup
from ..schedules import format_mobile_dates, format_opening_hours

SHEET_ORGS = "Organisationen"
SHEET_OFFERS = "Angebote"
SHEET_LOCATIONS = "Orte"
SHEET_CODES = "Codes"
EXAMPLE_PREFIX = "BEISPIEL"  # the template's example rows: never imported (validate.py refuses them)


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str = "text"  # text, longtext, int, decimal, date, bool, email, url, codes, choice, ags, ref, phases
    required: bool = False
    max_length: int = 250
    vocabulary: type | None = None
    choices: tuple = ()
    hint: str = ""
    labels: tuple = ()  # (code, German label) for a choice: a cell may hold either

    @classmethod
    def coded(cls, key, header, text_choices, **kwargs):
        """A choice column over a model's choices, taking the code or its German name ("published" or
        "veröffentlicht")."""
        pairs = tuple((value, str(label)) for value, label in text_choices.choices)
        return cls(key, header, kind="choice", choices=tuple(v for v, _label in pairs), labels=pairs, **kwargs)

    def code_for(self, text: str):
        """The code a cell means: the code itself, or the code of the German name written (any case)."""
        if text in self.choices:
            return text
        folded = text.casefold()
        return next((value for value, label in self.labels if label.casefold() == folded), None)


def _lang_columns():
    for lang in CONTENT_LANGUAGES:
        yield Column(f"title_{lang}", f"Titel ({lang})", required=(lang == "de"))
        yield Column(f"description_{lang}", f"Beschreibung ({lang})", kind="longtext", required=(lang == "de"))


ORG_COLUMNS = [
    Column("external_id", "ID", required=True, max_length=100, hint="stabile Kennung, z. B. org-ist"),
    Column("name", "Name", required=True),
    Column.coded("kind", "Art", Organization.Kind, required=True),
    Column("parent", "Dachorganisation-ID", kind="ref", max_length=100),
    Column("regions", "Regionen (AGS)", kind="ags"),
    Column("email", "E-Mail", kind="email"),
    Column("phone", "Telefon", max_length=50),
    Column("website", "Website", kind="url"),
    Column("street", "Straße", max_length=200),
    Column("postcode", "PLZ", max_length=10),
    Column("city", "Ort", max_length=100),
    Column("description", "Beschreibung", kind="longtext"),
]

OFFER_COLUMNS = [
    Column("external_id", "ID", required=True, max_length=100, hint="stabile Kennung, z. B. resque-dresden"),
    Column("provider", "Träger-ID", kind="ref", required=True, max_length=100),
    Column("project", "Projekt", max_length=250, hint="Name eines vorhandenen Projekts"),
    *_lang_columns(),
    Column("phases", "Phasen", kind="phases", hint="Phasen-Codes der Standardkette oder kette:phase"),
    Column("is_cross_phase", "phasenübergreifend", kind="bool"),
    Column("fields_of_action", "Handlungsfelder", kind="codes", vocabulary=FieldOfAction),
    Column("target_groups", "Zielgruppen", kind="codes", vocabulary=TargetGroup),
    Column("residence_statuses", "Aufenthaltsstatus", kind="codes", vocabulary=ResidenceStatus),
    Column("min_age", "Mindestalter", kind="int"),
    Column("max_age", "Höchstalter", kind="int"),
    Column.coded("labour_market_access", "Arbeitsmarktzugang", Offer.Access),
    Column("regions", "Einzugsgebiet (AGS)", kind="ags"),
    Column("delivery_modes", "Angebotsformen", kind="codes", vocabulary=DeliveryMode),
    Column("languages", "Sprachen", kind="codes", vocabulary=Language),
    Column("capacity", "Plätze", kind="int"),
    Column("cost_eur", "Kosten (EUR)", kind="decimal"),
    Column("contact_name", "Ansprechperson", max_length=200),
    Column("contact_email", "Kontakt-E-Mail", kind="email"),
    Column("contact_phone", "Kontakttelefon", max_length=50),
    Column("website", "Website", kind="url"),
    Column.coded("appointment", "Termin", Offer.Appointment),
    Column("appointment_note", "So bekommt man einen Termin", max_length=250),
    Column("valid_from", "gültig ab", kind="date"),
    Column("valid_until", "gültig bis", kind="date"),
    Column.coded("status", "Status", Offer.Status),
    Column("last_verified", "zuletzt bestätigt", kind="date"),
]

LOCATION_COLUMNS = [
    Column("offer", "Angebots-ID", kind="ref", required=True, max_length=100),
    Column.coded("kind", "Art", Location.Kind, required=True),
    Column("name", "Bezeichnung", max_length=200),
    Column("street", "Straße", max_length=200),
    Column("postcode", "PLZ", max_length=10),
    Column("city", "Ort", required=True, max_length=100),
    Column("district", "Kreis (AGS)", kind="ags", required=True),
    Column("phone", "Telefon vor Ort", max_length=50),
    Column("accessibility_note", "Barrierefreiheit", max_length=250),
    Column("hours", "Sprechzeiten", max_length=500, hint="z. B. Mo 09:00-12:00, Do 13:00-16:00"),
    Column("dates", "Mobile Termine", kind="longtext", hint="z. B. 2026-12-03 10:00-14:00; 2027-01-14 09:00-12:00"),
]

SHEETS = {SHEET_ORGS: ORG_COLUMNS, SHEET_OFFERS: OFFER_COLUMNS, SHEET_LOCATIONS: LOCATION_COLUMNS}


def match_by_id(model, keys) -> dict:
    """Existing records for the ID column: a stable external id, or the netzlotse UUID an export wrote."""
    keys = {k for k in keys if k}
    uuids = set()
    for key in keys:
        with contextlib.suppress(ValueError):
            uuids.add(uuid.UUID(key))
    found = {}
    for obj in model.objects.filter(Q(external_id__in=keys) | Q(uuid__in=uuids)):
        found[obj.external_id if obj.external_id in keys else str(obj.uuid)] = obj
    return found


def _codes(related) -> str:
    return ", ".join(obj.code for obj in related.all())


def offer_row(offer: Offer) -> list:
    """One offer in OFFER_COLUMNS order (expects the relations to be prefetched)."""
    values = {
        "external_id": offer.external_id or str(offer.uuid),
        "provider": offer.provider.external_id or str(offer.provider.uuid),
        "project": offer.project.name if offer.project else "",
        "phases": ", ".join(f"{p.chain.code}:{p.code}" if not p.chain.is_default else p.code
                            for p in offer.phases.all()),
        "is_cross_phase": "ja" if offer.is_cross_phase else "nein",
        "regions": ", ".join(r.ags for r in offer.regions.all()),
        "status": offer.status,
        "labour_market_access": offer.labour_market_access,
    }
    for column in OFFER_COLUMNS:
        if column.key in values:
            continue
        if column.kind == "codes":
            values[column.key] = _codes(getattr(offer, column.key))
        else:
            value = getattr(offer, column.key)
            values[column.key] = "" if value is None else value
    return [values[column.key] for column in OFFER_COLUMNS]


def location_rows(offer: Offer) -> list[list]:
    offer_id = offer.external_id or str(offer.uuid)
    return [[offer_id, loc.kind, loc.name, loc.street, loc.postcode, loc.city, loc.district.ags, loc.phone,
             loc.accessibility_note, format_opening_hours(loc.opening_hours.all()), format_mobile_dates(loc.mobile_dates.all())]
            for loc in offer.locations.all()]
