from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from complaints.models import Complaint
from staff.permissions import complaint_action
from staff.selectors import attachment_for


@complaint_action()
@require_safe
def attachment_download_view(request: HttpRequest, complaint: Complaint, attachment_id: int) -> HttpResponse:
    """An uploaded file, always as a download with the type that was checked at
    upload, so a browser never renders what a complainant sent."""
    attachment = attachment_for(complaint, attachment_id)
    if attachment is None:
        raise Http404("Bijlage niet gevonden")
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404("Bestand ontbreekt") from missing
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.download_name, content_type=attachment.content_type
    )
    response["Cache-Control"] = "private, no-store"
    return response
