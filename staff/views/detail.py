from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from complaints.models import Complaint
from complaints.selectors import complaint_contents, complaint_history
from complaints.services import complaint_messages_seen
from staff.permissions import complaint_action


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
    return render(request, "staff/complaint/detail.html", {**_complaint_page(complaint), "new_message": new_message})


@complaint_action()
@require_safe
def complaint_dossier_view(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    """The whole complaint on paper: facts, measures, contacts, notes, the
    letter's text and the timeline, laid out for printing (no menu, no buttons)."""
    return render(request, "staff/complaint/dossier.html", _complaint_page(complaint))
