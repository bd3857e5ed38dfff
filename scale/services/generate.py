"""``generate_demo_data``: the steps of one run, in order.

1. The mix of the seed year (``mix``) and the organisation (``organisation``).
2. Receipt moments over ten years, and where each year's reference counter stands.
3. Complaint after complaint with its history (``stories``), written per chunk
   (``loading``); on PostgreSQL in one transaction with COPY.
4. Counters, sequences and statistics brought up to date."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from random import Random

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from complaints.deadlines import local_zone
from complaints.models import Complainant, Complaint, ComplaintEvent, ContactMoment, ReferenceCounter
from notifications.models import OutboundEmail

from .loading import analyze, counters_save, prepare_postgres, restore_indexes, sequences_reset, sink_for_connection
from .mix import seed_mix
from .organisation import ensure_organisation
from .stories import Rows, Stories, aware

YEARS = 10
CHUNK = 20_000
# From this size on, secondary indexes are dropped during the load and built once after.
BIG_LOAD = 50_000


@dataclass
class Result:
    complaints: int = 0
    complainants: int = 0
    events: int = 0
    contacts: int = 0
    emails: int = 0
    users: int = 0
    locations: int = 0
    seconds: float = 0.0
    mix_source: str = ""
    by_table: dict[str, int] = field(default_factory=dict)

    def add(self, written: dict) -> None:
        self.complaints += written[Complaint]
        self.complainants += written[Complainant]
        self.events += written[ComplaintEvent]
        self.contacts += written[ContactMoment]
        self.emails += written[OutboundEmail]


def generate_demo_data(
    *,
    complaints: int,
    seed: int = 1,
    until: date | None = None,
    locations: int = 750,
    staff: int = 2000,
    progress: Callable[[str], None] | None = None,
    chunk: int = CHUNK,
) -> Result:
    """Build the organisation and ``complaints`` complaints over ten years up to ``until``."""
    started = timezone.now()
    rng = Random(seed)
    zone = local_zone()
    until = until or timezone.localdate()
    end = min(timezone.now(), datetime.combine(until, time(23, 0), tzinfo=zone))
    first_year = until.year - YEARS + 1
    start = datetime(first_year, 1, 1, 7, 0, tzinfo=zone)
    years = list(range(first_year, until.year + 1))
    mix = seed_mix()
    say = progress or (lambda message: None)

    def elapsed() -> str:
        return f"{(timezone.now() - started).total_seconds():.0f} s"

    with transaction.atomic():
        # Its own generator: the complaints come out the same whether or not the
        # organisation already existed.
        org_rng = Random(f"{seed}-organisation")
        org = ensure_organisation(org_rng, locations=locations, staff=staff, mix=mix, years=years)
    say(f"organisation: {len(org.locations)} locations, {org.users} generated staff users; mix from {mix.source}")

    moments = _receipt_moments(rng, count=complaints, start=start, end=end)
    counters = _counters_start(years)
    rows = Rows(seed=seed)
    first_complaint_id = rows.ids[Complaint]
    stories = Stories(rng, org=org, mix=mix, end_ts=end.timestamp(), rows=rows)
    sink = sink_for_connection()
    postgres = connection.vendor == "postgresql"
    result = Result(mix_source=mix.source, users=org.users, locations=len(org.locations))

    with transaction.atomic():
        definitions = prepare_postgres(big=complaints >= BIG_LOAD) if postgres else []
        for index, moment in enumerate(moments):
            year = aware(moment).astimezone(zone).year
            counters[year] += 1
            stories.write(index=index, moment=moment, year=year, sequence=counters[year])
            if rows.count(Complaint) >= chunk or index == complaints - 1:
                result.add(rows.flush(sink))
                say(f"{index + 1:,} / {complaints:,} complaints ({elapsed()})")

        if definitions:
            say(f"building {len(definitions)} indexes ({elapsed()})")
            restore_indexes(definitions)
        counters_save(counters)
        if postgres:
            sequences_reset()
    if postgres and complaints:
        say(f"indexes restored, analysing ({elapsed()})")
        analyze()
    result.seconds = (timezone.now() - started).total_seconds()
    assert first_complaint_id + complaints == rows.ids[Complaint]
    return result


def _receipt_moments(rng: Random, *, count: int, start: datetime, end: datetime) -> list[float]:
    """Uniform over the period with growth of 3% a year, sorted so that
    sequence numbers follow time within each year."""
    span = (end - start).total_seconds()
    return sorted(start.timestamp() + span * (rng.random() ** (1 / 1.15)) for _ in range(count))


def _counters_start(years: list[int]) -> dict[int, int]:
    """Where each year's reference numbers continue."""
    last = dict(ReferenceCounter.objects.values_list("year", "last"))
    counters = {year: last.get(year, 0) for year in years}
    # Not every import path moves the counter: never reuse a sequence in the table.
    for year, top in Complaint.objects.values_list("year").annotate(top=Max("sequence")).order_by():
        if year in counters:
            counters[year] = max(counters[year], top)
    return counters
