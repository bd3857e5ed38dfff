"""The coordinator's actions about a complainant's personal data and about
confidentiality: mark a complaint confidential, erase the contact details on
request (AVG art. 17) and export everything held about the complainant (art. 15)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.capabilities import Capability
from complaints.models import Complaint
from complaints.services import (
    ComplaintError,
    complainant_erase_on_request,
    complainant_export,
    complaint_set_confidential,
)
from complaints.services.privacy import complaints_of_complainant
from staff.forms import ConfidentialForm, EraseForm
from staff.permissions import complaint_action
from staff.views.actions import posted, run_complaint_action


@complaint_action(Capability.TRIAGE)
@require_http_methods(["GET", "POST"])
def complaint_confidential_view(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    form = ConfidentialForm(posted(request))
    confidential = not complaint.is_confidential
    return run_complaint_action(
        request,
        complaint,
        form=form,
        action=lambda: complaint_set_confidential(
            complaint=complaint, confidential=confidential, reason=form.cleaned_data["reason"], actor=request.user
        ),
        success=_("De klacht is als vertrouwelijk gemarkeerd.")
        if confidential
        else _("De klacht is niet meer vertrouwelijk."),
        template="staff/complaint/confidential.html",
        context={"confidential": confidential},
    )


@complaint_action(Capability.PRIVACY_REQUESTS)
@require_http_methods(["GET", "POST"])
def complainant_erase_view(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    form = EraseForm(posted(request))
    return run_complaint_action(
        request,
        complaint,
        form=form,
        action=lambda: complainant_erase_on_request(
            complaint=complaint, reason=form.cleaned_data["reason"], actor=request.user
        ),
        success=_("De contactgegevens van de indiener zijn overal gewist."),
        template="staff/complaint/complainant_erase.html",
        context={"others": [other for other in complaints_of_complainant(complaint) if other.pk != complaint.pk]},
    )


@complaint_action(Capability.PRIVACY_REQUESTS)
@require_http_methods(["GET", "POST"])
def complainant_export_view(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    """GET: what the export holds; POST: the ZIP (recorded in the history)."""
    if request.method == "POST":
        try:
            export = complainant_export(complaint=complaint, actor=request.user)
        except ComplaintError as error:
            messages.error(request, str(error))
        else:
            response = HttpResponse(export.content, content_type="application/zip")
            response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
            response["Cache-Control"] = "no-store"
            return response
    return render(
        request,
        "staff/complaint/complainant_export.html",
        {"complaint": complaint, "complaints": complaints_of_complainant(complaint)},
    )
