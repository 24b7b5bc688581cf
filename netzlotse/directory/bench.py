"""The directory's benchmark operations (registered with `manage.py bench`)."""

from io import BytesIO

from django.db import transaction
from openpyxl import Workbook

from netzlotse.core.bench import operation
from netzlotse.network.models import Organization, Region

from .generate import PREFIX, TOPICS
from .imports.columns import OFFER_COLUMNS
from .models import Offer, TargetGroup
from .services import offers_import


@operation("search", goal_ms=50)
def search(ctx):
    districts = list(Region.objects.filter(offers__isnull=False).distinct().values_list("ags", flat=True))
    groups = list(TargetGroup.objects.values_list("code", flat=True))
    words = [t.split()[0] for topics in TOPICS.values() for t in topics]
    return ctx.time_requests(lambda: f"/angebote/?q={ctx.rng.choice(words)}&kreis={ctx.rng.choice(districts)}"
                                     f"&zielgruppe={ctx.rng.choice(groups)}")


# What people type: whole words, compounds the titles do not contain, typos, several words.
TYPED = ["Deutschkurs", "Anerkenung", "Sprachkurs", "Beratung", "Pflege", "Bewerbung", "Gründung Coaching",
         "Schuldnerberatung", "Deutsch B2", "Arbeitserlaubnis"]


@operation("search_typed", goal_ms=50)
def search_typed(ctx):
    """The search box alone, over every offer of the data set (first page, ranked)."""
    return ctx.time_requests(lambda: f"/angebote/?q={ctx.rng.choice(TYPED)}")


@operation("detail", goal_ms=20)
def detail(ctx):
    ids = list(Offer.objects.public().filter(external_id__startswith=PREFIX).values_list("pk", flat=True)[:5000])
    return ctx.time_requests(lambda: f"/angebote/{ctx.rng.choice(ids)}/")


@operation("hsds_services", goal_ms=100)
def hsds_services(ctx):
    return ctx.time_requests(lambda: f"/api/hsds/services?page={ctx.rng.randint(1, 50)}")


class Rollback(Exception):
    pass


@operation("import_10k", goal_ms=10_000)
def import_10k(ctx):
    content = import_file(10_000)
    timings = []

    def run():
        try:
            with transaction.atomic():
                plan = offers_import(filename="bench.xlsx", content=content)
                if not plan.written:
                    raise RuntimeError(f"import failed: {plan.file_errors or plan.errors[:3]}")
                raise Rollback  # leave the database as it was
        except Rollback:
            pass

    timings += ctx.time_calls(run, runs=ctx.import_runs)
    return timings


def import_file(rows) -> bytes:
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
