from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from demo.register import DATA_DIR, write_demo_register


class Command(BaseCommand):
    help = (
        "Write the demo's location register (demo/data/lrk-demo.csv, in the national register's export "
        "format) and its organisation file (demo/data/organisatie-demo.csv). Deterministic for a seed; "
        "the files are committed, setup_demo reads them."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=12)
        parser.add_argument("--directory", type=Path, default=DATA_DIR)

    def handle(self, *args, seed: int, directory: Path, **options) -> None:
        demo = write_demo_register(directory=directory, seed=seed)
        self.stdout.write(f"{directory}: {demo.locations} registered locations of the demo's legal entities")
