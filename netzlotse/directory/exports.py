"""Offer lists as spreadsheets: a readable list for anyone (what a counsellor hands on or prints), and the
import format for staff, in the same columns the importer reads (so a file can be edited and imported again)."""

from django.urls import reverse
from django.utils import timezone

from netzlotse.core.xlsx import xlsx_response

from .imports.columns import LOCATION_COLUMNS, OFFER_COLUMNS, SHEET_LOCATIONS, SHEET_OFFERS, location_rows, offer_row
from .schedules import format_opening_hours

EXPORT_PREFETCH = ["phases__chain", "fields_of_action", "target_groups", "residence_statuses", "regions",
                   "delivery_modes", "languages", "locations__district", "locations__opening_hours",
                   "locations__mobile_dates"]


def offers_xlsx(offers, filename_stem="angebote"):
    offers = offers.select_related("provider", "project").prefetch_related(*EXPORT_PREFETCH)
    offer_rows, place_rows = [], []
    for offer in offers.iterator(chunk_size=2000):
        offer_rows.append(offer_row(offer))
        place_rows.extend(location_rows(offer))
    stamp = timezone.localdate().isoformat()
    return xlsx_response(f"{filename_stem}-{stamp}.xlsx", {
        SHEET_OFFERS: ([c.header for c in OFFER_COLUMNS], offer_rows),
        SHEET_LOCATIONS: ([c.header for c in LOCATION_COLUMNS], place_rows),
    })


LIST_HEADERS = ["Angebot", "Träger", "Orte", "Sprechzeiten", "Phasen", "Zielgruppen", "Sprachen", "Kosten", "Termin",
                "Ansprechperson", "Telefon", "E-Mail", "Website", "Seite in netzlotse", "zuletzt bestätigt"]


def _cost(offer) -> str:
    if offer.cost_eur is None:
        return "bitte erfragen"
    return "kostenfrei" if offer.cost_eur == 0 else f"{offer.cost_eur:.2f} €".replace(".", ",")


def list_row(offer, page_url) -> list:
    """One offer as people read it (expects EXPORT_PREFETCH); contact falls back to the provider's."""
    places = offer.locations.all()
    return [
        offer.title_de, offer.provider.name,
        "; ".join(filter(None, (loc.address_line or loc.city for loc in places))),
        "; ".join(filter(None, (format_opening_hours(loc.opening_hours.all()) for loc in places))),
        ", ".join(f"{p.position}. {p.name_de}" for p in offer.phases.all()) or ("phasenübergreifend"
                                                                               if offer.is_cross_phase else ""),
        ", ".join(g.label_de for g in offer.target_groups.all()),
        ", ".join(lang.label_de for lang in offer.languages.all()),
        _cost(offer), offer.get_appointment_display() if offer.appointment else "", offer.contact_name,
        offer.contact_phone or offer.provider.phone, offer.contact_email or offer.provider.email,
        offer.website or offer.provider.website, page_url(offer),
        f"{offer.last_verified:%d.%m.%Y}" if offer.last_verified else "",
    ]


def offers_list_xlsx(offers, absolute_url, filename_stem="angebote"):
    """The readable list; `absolute_url(path)` makes each offer's page address."""
    offers = offers.select_related("provider").prefetch_related(*EXPORT_PREFETCH)
    rows = [list_row(o, lambda o: absolute_url(reverse("directory:detail", args=[o.pk])))
            for o in offers.iterator(chunk_size=2000)]
    return xlsx_response(f"{filename_stem}-{timezone.localdate().isoformat()}.xlsx",
                         {"Angebote": (LIST_HEADERS, rows)})
