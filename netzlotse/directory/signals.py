"""Signals other apps listen to, so the directory need not know them."""

from django.dispatch import Signal

# Sent inside the writing transaction after offers were created, changed or archived (and their
# coverage cells refreshed); argument `offer_ids`.
offers_changed = Signal()
