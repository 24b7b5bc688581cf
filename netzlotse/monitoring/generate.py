"""After `generate_data` has written the case files, the monitoring counts them once into its tallies (so the
first report need not), and it clears them again before the generated data are removed."""

import time

from django.db import connection, transaction

from . import tally
from .models import DailyTally, MonthlyTally, PersonTally, TallyState


def extend(size: str, seed: int = 42, progress=print) -> dict:
    started = time.perf_counter()
    people = tally.rebuild()
    progress(f"Monitoring: {people} Teilnehmende in {time.perf_counter() - started:.0f} s gezählt")
    return {"participants counted": people, "tally rows": DailyTally.objects.count()}


def remove() -> None:
    """All tallies go (the next report counts what remains from the start), so none refers to removed rows."""
    with transaction.atomic():
        for model in (DailyTally, MonthlyTally, PersonTally, TallyState):
            model.objects.all()._raw_delete(connection.alias)
