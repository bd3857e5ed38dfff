"""Reads for the annual report. Every figure comes from ``reporting.selectors``
(the same queries as ``report_figures``); this module only gathers them for
one year and scope and adds the reads the editor needs."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet

from annualreport.models import AnnualReport
from complaints.models import Category, Complaint, TaxonomyVersion
from disputes.models import Dispute
from organisation.models import LegalEntity, Location, YearFacts, match_key
from reporting.selectors import (
    CategoryComparison,
    category_comparison,
    complaints_by_care_type,
    complaints_in_scope,
    deadline_compliance,
    disputes_by_legal_entity,
    disputes_in_scope,
    figures_for_scope,
    figures_for_year,
)


@dataclass(frozen=True)
class Scope:
    """The whole organisation, or one location or legal entity (the statutory
    report per location for the GGD)."""

    location: Location | None = None
    legal_entity: LegalEntity | None = None

    @property
    def is_organisation(self) -> bool:
        return self.location is None and self.legal_entity is None

    @property
    def kwargs(self) -> dict[str, int | None]:
        return {
            "location_id": self.location.pk if self.location else None,
            "legal_entity_id": self.legal_entity.pk if self.legal_entity else None,
        }

    @property
    def name(self) -> str:
        return str(self.location or self.legal_entity or "")

    @property
    def noun(self) -> str:
        if self.location:
            return "deze locatie"
        if self.legal_entity:
            return "deze rechtspersoon"
        return "de organisatie"

    @property
    def slug(self) -> str:
        if self.location:
            return f"locatie-{self.location.pk}"
        if self.legal_entity:
            return f"rechtspersoon-{self.legal_entity.pk}"
        return ""


@dataclass
class AnnualFigures:
    year: int
    scope: Scope
    figures: dict[str, Any]  # the shape of reporting.selectors.figures_for_year
    by_care_type: dict[str, int]
    deadline: dict[str, int]
    comparison: CategoryComparison
    children: int | None
    rate: Decimal | None
    previous_children: int | None
    previous_rate: Decimal | None
    previous_disputes_total: int | None
    disputes: list[tuple[LegalEntity, list[Dispute]]]
    category_names: list[str] = field(default_factory=list)
    label_names: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.figures["total"]


def complaint_rate(total: int, children: int | None) -> Decimal | None:
    if not children:
        return None
    return (Decimal(total * 100) / Decimal(children)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def annual_figures(*, year: int, scope: Scope | None = None) -> AnnualFigures:
    scope = scope or Scope()
    kwargs = scope.kwargs
    figures = figures_for_year(year=year) if scope.is_organisation else figures_for_scope(year=year, **kwargs)
    comparison = category_comparison(year=year, **kwargs)
    facts = {f.year: f for f in YearFacts.objects.filter(year__in=[year, year - 1])}
    this_year, last_year = facts.get(year), facts.get(year - 1)

    # Children served are known for the whole organisation only.
    children = this_year.children_served if this_year and scope.is_organisation else None
    previous_children = last_year.children_served if last_year and scope.is_organisation else None
    previous_rate: Decimal | None = None
    if comparison.previous_source == "registered" and previous_children:
        previous_rate = complaint_rate(comparison.previous_total or 0, previous_children)
    elif scope.is_organisation and last_year is not None and comparison.previous_source == "published":
        previous_rate = last_year.published_complaint_rate

    if disputes_in_scope(year=year - 1, **kwargs).exists():
        previous_disputes_total: int | None = disputes_in_scope(year=year - 1, **kwargs).count()
    elif scope.is_organisation and last_year is not None:
        previous_disputes_total = last_year.published_disputes_total
    else:
        previous_disputes_total = None

    version = TaxonomyVersion.objects.filter(year=year).first()
    category_names = list(Category.objects.filter(version=version).values_list("name", flat=True)) if version else []
    category_names += [name for name in figures["by_category"] if name not in category_names and name != "unknown"]
    label_names = list(LegalEntity.objects.order_by("name").values_list("name", flat=True))
    return AnnualFigures(
        year=year,
        scope=scope,
        figures=figures,
        by_care_type=complaints_by_care_type(year=year, **kwargs),
        deadline=deadline_compliance(year=year, **kwargs),
        comparison=comparison,
        children=children,
        rate=complaint_rate(figures["total"], children),
        previous_children=previous_children,
        previous_rate=previous_rate,
        previous_disputes_total=previous_disputes_total,
        disputes=disputes_by_legal_entity(year=year, **kwargs),
        category_names=category_names,
        label_names=label_names,
    )


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
    """Every location, with its number of complaints in ``year`` (also those
    with none: they get a report too)."""
    locations = Location.objects.select_related("legal_entity").annotate(
        complaint_count=Count("complaints", filter=Q(complaints__year=year))
    )
    if query:
        locations = locations.filter(name__icontains=query)
    return locations.order_by("name")


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
