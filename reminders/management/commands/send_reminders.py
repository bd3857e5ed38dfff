from django.core.management.base import BaseCommand

from reminders.services import reminders_run


class Command(BaseCommand):
    help = "Send the reminders and digests that are due now (the worker does this every five minutes)."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"{reminders_run()} reminders sent")
