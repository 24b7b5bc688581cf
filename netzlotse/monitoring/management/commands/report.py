import json

from django.core.management.base import BaseCommand, CommandError

from netzlotse.monitoring.indicators import GROUPS
from netzlotse.monitoring.report import build
from netzlotse.monitoring.scope import ScopeError, parse_dates, resolve_scope


class Command(BaseCommand):
    help = "The monitoring indicators at cut-off dates for a programme or a project, computed from the case events."

    def add_arguments(self, parser):
        scope = parser.add_mutually_exclusive_group(required=True)
        scope.add_argument("--programme", help="short name (e.g. StaTA) or id of the programme")
        scope.add_argument("--project", help="code, name or id of the project")
        parser.add_argument("--dates", required=True, help="cut-off dates, comma-separated, YYYY-MM-DD")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, programme, project, dates, **options):
        try:
            days = parse_dates(dates)
            scope = resolve_scope(programme=programme, project=project)
        except ScopeError as exc:
            raise CommandError(str(exc)) from None
        report = build(scope=scope, dates=days, groups=list(GROUPS))
        if options["json"]:
            self.stdout.write(json.dumps(report.as_json()))
            return
        self.stdout.write(f"{scope}: " + ", ".join(day.strftime("%d.%m.%Y") for day in days))
        for row in report.rows:
            values = "".join(f"{'–' if cell.shown is None else cell.shown:>12}" for cell in row.cells)
            self.stdout.write(f"{row.label:<48}{values}")
