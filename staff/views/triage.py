from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.capabilities import Capability
from complaints.models import Complaint
from complaints.services import ComplaintError, complaint_forward
from staff.forms import ComplaintForwardForm
from staff.permissions import complaint_action


@complaint_action(Capability.TRIAGE)
@require_http_methods(["GET", "POST"])
def complaint_forward_view(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    """Triage: category, location and the unit that handles the complaint."""
    form = ComplaintForwardForm(request.POST if request.method == "POST" else None, complaint=complaint)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            forwarded = complaint_forward(
                complaint=complaint,
                category=data["category"],
                location=data["location"],
                handling_location=data["handling_location"],
                handling_department=data["handling_department"],
                actor=request.user,
            )
        except ComplaintError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Klacht %(reference)s is doorgestuurd naar %(handler)s.")
                % {"reference": forwarded.reference, "handler": forwarded.handler_display},
            )
            return redirect("staff:complaint_detail", complaint.reference)
    return render(request, "staff/complaint/forward.html", {"complaint": complaint, "form": form})
