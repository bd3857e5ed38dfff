"""The weekly management report: the figures of one ISO week, Monday 00:00 to
Monday 00:00 in Europe/Amsterdam. Every figure is rebuilt from ``received_at``
and ``closed_at``, so any past week reads as it stood at its end: a complaint
is open at moment T if it was received before T and not closed before T.
Imported complaints carry no dates and are left out.

Management reads this report, so it holds counts and references only, never
anything about a complainant. The web page, the e-mail and the PDF all render
the one ``WeeklyReport`` that ``weekly_report`` returns."""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints.deadlines import local_zone, term_state
from complaints.models import VERDICT_SHORT_LABELS, Complaint, Status
from improvements.models import Improvement
from improvements.selectors import improvements_done_between, improvements_open_at
from reporting.signals import Signal, signals

FIRST_YEAR = 2000
TREND_WEEKS = 4  # earlier weeks shown next to the reported one
HOTSPOT_DAYS = 90
HOTSPOT_MIN_COMPLAINTS = 3
# Age of the open complaints in whole weeks before the end of the week: (label, from, to).
# The labels are lazy and become text when a report is built: in the language of the screen that
# shows it, or Dutch for the e-mail and the PDF (reporting.pdf, reporting.services).
AGE_BUCKETS = (
    (_("0–2 weken"), 0, 2),
    (_("2–4 weken"), 2, 4),
    (_("4–6 weken"), 4, 6),
    (_("meer dan 6 weken"), 6, None),
)
NO_CATEGORY = _("Nog niet ingedeeld")
NO_REGION = _("Regio onbekend")


def local_midnight(day: date) -> datetime:
    # From the local date, never by adding hours: a week with a clock change lasts 167 or 169 hours.
    return datetime.combine(day, time.min, tzinfo=local_zone())


def week_bounds(week_start: date) -> tuple[datetime, datetime]:
    return local_midnight(week_start), local_midnight(week_start + timedelta(days=7))


def current_week_start(*, now: datetime | None = None) -> date:
    today = timezone.localtime(now or timezone.now(), local_zone()).date()
    return today - timedelta(days=today.weekday())


def last_complete_week_start(*, now: datetime | None = None) -> date:
    today = timezone.localtime(now or timezone.now(), local_zone()).date()
    return today - timedelta(days=today.weekday() + 7)


def week_start_of(year: int, week: int) -> date:
    """The Monday of ISO week ``week`` of ``year``; ValueError if there is no such week."""
    if year < FIRST_YEAR:
        raise ValueError(f"Geen weekrapportage vóór {FIRST_YEAR}.")
    try:
        return date.fromisocalendar(year, week, 1)
    except ValueError:
        raise ValueError(f"Week {week} van {year} bestaat niet.") from None


def parse_iso_week(text: str) -> date:
    """'2026-W47' → the Monday of that week."""
    match = re.fullmatch(r"(\d{4})-?W(\d{1,2})", text.strip(), flags=re.IGNORECASE)
    if match is None:
        raise ValueError(f"Geen ISO-week: {text!r} (bijvoorbeeld 2026-W47).")
    return week_start_of(int(match[1]), int(match[2]))


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class Compliance:
    """Of the complaints closed in a period, how many within the term (closed_at <= due_at)."""

    closed: int
    on_time: int

    @property
    def late(self) -> int:
        return self.closed - self.on_time

    @property
    def percentage(self) -> float | None:
        return 100 * self.on_time / self.closed if self.closed else None


@dataclass(frozen=True, slots=True)
class TrendWeek:
    week_start: date
    received: int
    closed: int

    @property
    def week(self) -> int:
        return self.week_start.isocalendar().week

    @property
    def label(self) -> str:
        return _("wk %(week)s") % {"week": self.week}


@dataclass(frozen=True, slots=True)
class OverdueComplaint:
    reference: str
    location: str
    category: str
    handler: str
    due_date: date
    days_over: int


@dataclass(frozen=True, slots=True)
class ImprovementLine:
    title: str
    kind: str
    owner: str
    due_date: date
    is_overdue: bool
    done_on: date | None


