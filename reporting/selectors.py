"""Figures of a year, computed by database queries. The annual report is built
on these; nothing here reads the imported file."""

from typing import Any

from django.db.models import Count, Q

from complaints.models import Complaint, Verdict
from disputes.models import Dispute, Outcome


def complaints_of_year(year: int):
    return Complaint.objects.filter(year=year)


def figures_for_year(*, year: int) -> dict[str, Any]:
    complaints = complaints_of_year(year)
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
    disputes = Dispute.objects.filter(year=year)
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
