"""Monitoring workflows: a programme's cut-off series, closing a date, and targets."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from netzlotse.cases.models import CaseEvent

from .indicators import compute
from .models import Cutoff, Target


@transaction.atomic
def cutoffs_add(*, programme, dates: list[date]) -> list[Cutoff]:
    """Add dates to the programme's series (dates it has already are left as they are)."""
    return [Cutoff.objects.get_or_create(programme=programme, date=day)[0] for day in dates]


@transaction.atomic
def cutoff_close(*, cutoff: Cutoff, by) -> Cutoff:
    """Keep the whole programme's figures for every indicator as reported on this date. Later corrections of
    events before the date show beside these figures; they never replace them."""
    cutoff = Cutoff.objects.select_for_update().get(pk=cutoff.pk)
    if cutoff.is_closed:
        raise ValueError("the cut-off date is closed already")
    figures = compute(CaseEvent.objects.filter(project__programme=cutoff.programme), [cutoff.date])
    cutoff.figures = {code: values[cutoff.date.isoformat()] for code, values in figures.items()}
    cutoff.closed_at, cutoff.closed_by = timezone.now(), by
    cutoff.save(update_fields=["figures", "closed_at", "closed_by"])
    return cutoff


@transaction.atomic
def cutoff_remove(*, cutoff: Cutoff) -> None:
    if cutoff.is_closed:
        raise ValueError("a closed cut-off date stays in the series")
    cutoff.delete()


@transaction.atomic
def targets_save(*, programme=None, project=None, values: dict[str, int | None]) -> None:
    """Set the targets of a programme or a project; an empty value removes that target."""
    owner = {"programme": programme} if programme is not None else {"project": project}
    for code, value in values.items():
        if value is None:
            Target.objects.filter(indicator=code, **owner).delete()
        else:
            Target.objects.update_or_create(indicator=code, **owner, defaults={"value": value})
