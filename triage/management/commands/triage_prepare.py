import time

from django.core.management.base import BaseCommand

from triage.anonymiser import deduce_instance


class Command(BaseCommand):
    help = "Build deduce's lookup structures once (minutes), cached in its package directory in the virtualenv."

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        deduce_instance()
        self.stdout.write(f"deduce klaar in {time.perf_counter() - started:.1f} s")
