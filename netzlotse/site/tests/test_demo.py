"""The demo as a new user meets it: loaded in one go, safe to load again, and StaTA's report at the interim
report's own six cut-off dates shows the table the report printed."""

from django.core.management import call_command

from netzlotse.cases.models import Placement, PlacementSite
from netzlotse.monitoring import stata
from netzlotse.monitoring.report import Scope, build
from netzlotse.network.models import Programme


def test_the_demo_shows_the_stata_table_at_its_six_cut_off_dates(db, capsys):
    call_command("load_demo")
    call_command("load_demo")  # again: nothing doubles
    out = capsys.readouterr().out
    assert "StaTA 2017–2019" in out and "Demo-Zugänge" in out
    programme = Programme.objects.get(short_name="StaTA")
    series = programme.cutoffs.order_by("date")
    assert [c.date for c in series if c.date.year == 2018] == stata.DATES
    assert all(c.is_closed for c in series if c.date.year == 2018)
    report = build(scope=Scope(programme=programme), dates=stata.DATES, groups=["stata"])
    assert {row.indicator.code: [c.value for c in row.cells] for row in report.rows} == stata.TABLE
    # Today's case files fill the same sites after the first period freed them: 111 of 113 slots, never more.
    taken = Placement.objects.filter(status__in=Placement.OCCUPYING, site__code__startswith="AGH-SDL").count()
    assert taken == 111 and sum(PlacementSite.objects.filter(code__startswith="AGH-SDL").values_list("slots", flat=True)) == 113
