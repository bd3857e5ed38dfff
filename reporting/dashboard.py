"""The management dashboard (issue 14 point 7): aggregates only, never a
complaint or a person. Every figure is a count computed in the database, a
fixed number of queries whatever the number of complaints.

Period: a calendar year; "year to date" runs from 1 January to the same moment
of the year (the end of the year for a past year) and is compared with the same
span of the year before. Imported complaints carry no date: they count in the
year totals and the breakdowns (by their ``year``), not in the month chart, the
year-to-date comparison or the six-week share. Region: the region of the
complaint's location; improvement actions are not regional and are always the
organisation's."""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints.deadlines import local_zone
from complaints.models import OPEN_STATUSES, VERDICT_SHORT_LABELS, VERDICT_UNKNOWN_LABEL, Complaint, Status
from complaints.selectors import overdue_q
from improvements.selectors import improvement_counts
from organisation.models import Region
from reporting.signals import Signal, signals

TOP_LOCATIONS = 10
# Lazy: they become text when the dashboard is built, in the language of the screen (the PDF: Dutch).
MONTH_LABELS = (
    _("jan"), _("feb"), _("mrt"), _("apr"), _("mei"), _("jun"),
    _("jul"), _("aug"), _("sep"), _("okt"), _("nov"), _("dec"),
)  # fmt: skip
NO_CATEGORY = _("Nog niet ingedeeld")
NO_REGION = _("Regio onbekend")
NO_LOCATION = _("Locatie onbekend")


@dataclass(frozen=True, slots=True)
class Bar:
    """One labelled count; ``key`` is what the complaint list filters on (an id or a value), or ""."""

    label: str
    count: int
    key: str = ""


@dataclass(frozen=True, slots=True)
class Month:
    month: int
    this_year: int
    last_year: int

    @property
    def label(self) -> str:
        return str(MONTH_LABELS[self.month - 1])


@dataclass(frozen=True, slots=True)
class Dashboard:
    year: int
    region: Region | None
    until: datetime  # the end of the period: now for the running year
    total: int  # received in the year (by the complaint's year, imported ones included)
    total_last_year: int
    to_date: int  # dated complaints received from 1 January up to ``until``
    to_date_last_year: int  # the same span a year earlier
    undated: int  # complaints of the year without a date (import)
    months: tuple[Month, ...]
    by_category: tuple[Bar, ...]
    by_region: tuple[Bar, ...]
    by_location: tuple[Bar, ...]  # the top ``TOP_LOCATIONS``
    verdicts: tuple[Bar, ...]
    closed: int  # closed with a verdict in the year (dated)
    closed_on_time: int
    open_now: int
    overdue_now: int
    improvements_open: int
    improvements_overdue: int
    improvements_done: int  # done in the year
    signals: tuple[Signal, ...] = ()  # as of ``until``, see reporting.signals

    @property
    def is_running_year(self) -> bool:
        return self.until.year == self.year and self.until < _year_start(self.year + 1)

    @property
    def to_date_change(self) -> float | None:
        """Percent change of year to date against last year's same span."""
        if not self.to_date_last_year:
            return None
        return 100 * (self.to_date - self.to_date_last_year) / self.to_date_last_year

    @property
    def on_time_percentage(self) -> float | None:
        return 100 * self.closed_on_time / self.closed if self.closed else None

    @property
    def verdict_total(self) -> int:
        return sum(bar.count for bar in self.verdicts)


def _year_start(year: int) -> datetime:
    return datetime.combine(date(year, 1, 1), time.min, tzinfo=local_zone())


def _same_moment_a_year_earlier(moment: datetime) -> datetime:
    local = timezone.localtime(moment, local_zone())
    try:
        return local.replace(year=local.year - 1)
    except ValueError:  # 29 February
        return local.replace(year=local.year - 1, day=28)


def _bars(rows, *, empty: str, empty_key: str = "", limit: int | None = None) -> tuple[Bar, ...]:
    # Sorted here, not in SQL: databases disagree on where NULL goes.
    bars = sorted(
        (
            Bar(label=label or str(empty), count=count, key=empty_key if key is None else str(key))
            for key, label, count in rows
        ),
        key=lambda bar: (-bar.count, bar.label),
    )
    return tuple(bars[:limit] if limit else bars)


