from django.conf import settings
from django.core.management.base import BaseCommand

from netzlotse.events.certificates import batches_remove_expired
from netzlotse.events.services import registrations_remove_expired


class Command(BaseCommand):
    help = ("Delete the registrations (names, addresses, needs, attendance) of events that ended more than "
            "EVENT_RETENTION_MONTHS ago, and certificate files older than a day. Meant to run nightly.")

    def handle(self, *args, **options):
        removed = registrations_remove_expired(months=settings.EVENT_RETENTION_MONTHS)
        self.stdout.write(f"{removed} Anmeldungen gelöscht (Veranstaltungen vor mehr als "
                          f"{settings.EVENT_RETENTION_MONTHS} Monaten), {batches_remove_expired()} "
                          "Bescheinigungsdateien gelöscht.")
