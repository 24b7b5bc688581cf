"""Measure the operations the issues name, many times each, and print p50/p95 in milliseconds.

Not a test: timings depend on the machine. Run it against the database you care about
(DATABASE_URL) after `manage.py generate_data --size SIZE`.
"""

import random
import time
from io import BytesIO

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test import Client
from openpyxl import Workbook

from netzlotse.directory.generate import PREFIX, SIZES, TOPICS
from netzlotse.directory.imports.columns import OFFER_COLUMNS
from netzlotse.directory.models import Offer, TargetGroup
from netzlotse.directory.services import offers_import
from netzlotse.network.models import Organization, Region

GOALS_MS = {"search": 50, "detail": 20, "hsds_services": 100, "import_10k": 10_000}


class Rollback(Exception):
    pass


def percentile(values, pct):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


class Command(BaseCommand):
    help = "Benchmark directory search, offer detail, the HSDS services page and a 10k-row XLSX import."

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=sorted(SIZES), required=True)
        parser.add_argument("--runs", type=int, default=200, help="requests per page operation")
        parser.add_argument("--import-runs", type=int, default=3)
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, size, runs, import_runs, json: bool, **options):
        expected = SIZES[size].offers
        have = Offer.objects.filter(external_id__startswith=PREFIX).count()
        if have != expected:
            raise CommandError(f"Erwartet {expected} generierte Angebote, vorhanden {have}. "
                               f"Zuerst: manage.py generate_data --size {size} --replace")
        settings.DEBUG = False  # no query log while measuring
        # The in-process client is no network request; let it through whatever ALLOWED_HOSTS says.
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
        rng = random.Random(7)
        client = Client(HTTP_HOST="localhost")
        districts = list(Region.objects.filter(offers__isnull=False).distinct().values_list("ags", flat=True))
        groups = list(TargetGroup.objects.values_list("code", flat=True))
        words = [t.split()[0] for topics in TOPICS.values() for t in topics]
        public_ids = list(Offer.objects.public().filter(external_id__startswith=PREFIX).values_list("pk", flat=True)[:5000])
        results = {
            "search": self.time_requests(client, runs, lambda: (
                f"/angebote/?q={rng.choice(words)}&kreis={rng.choice(districts)}&zielgruppe={rng.choice(groups)}")),
            "detail": self.time_requests(client, runs, lambda: f"/angebote/{rng.choice(public_ids)}/"),
            "hsds_services": self.time_requests(client, runs, lambda: f"/api/hsds/services?page={rng.randint(1, 50)}"),
            "import_10k": self.time_import(import_runs),
        }
        report = {op: {"p50_ms": round(percentile(t, 50), 1), "p95_ms": round(percentile(t, 95), 1), "n": len(t)}
                  for op, t in results.items()}
        if json:
            self.stdout.write(__import__("json").dumps(report))
            return
        from django.db import connection

        self.stdout.write(f"Größe {size}, Datenbank {connection.vendor}")
        self.stdout.write(f"{'Operation':<16}{'n':>6}{'p50 ms':>10}{'p95 ms':>10}{'Ziel p95':>10}")
        for op, row in report.items():
            self.stdout.write(f"{op:<16}{row['n']:>6}{row['p50_ms']:>10}{row['p95_ms']:>10}{GOALS_MS[op]:>10}")

    def time_requests(self, client, runs, next_url):
        timings = []
        for _ in range(runs):
            url = next_url()
            started = time.perf_counter()
            response = client.get(url, secure=True)  # as behind TLS in production
            timings.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise CommandError(f"{url}: HTTP {response.status_code}")
        return timings

    def time_import(self, runs):
        content = self.import_file(10_000)
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            try:
                with transaction.atomic():
                    plan = offers_import(filename="bench.xlsx", content=content)
                    if not getattr(plan, "written", False):
                        raise CommandError(f"Import fehlgeschlagen: {plan.file_errors or plan.errors[:3]}")
                    timings.append((time.perf_counter() - started) * 1000)
                    raise Rollback  # leave the database as it was
            except Rollback:
                pass
        return timings

    def import_file(self, rows) -> bytes:
        providers = list(Organization.objects.filter(external_id__startswith=PREFIX).values_list("external_id",
                                                                                                  flat=True)[:500])
        districts = list(Region.objects.districts().values_list("ags", flat=True))
        book = Workbook(write_only=True)
        sheet = book.create_sheet("Angebote")
        headers = [c.header for c in OFFER_COLUMNS]
        sheet.append(headers)
        for i in range(rows):
            values = {"ID": f"bench-import-{i}", "Träger-ID": providers[i % len(providers)],
                      "Titel (de)": f"Importiertes Angebot {i}", "Beschreibung (de)": "Ein Angebot aus der Importdatei.",
                      "Phasen": "zugang, orientierung", "Handlungsfelder": "beratung", "Zielgruppen": "gefluechtete",
                      "Sprachen": "de, ar", "Angebotsformen": "office", "Einzugsgebiet (AGS)": districts[i % len(districts)],
                      "Status": "published", "gültig ab": "2026-01-01", "Plätze": 12}
            sheet.append([values.get(h) for h in headers])
        buffer = BytesIO()
        book.save(buffer)
        return buffer.getvalue()
