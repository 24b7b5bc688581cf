"""Monitoring workflows: a programme's cut-off series, closing a date, targets, and report exports."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netzlotse.cases.models import CaseEvent

from .indicators import compute
from .jobs import report_form
from .models import Cutoff, ExportJob, Target


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


@transaction.atomic
def export_request(*, user, query: str, format: str, language: str) -> ExportJob:
    """Queue an export of the report the query describes; the worker writes the file (see `jobs.export_run`).
    Raises ValueError with the form's first message if the query does not describe a report."""
    from .tasks import export_report

    if format not in ExportJob.Format.values:
        raise ValueError(_("Unbekanntes Format."))
    form = report_form(query, user)
    if not form.is_valid():
        raise ValueError(next(iter(form.errors.values()))[0])
    ExportJob.objects.expired(timezone.now()).delete()
    job = ExportJob.objects.create(requested_by=user, query=query, format=format, language=language,
                                   title=str(form.scope())[:300], steps=form.steps)
    transaction.on_commit(lambda: export_report.enqueue(str(job.pk)))
    return job
