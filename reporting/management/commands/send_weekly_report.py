from django.core.management.base import BaseCommand, CommandError, CommandParser

from reporting.services import weekly_report_send
from reporting.weekly import last_complete_week_start, parse_iso_week


class Command(BaseCommand):
    help = "Send the weekly management report now (default: last complete week)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--week", help="ISO week, e.g. 2026-W47")
        parser.add_argument("--force", action="store_true", help="Send again even if this week was sent")

    def handle(self, *args, week: str | None, force: bool, **options) -> None:
        last_complete = last_complete_week_start()
        try:
            week_start = parse_iso_week(week) if week else last_complete
        except ValueError as error:
            raise CommandError(str(error)) from None
        if week_start > last_complete:
            raise CommandError(f"Week {week} is nog niet voorbij; alleen afgelopen weken worden verstuurd.")
        record = weekly_report_send(week_start=week_start, force=force)
        if record is None:
            year, number, _weekday = week_start.isocalendar()
            self.stdout.write(f"Week {year}-W{number:02d} is al verstuurd; gebruik --force om opnieuw te versturen.")
            return
        self.stdout.write(f"Weekrapportage {record} verstuurd aan {len(record.recipients)} ontvanger(s).")
