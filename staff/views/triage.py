from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.capabilities import Capability
from complaints.models import Complaint
from complaints.services import complaint_forward, complaint_set_safety
from staff.forms import SafeComplaintForwardForm
from staff.permissions import complaint_action
from staff.views.actions import posted, run_complaint_action


@complaint_action(Capability.TRIAGE)
@require_http_methods(["GET", "POST"])
def complaint_forward_view(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    """Triage: category, location and the unit that handles the complaint."""
    form = SafeComplaintForwardForm(posted(request), complaint=complaint)

    def forward() -> Complaint:
        data = form.cleaned_data
        with transaction.atomic():
            forwarded = complaint_forward(
                complaint=complaint,
                category=data["category"],
                location=data["location"],
                handling_location=data["handling_location"],
                handling_department=data["handling_department"],
                actor=request.user,
            )
            if data.get("safety_reason"):
                forwarded = complaint_set_safety(
                    complaint=forwarded, flagged=True, reason=data["safety_reason"], actor=request.user
                )
        return forwarded

    return run_complaint_action(
        request,
        complaint,
        form=form,
        action=forward,
        success=lambda forwarded: (
            _("Klacht %(reference)s is doorgestuurd naar %(handler)s.")
            % {"reference": forwarded.reference, "handler": forwarded.handler_display}
        ),
        template="staff/complaint/forward.html",
    )
