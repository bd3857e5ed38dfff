"""Reads for the annual report besides its figures (those live in
``annualreport.figures``): the appendix, the publication texts still to
review, the years and the locations to choose from."""

import hashlib

from django.db.models import Count, F, Max, Q, QuerySet

from annualreport.figures import Scope, complaints_in_scope
from annualreport.models import AnnualReport
from complaints.models import Complaint
from organisation.keys import compact
from organisation.models import LegalEntity, Location, match_key


def appendix_complaints(*, year: int, scope: Scope | None = None) -> QuerySet[Complaint]:
    """Appendix 1: the imported complaints in the order of the published
    appendix, then the registered ones in the order they arrived."""
    return (
        complaints_in_scope(year=year, **(scope or Scope()).kwargs)
        .select_related("location", "legal_entity", "category")
        .only(
            "reference",
            "sequence",
            "appendix_position",
            "received_at",
            "verdict",
            "solution",
            "publication_text",
            "publication_reviewed",
            "location__name",
            "location_name_published",
            "legal_entity__name",
            "category__name",
        )
        .order_by(F("appendix_position").asc(nulls_last=True), F("received_at").asc(nulls_last=True), "sequence")
    )


def needs_review_q() -> Q:
    return Q(publication_reviewed=False) | Q(publication_text="")


def unreviewed_complaints(*, year: int, scope: Scope | None = None) -> QuerySet[Complaint]:
    """Complaints whose publication text nobody has checked (or that has none):
    their text may still hold names, so the final report waits for them."""
    return (
        complaints_in_scope(year=year, **(scope or Scope()).kwargs)
        .filter(needs_review_q())
        .select_related("location", "category")
        .order_by("sequence")
    )


def report_years() -> list[int]:
    years = set(Complaint.objects.values_list("year", flat=True).distinct())
    years |= set(AnnualReport.objects.values_list("year", flat=True))
    return sorted(years, reverse=True)


def locations_with_counts(*, year: int, query: str = "") -> QuerySet[Location]:
    """The locations that get a GGD report (``ggd_locations``), with their number of
    complaints in ``year`` (also those with none: they get a report too), found by
    name, town, street, postcode or LRK number."""
    locations = ggd_locations().annotate(complaint_count=Count("complaints", filter=Q(complaints__year=year)))
    for term in (compact(word) for word in query.split()[:5]):
        if term:
            locations = locations.filter(Q(search_text__contains=term) | Q(lrk_number__startswith=term))
    return locations


def ggd_locations() -> QuerySet[Location]:
    """Every active location of the national register (the GGD inspects per LRK number);
    before a register is loaded, every active location. By name."""
    locations = Location.objects.filter(is_active=True)
    if Location.objects.filter(lrk_number__isnull=False).exists():
        locations = locations.filter(lrk_number__isnull=False)
    return locations.select_related("legal_entity").order_by("name", "id")


def legal_entities_with_counts(*, year: int) -> QuerySet[LegalEntity]:
    return LegalEntity.objects.annotate(complaint_count=Count("complaints", filter=Q(complaints__year=year))).order_by(
        "name"
    )


def location_find(value: str) -> Location:
    """A location by id or by name (spelling variants match, see match_key);
    Location.DoesNotExist or MultipleObjectsReturned otherwise."""
    if value.isdigit():
        return Location.objects.get(pk=int(value))
    return Location.objects.get(match_key=match_key(value))


def legal_entity_find(value: str) -> LegalEntity:
    if value.isdigit():
        return LegalEntity.objects.get(pk=int(value))
    return LegalEntity.objects.get(match_key=match_key(value))


# Raised when the way a file is made changes, so files made by older code are not served again.
REPORT_FILE_VERSION = "2026-11-issue15"


def report_data_version(report: AnnualReport) -> str:
    """A hash of everything an annual report file is made from: the year's complaints (count, last
    change, history, reviewed texts), disputes, yearly facts, legal entities and their order, and
    the report's texts. A handful of aggregate queries, whatever the size of the year."""
    from complaints.models import ComplaintEvent
    from disputes.models import Dispute
    from organisation.models import PublishedCategoryTotal, YearFacts

    year = report.year
    complaints = Complaint.objects.filter(year=year).aggregate(
        n=Count("id"),
        changed=Max("updated_at"),
        reviewed=Count("id", filter=Q(publication_reviewed=True)),
        verdicts=Count("id", filter=~Q(verdict="")),
        last_id=Max("id"),
    )
    events = ComplaintEvent.objects.filter(complaint__year=year).aggregate(last=Max("id"), n=Count("id"))
    disputes = Dispute.objects.filter(year__in=(year, year - 1)).aggregate(n=Count("id"), last=Max("id"))
    sections = report.sections.aggregate(n=Count("id"), changed=Max("updated_at"))
    facts = list(
        YearFacts.objects.filter(year__in=(year, year - 1))
        .order_by("year")
        .values_list(
            "year",
            "children_served",
            "published_total_complaints",
            "published_complaint_rate",
            "published_disputes_total",
        )
    )
    category_totals = PublishedCategoryTotal.objects.filter(year_facts__year__in=(year, year - 1)).aggregate(
        n=Count("id"), last=Max("id")
    )
    entities = list(LegalEntity.objects.order_by("id").values_list("id", "name", "report_order"))
    parts = [
        REPORT_FILE_VERSION,
        report.updated_at,
        complaints,
        events,
        disputes,
        sections,
        facts,
        category_totals,
        entities,
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def report_file_fingerprint(report: AnnualReport, *, format_name: str, final: bool, show_unreviewed_texts: bool) -> str:
    """One file of one report as of its current data and texts: the key of its ReportJob."""
    key = f"{report.pk}|{format_name}|{int(final)}|{int(show_unreviewed_texts)}|{report_data_version(report)}"
    return hashlib.sha256(key.encode()).hexdigest()
