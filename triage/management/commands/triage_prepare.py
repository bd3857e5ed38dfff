import time

from django.core.management.base import BaseCommand

from triage.anonymiser import deduce_instance


class Command(BaseCommand):
    """Run through manage.py, as `make seed` does: deduce checks its cache against the lists' file
    times in local time, and Django sets the process's time zone, so a cache built by a plain Python
    process can look stale to Django processes (and is then rebuilt once, for minutes)."""

    help = (
        "Build deduce's lookup structures once (minutes), and the slim copy the anonymiser loads"
        " (triage/deduce_lookup.py), cached in its package directory in the virtualenv."
    )

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        deduce_instance()
        self.stdout.write(f"deduce klaar in {time.perf_counter() - started:.1f} s")
