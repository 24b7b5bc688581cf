"""The directory as Open Referral HSDS 3.0 objects.

Mapping: an Offer is a service, an Organization an organization, each Location of an
offer a service_at_location (with its location). Process-chain phases, target groups
and fields of action are taxonomies; an offer's terms are service attributes.
Field names follow HSDS 3.0 (Open Referral, CC BY-SA 4.0).
"""

import uuid

from ..models import FieldOfAction, Offer, Phase, ProcessChain, TargetGroup
from ..models.vocabularies import TERM_NAMESPACE

HSDS_VERSION = "3.0"
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
VOCABULARY_TAXONOMIES = {
    "target_group": (TargetGroup, "Zielgruppen", "Für wen ein Angebot gedacht ist."),
    "field_of_action": (FieldOfAction, "Handlungsfelder", "Themenfelder der Arbeitsmarktintegration."),
}


def child_id(parent: uuid.UUID, kind: str, key="") -> str:
    """Stable ids for objects netzlotse does not store separately (attributes, schedules, languages …)."""
    return str(uuid.uuid5(parent, f"{kind}:{key}"))


def taxonomy_id(code: str) -> str:
    return str(uuid.uuid5(TERM_NAMESPACE, f"taxonomy:{code}"))


def chain_taxonomy_code(chain: ProcessChain) -> str:
    return f"process_chain:{chain.code}"


def taxonomies() -> list[dict]:
    result = [{"id": taxonomy_id(chain_taxonomy_code(c)), "name": c.name,
               "description": c.description or "Phasen einer Prozesskette der Arbeitsmarktintegration.",
               "version": "1"} for c in ProcessChain.objects.all()]
    result += [{"id": taxonomy_id(code), "name": name, "description": description, "version": "1"}
               for code, (_model, name, description) in VOCABULARY_TAXONOMIES.items()]
    return result


def term(obj) -> dict:
    if isinstance(obj, Phase):
        code, taxonomy = obj.code, chain_taxonomy_code(obj.chain)
        name, description = obj.name_de, obj.description_de or f"Phase {obj.position} der Kette {obj.chain.name}"
    else:
        code, taxonomy = obj.code, obj.taxonomy
        name, description = obj.label_de, obj.label_de
    return {"id": str(obj.term_uuid), "code": code, "name": name, "description": description,
            "taxonomy": taxonomy, "taxonomy_id": taxonomy_id(taxonomy), "language": "de", "parent_id": None}


def all_terms() -> list[dict]:
    terms = [term(p) for p in Phase.objects.select_related("chain").order_by("chain__code", "position")]
    for model, _name, _description in VOCABULARY_TAXONOMIES.values():
        terms += [term(v) for v in model.objects.filter(is_active=True)]
    return terms


def organization(org, brief=False) -> dict:
    data = {"id": str(org.uuid), "name": org.name, "description": org.description or org.get_kind_display(),
            "email": org.email or None, "website": org.website or None, "alternate_name": None}
    if not brief:
        data["parent_organization_id"] = str(org.parent.uuid) if org.parent_id else None
    return data


def _status(offer: Offer) -> str:
    return "active" if offer.is_public() else "inactive"


def service(offer: Offer) -> dict:
    """The one-to-one fields of a service (the list shape); expects provider to be selected."""
    ages = ""
    if offer.min_age or offer.max_age:
        ages = f"Alter {offer.min_age or 0}–{offer.max_age or ''}".rstrip("–")
    return {
        "id": str(offer.uuid), "organization_id": str(offer.provider.uuid), "name": offer.title_de,
        "alternate_name": offer.title_en or None, "description": offer.description_de,
        "url": offer.website or None, "email": offer.contact_email or None, "status": _status(offer),
        "fees_description": None if offer.cost_eur is None else (
            "kostenfrei" if offer.cost_eur == 0 else f"{offer.cost_eur} EUR"),
        "eligibility_description": " · ".join(filter(None, [ages, offer.get_labour_market_access_display()
                                                            if offer.labour_market_access else ""])) or None,
        "minimum_age": offer.min_age, "maximum_age": offer.max_age,
        "application_process": " – ".join(filter(None, [offer.get_appointment_display() if offer.appointment else "",
                                                       offer.appointment_note])) or None,
        "assured_date": offer.last_verified.isoformat() if offer.last_verified else None,
        "last_modified": offer.updated_at.isoformat(),
        "organization": organization(offer.provider, brief=True),
    }