@dataclass(frozen=True, slots=True)
class WeeklyReport:
    week_start: date
    start: datetime
    end: datetime
    received: int
    closed: int
    withdrawn: int
    verdicts: tuple[Row, ...]
    open_by_age: tuple[Row, ...]
    overdue: tuple[OverdueComplaint, ...]
    by_category: tuple[Row, ...]
    by_region: tuple[Row, ...]
    compliance_week: Compliance
    compliance_year: Compliance
    hotspots: tuple[Row, ...]
    trend: tuple[TrendWeek, ...]
    improvements_open: tuple[ImprovementLine, ...]
    improvements_done: tuple[ImprovementLine, ...]
    # The week still running: figures up to ``end`` (the moment it was made), not to Monday.
    so_far: bool = False
    signals: tuple[Signal, ...] = ()  # as of ``end``, see reporting.signals

    @property
    def year(self) -> int:
        return self.week_start.isocalendar().year

    @property
    def week(self) -> int:
        return self.week_start.isocalendar().week

    @property
    def iso_week(self) -> str:
        return f"{self.year}-W{self.week:02d}"

    @property
    def week_end(self) -> date:
        """The Sunday, the last day of the week."""
        return self.week_start + timedelta(days=6)

    @property
    def year_start(self) -> date:
        """Year to date runs from the Monday of ISO week 1, so it is the sum of the year's weeks."""
        return date.fromisocalendar(self.year, 1, 1)

    @property
    def previous_week_start(self) -> date:
        return self.week_start - timedelta(days=7)

    @property
    def next_week_start(self) -> date:
        return self.week_start + timedelta(days=7)

    @property
    def open_total(self) -> int:
        return sum(row.count for row in self.open_by_age)

    @property
    def earlier_weeks(self) -> tuple[TrendWeek, ...]:
        return self.trend[:-1]

    @property
    def received_average_earlier(self) -> float:
        return sum(w.received for w in self.earlier_weeks) / len(self.earlier_weeks) if self.earlier_weeks else 0

    @property
    def closed_average_earlier(self) -> float:
        return sum(w.closed for w in self.earlier_weeks) / len(self.earlier_weeks) if self.earlier_weeks else 0


def _open_at(moment: datetime) -> Q:
    return Q(received_at__lt=moment) & (Q(closed_at__isnull=True) | Q(closed_at__gte=moment))


def _closed_between(start: datetime, end: datetime) -> Q:
    # Withdrawn complaints also get a closed_at, but no verdict: they are counted apart.
    return Q(status=Status.CLOSED, closed_at__gte=start, closed_at__lt=end)


def _sorted_rows(pairs: list[tuple[str | None, int]], *, empty: str) -> tuple[Row, ...]:
    # Sorted here, not in SQL: databases disagree on where NULL goes.
    rows = [Row(label=label or str(empty), count=count) for label, count in pairs]
    return tuple(sorted(rows, key=lambda row: (-row.count, row.label)))


def _improvement_line(improvement: Improvement, *, is_overdue: bool = False) -> ImprovementLine:
    return ImprovementLine(
        title=improvement.title,
        kind=improvement.get_kind_display(),
        owner=improvement.owner_display,
        due_date=improvement.due_date,
        is_overdue=is_overdue,
        done_on=timezone.localtime(improvement.done_at, local_zone()).date() if improvement.done_at else None,
    )


def _trend(week_start: date) -> tuple[TrendWeek, ...]:
    mondays = [week_start - timedelta(weeks=n) for n in range(TREND_WEEKS, -1, -1)]
    counts: dict[str, Count] = {}
    for n, monday in enumerate(mondays):
        start, end = week_bounds(monday)
        counts[f"received_{n}"] = Count("pk", filter=Q(received_at__gte=start, received_at__lt=end))
        counts[f"closed_{n}"] = Count("pk", filter=_closed_between(start, end))
    result = Complaint.objects.filter(received_at__lt=week_bounds(week_start)[1]).aggregate(**counts)
    return tuple(
        TrendWeek(week_start=monday, received=result[f"received_{n}"], closed=result[f"closed_{n}"])
        for n, monday in enumerate(mondays)
    )


