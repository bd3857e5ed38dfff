"""Related complaints on a complaint's page (issue 16, point 3): earlier
complaints of the same complainant, and those of the same location and
category in the 90 days before it; only complaints the user may see."""

from datetime import timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import User
from complaints.models import Complaint
from complaints.selectors import complaint_visible_to

RELATED_WINDOW = timedelta(days=90)
RELATED_LIMIT = 10
# What the page shows of a related complaint (with its category's name for the same
# complainant's): the rest of the row is not read (~40 columns, the texts among them).
SHOWN = ("reference", "year", "received_at", "status", "category_id")


def complaints_of_same_complainant(*, complaint: Complaint, user: User) -> QuerySet[Complaint]:
    complainant = getattr(complaint, "complainant", None)
    if complainant is None or complainant.erased_at is not None:
        return Complaint.objects.none()
    same = Q()
    if complainant.email:
        same |= Q(complainant__email__iexact=complainant.email)
    if complainant.phone:
        same |= Q(complainant__phone=complainant.phone)
    if not same:
        return Complaint.objects.none()
    earlier = Q(received_at__lt=complaint.received_at) if complaint.received_at else Q(pk__lt=complaint.pk)
    return (
        complaint_visible_to(user)
        .filter(same, earlier)
        .exclude(pk=complaint.pk)
        .select_related("category")
        .only(*SHOWN, "category__name")
        .order_by("-received_at", "-pk")[:RELATED_LIMIT]
    )


def complaints_of_same_location_and_category(*, complaint: Complaint, user: User) -> QuerySet[Complaint]:
    if complaint.location_id is None or complaint.category_id is None:
        return Complaint.objects.none()
    until = complaint.received_at or timezone.now()
    return (
        complaint_visible_to(user)
        .filter(
            location_id=complaint.location_id,
            category_id=complaint.category_id,
            received_at__gte=until - RELATED_WINDOW,
            received_at__lte=until,
        )
        .exclude(pk=complaint.pk)
        .only(*SHOWN)
        .order_by("-received_at", "-pk")[:RELATED_LIMIT]
    )
