"""The running tallies give the same figures as counting the events live, for every indicator and tallied
breakdown, and follow later events, backdated events and corrected personal data."""

from datetime import date

from django.db import connection

from netzlotse.cases.models import Case, CaseEvent, Contact, Participant, Placement, ResidenceRecord
from netzlotse.cases.services import (
    case_close,
    case_open,
    case_reopen,
    contact_record,
    participant_update,
    placement_book,
    placement_cancel,
    placement_end,
    placement_start,
    residence_change,
)
from netzlotse.directory.models import ResidenceStatus, TargetGroup
from netzlotse.monitoring import breakdowns as bd
from netzlotse.monitoring import tally
from netzlotse.monitoring.indicators import INDICATORS, compute
from netzlotse.monitoring.models import DailyTally

from .test_indicators import D1, D2, D3, admit, stata  # noqa: F401 - the fixture

DATES = [date(2026, 1, 31), D1, date(2026, 3, 15), D2, D3]


def live(programme, dim):
    events = CaseEvent.objects.filter(project__programme=programme)
    if dim == "":
        return {None: compute(events, DATES)}
    return compute(events, DATES, by=bd.BY_CODE[dim].expression())


def without_empty_groups(figures):
    """Groups whose every figure is zero (people with other events only) are left out by the tallies."""
    return {key: values for key, values in figures.items()
            if any(v for code, series in values.items() for v in series.values() if v)}


def assert_tallies_agree(programme):
    tally.refresh()
    for dim in tally.DIMS:
        assert without_empty_groups(tally.figures(programme.pk, dim, DATES, INDICATORS)) == \
            without_empty_groups(live(programme, dim)), dim


def test_tallies_follow_every_kind_of_event_and_agree_with_the_live_count(stata):  # noqa: F811
    org, programme, (first, second), site = stata
    anna, bernd = admit(org, first, "Anna", date(2026, 1, 5)), admit(org, second, "Bernd", date(2026, 1, 20))
    clara = admit(org, first, "Clara", date(2026, 2, 10))
    assert_tallies_agree(programme)
    contact_record(case=anna, by=None, contact=Contact(kind=Contact.Kind.PROFILING, date=date(2026, 1, 6)))
    contact_record(case=bernd, by=None, contact=Contact(kind=Contact.Kind.HOME_VISIT, date=date(2026, 3, 2)))
    running = placement_book(case=anna, site=site, start=date(2026, 2, 1), by=None)
    planned = placement_book(case=bernd, site=site, start=D3, day=D1, plan_only=True, by=None)
    placement_end(placement=running, reason=Placement.EndReason.HEALTH, early=True, by=None, day=D2)
    placement_start(placement=planned, by=None, day=date(2026, 8, 1))
    later = placement_book(case=clara, site=site, start=D3, day=date(2026, 3, 10), plan_only=True, by=None)
    placement_cancel(placement=later, by=None, day=date(2026, 5, 1))
    case_close(case=clara, outcome="sv_beschaeftigung", early=False, by=None, day=date(2026, 5, 2))
    case_reopen(case=clara, by=None, reason="zurück", day=date(2026, 6, 1))
    # The same person in a second project of the programme counts once for the programme.
    case_open(case=Case(participant=anna.participant, organization=org, project=second, opened_on=date(2026, 3, 1)),
              by=None)
    assert_tallies_agree(programme)
    # A follow-up entered late, dated before everything else, moves every later figure.
    contact_record(case=anna, by=None, contact=Contact(kind=Contact.Kind.FOLLOW_UP_PROFILING, date=date(2026, 1, 7)))
    assert_tallies_agree(programme)


def test_a_corrected_person_is_counted_again_under_the_new_groups(stata):  # noqa: F811
    org, programme, (first, _second), _site = stata
    case = admit(org, first, "Anna", date(2026, 1, 5))
    contact_record(case=case, by=None, contact=Contact(kind=Contact.Kind.PROFILING, date=date(2026, 1, 6)))
    assert_tallies_agree(programme)
    person = Participant.objects.get(pk=case.participant_id)
    person.gender, person.birth_date = Participant.Gender.MALE, date(2010, 1, 1)
    participant_update(participant=person, by=None, m2m={"target_groups": TargetGroup.objects.all()[:2]})
    residence_change(case=case, by=None, record=ResidenceRecord(
        status=ResidenceStatus.objects.first(), labour_market_access="full", recorded_on=date(2026, 2, 1)))
    assert_tallies_agree(programme)
    males = tally.figures(programme.pk, "geschlecht", DATES, INDICATORS)
    assert males["m"]["admissions"][D1.isoformat()] == 1 and "x" not in males


def test_nothing_new_means_nothing_to_count_and_a_rebuild_gives_the_same(stata):  # noqa: F811
    org, programme, (first, _second), _site = stata
    admit(org, first, "Anna", date(2026, 1, 5))
    assert tally.refresh() == 1
    rows = sorted(DailyTally.objects.values_list("dim", "key", "day", "measure", "value"))
    # SQLite re-reads the people changed in the last minute (see tally.SQLITE_MARGIN); counting again is harmless.
    assert tally.refresh() == (0 if connection.vendor == "postgresql" else 1)
    assert sorted(DailyTally.objects.values_list("dim", "key", "day", "measure", "value")) == rows
    tally.rebuild()
    assert sorted(DailyTally.objects.values_list("dim", "key", "day", "measure", "value")) == rows


def test_the_command_counts_what_is_new_and_rebuilds_on_request(stata):  # noqa: F811
    from io import StringIO

    from django.core.management import call_command

    org, programme, (first, _second), _site = stata
    admit(org, first, "Anna", date(2026, 1, 5))
    out = StringIO()
    call_command("count_tallies", stdout=out)
    assert out.getvalue().startswith("1 Teilnehmende gezählt")
    rows = sorted(DailyTally.objects.values_list("dim", "key", "day", "measure", "value"))
    call_command("count_tallies", "--rebuild", stdout=out)
    assert sorted(DailyTally.objects.values_list("dim", "key", "day", "measure", "value")) == rows and rows


def test_a_corrected_jobcenter_moves_the_case_to_the_new_one(stata):  # noqa: F811
    from netzlotse.cases.services import plan_save
    from netzlotse.network.models import Organization

    org, programme, (first, _second), _site = stata
    north, south = (Organization.objects.create(name=f"Jobcenter {town}", kind=Organization.Kind.JOBCENTER)
                    for town in ("Nord", "Süd"))
    case = admit(org, first, "Anna", date(2026, 1, 5))
    case.jobcenter = north
    plan_save(case=case, by=None)  # counted under Nord first
    contact_record(case=case, by=None, contact=Contact(kind=Contact.Kind.PROFILING, date=date(2026, 1, 6)))
    assert_tallies_agree(programme)
    assert set(tally.figures(programme.pk, "jobcenter", DATES, INDICATORS)) == {north.pk}
    case.jobcenter = south
    plan_save(case=case, by=None)
    assert_tallies_agree(programme)
    assert set(tally.figures(programme.pk, "jobcenter", DATES, INDICATORS)) == {south.pk}
