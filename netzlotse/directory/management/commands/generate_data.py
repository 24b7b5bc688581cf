import time

from django.core.management.base import BaseCommand, CommandError

from netzlotse.directory.generate import PREFIX, SIZES, generate, remove_generated
from netzlotse.directory.models import Offer


class Command(BaseCommand):
    help = "Generate a realistic synthetic network: region (1k offers), land (10k), bund (100k, all 401 districts)."

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=sorted(SIZES), required=True)
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument("--replace", action="store_true", help="remove earlier generated data first")

    def handle(self, *args, size, seed, replace, **options):
        if Offer.objects.filter(external_id__startswith=PREFIX).exists():
            if not replace:
                raise CommandError("Es gibt bereits generierte Daten; mit --replace werden sie ersetzt.")
            remove_generated()
        started = time.perf_counter()
        counts = generate(size, seed=seed, progress=self.stdout.write)
        self.stdout.write(f"Fertig in {time.perf_counter() - started:.1f} s: {counts['offers']} Angebote, "
                          f"{counts['organizations']} Organisationen.")
