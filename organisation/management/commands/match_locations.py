"""Propose links between historical location names and register locations (issue 12).

    python manage.py match_locations [--threshold 80]

Idempotent; merges nothing: the coordinator decides on the review screen."""

from django.core.management.base import BaseCommand, CommandParser

from organisation.matching import PROPOSE_THRESHOLD, match_proposals_make


class Command(BaseCommand):
    help = "Stelt koppelingen voor tussen locatienamen uit jaarverslagen en locaties uit het LRK."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--threshold",
            type=float,
            default=PROPOSE_THRESHOLD,
            help=f"minimale overeenkomst (0-100) voor een voorstel, standaard {PROPOSE_THRESHOLD:g}",
        )

    def handle(self, *args, threshold: float, **options) -> None:
        if not 0 <= threshold <= 100:
            self.stderr.write("--threshold moet tussen 0 en 100 liggen.")
            raise SystemExit(2)

        def progress(done: int, total: int) -> None:
            if done == total or done % 50 == 0:
                self.stdout.write(f"{done}/{total} namen vergeleken")

        run = match_proposals_make(threshold=threshold, progress=progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"{run.historical} historische namen: {run.created} nieuwe voorstellen, {run.updated} bijgewerkt, "
                f"{run.unchanged} ongewijzigd, {run.without_candidate} zonder kandidaat."
            )
        )
