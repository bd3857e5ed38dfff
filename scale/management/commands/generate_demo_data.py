from datetime import date

from django.core.management.base import BaseCommand, CommandError

from scale.services import generate_demo_data


class Command(BaseCommand):
    help = "Generate an organisation and years of realistic complaints (COPY on PostgreSQL)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--complaints", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--until", type=date.fromisoformat, default=None, help="last day (default today)")
        parser.add_argument("--locations", type=int, default=750)
        parser.add_argument("--staff", type=int, default=2000)

    def handle(self, *args, **options) -> None:
        if options["complaints"] < 0:
            raise CommandError("--complaints must be zero or more")
        result = generate_demo_data(
            complaints=options["complaints"],
            seed=options["seed"],
            until=options["until"],
            locations=options["locations"],
            staff=options["staff"],
            progress=lambda message: self.stdout.write(message),
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.complaints:,} complaints, {result.events:,} events, {result.contacts:,} contact moments, "
                f"{result.emails:,} e-mails, {result.users:,} staff users, {result.locations:,} locations "
                f"in {result.seconds:.0f} s"
            )
        )