def complaints_in_region(region: Region | None) -> QuerySet[Complaint]:
    complaints = Complaint.objects.all()
    return complaints.filter(location__region=region) if region is not None else complaints


def dashboard(*, year: int, region: Region | None = None, now: datetime | None = None) -> Dashboard:
    now = now or timezone.now()
    start, end = _year_start(year), _year_start(year + 1)
    until = min(now, end)
    last_start, last_until = _year_start(year - 1), _same_moment_a_year_earlier(until) if until < end else start
    complaints = complaints_in_region(region)
    this_year = complaints.filter(year=year)
    closed_q = Q(status=Status.CLOSED, closed_at__gte=start, closed_at__lt=end, due_at__isnull=False)

    totals = complaints.order_by().aggregate(
        total=Count("pk", filter=Q(year=year)),
        total_last_year=Count("pk", filter=Q(year=year - 1)),
        to_date=Count("pk", filter=Q(received_at__gte=start, received_at__lt=until)),
        to_date_last_year=Count("pk", filter=Q(received_at__gte=last_start, received_at__lt=last_until)),
        undated=Count("pk", filter=Q(year=year, received_at__isnull=True)),
        closed=Count("pk", filter=closed_q),
        closed_on_time=Count("pk", filter=closed_q & Q(closed_at__lte=F("due_at"))),
        open_now=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        overdue_now=Count("pk", filter=overdue_q(now=now)),
    )

    zone = local_zone()
    month_rows = (
        complaints.filter(received_at__gte=last_start, received_at__lt=end)
        .order_by()
        .annotate(y=ExtractYear("received_at", tzinfo=zone), m=ExtractMonth("received_at", tzinfo=zone))
        .values("y", "m")
        .annotate(n=Count("pk"))
        .values_list("y", "m", "n")
    )
    per_month = {(y, m): n for y, m, n in month_rows}
    months = tuple(
        Month(month=m, this_year=per_month.get((year, m), 0), last_year=per_month.get((year - 1, m), 0))
        for m in range(1, 13)
    )

    def grouped(id_field: str, name_field: str):
        return (
            this_year.order_by()
            .values(id_field, name_field)
            .annotate(n=Count("pk"))
            .values_list(id_field, name_field, "n")
        )

    verdict_rows = dict(
        this_year.filter(status=Status.CLOSED)
        .order_by()
        .values("verdict")
        .annotate(n=Count("pk"))
        .values_list("verdict", "n")
    )
    verdicts = tuple(
        Bar(label=str(label), count=verdict_rows.get(value, 0), key=value)
        for value, label in VERDICT_SHORT_LABELS.items()
    )
    if verdict_rows.get(""):
        verdicts += (Bar(label=str(VERDICT_UNKNOWN_LABEL), count=verdict_rows[""], key="unknown"),)

    today = timezone.localtime(now, zone).date()
    improvements = improvement_counts(today=today, start=start, end=end)

    return Dashboard(
        year=year,
        region=region,
        until=until,
        total=totals["total"],
        total_last_year=totals["total_last_year"],
        to_date=totals["to_date"],
        to_date_last_year=totals["to_date_last_year"],
        undated=totals["undated"],
        months=months,
        by_category=_bars(grouped("category_id", "category__name"), empty=NO_CATEGORY),
        by_region=_bars(grouped("location__region_id", "location__region__name"), empty=NO_REGION, empty_key="null"),
        by_location=_bars(grouped("location_id", "location__name"), empty=NO_LOCATION, limit=TOP_LOCATIONS),
        verdicts=verdicts,
        closed=totals["closed"],
        closed_on_time=totals["closed_on_time"],
        open_now=totals["open_now"],
        overdue_now=totals["overdue_now"],
        improvements_open=improvements.open,
        improvements_overdue=improvements.overdue,
        improvements_done=improvements.done,
        signals=signals(now=until, complaints=complaints),
    )
