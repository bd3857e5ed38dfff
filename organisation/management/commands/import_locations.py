from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from organisation.lrk import DataFileError, register_import


class Command(BaseCommand):
    help = (
        "Import the organisation's locations from the national register's open-data export "
        "(Landelijk Register Kinderopvang, export_opendata_lrk.csv). Keeps the rows of the legal "
        "entities whose KvK number is set; refuses, writing nothing, a file with bad rows."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="the LRK export (CSV, separator ';', UTF-8 or Latin-1)")
        parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
        parser.add_argument(
            "--accept-deactivations",
            action="store_true",
            help="deactivate the locations missing from the file even when that is more than a quarter of them",
        )
        parser.add_argument("--demo", action="store_true", help="mark the locations it creates as demo data")

    def handle(self, *args, path: Path, dry_run: bool, demo: bool, **options) -> None:
        show_progress = options["verbosity"] >= 1

        def progress(done: int, total: int) -> None:
            if show_progress:
                self.stderr.write(f"\r  locations {done}/{total}", ending="\n" if done == total else "")
                self.stderr.flush()

        try:
            result = register_import(
                path=path,
                dry_run=dry_run,
                is_demo=demo,
                accept_deactivations=options["accept_deactivations"],
                progress=progress,
            )
        except DataFileError as exc:
            raise CommandError(str(exc)) from exc

        prefix = "dry run, nothing written: " if dry_run else ""
        skipped = ", ".join(f"{count} {reason}" for reason, count in sorted(result.skipped.items())) or "none"
        if not result.changed_anything:
            self.stdout.write(
                f"{prefix}{path}: nothing changed, the register's {result.unchanged} locations are up to date "
                f"(skipped: {skipped})"
            )
            return
        self.stdout.write(self.style.SUCCESS(f"{prefix}{path}: {result.rows} rows read"))
        self.stdout.write(f"  created {result.created}")
        updated = f"  updated {result.updated}"
        if result.reactivated:
            updated += f" (of which {result.reactivated} active again)"
        self.stdout.write(updated)
        self.stdout.write(f"  deactivated {result.deactivated}")
        self.stdout.write(f"  unchanged {result.unchanged}")
        self.stdout.write(f"  skipped {skipped}")
