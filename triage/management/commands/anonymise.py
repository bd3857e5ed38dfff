import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from triage.anonymiser import Anonymiser
from triage.management.commands._jsonl import read_items, write_item
from triage.services import protected_names


class Command(BaseCommand):
    help = 'Anonymise each line of --input ({"id", "text"} JSON lines); writes {"id", "text"} lines.'

    def add_arguments(self, parser) -> None:
        parser.add_argument("--input", required=True, help="JSON lines file, or - for standard input")
        parser.add_argument("--output", default="-", help="JSON lines file (default: standard output)")

    def handle(self, *args, input: str, output: str, **options) -> None:
        try:
            source = sys.stdin if input == "-" else open(input, encoding="utf-8")  # noqa: SIM115
        except OSError as error:
            raise CommandError(f"Kan {input} niet lezen: {error.strerror}.") from error
        target = self.stdout if output == "-" else open(output, "w", encoding="utf-8")  # noqa: SIM115
        # Texts without a complaint: the locations stay; names come from deduce and the role words.
        anonymiser = Anonymiser(protected=protected_names(), use_deduce=settings.TRIAGE_USE_DEDUCE)
        try:
            for item_id, text in read_items(source):
                write_item(target, {"id": item_id, "text": anonymiser.anonymise(text).text})
        finally:
            if source is not sys.stdin:
                source.close()
            if target is not self.stdout:
                target.close()
