"""What an offer's history records: every user-editable value as text, so two snapshots give the diff that the
pages and the importer both write."""

from datetime import date
from decimal import Decimal

from django.db import models

from .models import Offer
from .schedules import format_mobile_dates, format_opening_hours

# Bookkeeping fields that are not part of what a user edits.
UNTRACKED = {"id", "uuid", "search_text", "created_at", "updated_at", "version"}


def _display(offer, model_field) -> str:
    value = getattr(offer, model_field.name)
    if value is None or value == "":
        return ""
    if model_field.choices:
        return str(getattr(offer, f"get_{model_field.name}_display")())
    # Written as people read them (the history is stored as text, in German like the rest of the record):
    # "ja"/"nein" rather than True/False, 03.12.2026 rather than 2026-12-03, 12,50 € rather than 12.50.
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, date):
        return f"{value:%d.%m.%Y}"
    if isinstance(value, (int, float, Decimal)) and isinstance(model_field, models.DecimalField):
        # 0 in memory and 0.00 from the database are the same amount.
        return f"{Decimal(value):.2f} €".replace(".", ",")
    return str(value)


def offer_snapshot(offer: Offer, with_locations: bool = True) -> dict[str, str]:
    """Every user-editable value of the offer as text, for history diffs (the importer leaves places out
    when a file has no places sheet)."""
    values = {f.name: _display(offer, f) for f in Offer._meta.concrete_fields if f.name not in UNTRACKED}
    for m2m in Offer._meta.many_to_many:
        values[m2m.name] = ", ".join(sorted(str(obj) for obj in getattr(offer, m2m.name).all()))
    if not with_locations:
        return values
    values["locations"] = " | ".join(
        " ".join(filter(None, [loc.get_kind_display() + ":", loc.name, loc.address_line, loc.phone,
                               loc.accessibility_note,
                               format_opening_hours(loc.opening_hours.all()),
                               format_mobile_dates(loc.mobile_dates.all())]))
        for loc in offer.locations.all()
    )
    return values
