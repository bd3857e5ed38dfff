import re
from functools import lru_cache

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import get_script_prefix, get_urlconf, reverse
from django.views.decorators.http import require_safe

from complaints.models import Complaint
from complaints.selectors import complaint_contents, complaint_history
from complaints.services import complaint_messages_seen
from staff.permissions import complaint_action

# A stand-in reference, and the references that reverse() prints as they are (no quoting).
_STAND_IN = "K0000-STANDIN"
_PLAIN_REFERENCE = re.compile(r"[A-Za-z0-9-]{1,20}")


@lru_cache(maxsize=256)
def _address_with_stand_in(name: str, prefix: str, urlconf: str | None) -> str | None:
    address = reverse(f"staff:{name}", args=[_STAND_IN], urlconf=urlconf)
    return address if address.count(_STAND_IN) == 1 else None


class ComplaintUrls:
    """The addresses of one complaint's pages for its template: ``{{ urls.complaint_close }}``
    is ``{% url 'staff:complaint_close' complaint.reference %}``, but each name is reversed
    once per process (with a stand-in reference, per script prefix and URL conf) instead of
    once per page: the action bar has about twenty (~30 µs each). A reference reverse()
    would quote goes through reverse() itself."""

    def __init__(self, reference: str) -> None:
        self.reference = reference
        self.plain = _PLAIN_REFERENCE.fullmatch(reference) is not None

    def __getitem__(self, name: str) -> str:
        if self.plain:
            address = _address_with_stand_in(name, get_script_prefix(), get_urlconf())
            if address is not None:
                return address.replace(_STAND_IN, self.reference)
        return reverse(f"staff:{name}", args=[self.reference])


def _complaint_page(complaint: Complaint) -> dict:
    """What the detail page and the printable dossier both show."""
    return {
        "complaint": complaint,
        "events": complaint_history(complaint=complaint),
        **complaint_contents(complaint=complaint),
    }


@complaint_action()
@require_safe
def complaint_detail_view(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    # Opening the complaint is reading the complainant's new message: the worklist marker goes.
    new_message = complaint.unread_message_at is not None
    if new_message:
        complaint_messages_seen(complaint=complaint)
    context = {**_complaint_page(complaint), "new_message": new_message, "urls": ComplaintUrls(complaint.reference)}
    return render(request, "staff/complaint/detail.html", context)


@complaint_action()
@require_safe
def complaint_dossier_view(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    """The whole complaint on paper: facts, measures, contacts, notes, the
    letter's text and the timeline, laid out for printing (no menu, no buttons)."""
    return render(request, "staff/complaint/dossier.html", _complaint_page(complaint))
