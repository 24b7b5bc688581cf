"""Demo monitoring for StaTA: a cut-off series of six monthly dates, the first four closed, programme targets,
and one follow-up entered late, so the report shows a closed figure beside its correction. For RESQUE
continued (an ESF+-funded IvAF project): the ESF+ answers of its participants."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from netzlotse.cases import services as case_services
from netzlotse.cases.models import Answer, Case, Contact, EsfRecord
from netzlotse.network.models import Programme

from . import services, stata
from .forms import default_dates
from .history import history_import

# The installation's own names for StaTA's counselling centre, Jobcenters, projects and sites (directory demo, cases demo).
STATA_NAMES = stata.Names(centre="org-stata-bic", jobcenters=("org-jc-stendal", "org-jc-havelberg", "org-jc-osterburg"),
                          project="STATA-{:02d}", site="AGH-SDL-{:02d}",
                          providers=tuple(f"org-stata-t{n}" for n in range(1, 8)))
# Targets of the whole programme since 2017 (its cumulative figures include the first funding period).
TARGETS = {"profilings": 520, "admissions": 400, "follow_ups": 1500, "placements_ended_early": 45}


@transaction.atomic
def load_monitoring_demo(today=None) -> int:
    today = today or timezone.localdate()
    _esf_answers(today)
    programme = Programme.objects.filter(short_name="StaTA").first()
    if programme is None or programme.cutoffs.filter(date__gt=stata.PERIOD_END).exists():
        return 0
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


@transaction.atomic
def load_stata_history() -> int:
    """StaTA's first funding period (2017–2019) at its real dates, imported like any history file, with its six
    cut-off dates closed: the report shows the interim report's table beside today's figures. It runs before
    today's case files fill the same sites, and ends with every placement ended and every case left."""
    programme = Programme.objects.filter(short_name="StaTA").first()
    if programme is None or programme.cutoffs.filter(date__lte=stata.PERIOD_END).exists():
        return 0
    plan = history_import(filename="stata-2017-2019.csv", content=stata.csv_bytes(stata.history_rows(STATA_NAMES)),
                          by=None, programme=programme, create_missing=True)  # the people: codes only
    if not plan.written:
        raise RuntimeError(f"StaTA history: {plan.file_errors or plan.errors[:3]}")
    for cutoff in services.cutoffs_add(programme=programme, dates=stata.DATES):
        services.cutoff_close(cutoff=cutoff, by=None)
    return len(plan.parsed)


def _esf_answers(today) -> None:
    rng = random.Random(2021)  # noqa: S311 - invented demo data, not security
    E = EsfRecord.Employment
    for case in Case.objects.filter(project__code="RESQUE", esf__isnull=True).select_related("participant"):
        employment = rng.choice([E.UNEMPLOYED, E.UNEMPLOYED, E.UNEMPLOYED, E.INACTIVE, E.EMPLOYED])
        record = EsfRecord(employment=employment, long_term_unemployed=employment == E.UNEMPLOYED and rng.random() < .4,
                           third_country_national=Answer.YES, foreign_background=Answer.YES,
                           disability=rng.choice([Answer.NO, Answer.NO, Answer.NO, Answer.DECLINED, Answer.YES]),
                           minority=rng.choice([Answer.NO, Answer.DECLINED, Answer.DECLINED]),
                           homeless=rng.choice([Answer.NO, Answer.NO, Answer.YES]), rural=rng.random() < .5)
        if not case.is_open:
            record.in_employment = case.outcome == Case.Outcome.JOB
            record.in_education = case.outcome in (Case.Outcome.APPRENTICESHIP, Case.Outcome.TRAINING)
            record.job_searching = not (record.in_employment or record.in_education) and rng.random() < .6
            if (today - case.closed_on).days > 183:
                record.employed_after_six_months = record.in_employment or rng.random() < .2
        case_services.esf_record_save(case=case, record=record, by=None)
