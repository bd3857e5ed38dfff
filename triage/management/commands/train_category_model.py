from django.core.management.base import BaseCommand, CommandError

from complaints.models import TaxonomyVersion
from triage.suggestions import category_model_train, taxonomy_current


class Command(BaseCommand):
    help = "Train the category classifier of the current taxonomy version (or --year's) from the database."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--year", type=int, help="taxonomy of this year (default: the current one)")

    def handle(self, *args, year: int | None = None, **options) -> None:
        version: TaxonomyVersion | None = taxonomy_current(year=year)
        if version is None:
            raise CommandError("Er is geen categorie-indeling.")
        model = category_model_train(version=version)
        if model is None:
            self.stdout.write(f"{version}: te weinig ingedeelde klachten om te trainen.")
            return
        self.stdout.write(
            f"{version}: {model.samples} klachten, cross-gevalideerd top-1 {model.top1:.1%}, top-3 {model.top3:.1%}"
        )
