from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_safe

from complaints.models import Complaint
from complaints.services import attachments_add
from staff.forms import AttachmentAddForm
from staff.permissions import complaint_action
from staff.selectors import attachment_for
from staff.views.actions import posted, run_complaint_action


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


@complaint_action()
@require_http_methods(["GET", "POST"])
def attachment_add_view(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    """Staff add files to an open complaint, checked like the public form's."""
    form = AttachmentAddForm(posted(request), request.FILES if request.method == "POST" else None)
    return run_complaint_action(
        request,
        complaint,
        form=form,
        action=lambda: attachments_add(complaint=complaint, files=form.cleaned_data["attachments"], actor=request.user),
        success=lambda added: (
            ngettext("%(count)d bijlage toegevoegd.", "%(count)d bijlagen toegevoegd.", len(added))
            % {"count": len(added)}
        ),
        template="staff/complaint/attachment_add.html",
    )
