"""What the task worker does with a queued report export: build the report for its requester and write the file."""

import logging

from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from netzlotse.accounts import roles

from . import exports
from .models import ExportJob
from .report import build

log = logging.getLogger(__name__)


def report_form(query: str, user):
    from .forms import ReportForm  # forms build on this module's neighbours; imported when needed

    return ReportForm(QueryDict(query), user=user)


def export_run(*, job_id: str) -> ExportJob | None:
    """Build and write the file of a queued export, recording each step. The report is built for the requester
    as they are now (a reader who has lost access gets no file; a funder gets suppressed figures)."""
    job = ExportJob.objects.select_related("requested_by").filter(pk=job_id, status=ExportJob.Status.QUEUED).first()
    if job is None:  # removed, or taken by another worker already
        return None
    user = job.requested_by
    try:
        with translation.override(job.language):
            form = report_form(job.query, user)
            if not (user.is_active and roles.can(user, roles.VIEW_MONITORING) and form.is_valid()):
                raise PermissionError(_("Dieser Bericht steht Ihnen nicht mehr zur Verfügung."))
            job.advance(0, form.steps)
            report = build(**form.parameters(today=timezone.localdate()),
                           suppress=not roles.can(user, roles.SEE_SMALL_CELLS),
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
