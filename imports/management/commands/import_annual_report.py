import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from imports.services import AnnualReportImportError, ImportOptions, annual_report_import


class Command(BaseCommand):
    help = (
        "Import a published annual complaint report (appendix 1 complaints and the disputes). "
        "Refuses, writing nothing, a report that disagrees with itself or with the database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="the report as text (PDF extracted), e.g. the seed")
        parser.add_argument("--year", type=int, required=True, help="the year the report is about")
        parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
        parser.add_argument("--encoding", default="utf-8", help="the file's encoding, e.g. cp1252 (default utf-8)")
        parser.add_argument(
            "--accept-count-mismatch",
            action="store_true",
            help="import although appendix 1 holds another number of complaints than the text states",
        )
        parser.add_argument(
            "--allow-new-categories",
            action="store_true",
            help="add categories that are not in the year's taxonomy (the first import of a year creates it anyway)",
        )
        parser.add_argument(
            "--allow-new-entities",
            action="store_true",
            help="create labels that are neither in the database nor named in the report's text",
        )

    def handle(self, *args, path: Path, year: int, dry_run: bool, encoding: str, **options) -> None:
        show_progress = options["verbosity"] >= 1

        def progress(done: int, total: int) -> None:
            if show_progress:
                end = "\n" if done == total else ""
                self.stderr.write(f"\r  complaints {done}/{total}", ending=end)
                self.stderr.flush()

        try:
            result = annual_report_import(
                path=path,
                year=year,
                dry_run=dry_run,
                encoding=encoding,
                options=ImportOptions(
                    accept_count_mismatch=options["accept_count_mismatch"],
                    allow_new_categories=options["allow_new_categories"],
                    allow_new_entities=options["allow_new_entities"],
                ),
                progress=progress,
            )
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
