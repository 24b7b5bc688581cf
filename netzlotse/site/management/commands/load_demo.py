from django.core.management.base import BaseCommand

from netzlotse.accounts.demo import DEMO_PASSWORD, DEMO_USERS
from netzlotse.site.wiring import load_demo


class Command(BaseCommand):
    help = "Load the demo network, offers, case files and monitoring (safe to run again) and print the demo logins."

    def handle(self, *args, **options):
        for line in load_demo():
            self.stdout.write(line)
        self.stdout.write(f"Demo-Zugänge (Passwort für alle: {DEMO_PASSWORD}):")
        for username, _role, _org, description in DEMO_USERS:
            self.stdout.write(f"  {username:<14} {description}")
