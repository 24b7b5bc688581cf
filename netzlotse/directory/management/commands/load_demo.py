from django.core.management.base import BaseCommand

from netzlotse.accounts.demo import DEMO_PASSWORD, DEMO_USERS
from netzlotse.cases.demo import load_cases_demo
from netzlotse.directory.demo import load_demo
from netzlotse.gaps.demo import load_gaps_demo
from netzlotse.monitoring.demo import load_monitoring_demo


class Command(BaseCommand):
    help = "Load the demo network and offers (safe to run again) and print the demo logins."

    def handle(self, *args, **options):
        counts = load_demo()
        self.stdout.write(f"Demo geladen: {counts['organizations']} Organisationen, {counts['offers']} Angebote.")
        gaps = load_gaps_demo()
        self.stdout.write(f"Lückenregister: {sum(gaps.values())} neue Lücken in {len(gaps)} Netzwerken.")
        cases = load_cases_demo()
        if cases["participants"]:
            self.stdout.write(f"Fallakten: {cases['participants']} Teilnehmende, {cases['events']} Ereignisse.")
        if load_monitoring_demo():
            self.stdout.write("Monitoring: StaTA mit sechs Stichtagen, vier davon abgeschlossen.")
        self.stdout.write(f"Demo-Zugänge (Passwort für alle: {DEMO_PASSWORD}):")
        for username, _role, _org, description in DEMO_USERS:
            self.stdout.write(f"  {username:<14} {description}")
