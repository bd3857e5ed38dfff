from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.capabilities import Capability
from complaints.models import Complaint
from complaints.services import complaint_assign
from staff.forms import AssignForm
from staff.permissions import complaint_action
from staff.views.actions import posted, run_complaint_action


@complaint_action(Capability.HANDLE)
@require_http_methods(["GET", "POST"])
def complaint_assign_view(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    """Assign the complaint to a person of its handling unit, or to nobody."""
    form = AssignForm(posted(request), complaint=complaint)
    return run_complaint_action(
        request,
        complaint,
        form=form,
        action=lambda: complaint_assign(
            complaint=complaint, assignee=form.cleaned_data["assignee"], actor=request.user
        ),
        success=lambda assigned: (
            _("Klacht %(reference)s is toegewezen aan %(person)s.")
            % {"reference": assigned.reference, "person": assigned.assignee}
            if assigned.assignee
            else _("Klacht %(reference)s is aan niemand meer toegewezen.") % {"reference": assigned.reference}
        ),
        template="staff/complaint/assign.html",
    )
