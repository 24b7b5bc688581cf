"""Offer lists as spreadsheets, in the same columns the importer reads."""

from django.utils import timezone

from netzlotse.core.xlsx import xlsx_response

from .imports.columns import LOCATION_COLUMNS, OFFER_COLUMNS, SHEET_LOCATIONS, SHEET_OFFERS, location_rows, offer_row

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
