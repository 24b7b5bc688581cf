"""What the task worker does with a queued survey export: write the file for its requester, with progress."""

import logging

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import files
from .models import EXPORT_KEPT, Survey, SurveyExport

log = logging.getLogger(__name__)


def export_run(*, export_id: str) -> SurveyExport | None:
    """Write a queued export, recording progress as it goes. Only someone who still manages the survey gets a
    file (a funder reads results, never single responses)."""
    export = SurveyExport.objects.select_related("survey", "requested_by").filter(
        pk=export_id, status=SurveyExport.Status.QUEUED).first()
    if export is None:  # removed, or taken by another worker already
        return None
    language = (export.survey.languages or ["de"])[0]
    user = export.requested_by
    try:
        with translation.override("en" if language == "en" else "de"):
            if not (user.is_active and Survey.objects.managed_by(user).filter(pk=export.survey_id).exists()):
                raise PermissionError(_("Diese Umfrage steht Ihnen nicht mehr zur Verfügung."))
            export.total = export.survey.responses.count()
            steps = min(export.total // files.PROGRESS_EVERY + 1, 30_000)
            export.advance(0, steps)
            files.write(export, language, lambda done: export.advance(min(done // files.PROGRESS_EVERY, steps), steps))
            export.status, export.step = SurveyExport.Status.DONE, steps
            export.filename = f"umfrage-{export.survey.pk}-{timezone.localdate():%Y-%m-%d}.{export.format}"
    except PermissionError as error:
        export.status, export.error = SurveyExport.Status.FAILED, str(error)
    except Exception:
        log.exception("survey export %s failed", export.pk)
        export.path.unlink(missing_ok=True)
        export.status, export.error = SurveyExport.Status.FAILED, _("Der Export ist fehlgeschlagen. Bitte versuchen "
                                                                     "Sie es erneut.")
    export.save()
    return export


def remove_expired(now=None) -> int:
    """Exports are kept a day: their files and rows go after that."""
    from netzlotse.core.jobs import remove_with_files

    return remove_with_files(SurveyExport, kept=EXPORT_KEPT, now=now)
