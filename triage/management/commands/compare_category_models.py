from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from complaints.models import Category
from triage import evaluate, model_selection
from triage.suggestions import taxonomy_current, training_data


class Command(BaseCommand):
    help = (
        "Compare category model variants by cross-validation on the categorised complaints (minutes of CPU);"
        " write the table to triage/evaluation/model_selection.md, which evaluate_triage includes."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--year", type=int, help="taxonomy of this year (default: the current one)")
        parser.add_argument("--repeats", type=int, default=2)
        parser.add_argument("--output", default=str(evaluate.EVALUATION_DIR / "model_selection.md"))

    def handle(self, *args, year: int | None, repeats: int, output: str, **options) -> None:
        version = taxonomy_current(year=year)
        if version is None:
            raise CommandError("Er is geen categorie-indeling.")
        texts, ids = training_data(version)
        names = dict(Category.objects.filter(version=version).values_list("pk", "name"))
        labels = [names.get(int(label), label) for label in ids]
        held_out = [(item["text"], item["category"]) for item in evaluate.load("categories.jsonl")]
        rows = model_selection.compare(
            texts, labels, held_out, repeats=repeats, progress=lambda row: self.stdout.write(f"{row}")
        )
        table = model_selection.markdown(
            rows,
            samples=len(texts),
            held_out=len(held_out),
            folds=5,
            repeats=repeats,
            when=f"{version}, {timezone.localtime():%Y-%m-%d %H:%M %Z}",
        )
        Path(output).write_text(table, encoding="utf-8")
        self.stdout.write(table)
