import time

from django.core.management.base import BaseCommand, CommandError

from netzlotse.directory.models import Offer
from netzlotse.site.wiring import GENERATE_BASE, GENERATE_EXTENSIONS


class Command(BaseCommand):
    help = ("Generate a realistic synthetic network: region (1k offers, 10k participants), land (10k, 100k), "
            "bund (100k offers across all 401 districts, 1M participants).")

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=sorted(GENERATE_BASE.SIZES), required=True)
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument("--replace", action="store_true", help="remove earlier generated data first")
        parser.add_argument("--directory-only", action="store_true",
                            help="only networks and offers, no case files or monitoring (directory benches)")

    def handle(self, *args, size, seed, replace, directory_only=False, **options):
        if Offer.objects.filter(external_id__startswith=GENERATE_BASE.PREFIX).exists():
            if not replace:
                raise CommandError("Es gibt bereits generierte Daten; mit --replace werden sie ersetzt.")
            for _label, module in reversed(GENERATE_EXTENSIONS):
                module.remove()
            GENERATE_BASE.remove_generated()
        started = time.perf_counter()
        counts = GENERATE_BASE.generate(size, seed=seed, progress=self.stdout.write)
        self.stdout.write(f"Fertig in {time.perf_counter() - started:.1f} s: {counts['offers']} Angebote, "
                          f"{counts['organizations']} Organisationen.")
        for label, module in [] if directory_only else GENERATE_EXTENSIONS:
            started = time.perf_counter()
            extra = module.extend(size, seed=seed, progress=self.stdout.write)
            figures = ", ".join(f"{value} {name}" for name, value in extra.items())
            self.stdout.write(f"{label}: {figures} in {time.perf_counter() - started:.1f} s.")
