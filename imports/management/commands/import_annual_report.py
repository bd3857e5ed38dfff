import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from imports.services import AnnualReportImportError, annual_report_import


class Command(BaseCommand):
    help = "Import a published annual complaint report (appendix 1 complaints and the disputes)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="the report as text (PDF extracted), e.g. the seed")
        parser.add_argument("--year", type=int, required=True, help="the year the report is about")
        parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")

    def handle(self, *args, path: Path, year: int, dry_run: bool, **options) -> None:
        show_progress = options["verbosity"] >= 1

        def progress(done: int, total: int) -> None:
            if show_progress and (done == total or done % 25 == 0):
                end = "\n" if done == total else ""
                self.stderr.write(f"\r  complaints {done}/{total}", ending=end)
                self.stderr.flush()

        try:
            result = annual_report_import(path=path, year=year, dry_run=dry_run, progress=progress)
        except AnnualReportImportError as exc:
            raise CommandError(str(exc)) from exc

        for warning in result.warnings:
            self.stderr.write(self.style.WARNING(f"warning: {warning}"))
        prefix = "dry run, nothing written: " if dry_run else ""
        if not result.changed_anything:
            self.stdout.write(f"{prefix}{path}: nothing changed, the {year} report is already imported")
            return
        kinds = sorted(set(result.created) | set(result.updated) | set(result.unchanged))
        parts = [
            f"{kind}: {result.created[kind]} new, {result.updated[kind]} updated, {result.unchanged[kind]} unchanged"
            for kind in kinds
        ]
        self.stdout.write(self.style.SUCCESS(f"{prefix}{path} ({year}) imported"))
        for part in parts:
            self.stdout.write(f"  {part}")
        sys.stdout.flush()
