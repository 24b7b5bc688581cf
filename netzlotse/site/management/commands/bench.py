"""Measure the operations the issues name, many times each, and print p50/p95 in milliseconds.

Not a test: timings depend on the machine. Run it with production settings against the
database you care about (DATABASE_URL), after `manage.py generate_data --size SIZE`.
"""

import json
import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client

from netzlotse.core.bench import OPERATIONS, Context, percentile
from netzlotse.directory.generate import PREFIX, SIZES
from netzlotse.directory.models import Offer
from netzlotse.site.wiring import register_bench_operations


class Command(BaseCommand):
    help = "Benchmark the operations each app registers (search, detail, HSDS, import, coverage matrix …)."

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=["region", "land", "bund"], required=True)
        parser.add_argument("--runs", type=int, default=200, help="repetitions per operation")
        parser.add_argument("--import-runs", type=int, default=3)
        parser.add_argument("--only", nargs="*", help="run only these operations")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, size, runs, import_runs, only, **options):
        expected = SIZES[size].offers
        have = Offer.objects.filter(external_id__startswith=PREFIX).count()
        if have != expected:
            raise CommandError(f"Erwartet {expected} generierte Angebote, vorhanden {have}. "
                               f"Zuerst: manage.py generate_data --size {size} --replace")
        register_bench_operations()
        settings.DEBUG = False  # no query log while measuring
        # The in-process client is no network request; let it through whatever ALLOWED_HOSTS says.
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
        context = Context(size=size, runs=runs, import_runs=import_runs, rng=random.Random(7),
                          client=Client(HTTP_HOST="localhost"))
        report, goals = {}, {}
        for name, (function, goal) in OPERATIONS.items():
            if only and name not in only:
                continue
            try:
                timings = function(context)
            except RuntimeError as exc:
                raise CommandError(f"{name}: {exc}") from exc
            report[name] = {"p50_ms": round(percentile(timings, 50), 1), "p95_ms": round(percentile(timings, 95), 1),
                            "n": len(timings)}
            goals[name] = goal
        if options["json"]:
            self.stdout.write(json.dumps({**report, **({"notes": context.notes} if context.notes else {})}))
            return
        self.stdout.write(f"Größe {size}, Datenbank {connection.vendor}")
        self.stdout.write(f"{'Operation':<22}{'n':>6}{'p50 ms':>10}{'p95 ms':>10}{'Ziel p95':>10}")
        for name, row in report.items():
            self.stdout.write(f"{name:<22}{row['n']:>6}{row['p50_ms']:>10}{row['p95_ms']:>10}{goals[name]:>10}")
        for note in context.notes:
            self.stdout.write(note)
