from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from netzlotse.directory.imports.validate import report_to_command
from netzlotse.directory.services import offers_import


class Command(BaseCommand):
    help = "Import organisations and offers from an XLSX or CSV file (all rows or none)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="only check the file, write nothing")

    def handle(self, *args, file: Path, dry_run: bool, **options):
        if not file.is_file():
            raise CommandError(f"Datei nicht gefunden: {file}")
        report_to_command(self, offers_import(filename=file.name, content=file.read_bytes(), dry_run=dry_run), dry_run)
