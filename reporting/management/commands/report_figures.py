import json

from django.core.management.base import BaseCommand, CommandParser

from reporting.selectors import figures_for_year


class Command(BaseCommand):
    help = "Print the figures of one year as JSON, computed from the database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True)

    def handle(self, *args, year: int, **options) -> None:
        self.stdout.write(json.dumps(figures_for_year(year=year), ensure_ascii=False, indent=2))
