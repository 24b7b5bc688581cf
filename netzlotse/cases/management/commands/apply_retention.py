from django.core.management.base import BaseCommand

from netzlotse.cases.privacy import anonymise, due_for_anonymisation


class Command(BaseCommand):
    help = ("Anonymise participants whose retention period has passed (keeps the events and the figures the "
            "monitoring needs, removes identity and free text). Meant to run nightly.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="only list what is due")

    def handle(self, *args, dry_run=False, **options):
        due = due_for_anonymisation()
        for participant in due:
            if not dry_run:
                anonymise(participant)
        verb = "wären zu anonymisieren" if dry_run else "anonymisiert"
        self.stdout.write(f"{len(due)} Teilnehmende {verb}: {', '.join(p.code for p in due) or '–'}")
