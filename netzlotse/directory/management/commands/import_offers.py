from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from netzlotse.directory.services import offers_import


class Command(BaseCommand):
    help = "Import organisations and offers from an XLSX or CSV file (all rows or none)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="only check the file, write nothing")

    def handle(self, *args, file: Path, dry_run: bool, **options):
        if not file.is_file():
            raise CommandError(f"Datei nicht gefunden: {file}")
        plan = offers_import(filename=file.name, content=file.read_bytes(), dry_run=dry_run)
        for message in plan.file_errors:
            self.stderr.write(message)
        for error in plan.errors:
            self.stderr.write(f"{error.sheet}, Zeile {error.row}, Spalte „{error.column}“: {error.message}")
        if not plan.is_valid:
            raise CommandError("Nichts importiert: die Datei hat Fehler.")
        for sheet, counts in plan.counts().items():
            self.stdout.write(f"{sheet}: {counts['neu']} neu, {counts['aktualisieren']} aktualisiert")
        self.stdout.write("Prüfung ohne Fehler (nichts geschrieben)." if dry_run else "Import abgeschlossen.")
