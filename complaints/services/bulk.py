"""Bulk actions of the coordinator on a selection of complaints: each complaint
goes through the same service as on its own page (one transaction and one
history entry each); a complaint the service refuses is reported, the others
are done."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext

from accounts.models import User
from complaints.models import Category, Complaint, TaxonomyVersion
from complaints.services.assignment import complaint_assign
from complaints.services.common import ComplaintError
from complaints.services.confidentiality import complaint_set_confidential
from complaints.services.triage import complaint_forward
from organisation.models import Department, Location

BULK_MAX = 100


@dataclass(slots=True)
class BulkResult:
    done: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (reference, reason)


def _taxonomy_year(year: int, versions: list[TaxonomyVersion]) -> int | None:
    """The year of the taxonomy a complaint of ``year`` is classified in (its own, or the newest before it)."""
    return next((version.year for version in versions if version.year <= year), None)


def complaints_forward_bulk(
    *,
    complaints: Iterable[Complaint],
    handling_location: Location | None,
    handling_department: Department | None,
    category: Category | None,
    actor: User,
) -> BulkResult:
    """Forward each complaint to one unit, keeping its location; with its own
    category unless ``category`` is given (which must be of the complaint's taxonomy)."""
    result = BulkResult()
    versions = list(TaxonomyVersion.objects.order_by("-year"))
    for complaint in complaints:
        chosen = category or complaint.category
        if chosen is None:
            result.refused.append((complaint.reference, gettext("Nog niet ingedeeld: kies een categorie.")))
            continue
        if category is not None and category.version.year != _taxonomy_year(complaint.year, versions):
            result.refused.append(
                (
                    complaint.reference,
                    gettext("De categorie hoort niet bij de indeling van %(year)s.") % {"year": complaint.year},
                )
            )
            continue
        try:
            complaint_forward(
                complaint=complaint,
                category=chosen,
                location=complaint.location,
                handling_location=handling_location,
                handling_department=handling_department,
                actor=actor,
            )
        except ComplaintError as error:
            result.refused.append((complaint.reference, str(error)))
        else:
            result.done.append(complaint.reference)
    return result


def complaints_assign_bulk(*, complaints: Iterable[Complaint], assignee: User, actor: User) -> BulkResult:
    result = BulkResult()
    for complaint in complaints:
        try:
            complaint_assign(complaint=complaint, assignee=assignee, actor=actor)
        except ComplaintError as error:
            result.refused.append((complaint.reference, str(error)))
        else:
            result.done.append(complaint.reference)
    return result


def complaints_mark_confidential_bulk(*, complaints: Iterable[Complaint], reason: str, actor: User) -> BulkResult:
    result = BulkResult()
    for complaint in complaints:
        try:
            complaint_set_confidential(complaint=complaint, confidential=True, reason=reason, actor=actor)
        except ComplaintError as error:
            result.refused.append((complaint.reference, str(error)))
        else:
            result.done.append(complaint.reference)
    return result
