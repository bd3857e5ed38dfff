"""Pattern signals (issue 16 point 3): a location or a category whose count in
the last 4 or 8 weeks is clearly above its own baseline.

The rule, stated on the pages with the numbers behind it:

- window: the last ``4`` or ``8`` weeks before the moment of the report;
- baseline: the complaints of that location/category in the 52 weeks (12
  months) before the window, scaled to the window's length
  (expected = baseline × weeks / 52);
- signal when at least ``MIN_COUNT`` complaints came in during the window and
  the one-sided Poisson probability of seeing at least that many, given the
  expected number, is below ``P_THRESHOLD``.

A location or category without any complaint in the baseline period has no
baseline of its own to be above (it may be new) and gives no signal. Imported
complaints carry no date and are not counted. Categories are grouped by id, so
a new taxonomy version starts without history.

Aggregates only: counts per location and per category, never a complaint or a
person. Two GROUP BY queries whatever the number of locations."""

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from complaints.models import Complaint

WINDOW_WEEKS = (4, 8)
BASELINE_WEEKS = 52
P_THRESHOLD = 0.01
MIN_COUNT = 3
LOCATION = "location"
CATEGORY = "category"


@dataclass(frozen=True, slots=True)
class Counts:
    """One location's or category's numbers for one window."""

    weeks: int
    observed: int  # complaints received in the window
    baseline: int  # complaints received in the BASELINE_WEEKS before the window


@dataclass(frozen=True, slots=True)
class Signal:
    kind: str  # LOCATION or CATEGORY
    key: str  # the location's or category's id
    label: str
    weeks: int
    observed: int
    baseline: int
    expected: float
    p_value: float

    @property
    def kind_label(self) -> str:
        return gettext("Locatie") if self.kind == LOCATION else gettext("Categorie")

    @property
    def ratio(self) -> float:
        return self.observed / self.expected

    @property
    def p_percent(self) -> float:
        return 100 * self.p_value

    @property
    def improvement_query(self) -> str:
        """The improvement form's query string: it is filled in from a category."""
        return f"?categorie={self.key}" if self.kind == CATEGORY else ""


def expected_count(baseline: int, weeks: int) -> float:
    return baseline * weeks / BASELINE_WEEKS


def poisson_tail(observed: int, expected: float) -> float:
    """P(X >= observed) for X ~ Poisson(expected)."""
    if observed <= 0:
        return 1.0
    if expected <= 0:
        return 0.0
    # 1 - P(X <= observed - 1), the terms summed in log space to stay finite for large counts.
    below = sum(math.exp(k * math.log(expected) - expected - math.lgamma(k + 1)) for k in range(observed))
    return max(0.0, 1.0 - below)


def signal_for(*, kind: str, key: str, label: str, counts: Counts) -> Signal | None:
    """The rule on one location's or category's numbers for one window."""
    if counts.observed < MIN_COUNT or counts.baseline == 0:
        return None
    expected = expected_count(counts.baseline, counts.weeks)
    p_value = poisson_tail(counts.observed, expected)
    if p_value >= P_THRESHOLD:
        return None
    return Signal(
        kind=kind,
        key=key,
        label=label,
        weeks=counts.weeks,
        observed=counts.observed,
        baseline=counts.baseline,
        expected=expected,
        p_value=p_value,
    )


def find_signals(rows: Iterable[tuple[str, str, Iterable[Counts]]], *, kind: str) -> list[Signal]:
    """Pure: ``rows`` are (key, label, counts per window); of each location or
    category the strongest window (lowest probability) that signals."""
    found = []
    for key, label, windows in rows:
        candidates = [s for counts in windows if (s := signal_for(kind=kind, key=key, label=label, counts=counts))]
        if candidates:
            found.append(min(candidates, key=lambda s: (s.p_value, -s.weeks)))
    return found


def signals(*, now: datetime | None = None, complaints: QuerySet[Complaint] | None = None) -> tuple[Signal, ...]:
    """The signals as of ``now`` over ``complaints`` (all, or a region's)."""
    now = now or timezone.now()
    complaints = Complaint.objects.all() if complaints is None else complaints
    bounds = {}
    for weeks in WINDOW_WEEKS:
        window_start = now - timedelta(weeks=weeks)
        bounds[weeks] = (window_start - timedelta(weeks=BASELINE_WEEKS), window_start)
    earliest = min(start for start, _ in bounds.values())
    annotations = {}
    for weeks, (baseline_start, window_start) in bounds.items():
        annotations[f"observed_{weeks}"] = Count("pk", filter=Q(received_at__gte=window_start))
        annotations[f"baseline_{weeks}"] = Count(
            "pk", filter=Q(received_at__gte=baseline_start, received_at__lt=window_start)
        )
    recent = complaints.filter(received_at__gte=earliest, received_at__lt=now).order_by()

    groupings = ((LOCATION, "location_id", "location__name"), (CATEGORY, "category_id", "category__name"))
    found: list[Signal] = []
    for kind, id_field, name_field in groupings:
        rows = recent.exclude(**{f"{id_field}__isnull": True}).values(id_field, name_field).annotate(**annotations)
        found += find_signals(
            (
                (
                    str(row[id_field]),
                    row[name_field],
                    [
                        Counts(weeks=weeks, observed=row[f"observed_{weeks}"], baseline=row[f"baseline_{weeks}"])
                        for weeks in WINDOW_WEEKS
                    ],
                )
                for row in rows
            ),
            kind=kind,
        )
    return tuple(sorted(found, key=lambda s: (s.p_value, s.kind != LOCATION, s.label)))
