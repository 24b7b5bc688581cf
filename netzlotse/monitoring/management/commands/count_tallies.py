import time

from django.core.management.base import BaseCommand

from netzlotse.monitoring import tally


class Command(BaseCommand):
    help = ("Bring the monitoring tallies up to date, or with --rebuild count every case event again. Run it once "
            "after installing on a database that already holds many case events, so no report has to do it.")

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="discard the tallies and count everything again")

    def handle(self, *args, rebuild, **options):
        started = time.perf_counter()
        people = tally.rebuild() if rebuild else tally.refresh()
        self.stdout.write(f"{people} Teilnehmende gezählt in {time.perf_counter() - started:.1f} s")
