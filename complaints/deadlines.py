"""The statutory term: a reasoned verdict at the latest six weeks after receipt
(Wet kinderopvang art. 1.57b). Counted in calendar days in Europe/Amsterdam,
so a term that crosses a daylight-saving change still ends on the right day.

``term_state`` is the one place that decides how many days are left of the
term, or how many days it is overdue: the worklist, the complaint list and
detail page, the weekly report, the daily digest and the reminder e-mails all
ask it, so they cannot disagree. Days are local calendar days, never periods
of 24 hours: a complaint due on the 9th is "1 dag te laat" all of the 10th."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext

HANDLING_DAYS = 42
SOON_DAYS = 7  # "verloopt binnenkort" in the worklist: the term ends within a week


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def local_day(moment: datetime) -> date:
    """The Amsterdam calendar day of a moment."""
    return timezone.localtime(moment, local_zone()).date()


def local_start_of_day(day: date) -> datetime:
    """00:00 in Amsterdam on ``day`` (from the date, never by adding hours)."""
    return datetime.combine(day, time.min, tzinfo=local_zone())


def deadline_for(received_at: datetime) -> datetime:
    """The end of the local day six weeks after the local day of receipt."""
    zone = local_zone()
    due_day = received_at.astimezone(zone).date() + timedelta(days=HANDLING_DAYS)
    return datetime.combine(due_day, time(23, 59, 59), tzinfo=zone)


@dataclass(frozen=True, slots=True)
class TermState:
    """Where a deadline stands at one moment.

    ``days`` is the number of Amsterdam calendar days from today to the due
    day: positive while days are left, 0 on the due day, negative once past.
    ``overdue`` is true from the moment the deadline has passed."""

    due_day: date
    days: int
    overdue: bool

    @property
    def days_left(self) -> int:
        return max(self.days, 0)

    @property
    def days_over(self) -> int:
        return max(-self.days, 0) if self.overdue else 0

    @property
    def state(self) -> str:
        """``overdue``, ``today`` (due today, not yet passed), ``soon`` (within a week) or ``ok``."""
        if self.overdue:
            return "overdue"
        if self.days <= 0:
            return "today"
        return "soon" if self.days <= SOON_DAYS else "ok"

    @property
    def label(self) -> str:
        """Short Dutch text for lists: "nog 3 dagen", "verloopt vandaag", "2 dagen te laat"."""
        if self.overdue:
            if self.days_over == 0:
                return gettext("termijn vandaag verlopen")
            return ngettext("%(days)d dag te laat", "%(days)d dagen te laat", self.days_over) % {"days": self.days_over}
        if self.days <= 0:
            return gettext("verloopt vandaag")
        return ngettext("nog %(days)d dag", "nog %(days)d dagen", self.days) % {"days": self.days}

    @property
    def sentence(self) -> str:
        """A Dutch sentence for e-mails, with the due day written out."""
        due = formats.date_format(self.due_day, "j F Y")
        if self.overdue:
            if self.days_over == 0:
                return gettext("De termijn is vandaag (%(due)s) verlopen.") % {"due": due}
            return ngettext(
                "De termijn is %(days)d dag overschreden (uiterlijk %(due)s).",
                "De termijn is %(days)d dagen overschreden (uiterlijk %(due)s).",
                self.days_over,
            ) % {"days": self.days_over, "due": due}
        if self.days <= 0:
            return gettext("De termijn verloopt vandaag (%(due)s).") % {"due": due}
        return ngettext(
            "De termijn verloopt over %(days)d dag (uiterlijk %(due)s).",
            "De termijn verloopt over %(days)d dagen (uiterlijk %(due)s).",
            self.days,
        ) % {"days": self.days, "due": due}


def term_state(due_at: datetime, *, now: datetime | None = None) -> TermState:
    """How a term that ends at ``due_at`` stands at ``now`` (default: now), in
    Amsterdam calendar days."""
    now = now or timezone.now()
    due_day = local_day(due_at)
    return TermState(due_day=due_day, days=(due_day - local_day(now)).days, overdue=due_at < now)


def reminder_day_start(due_at: datetime, days_before: int) -> datetime:
    """The moment a reminder "``days_before`` days before the deadline" is due:
    the start of that Amsterdam calendar day, so that on it exactly
    ``days_before`` days are left, also across a daylight-saving change."""
    return local_start_of_day(local_day(due_at) - timedelta(days=days_before))
