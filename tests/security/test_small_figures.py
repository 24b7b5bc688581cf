"""Finding 4 of the security review: what a funder sees never gives back a suppressed small figure — not
through a ratio over it, not through the change column, not by subtracting a filtered report from the whole
(pages, API and exports all read the same built report)."""

from datetime import date

from netzlotse.cases.models import Case
from netzlotse.cases.services import case_close
from netzlotse.monitoring.report import BLOCKED, HIDDEN, Scope, build
from netzlotse.monitoring.tests.test_report_features import FEB, MAR, programme  # noqa: F401 - the fixture

MARKS = (HIDDEN, BLOCKED)


def _row(report, code):
    return next(row for row in report.rows if row.indicator.code == code)


def test_a_share_over_a_small_count_is_hidden(programme):  # noqa: F811
    cases = list(Case.objects.filter(project__programme=programme).order_by("pk"))
    for i, case in enumerate(cases[:11]):  # 11 exits, 2 of them into work
        case_close(case=case, outcome="sv_beschaeftigung" if i < 2 else "sonstiges", early=False, by=None,
                   day=date(2026, 3, 20))
    day = [date(2026, 4, 1)]
    funder = build(scope=Scope(programme=programme), dates=day, groups=["exits", "ratios"], suppress=True)
    assert _row(funder, "exits").cells[0].shown == 11
    assert _row(funder, "exit_job_rate").cells[0].shown == BLOCKED  # 18.2 % of 11 would give the 2 back
    staff = build(scope=Scope(programme=programme), dates=day, groups=["ratios"], suppress=False)
    assert _row(staff, "exit_job_rate").cells[0].shown == 18.2


def test_changes_follow_from_the_figures_shown(programme):  # noqa: F811
    report = build(scope=Scope(programme=programme), dates=[FEB, MAR], suppress=True)
    admissions = _row(report, "admissions").cells
    assert (admissions[0].shown, admissions[1].shown) == (12, 20)
    assert admissions[1].change == 8  # both figures are shown, so is their difference


def test_a_filter_cannot_be_subtracted_from_the_whole(programme):  # noqa: F811
    """Men are 3 of 20: the report filtered to women shows 17 for the whole programme only if 20 − 17 stays
    hidden; and the Jobcenter blocked in the whole report stays blocked under any filter."""
    whole = build(scope=Scope(programme=programme), dates=[MAR], breakdowns=["jobcenter"], suppress=True)
    women = build(scope=Scope(programme=programme, filters={"geschlecht": "f"}), dates=[MAR], breakdowns=["jobcenter"],
                  suppress=True)
    men = build(scope=Scope(programme=programme, filters={"geschlecht": "m"}), dates=[MAR], breakdowns=["jobcenter"],
                suppress=True)
    assert _row(whole, "admissions").cells[0].shown == 20
    assert _row(women, "admissions").cells[0].shown in MARKS  # 20 − 17 = 3
    assert _row(men, "admissions").cells[0].shown == HIDDEN

    def cells(report):
        block = next(rows for indicator, rows in report.sections[0].blocks if indicator.code == "admissions")
        return {row.label: row.cells[0] for row in block}

    for label, cell in cells(whole).items():
        if cell.shown in MARKS:
            for filtered in (cells(women), cells(men)):
                if label in filtered and filtered[label].value:
                    assert filtered[label].shown in MARKS, label


def test_the_api_hides_the_same_ratio(client, world, programme):  # noqa: F811
    for i, case in enumerate(Case.objects.filter(project__programme=programme).order_by("pk")[:11]):
        case_close(case=case, outcome="sv_beschaeftigung" if i < 2 else "sonstiges", early=False, by=None,
                   day=date(2026, 3, 20))
    client.force_login(world.funder)
    figures = client.get("/api/v1/monitoring/report", {"programme": programme.pk, "dates": "2026-04-01"}).json()
    assert figures["indicators"]["exits"]["2026-04-01"] == 11
    assert figures["indicators"]["exit_job_rate"]["2026-04-01"] == BLOCKED
    assert figures["indicators"]["exits_sv_beschaeftigung"]["2026-04-01"] == HIDDEN
