"""The safety flag on the complaint page: the coordinator raises it (the
operations manager is told at once) or lifts it, each with a reason."""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.capabilities import Capability
from complaints.models import Complaint
from complaints.services import complaint_set_safety
from staff.forms import SafetyForm
from staff.permissions import complaint_action
from staff.views.actions import posted, run_complaint_action


@complaint_action(Capability.TRIAGE)
@require_http_methods(["GET", "POST"])
def complaint_safety_view(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    form = SafetyForm(posted(request))
    flagged = not complaint.is_safety_concern
    return run_complaint_action(
        request,
        complaint,
        form=form,
        action=lambda: complaint_set_safety(
            complaint=complaint, flagged=flagged, reason=form.cleaned_data["reason"], actor=request.user
        ),
        success=_("De veiligheidsmelding is gemaakt; de operationeel manager krijgt direct bericht.")
        if flagged
        else _("De veiligheidsmelding is opgeheven."),
        template="staff/complaint/safety.html",
        context={"flagged": flagged},
    )
