import json

from django.core.management.base import BaseCommand, CommandParser

from annualreport.figures import figures_for_year
from config.routers import reading_from_replica


class Command(BaseCommand):
    help = "Print the figures of one year as JSON, computed from the database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True)

    def handle(self, *args, year: int, **options) -> None:
        with reading_from_replica():
            figures = figures_for_year(year=year)
        self.stdout.write(json.dumps(figures.as_dict(), ensure_ascii=False, indent=2))
