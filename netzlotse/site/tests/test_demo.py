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


def test_the_demo_surveys_show_forty_seminars_improving_year_by_year(db, capsys):
    from netzlotse.site.wiring import load_demo
    from netzlotse.surveys.models import Survey
    from netzlotse.surveys.results import build as results

    list(load_demo(only={"offers", "surveys"}))
    list(load_demo(only={"offers", "surveys"}))  # again: nothing doubles
    feedback = Survey.objects.get(title__de="Seminarfeedback IQ Netzwerk Sachsen")
    assert feedback.occasions.count() == 40 and Survey.objects.count() == 3
    assert set(feedback.responses.values_list("version", flat=True)) == {1, 2}  # a question added in 2013
    by_year = results(feedback, breakdown="jahr")
    assert [label for _key, label in by_year.groups] == ["2011", "2012", "2013", "2014"]
    useful = next(r for r in by_year.questions if r.question.key == "useful")
    means = [cell.value for cell in useful.means]
    assert means == sorted(means) and means[-1] - means[0] > 0.5
    follow_up = Survey.objects.get(title__de__startswith="Nachbefragung")
    assert follow_up.invitations.filter(responded_on__isnull=False).count() == follow_up.responses.count() == 11
    actors = Survey.objects.get(title__de__startswith="Akteursbefragung")
    assert actors.invitations.count() > 10 and not actors.invitations.exclude(organization__regions__ags__startswith="14")


def test_the_demo_calendar_has_trainings_a_seminar_series_and_meetings(db, client):
    from django.urls import reverse

    from netzlotse.events.models import Attendance, Event, Minutes
    from netzlotse.site.wiring import load_demo
    from netzlotse.surveys.models import Occasion

    list(load_demo(only={"offers", "surveys", "events"}))
    list(load_demo(only={"offers", "surveys", "events"}))  # again: nothing doubles
    assert Event.objects.count() == 13 and Event.objects.filter(series__isnull=False).count() == 6
    assert Attendance.objects.exists()  # the past runs of the series were attended
    runs = Occasion.objects.filter(reference__startswith="event:")
    assert runs.count() >= 2 and all(o.responses.exists() for o in runs)  # the follow-up answered per run
    minutes = Minutes.objects.get()
    assert minutes.participants.count() == 4 and minutes.actions.count() == 3
    assert minutes.actions.filter(owner__username="beratung", done_on__isnull=True).exists()
    page = client.get(reverse("events:calendar")).content.decode()
    assert "Interkulturelle Öffnung" in page and "Mobile Beratung" in page
    assert "Beschäftigungsduldung" not in page  # RESQUE's trainings are for staff
