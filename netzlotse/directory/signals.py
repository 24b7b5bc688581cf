"""Signals other apps listen to, so the directory need not know them.

Every one is sent through `send_after_commit`: a listener hears of a save only once it is committed, so
nothing it does (or fails to do) can undo the save or hold its transaction open; outside a transaction (a
public search) it hears at once. Listeners hand slow work to the task worker.
"""

from django.db import transaction
from django.dispatch import Signal

# After offers were created, changed or archived (and their coverage cells refreshed); argument `offer_ids`.
offers_changed = Signal()

# When a public directory search by district found nothing; arguments are the filters only (`district`,
# `phase`, `target_group`, `field_of_action`, each None when not chosen), never the visitor or any text they
# typed.
search_without_result = Signal()

# When a counsellor found no suitable offer for a case (same arguments as above): the gap analysis counts it
# as demand in that cell, like a search without result.
unmet_referral = Signal()


def send_after_commit(signal: Signal, sender, **arguments) -> None:
    """Send `signal` once the current transaction commits; a failing listener is logged by `send_robust`."""
    transaction.on_commit(lambda: signal.send_robust(sender=sender, **arguments))
