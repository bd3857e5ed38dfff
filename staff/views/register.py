from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from accounts.capabilities import Capability, capability_required
from complaints.selectors import location_matches, location_query
from complaints.services import ComplainantData, ComplaintError, complaint_register
from staff.forms import SafeComplaintRegisterForm

LOCATION_OPTIONS_LIMIT = 50
# The empty option of each location select that a search box can narrow.
LOCATION_EMPTY_LABELS = {
    "location": gettext_lazy("Kies een locatie"),
    "handling_location": gettext_lazy("Dezelfde als de locatie van de klacht"),
}


@capability_required(Capability.REGISTER)
@require_http_methods(["GET", "POST"])
def complaint_register_view(request: HttpRequest) -> HttpResponse:
    """A complaint that came in by e-mail, phone or letter, registered by the coordinator."""
    posted = request.method == "POST"
    form = SafeComplaintRegisterForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            complaint = complaint_register(
                received_at=data["received_at"],
                channel=data["channel"],
                complainant_kind=data["complainant_kind"],
                location=data["location"],
                care_type=data["care_type"],
                description=data["description"],
                desired_outcome=data["desired_outcome"],
                complainant=ComplainantData(
                    name=data["name"], email=data["email"], phone=data["phone"], salutation=data["salutation"]
                ),
                attachments=data["attachments"],
                actor=request.user,
                safety_reason=data["safety_reason"],
                language=data["language"],
            )
        except ComplaintError as error:
            messages.error(request, str(error))
        else:
            due = formats.date_format(timezone.localtime(complaint.due_at), "j F Y")
            messages.success(
                request,
                _("Klacht %(reference)s is geregistreerd. Uiterste afhandeldatum: %(due)s.")
                % {"reference": complaint.reference, "due": due},
            )
            return redirect("staff:complaint_detail", complaint.reference)
    if posted and request.FILES:
        messages.warning(
            request, _("Kies de bijlagen opnieuw: de browser bewaart ze niet als het formulier terugkomt.")
        )
    return render(request, "staff/complaint/register.html", {"form": form})


@capability_required(Capability.REGISTER)
@require_safe
def location_options_view(request: HttpRequest) -> HttpResponse:
    """The options of a location select, narrowed by a search box (htmx)."""
    field = request.GET.get("field", "")
    if field not in LOCATION_EMPTY_LABELS:
        field = "location"
    matches = location_matches(query=location_query(request.GET.get("q", "")), limit=LOCATION_OPTIONS_LIMIT)
    return render(
        request,
        "staff/location_options.html",
        {
            "locations": matches.locations,
            "more": matches.more,
            "empty_label": LOCATION_EMPTY_LABELS[field],
            "selected": request.GET.get(field, ""),
        },
    )