def _schedules(offer, location, sal_id) -> list[dict]:
    base = {"service_id": str(offer.uuid), "service_at_location_id": sal_id, "timezone": 1}
    weekly = [{**base, "id": child_id(location.uuid, "hours", h.pk), "freq": "WEEKLY", "byday": WEEKDAYS[h.weekday],
               "opens_at": h.opens.strftime("%H:%M"), "closes_at": h.closes.strftime("%H:%M"),
               "valid_from": offer.valid_from.isoformat() if offer.valid_from else None,
               "valid_to": offer.valid_until.isoformat() if offer.valid_until else None}
              for h in location.opening_hours.all()]
    dated = [{**base, "id": child_id(location.uuid, "date", d.pk), "dtstart": d.date.isoformat(),
              "until": d.date.isoformat(), "opens_at": d.starts.strftime("%H:%M"),
              "closes_at": d.ends.strftime("%H:%M"), "attending_type": "in_person",
              "description": "Mobiler Beratungstermin"} for d in location.mobile_dates.all()]
    return weekly + dated


def location(loc) -> dict:
    loc_id = child_id(loc.uuid, "location")
    return {
        "id": loc_id, "location_type": "physical", "name": loc.name or loc.city, "alternate_name": None,
        "description": loc.get_kind_display(), "external_identifier": loc.district.ags,
        "external_identifier_type": "AGS (Kreis)",
        "addresses": [{"id": child_id(loc.uuid, "address"), "location_id": loc_id, "address_1": loc.street or loc.city,
                       "city": loc.city, "region": loc.district.name,
                       "state_province": loc.district.parent.name if loc.district.parent_id else "",
                       "postal_code": loc.postcode or "", "country": "DE", "address_type": "physical"}],
        "phones": [{"id": child_id(loc.uuid, "phone"), "location_id": loc_id, "number": loc.phone, "type": "voice"}]
        if loc.phone else [],
        "accessibility": [{"id": child_id(loc.uuid, "accessibility"), "location_id": loc_id,
                           "description": loc.accessibility_note}] if loc.accessibility_note else [],
    }


def service_at_location(loc, offer, brief=False) -> dict:
    sal_id = str(loc.uuid)
    data = {"id": sal_id, "service_id": str(offer.uuid), "location_id": child_id(loc.uuid, "location"),
            "description": f"{offer.title_de} – {loc.name or loc.city}", "location": location(loc)}
    if not brief:
        data["schedules"] = _schedules(offer, loc, sal_id)
        data["service"] = service(offer)
    return data


def service_full(offer: Offer) -> dict:
    """A fully nested service (expects the relations prefetched as in DETAIL_PREFETCH)."""
    data = service(offer)
    sid = str(offer.uuid)
    terms = [*offer.phases.all(), *offer.target_groups.all(), *offer.fields_of_action.all()]
    data.update({
        "languages": [{"id": child_id(offer.uuid, "language", lang.code), "service_id": sid, "code": lang.code,
                       "name": lang.label_de} for lang in offer.languages.all()],
        "service_areas": [{"id": child_id(offer.uuid, "area", r.ags), "service_id": sid, "name": r.name,
                           "description": f"AGS {r.ags}", "extent_type": None} for r in offer.regions.all()],
        "service_at_locations": [service_at_location(loc, offer, brief=True) for loc in offer.locations.all()],
        "schedules": [s for loc in offer.locations.all() for s in _schedules(offer, loc, str(loc.uuid))],
        "attributes": [{"id": child_id(offer.uuid, "term", t.term_uuid), "link_id": sid, "link_type": "service",
                        "link_entity": "service", "taxonomy_term_id": str(t.term_uuid), "taxonomy_term": term(t)}
                       for t in terms],
        "cost_options": [] if offer.cost_eur is None else [
            {"id": child_id(offer.uuid, "cost"), "service_id": sid, "amount": float(offer.cost_eur),
             "currency": "EUR", "option": "Teilnahme"}],
        "phones": [{"id": child_id(offer.uuid, "phone"), "service_id": sid, "number": offer.contact_phone,
                    "type": "voice"}] if offer.contact_phone else [],
        "contacts": [_contact(offer, sid)] if offer.contact_name or offer.contact_email else [],
    })
    return data


def _contact(offer, sid) -> dict:
    contact_id = child_id(offer.uuid, "contact")
    return {"id": contact_id, "service_id": sid, "name": offer.contact_name or None,
            "email": offer.contact_email or None,
            "phones": [{"id": child_id(offer.uuid, "contact-phone"), "contact_id": contact_id,
                        "number": offer.contact_phone, "type": "voice"}] if offer.contact_phone else []}


DETAIL_PREFETCH = ["phases__chain", "target_groups", "fields_of_action", "languages", "regions",
                   "locations__district__parent", "locations__opening_hours", "locations__mobile_dates"]
