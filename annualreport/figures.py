"""The figures of a year: every count the annual report, its GGD variant and
the ``report_figures`` command show, computed by database queries (nothing
here reads the imported file). This module is their one owner; the results
are frozen dataclasses, so a caller cannot mistake or change a figure."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet

from complaints.models import Category, Complaint, Status, TaxonomyVersion, Verdict
from disputes.models import Dispute, Outcome
from organisation.models import LegalEntity, Location, YearFacts


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
    def register_line(self) -> str:
        """How the GGD knows the location: its LRK number and address (empty for a name
        known only from an imported report, and for the organisation or a legal entity)."""
        location = self.location
        if location is None or not location.lrk_number:
            return ""
        place = " ".join(part for part in (location.postcode, location.city) if part)
        address = ", ".join(part for part in (location.street, place) if part)
        return f"LRK-nummer {location.lrk_number}" + (f" · {address}" if address else "")

    @property
    def noun(self) -> str:
        if self.location:
            return "deze locatie"
        if self.legal_entity:
            return "deze rechtspersoon"
        return "de organisatie"

    @property
    def slug(self) -> str:
        if self.location and self.location.lrk_number:
            return f"lrk-{self.location.lrk_number}"
        if self.location:
            return f"locatie-{self.location.pk}"
        if self.legal_entity:
            return f"rechtspersoon-{self.legal_entity.pk}"
        return ""


def complaints_in_scope(
    *, year: int, location_id: int | None = None, legal_entity_id: int | None = None
) -> QuerySet[Complaint]:
    complaints = Complaint.objects.filter(year=year)
    if location_id is not None:
        complaints = complaints.filter(location_id=location_id)
    if legal_entity_id is not None:
        complaints = complaints.filter(legal_entity_id=legal_entity_id)
    return complaints


def disputes_in_scope(
    *, year: int, location_id: int | None = None, legal_entity_id: int | None = None
) -> QuerySet[Dispute]:
    """A dispute names a legal entity, not a location: for one location only the
    disputes linked to one of its complaints count."""
    disputes = Dispute.objects.filter(year=year)
    if location_id is not None:
        disputes = disputes.filter(complaint__location_id=location_id)
    if legal_entity_id is not None:
        disputes = disputes.filter(legal_entity_id=legal_entity_id)
    return disputes


@dataclass(frozen=True, slots=True)
class VerdictCounts:
    """Complaints per verdict; ``unknown`` counts those without one (the
    imported appendix has such complaints)."""

    ja: int = 0
    deels: int = 0
    nee: int = 0
    unknown: int = 0

    def items(self) -> list[tuple[str, int]]:
        """(name, count) in the report's order: ja, deels, nee, unknown."""
        return [("ja", self.ja), ("deels", self.deels), ("nee", self.nee), ("unknown", self.unknown)]


