import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from netzlotse.cases.models import CaseEvent
from netzlotse.monitoring.indicators import INDICATORS, compute
from netzlotse.network.models import Programme, Project


def _one(queryset, key: str, field: str):
    found = queryset.filter(pk=int(key)) if key.isdigit() else queryset.filter(**{f"{field}__iexact": key})
    return found.first()


class Command(BaseCommand):
    help = "The monitoring indicators at cut-off dates for a programme or a project, computed from the case events."

    def add_arguments(self, parser):
        scope = parser.add_mutually_exclusive_group(required=True)
        scope.add_argument("--programme", help="short name (e.g. StaTA) or id of the programme")
        scope.add_argument("--project", help="name or id of the project")
        parser.add_argument("--dates", required=True, help="cut-off dates, comma-separated, YYYY-MM-DD")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, programme, project, dates, **options):
        try:
            days = sorted(date.fromisoformat(part.strip()) for part in dates.split(",") if part.strip())
        except ValueError as exc:
            raise CommandError(f"Ungültiges Datum: {exc}") from None
        if not days:
            raise CommandError("Mindestens ein Stichtag ist nötig.")
        if programme:
            found = _one(Programme.objects.all(), programme, "short_name")
            events = CaseEvent.objects.filter(project__programme=found)
        else:
            found = _one(Project.objects.all(), project, "name")
            events = CaseEvent.objects.filter(project=found)
        if found is None:
            raise CommandError(f"Nicht gefunden: {programme or project}")
        figures = compute(events, days)
        if options["json"]:
            self.stdout.write(json.dumps({"indicators": figures}))
            return
        self.stdout.write(f"{found}: " + ", ".join(day.strftime("%d.%m.%Y") for day in days))
        for indicator in INDICATORS:
            values = "".join(f"{figures[indicator.code][day.isoformat()]:>12}" for day in days)
            self.stdout.write(f"{str(indicator.label):<40}{values}")
