from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from netzlotse.cases.imports import participants_import
from netzlotse.directory.imports.validate import report_to_command
from netzlotse.network.models import Organization


class Command(BaseCommand):
    help = "Import an organisation's participant list and its history from XLSX or CSV (all rows or none)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--organisation", required=True, help="external id or exact name of the organisation")
        parser.add_argument("--dry-run", action="store_true", help="only check the file, write nothing")

    def handle(self, *args, file: Path, organisation: str, dry_run: bool, **options):
        if not file.is_file():
            raise CommandError(f"Datei nicht gefunden: {file}")
        org = (Organization.objects.filter(external_id=organisation).first()
               or Organization.objects.filter(name=organisation).first())
        if org is None:
            raise CommandError(f"Organisation nicht gefunden: {organisation}")
        plan = participants_import(filename=file.name, content=file.read_bytes(), organization=org, by=None,
                                   dry_run=dry_run)
        report_to_command(self, plan, dry_run)
