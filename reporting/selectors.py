"""Figures of a year, computed by database queries. The annual report is built
on these; nothing here reads the imported file."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q

from complaints.models import Category, Complaint, Status, TaxonomyVersion, Verdict
from disputes.models import Dispute, Outcome
from organisation.models import LegalEntity, YearFacts


def complaints_of_year(year: int):
    return Complaint.objects.filter(year=year)


def figures_for_year(*, year: int) -> dict[str, Any]:
    return figures_for_scope(year=year)


def complaints_in_scope(*, year: int, location_id: int | None = None, legal_entity_id: int | None = None):
    complaints = complaints_of_year(year)
    if location_id is not None:
        complaints = complaints.filter(location_id=location_id)
    if legal_entity_id is not None:
        complaints = complaints.filter(legal_entity_id=legal_entity_id)
    return complaints


def disputes_in_scope(*, year: int, location_id: int | None = None, legal_entity_id: int | None = None):
    """A dispute names a legal entity, not a location: for one location only the
    disputes linked to one of its complaints count."""
    disputes = Dispute.objects.filter(year=year)
    if location_id is not None:
        disputes = disputes.filter(complaint__location_id=location_id)
    if legal_entity_id is not None:
        disputes = disputes.filter(legal_entity_id=legal_entity_id)
    return disputes


def figures_for_scope(
    *, year: int, location_id: int | None = None, legal_entity_id: int | None = None
) -> dict[str, Any]:
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
    if None in by_category:
        by_category["unknown"] = by_category.pop(None)
    by_label = dict(
        complaints.values_list("legal_entity__name").annotate(n=Count("id")).order_by("-n", "legal_entity__name")
    )
    disputes = disputes_in_scope(year=year, **scope)
    dispute_totals = disputes.aggregate(total=Count("id"), upheld=Count("id", filter=Q(outcome=Outcome.UPHELD)))
    disputes_by_label = dict(
        disputes.values_list("legal_entity__name").annotate(n=Count("id")).order_by("-n", "legal_entity__name")
    )
    return {
        "year": year,
        "total": verdicts["total"],
        "by_category": by_category,
        "by_label": by_label,
        "by_verdict": {value: verdicts[value] for value in [*Verdict.values, "unknown"]},
        "locations": verdicts["locations"],
        "disputes": {
            "total": dispute_totals["total"],
            "by_label": disputes_by_label,
            "upheld": dispute_totals["upheld"],
        },
    }


def complaints_by_care_type(
    *, year: int, location_id: int | None = None, legal_entity_id: int | None = None
) -> dict[str, int]:
    """{care type: n}, with "unknown" for complaints whose care type is not known."""
    complaints = complaints_in_scope(year=year, location_id=location_id, legal_entity_id=legal_entity_id)
    counts = dict(complaints.values_list("care_type").annotate(n=Count("id")).order_by("-n", "care_type"))
    if "" in counts:
        counts["unknown"] = counts.pop("")
    return counts


def deadline_compliance(
    *, year: int, location_id: int | None = None, legal_entity_id: int | None = None
) -> dict[str, int]:
    """Closed complaints whose dates are known, and how many of them were closed
    by their due date (six weeks after receipt). Imported complaints carry no
    dates and count under ``without_dates``."""
    complaints = complaints_in_scope(year=year, location_id=location_id, legal_entity_id=legal_entity_id)
    dated = Q(status=Status.CLOSED, received_at__isnull=False, closed_at__isnull=False, due_at__isnull=False)
    return complaints.aggregate(
        closed_with_dates=Count("id", filter=dated),
        within=Count("id", filter=dated & Q(closed_at__lte=F("due_at"))),
        without_dates=Count("id", filter=Q(received_at__isnull=True)),
    )


def disputes_by_legal_entity(
    *, year: int, location_id: int | None = None, legal_entity_id: int | None = None
) -> list[tuple[LegalEntity, list[Dispute]]]:
    disputes = (
        disputes_in_scope(year=year, location_id=location_id, legal_entity_id=legal_entity_id)
        .select_related("legal_entity")
        .prefetch_related("subjects")
        .order_by("legal_entity__name", "id")
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
    *, year: int, location_id: int | None = None, legal_entity_id: int | None = None
) -> CategoryComparison:
    """This year's complaints per category against the previous year's, through
    the taxonomy mapping (``Category.maps_to``; a category without a mapping
    matches the previous category of the same name). Categories that map onto
    shared previous categories are compared as one group, so nothing is counted
    twice. The previous year comes from its registered complaints; where none
    are stored, from its published figures (organisation-wide only); a group
    the published figures do not fully cover is not known."""
    scope = {"location_id": location_id, "legal_entity_id": legal_entity_id}
    scoped = location_id is not None or legal_entity_id is not None
    current_counts = dict(
        complaints_in_scope(year=year, **scope).values_list("category_id").annotate(n=Count("id")).order_by()
    )
    version = TaxonomyVersion.objects.filter(year=year).first()
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
