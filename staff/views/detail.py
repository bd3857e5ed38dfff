from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from complaints.models import Complaint
from complaints.selectors import complaint_history
from staff.permissions import complaint_action
from staff.selectors import letter_for


def _complaint_page(complaint: Complaint) -> dict:
    """What the detail page and the printable dossier both show."""
    return {
        "complaint": complaint,
        "events": complaint_history(complaint=complaint),
        "contacts": complaint.contacts.select_related("recorded_by"),
        "notes": complaint.notes.select_related("author"),
        "measures": complaint.measures.all(),
        "attachments": complaint.attachments.all(),
        "letter": letter_for(complaint),
    }


@complaint_action()
@require_safe
def complaint_detail_view(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    return render(request, "staff/complaint/detail.html", _complaint_page(complaint))


@complaint_action()
@require_safe
def complaint_dossier_view(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    """The whole complaint on paper: facts, measures, contacts, notes, the
    letter's text and the timeline, laid out for printing (no menu, no buttons)."""
    return render(request, "staff/complaint/dossier.html", _complaint_page(complaint))
