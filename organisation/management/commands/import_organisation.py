from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from organisation.files import DataFileError
from organisation.structure import structure_import


class Command(BaseCommand):
    help = (
        "Assign regions and location managers to register locations from the organisation file "
        "(CSV or XLSX with the columns lrk_nummer, regio, email_locatiemanager). Unknown LRK numbers "
        "and e-mail addresses are reported with their line; nothing is written then."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="the organisation file (.csv or .xlsx)")
        parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")

    def handle(self, *args, path: Path, dry_run: bool, **options) -> None:
        try:
            result = structure_import(path=path, dry_run=dry_run)
        except DataFileError as exc:
            raise CommandError(str(exc)) from exc
        prefix = "dry run, nothing written: " if dry_run else ""
        if not result.changed_anything:
            self.stdout.write(f"{prefix}{path}: nothing changed, its {result.rows} rows are already in place")
            return
        self.stdout.write(self.style.SUCCESS(f"{prefix}{path}: {result.rows} rows read"))
        self.stdout.write(f"  regions created {result.regions_created}")
        self.stdout.write(f"  locations given a region {result.regions_set}")
        managers = ", ".join(f"{name} {count}" for name, count in sorted(result.managers.items()))
        self.stdout.write(
            f"  locations given to a manager {result.managers_added}" + (f" ({managers})" if managers else "")
        )
        self.stdout.write(f"  unchanged {result.unchanged}")
