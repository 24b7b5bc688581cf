from django.conf import settings
from django.core.management.base import BaseCommand

from netzlotse.events.services import reminders_send


class Command(BaseCommand):
    help = "Remind everyone with a place of an event that starts within the next two days (once). Run daily."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default=settings.SITE_URL, help="the address the links in the mails start with")

    def handle(self, *args, base_url, **options):
        count = reminders_send(base_url=base_url)
        self.stdout.write(f"{count} Erinnerungen an den Versand übergeben.")
