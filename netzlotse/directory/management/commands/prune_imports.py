from django.core.management.base import BaseCommand
from django.db.models import Sum
from django.db.models.functions import Length

from netzlotse.directory.models import ImportRun


class Command(BaseCommand):
    help = ("Report and remove uploaded import files that are done with: imported, or checked longer ago than "
            "IMPORT_KEEP_HOURS (run daily; every new upload also removes them).")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="only report what would be removed")

    def handle(self, *args, dry_run, **options):
        expired = ImportRun.objects.expired()
        size = expired.aggregate(bytes=Sum(Length("content")))["bytes"] or 0
        count = expired.count()
        if not dry_run:
            expired.delete()
        verb = "zu entfernen" if dry_run else "entfernt"
        self.stdout.write(f"Hochgeladene Dateien {verb}: {count} ({size / 2**20:.1f} MB); "
                          f"verbleibend: {ImportRun.objects.count()}.")
