from django.core.management.base import BaseCommand, CommandError

from complaints.models import TaxonomyVersion
from triage import classifier
from triage.models import CategoryModel
from triage.suggestions import category_model_train, taxonomy_current, training_data


class Command(BaseCommand):
    help = "Train the category classifier of the current taxonomy version (or --year's) from the database."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--year", type=int, help="taxonomy of this year (default: the current one)")
        parser.add_argument(
            "--if-changed",
            action="store_true",
            help=(
                "only when no model exists yet, the number of categorised complaints changed or the model's"
                " settings changed (make run)"
            ),
        )

    def handle(self, *args, year: int | None = None, if_changed: bool = False, **options) -> None:
        version: TaxonomyVersion | None = taxonomy_current(year=year)
        if version is None:
            raise CommandError("Er is geen categorie-indeling.")
        if if_changed:
            latest = CategoryModel.objects.filter(version=version).first()
            if (
                latest is not None
                and latest.samples == len(training_data(version)[0])
                and classifier.description(classifier.loads(bytes(latest.model)))
                == classifier.description(classifier.pipeline_build())
            ):
                self.stdout.write(f"{version}: het model is bij ({latest.samples} klachten); niet opnieuw getraind.")
                return
        model = category_model_train(version=version)
        if model is None:
            self.stdout.write(f"{version}: te weinig ingedeelde klachten om te trainen.")
            return
        self.stdout.write(
            f"{version}: {model.samples} klachten, cross-gevalideerd top-1 {model.top1:.1%}, top-3 {model.top3:.1%}"
        )
