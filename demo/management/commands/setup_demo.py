from django.core.management.base import BaseCommand, CommandParser

from demo.services import DEMO_PASSWORD, demo_setup
from organisation.models import Location


class Command(BaseCommand):
    help = (
        "Create demo users for every role, load the demo location register and a few dozen open demo "
        "complaints (idempotent)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--complaints", type=int, default=36)

    def handle(self, *args, complaints: int, **options) -> None:
        users = demo_setup(complaints=complaints)
        self.stdout.write(self.style.SUCCESS(f"Demo users (password for all: {DEMO_PASSWORD}):"))
        for user in users:
            self.stdout.write(f"  {user.username:<16} {user.role:<22} {user.scope}")
        register = Location.objects.filter(is_demo=True, lrk_number__isnull=False)
        if register.exists():
            self.stdout.write(
                f"Demo location register: {register.filter(is_active=True).count()} active locations "
                "(demo/data/lrk-demo.csv, regions and managers from demo/data/organisatie-demo.csv)"
            )
