"""The statutory term: a reasoned verdict at the latest six weeks after receipt
(Wet kinderopvang art. 1.57b). Counted in calendar days in Europe/Amsterdam,
so a term that crosses a daylight-saving change still ends on the right day."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

HANDLING_DAYS = 42


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def deadline_for(received_at: datetime) -> datetime:
    """The end of the local day six weeks after the local day of receipt."""
    zone = local_zone()
    due_day = received_at.astimezone(zone).date() + timedelta(days=HANDLING_DAYS)
    return datetime.combine(due_day, time(23, 59, 59), tzinfo=zone)