@dataclass(frozen=True, slots=True)
class DisputeFigures:
    total: int = 0
    upheld: int = 0
    by_label: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class YearFigures:
    """The counts of a year, or of one location or legal entity in it. The
    ``by_*`` dicts run from the largest count down."""

    year: int
    total: int
    by_category: dict[str, int]  # complaints with a category, per category name
    uncategorised: int  # complaints not yet given a category
    by_label: dict[str, int]  # per legal entity name
    by_verdict: VerdictCounts
    locations: int  # locations with at least one complaint
    disputes: DisputeFigures

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON (``report_figures``): complaints without a
        category count under the key "unknown", as in the published figures."""
        by_category = dict(self.by_category)
        if self.uncategorised:
            by_category["unknown"] = self.uncategorised
        return {
            "year": self.year,
            "total": self.total,
            "by_category": by_category,
            "by_label": dict(self.by_label),
            "by_verdict": dict(self.by_verdict.items()),
            "locations": self.locations,
            "disputes": {
                "total": self.disputes.total,
                "by_label": dict(self.disputes.by_label),
                "upheld": self.disputes.upheld,
            },
        }


def figures_for_year(*, year: int, location_id: int | None = None, legal_entity_id: int | None = None) -> YearFigures:
    """The figures of a year, or of one location or legal entity in it."""
    scope = {"location_id": location_id, "legal_entity_id": legal_entity_id}
    complaints = complaints_in_scope(year=year, **scope)
    verdicts = complaints.aggregate(
        total=Count("id"),
        **{value: Count("id", filter=Q(verdict=value)) for value in Verdict.values},
        unknown=Count("id", filter=Q(verdict="")),
        locations=Count("location", distinct=True),
    )
    by_category = dict(
        complaints.values_list("category__name").annotate(n=Count("id")).order_by("-n", "category__name")
    )
    uncategorised = by_category.pop(None, 0)
    by_label = dict(
        complaints.values_list("legal_entity__name").annotate(n=Count("id")).order_by("-n", "legal_entity__name")
    )
    # A complaint whose location is still to be established has no label yet (issue 12).
    if None in by_label:
        by_label["Nog vast te stellen"] = by_label.pop(None)
    disputes = disputes_in_scope(year=year, **scope)
    dispute_totals = disputes.aggregate(total=Count("id"), upheld=Count("id", filter=Q(outcome=Outcome.UPHELD)))
    disputes_by_label = dict(
        disputes.values_list("legal_entity__name").annotate(n=Count("id")).order_by("-n", "legal_entity__name")
    )
    return YearFigures(
        year=year,
        total=verdicts["total"],
        by_category=by_category,
        uncategorised=uncategorised,
        by_label=by_label,
        by_verdict=VerdictCounts(
            ja=verdicts[Verdict.JA],
            deels=verdicts[Verdict.DEELS],
            nee=verdicts[Verdict.NEE],
            unknown=verdicts["unknown"],
        ),
        locations=verdicts["locations"],
        disputes=DisputeFigures(
            total=dispute_totals["total"], upheld=dispute_totals["upheld"], by_label=disputes_by_label
        ),
    )


def complaints_by_care_type(
    *, year: int, location_id: int | None = None, legal_entity_id: int | None = None
) -> dict[str, int]:
    """{care type: n}; the stored value "" counts the complaints whose care type is not known."""
    complaints = complaints_in_scope(year=year, location_id=location_id, legal_entity_id=legal_entity_id)
    return dict(complaints.values_list("care_type").annotate(n=Count("id")).order_by("-n", "care_type"))


@dataclass(frozen=True, slots=True)
class DeadlineFigures:
    """Closed complaints whose dates are known, and how many of them were
    closed by their due date (six weeks after receipt). Imported complaints
    carry no dates and count under ``without_dates``."""

    closed_with_dates: int
    within: int
    without_dates: int


def deadline_compliance(
    *, year: int, location_id: int | None = None, legal_entity_id: int | None = None
) -> DeadlineFigures:
    complaints = complaints_in_scope(year=year, location_id=location_id, legal_entity_id=legal_entity_id)
    dated = Q(status=Status.CLOSED, received_at__isnull=False, closed_at__isnull=False, due_at__isnull=False)
    return DeadlineFigures(
        **complaints.aggregate(
            closed_with_dates=Count("id", filter=dated),
            within=Count("id", filter=dated & Q(closed_at__lte=F("due_at"))),
            without_dates=Count("id", filter=Q(received_at__isnull=True)),
        )
    )


def disputes_by_legal_entity(
    *, year: int, location_id: int | None = None, legal_entity_id: int | None = None
) -> list[tuple[LegalEntity, list[Dispute]]]:
    disputes = (
        disputes_in_scope(year=year, location_id=location_id, legal_entity_id=legal_entity_id)
        .select_related("legal_entity")
        .prefetch_related("subjects")
        .order_by("legal_entity__report_order", "legal_entity__name", "id")
    )
    grouped: dict[int, tuple[LegalEntity, list[Dispute]]] = {}
    for dispute in disputes:
        grouped.setdefault(dispute.legal_entity_id, (dispute.legal_entity, []))[1].append(dispute)
    return list(grouped.values())


@dataclass(frozen=True, slots=True)
class ComparisonRow:
    """This year's categories that map onto the same categories of the previous
    year, with both counts. ``None`` means not known: a count is never guessed."""

    categories: tuple[str, ...]
    previous_categories: tuple[str, ...]
    current: int | None
    previous: int | None

    @property
    def label(self) -> str:
        return " + ".join(self.categories or self.previous_categories)

    @property
    def change(self) -> int | None:
        if self.current is None or self.previous is None:
            return None
        return self.current - self.previous


@dataclass(frozen=True)
class CategoryComparison:
    year: int
    rows: list[ComparisonRow]
    total: int
    previous_total: int | None
    # "registered": counted from the previous year's complaints; "published":
    # the figures published for it (YearFacts); "": nothing known.
    previous_source: str

    @property
    def previous_year(self) -> int:
        return self.year - 1

    @property
    def complete(self) -> bool:
        return all(row.change is not None for row in self.rows)

    def rises(self, n: int = 3) -> list[ComparisonRow]:
        known = [row for row in self.rows if row.change is not None and row.change > 0]
        return sorted(known, key=lambda row: (-row.change, row.label))[:n]

    def falls(self, n: int = 3) -> list[ComparisonRow]:
        known = [row for row in self.rows if row.change is not None and row.change < 0]
        return sorted(known, key=lambda row: (row.change, row.label))[:n]


def _union_find_groups(edges: dict[Any, list[Any]], nodes: list[Any]) -> list[list[Any]]:
    parent = {node: node for node in nodes}

    def root(node: Any) -> Any:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for node, linked in edges.items():
        for other in linked:
            parent[root(other)] = root(node)
    groups: dict[Any, list[Any]] = {}
    for node in nodes:
        groups.setdefault(root(node), []).append(node)
    return list(groups.values())


def category_comparison(
    *,
    year: int,
    location_id: int | None = None,
    legal_entity_id: int | None = None,
    version: TaxonomyVersion | None = None,
) -> CategoryComparison:
    """This year's complaints per category against the previous year's, through
    the taxonomy mapping (``Category.maps_to``; a category without a mapping
    matches the previous category of the same name). Categories that map onto
    shared previous categories are compared as one group, so nothing is counted
    twice. The previous year comes from its registered complaints; where none
    are stored, from its published figures (organisation-wide only); a group
    the published figures do not fully cover is not known. ``version``: the
    taxonomy of ``year``, when the caller has already read it."""
    scope = {"location_id": location_id, "legal_entity_id": legal_entity_id}
    scoped = location_id is not None or legal_entity_id is not None
    current_counts = dict(
        complaints_in_scope(year=year, **scope).values_list("category_id").annotate(n=Count("id")).order_by()
    )
    version = version or TaxonomyVersion.objects.filter(year=year).first()
    categories = list(
        Category.objects.filter(Q(version=version) | Q(id__in=[key for key in current_counts if key]))
        .prefetch_related("maps_to")
        .order_by("position", "name")
        if version or any(current_counts)
        else []
    )
    previous_counts = dict(
        complaints_in_scope(year=year - 1, **scope).values_list("category_id").annotate(n=Count("id")).order_by()
    )
    known: dict[Any, int] = {}
    names: dict[Any, str] = {}
    edges: dict[Any, list[Any]] = {}
    previous_total: int | None = None
    source = ""
    if previous_counts:
        source = "registered"
        previous_total = sum(previous_counts.values())
        previous_version = version.previous if version else None
        previous_categories = Category.objects.filter(
            Q(version=previous_version) | Q(id__in=[key for key in previous_counts if key])
        )
        by_name = {}
        for category in previous_categories if previous_version or any(previous_counts) else []:
            node = ("previous", category.id)
            known[node] = previous_counts.get(category.id, 0)
            names[node] = category.name
            by_name.setdefault(normalised_name(category.name), node)
        for category in categories:
            mapped = [("previous", other.id) for other in category.maps_to.all() if ("previous", other.id) in known]
            if not mapped and normalised_name(category.name) in by_name:
                mapped = [by_name[normalised_name(category.name)]]
            edges[("current", category.id)] = mapped
    elif not scoped:
        facts = YearFacts.objects.filter(year=year - 1).prefetch_related("category_totals").first()
        if facts is not None:
            if facts.published_total_complaints is not None:
                source = "published"
                previous_total = facts.published_total_complaints
            for published in facts.category_totals.all():
                node = ("previous", normalised_name(published.category_name))
                known[node] = published.total
                names[node] = published.category_name
            for category in categories:
                targets = [other.name for other in category.maps_to.all()] or [category.name]
                edges[("current", category.id)] = [("previous", normalised_name(name)) for name in targets]
                for name in targets:
                    names.setdefault(("previous", normalised_name(name)), name)
            if known and not source:
                source = "published"
    nodes = [("current", category.id) for category in categories]
    nodes += sorted({node for linked in edges.values() for node in linked} | set(known), key=str)
    category_names = {("current", category.id): category.name for category in categories}
    rows: list[ComparisonRow] = []
    for group in _union_find_groups(edges, nodes):
        current_nodes = [node for node in group if node[0] == "current"]
        previous_nodes = [node for node in group if node[0] == "previous"]
        current = sum(current_counts.get(node[1], 0) for node in current_nodes) if current_nodes else None
        if previous_nodes and all(node in known for node in previous_nodes):
            previous: int | None = sum(known[node] for node in previous_nodes)
        else:
            previous = None
        if current is None and not previous:
            continue  # a previous category without complaints and without successor says nothing
        if current == 0 and not previous:
            continue  # a category of this year nobody complained about, then or now
        rows.append(
            ComparisonRow(
                categories=tuple(category_names[node] for node in current_nodes),
                previous_categories=tuple(sorted(names[node] for node in previous_nodes)),
                current=current,
                previous=previous,
            )
        )
    if current_counts.get(None):
        previous_unclassified = previous_counts.get(None, 0) if source == "registered" else None
        rows.append(ComparisonRow(("Nog niet ingedeeld",), (), current_counts[None], previous_unclassified))
    rows.sort(key=lambda row: (-(row.current or 0), -(row.previous or 0), row.label))
    return CategoryComparison(
        year=year,
        rows=rows,
        total=sum(current_counts.values()),
        previous_total=previous_total,
        previous_source=source,
    )


def normalised_name(name: str) -> str:
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class AnnualFigures:
    """Everything the annual report counts, for one year and scope."""

    year: int
    scope: Scope
    counts: YearFigures
    by_care_type: dict[str, int]
    deadline: DeadlineFigures
    comparison: CategoryComparison
    children: int | None
    rate: Decimal | None
    previous_children: int | None
    previous_rate: Decimal | None
    previous_disputes_total: int | None
    disputes: list[tuple[LegalEntity, list[Dispute]]]
    category_names: list[str] = field(default_factory=list)
    label_names: list[str] = field(default_factory=list)
    # The size of the whole organisation that year (yearly facts), whatever the scope.
    locations_count: int | None = None
    employees_count: int | None = None

    @property
    def total(self) -> int:
        return self.counts.total


def complaint_rate(total: int, children: int | None) -> Decimal | None:
    if not children:
        return None
    return (Decimal(total * 100) / Decimal(children)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def annual_figures(*, year: int, scope: Scope | None = None) -> AnnualFigures:
    scope = scope or Scope()
    kwargs = scope.kwargs
    counts = figures_for_year(year=year, **kwargs)
    version = TaxonomyVersion.objects.filter(year=year).first()
    comparison = category_comparison(year=year, **kwargs, version=version)
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

    previous_disputes_total: int | None = disputes_in_scope(year=year - 1, **kwargs).count() or None
    if previous_disputes_total is None and scope.is_organisation and last_year is not None:
        previous_disputes_total = last_year.published_disputes_total

    category_names = list(Category.objects.filter(version=version).values_list("name", flat=True)) if version else []
    category_names += [name for name in counts.by_category if name not in category_names]
    label_names = list(LegalEntity.objects.order_by("name").values_list("name", flat=True))
    return AnnualFigures(
        year=year,
        scope=scope,
        counts=counts,
        by_care_type=complaints_by_care_type(year=year, **kwargs),
        deadline=deadline_compliance(year=year, **kwargs),
        comparison=comparison,
        children=children,
        rate=complaint_rate(counts.total, children),
        previous_children=previous_children,
        previous_rate=previous_rate,
        previous_disputes_total=previous_disputes_total,
        disputes=disputes_by_legal_entity(year=year, **kwargs),
        category_names=category_names,
        label_names=label_names,
        # The organisation's size, also in a report of one location or legal entity (its foreword says
        # what the organisation is).
        locations_count=this_year.locations_count if this_year else None,
        employees_count=this_year.employees_count if this_year else None,
    )