def weekly_report(*, week_start: date, now: datetime | None = None) -> WeeklyReport:
    """The figures of the ISO week that starts on ``week_start`` (a Monday); of
    the week still running, the figures so far (up to ``now``)."""
    if week_start.weekday() != 0:
        raise ValueError("week_start must be a Monday")
    start, end = week_bounds(week_start)
    now = now or timezone.now()
    so_far = start <= now < end
    if so_far:
        end = now
    next_monday = week_start + timedelta(days=7)
    year_start = local_midnight(date.fromisocalendar(week_start.isocalendar().year, 1, 1))

    # Everything below concerns complaints received before the end of the week;
    # imported complaints (no received_at) fall out here.
    dated = Complaint.objects.filter(received_at__lt=end)
    received_q = Q(received_at__gte=start)
    closed_q = _closed_between(start, end)
    closed_year_q = _closed_between(year_start, end)
    on_time_q = Q(closed_at__lte=F("due_at"))
    open_q = _open_at(end)

    def age_q(from_weeks: int, to_weeks: int | None) -> Q:
        q = open_q & Q(received_at__lt=local_midnight(next_monday - timedelta(weeks=from_weeks)))
        if to_weeks is not None:
            q &= Q(received_at__gte=local_midnight(next_monday - timedelta(weeks=to_weeks)))
        return q

    counts = dated.aggregate(
        received=Count("pk", filter=received_q),
        closed=Count("pk", filter=closed_q),
        closed_on_time=Count("pk", filter=closed_q & on_time_q),
        closed_year=Count("pk", filter=closed_year_q),
        closed_year_on_time=Count("pk", filter=closed_year_q & on_time_q),
        withdrawn=Count("pk", filter=Q(status=Status.WITHDRAWN, closed_at__gte=start, closed_at__lt=end)),
        **{f"verdict_{value}": Count("pk", filter=closed_q & Q(verdict=value)) for value in VERDICT_SHORT_LABELS},
        **{f"age_{n}": Count("pk", filter=age_q(low, high)) for n, (_label, low, high) in enumerate(AGE_BUCKETS)},
    )

    overdue_complaints = (
        dated.filter(open_q, due_at__lt=end)
        .select_related("location", "category", "handling_location", "handling_department")
        .only(
            "reference",
            "due_at",
            "location__name",
            "category__name",
            "handling_location__name",
            "handling_department__name",
        )
        .order_by("due_at", "reference")
    )
    overdue = []
    for complaint in overdue_complaints:
        term = term_state(complaint.due_at, now=end)  # as the screens counted at the end of the week
        overdue.append(
            OverdueComplaint(
                reference=complaint.reference,
                location=complaint.location.name if complaint.location else "",
                category=complaint.category.name if complaint.category else "",
                handler=complaint.handler_display,
                due_date=term.due_day,
                days_over=term.days_over,
            )
        )

    received = dated.filter(received_q)
    by_category = received.values("category__name").annotate(n=Count("pk")).values_list("category__name", "n")
    by_region = (
        received.values("location__region__name").annotate(n=Count("pk")).values_list("location__region__name", "n")
    )
    hotspots = (
        dated.filter(received_at__gte=local_midnight(next_monday - timedelta(days=HOTSPOT_DAYS)))
        .exclude(location=None)
        .values("location_id", "location__name")
        .annotate(n=Count("pk"))
        .filter(n__gte=HOTSPOT_MIN_COMPLAINTS)
        .values_list("location__name", "n")
    )

    return WeeklyReport(
        week_start=week_start,
        start=start,
        end=end,
        received=counts["received"],
        closed=counts["closed"],
        withdrawn=counts["withdrawn"],
        verdicts=tuple(
            Row(label=str(label), count=counts[f"verdict_{value}"]) for value, label in VERDICT_SHORT_LABELS.items()
        ),
        open_by_age=tuple(
            Row(label=str(label), count=counts[f"age_{n}"]) for n, (label, _l, _h) in enumerate(AGE_BUCKETS)
        ),
        overdue=tuple(overdue),
        by_category=_sorted_rows(list(by_category), empty=NO_CATEGORY),
        by_region=_sorted_rows(list(by_region), empty=NO_REGION),
        compliance_week=Compliance(closed=counts["closed"], on_time=counts["closed_on_time"]),
        compliance_year=Compliance(closed=counts["closed_year"], on_time=counts["closed_year_on_time"]),
        hotspots=_sorted_rows(list(hotspots), empty=""),
        trend=_trend(week_start),
        improvements_open=tuple(
            _improvement_line(improvement, is_overdue=improvement.due_date < next_monday)
            for improvement in improvements_open_at(moment=end)
        ),
        improvements_done=tuple(
            _improvement_line(improvement) for improvement in improvements_done_between(start=start, end=end)
        ),
        so_far=so_far,
        signals=signals(now=end),
    )
