"""The complainant's language on the complaint page: the coordinator changes it
(every later e-mail to the complainant and the closing letter come in it)."""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.capabilities import Capability
from complaints.models import Complaint
from complaints.services import complaint_set_language
from staff.forms import LanguageForm
from staff.permissions import complaint_action
from staff.views.actions import posted, run_complaint_action


@complaint_action(Capability.TRIAGE)
@require_http_methods(["GET", "POST"])
def complaint_language_view(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    form = LanguageForm(posted(request), initial={"language": complaint.language})
    return run_complaint_action(
        request,
        complaint,
        form=form,
        action=lambda: complaint_set_language(
            complaint=complaint, language=form.cleaned_data["language"], actor=request.user
        ),
        success=lambda current: (
            _("De taal van de indiener is nu: %(language)s.") % {"language": current.get_language_display()}
        ),
        template="staff/complaint/language.html",
    )
