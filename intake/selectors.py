"""Reads for the public pages: locations to choose from and the one complaint a
status link opens."""

from datetime import datetime

from django.db.models import Q, QuerySet

from complaints.models import ClosingLetter, Complaint
from organisation.models import Location, match_key

MAX_QUERY_TERMS = 5


def location_search(*, query: str = "", include_id: int | None = None) -> QuerySet[Location]:
    """Active locations whose name or place contains every word typed, by name.
    ``include_id`` keeps a location already chosen in the list."""
    condition = Q()
    for term in query.split()[:MAX_QUERY_TERMS]:
        term_condition = Q(name__icontains=term) | Q(city__icontains=term)
        # The key ignores case, spaces and hyphens: "ka-naalweg" finds "Kanaalweg".
        if key := match_key(term):
            term_condition |= Q(match_key__contains=key)
        condition &= term_condition
    if include_id is not None and condition:
        condition |= Q(pk=include_id)
    return Location.objects.filter(condition, is_active=True).only("id", "name", "city").order_by("name", "id")


def complaint_by_status_token(*, token: str, now: datetime) -> Complaint | None:
    """The complaint behind a status link, or None when the link is wrong or has
    expired; the caller answers both the same way."""
    complaint = Complaint.objects.select_related("location").filter(status_token=token).first()
    if complaint is None:
        return None
    valid_until = complaint.status_link_valid_until
    if valid_until is not None and valid_until < now:
        return None
    return complaint


def letter_sent(*, complaint: Complaint) -> ClosingLetter | None:
    return ClosingLetter.objects.filter(complaint=complaint, sent_at__isnull=False).exclude(pdf="").first()
