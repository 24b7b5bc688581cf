import time
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from netzlotse.directory.generate import PREFIX, SIZES, generate, remove_generated
from netzlotse.directory.models import Offer


def _extensions():
    """Apps above the directory add their own synthetic data in a `generate` module with `extend` and `remove`
    (the case files, for example); the directory never imports them by name."""
    for config in apps.get_app_configs():
        name = f"{config.name}.generate"
        if config.name != "netzlotse.directory" and config.name.startswith("netzlotse.") and find_spec(name):
            module = import_module(name)
            if hasattr(module, "extend"):
                yield config.label, module


class Command(BaseCommand):
    help = ("Generate a realistic synthetic network: region (1k offers, 10k participants), land (10k, 100k), "
            "bund (100k offers across all 401 districts, 1M participants).")

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=sorted(SIZES), required=True)
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument("--replace", action="store_true", help="remove earlier generated data first")

    def handle(self, *args, size, seed, replace, **options):
        extensions = list(_extensions())
        if Offer.objects.filter(external_id__startswith=PREFIX).exists():
            if not replace:
                raise CommandError("Es gibt bereits generierte Daten; mit --replace werden sie ersetzt.")
            for _label, module in reversed(extensions):
                module.remove()
            remove_generated()
        started = time.perf_counter()
        counts = generate(size, seed=seed, progress=self.stdout.write)
        self.stdout.write(f"Fertig in {time.perf_counter() - started:.1f} s: {counts['offers']} Angebote, "
                          f"{counts['organizations']} Organisationen.")
        for label, module in extensions:
            started = time.perf_counter()
            extra = module.extend(size, seed=seed, progress=self.stdout.write)
            figures = ", ".join(f"{value} {name}" for name, value in extra.items())
            self.stdout.write(f"{label}: {figures} in {time.perf_counter() - started:.1f} s.")
