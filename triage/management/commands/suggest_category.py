import sys
from itertools import batched

from django.core.management.base import BaseCommand, CommandError

from triage.management.commands._jsonl import read_items, write_item
from triage.suggestions import category_suggest_texts, taxonomy_current


class Command(BaseCommand):
    help = (
        'Suggest three categories per line of --input ({"id", "text"} JSON lines); writes '
        '{"id", "suggestions": [{"category", "score"}, ...]} lines, best first.'
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--input", required=True, help="JSON lines file, or - for standard input")
        parser.add_argument("--output", default="-", help="JSON lines file (default: standard output)")
        parser.add_argument("--year", type=int, help="taxonomy of this year (default: the current one)")

    def handle(self, *args, input: str, output: str, year: int | None = None, **options) -> None:
        version = taxonomy_current(year=year)
        if version is None:
            raise CommandError("Er is geen categorie-indeling.")
        if not version.category_models.exists():
            raise CommandError(f"Er is nog geen model voor {version}: draai eerst train_category_model.")
        try:
            source = sys.stdin if input == "-" else open(input, encoding="utf-8")  # noqa: SIM115
        except OSError as error:
            raise CommandError(f"Kan {input} niet lezen: {error.strerror}.") from error
        target = self.stdout if output == "-" else open(output, "w", encoding="utf-8")  # noqa: SIM115
        try:
            for chunk in batched(read_items(source), 256, strict=False):
                ids = [item_id for item_id, _ in chunk]
                ranked = category_suggest_texts([text for _, text in chunk], version=version)
                for item_id, suggestions in zip(ids, ranked, strict=True):
                    write_item(
                        target,
                        {
                            "id": item_id,
                            "suggestions": [{"category": s.category.name, "score": s.score} for s in suggestions],
                        },
                    )
        finally:
            if source is not sys.stdin:
                source.close()
            if target is not self.stdout:
                target.close()
