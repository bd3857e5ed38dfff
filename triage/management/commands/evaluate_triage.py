import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from triage import evaluate
from triage.services import protected_names
from triage.suggestions import category_model_train, taxonomy_current


class Command(BaseCommand):
    help = "Measure category suggestion and anonymisation on triage/evaluation/; write them into docs/benchmarks.md."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--year", type=int, help="taxonomy of this year (default: the current one)")
        parser.add_argument("--output", default=str(Path(settings.BASE_DIR) / "docs" / "benchmarks.md"))
        parser.add_argument("--no-write", action="store_true", help="only print")
        parser.add_argument(
            "--worker-probe",
            action="store_true",
            help="only do the worker's triage tasks (training, a draft with deduce) and print the peak memory as JSON",
        )

    def handle(self, *args, year: int | None, output: str, no_write: bool, worker_probe: bool, **options) -> None:
        version = taxonomy_current(year=year)
        if version is None:
            raise CommandError("Er is geen categorie-indeling.")
        if worker_probe:
            self.stdout.write(json.dumps(evaluate.worker_probe(version)))
            return
        # First, in a fresh process: this one ends up holding more (the evaluation sets, both models).
        worker = evaluate.worker_memory(year=year)
        model = version.category_models.first() or category_model_train(version=version)
        if model is None:
            raise CommandError(f"Te weinig ingedeelde klachten om een model voor {version} te trainen.")
        categories = evaluate.evaluate_categories(version, evaluate.load("categories.jsonl"))
        if categories.unknown_categories:
            self.stderr.write(f"Niet in {version}: {', '.join(categories.unknown_categories)}")
        anonymisation = evaluate.evaluate_anonymisation(
            evaluate.load("personal_data.jsonl"), protected=protected_names()
        )
        section = evaluate.markdown(
            version=version,
            model=model,
            categories=categories,
            anonymisation=anonymisation,
            memory_mb=evaluate.peak_memory_mb(),
            worker=worker,
            when=timezone.localtime().strftime("%Y-%m-%d %H:%M %Z"),
        )
        self.stdout.write(section)
        if not no_write:
            evaluate.write_section(Path(output), section)
