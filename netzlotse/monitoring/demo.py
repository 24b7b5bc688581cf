"""Demo monitoring for StaTA: a cut-off series of six monthly dates, the first four closed, programme targets,
and one follow-up entered late, so the report shows a closed figure beside its correction."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from netzlotse.cases import services as case_services
from netzlotse.cases.models import Case, Contact
from netzlotse.network.models import Programme

from . import services
from .forms import default_dates

TARGETS = {"profilings": 200, "admissions": 180, "follow_ups": 600, "placements_ended_early": 20}


@transaction.atomic
def load_monitoring_demo(today=None) -> int:
    programme = Programme.objects.filter(short_name="StaTA").first()
    if programme is None or programme.cutoffs.exists():
        return 0
    today = today or timezone.localdate()
    series = services.cutoffs_add(programme=programme, dates=default_dates(today))
    for cutoff in series[:4]:
        services.cutoff_close(cutoff=cutoff, by=None)
    services.targets_save(programme=programme, values=TARGETS)
    case = Case.objects.filter(project__programme=programme, closed_on__isnull=True,
                               opened_on__lt=series[0].date - timedelta(days=10)).order_by("pk").first()
    if case is not None:  # a home visit recorded only after the first report had gone out
        case_services.contact_record(case=case, by=None, contact=Contact(
            kind=Contact.Kind.HOME_VISIT, date=series[0].date - timedelta(days=3), duration_minutes=45,
            place="Hausbesuch"))
    return len(series)
