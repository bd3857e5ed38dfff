"""Reopening a closed or withdrawn complaint from the complaint page, with the
reason on the record (``complaints.services.complaint_reopen``, the same
service the mailbox queue uses)."""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.capabilities import Capability
from complaints.models import Complaint
from complaints.services import complaint_reopen
from staff.forms import ReopenForm
from staff.permissions import complaint_action
from staff.views.actions import posted, run_complaint_action


@complaint_action(Capability.HANDLE)
@require_http_methods(["GET", "POST"])
def complaint_reopen_view(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    form = ReopenForm(posted(request))
    return run_complaint_action(
        request,
        complaint,
        form=form,
        action=lambda: complaint_reopen(complaint=complaint, reason=form.cleaned_data["reason"], actor=request.user),
        success=lambda reopened: (
            _("Klacht %(reference)s is heropend (%(status)s).")
            % {"reference": reopened.reference, "status": reopened.get_status_display()}
        ),
        template="staff/complaint/reopen.html",
    )
