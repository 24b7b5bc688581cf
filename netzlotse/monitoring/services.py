"""Monitoring workflows: a programme's cut-off series, closing a date, targets, and report exports."""

import logging
from datetime import date

from django.db import transaction
from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from netzlotse.accounts import roles
from netzlotse.cases.models import CaseEvent

from . import exports
from .indicators import compute
from .models import Cutoff, ExportJob, Target

log = logging.getLogger(__name__)


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


def _report_form(query: str, user):
    from .forms import ReportForm  # forms build on this module's neighbours; imported when needed

    return ReportForm(QueryDict(query), user=user)


@transaction.atomic
def export_request(*, user, query: str, format: str, language: str) -> ExportJob:
    """Queue an export of the report the query describes; the worker writes the file (see `export_run`).
    Raises ValueError with the form's first message if the query does not describe a report."""
    from .tasks import export_report

    if format not in ExportJob.Format.values:
        raise ValueError(_("Unbekanntes Format."))
    form = _report_form(query, user)
    if not form.is_valid():
        raise ValueError(next(iter(form.errors.values()))[0])
    ExportJob.objects.expired(timezone.now()).delete()
    job = ExportJob.objects.create(requested_by=user, query=query, format=format, language=language,
                                   title=str(form.scope())[:300], steps=form.steps)
    transaction.on_commit(lambda: export_report.enqueue(str(job.pk)))
    return job


def export_run(*, job_id: str) -> ExportJob | None:
    """Build and write the file of a queued export, recording each step. The report is built for the requester
    as they are now (a reader who has lost access gets no file; a funder gets suppressed figures)."""
    job = ExportJob.objects.select_related("requested_by").filter(pk=job_id, status=ExportJob.Status.QUEUED).first()
    if job is None:  # removed, or taken by another worker already
        return None
    user = job.requested_by
    try:
        with translation.override(job.language):
            form = _report_form(job.query, user)
            if not (user.is_active and roles.can(user, roles.VIEW_MONITORING) and form.is_valid()):
                raise PermissionError(_("Dieser Bericht steht Ihnen nicht mehr zur Verfügung."))
            job.advance(0, form.steps)
            report = form.report(today=timezone.localdate(), suppress=not roles.can(user, roles.SEE_SMALL_CELLS),
                                 progress=lambda done: job.advance(done, form.steps))
            job.content, job.filename = exports.file_for(report, job.format)
            job.status, job.step = ExportJob.Status.DONE, form.steps
    except PermissionError as error:
        job.status, job.error = ExportJob.Status.FAILED, str(error)
    except Exception:
        log.exception("export %s failed", job.pk)
        with translation.override(job.language):
            job.status, job.error = ExportJob.Status.FAILED, _("Der Export ist fehlgeschlagen. Bitte versuchen Sie "
                                                               "es erneut.")
    job.finished_at = timezone.now()
    job.save()
    return job
