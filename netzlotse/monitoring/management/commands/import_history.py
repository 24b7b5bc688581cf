from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from netzlotse.directory.imports.validate import report_to_command
from netzlotse.monitoring.history import history_import
from netzlotse.monitoring.scope import ScopeError, resolve_scope


class Command(BaseCommand):
    help = ("Import a programme's history from XLSX or CSV, one row per event (profiling, aufnahme, folgegespraech, "
            "platzierung_geplant/_beginn/_ende, austritt); all rows or none.")

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="only check the file, write nothing")
        parser.add_argument("--create-missing", action="store_true",
                            help="create participants (by code), organisations, projects and sites the file names")
        parser.add_argument("--programme", help="short name or id: projects must belong to it; new ones are added to it")

    def handle(self, *args, file: Path, dry_run: bool, create_missing: bool, programme: str | None, **options):
        if not file.is_file():
            raise CommandError(f"Datei nicht gefunden: {file}")
        found = None
        if programme:
            try:
                found = resolve_scope(programme=programme).programme
            except ScopeError as exc:
                raise CommandError(str(exc)) from None
        plan = history_import(filename=file.name, content=file.read_bytes(), by=None, programme=found,
                              create_missing=create_missing, dry_run=dry_run)
        report_to_command(self, plan, dry_run)
