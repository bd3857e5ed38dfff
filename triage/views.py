from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.capabilities import Capability, capability_required, has_capability
from complaints.models import Complaint
from complaints.selectors import complaint_get
from triage.tasks import publication_draft_task

REFERENCE_MAX_LENGTH = Complaint._meta.get_field("reference").max_length


@capability_required(Capability.VIEW_COMPLAINTS)
@require_POST
def publication_draft_request_view(request: HttpRequest, reference: str) -> HttpResponse:
    """Ask the worker for a (new) anonymised draft; deduce runs there, not in this request."""
    if len(reference) > REFERENCE_MAX_LENGTH or "\x00" in reference:
        raise Http404("Klacht niet gevonden")
    complaint = complaint_get(user=request.user, reference=reference)
    if not has_capability(request.user, Capability.EDIT_ANNUAL_REPORT):
        raise PermissionDenied
    publication_draft_task(complaint.pk)
    messages.success(request, _("Het geanonimiseerde concept wordt gemaakt; ververs de pagina over enkele seconden."))
    return redirect("staff:publication_text", complaint.reference)
