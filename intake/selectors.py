"""Reads for the public pages: the one complaint a status link opens and its
letter. Locations come from ``complaints.selectors.location_search``."""

from datetime import datetime

from complaints.models import ClosingLetter, Complaint


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
