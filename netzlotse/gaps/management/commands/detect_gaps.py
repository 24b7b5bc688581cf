from datetime import date

from django.core.management.base import BaseCommand, CommandError

from netzlotse.gaps.services import detect_gaps
from netzlotse.network.models import Network


class Command(BaseCommand):
    help = ("Find gaps in every network's districts (or one network's): record new ones in the gap register and "
            "close those an offer now covers. Meant to run daily, e.g. from cron.")

    def add_arguments(self, parser):
        parser.add_argument("--network", help="name or id of one network")
        parser.add_argument("--date", type=date.fromisoformat, help="as of this day (YYYY-MM-DD), default today")

    def handle(self, *args, network=None, date=None, **options):
        networks = Network.objects.filter(regions__isnull=False).distinct()
        if network:
            networks = networks.filter(pk=network) if network.isdigit() else networks.filter(name=network)
            if not networks:
                raise CommandError(f"Kein Netzwerk mit Regionen gefunden: {network}")
        for net in networks:
            result = detect_gaps(network=net, day=date)
            self.stdout.write(f"{net.name}: {result.created} neu, {result.closed} geschlossen, "
                              f"{result.still_open} weiterhin offen")
