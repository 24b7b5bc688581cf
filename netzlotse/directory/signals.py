"""Signals other apps listen to, so the directory need not know them."""

from django.dispatch import Signal

# Sent inside the writing transaction after offers were created, changed or archived (and their
# coverage cells refreshed); argument `offer_ids`.
offers_changed = Signal()

# Sent when a public directory search by district found nothing; arguments are the filters only
# (`district`, `phase`, `target_group`, `field_of_action`, each None when not chosen), never the
# visitor or any text they typed.
search_without_result = Signal()

# Sent when a counsellor found no suitable offer for a case (same arguments as above): the gap
# analysis counts it as demand in that cell, like a search without result.
unmet_referral = Signal()
