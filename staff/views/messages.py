"""Bericht aan indiener: a message to the complainant, optionally from a
standard text (``MessageTemplate``, edited in the admin)."""

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from complaints.models import Complaint, MessageTemplate
from complaints.services import complainant_message_send, complaint_answer_date_set, message_template_render
from staff.forms import AnswerDateForm, ComplainantMessageForm
from staff.permissions import complaint_action
from staff.views.actions import posted, run_complaint_action


@complaint_action()
@require_http_methods(["GET", "POST"])
def message_send_view(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    """The standard texts are filled in in the complaint's language; a template
    without that version gives its Dutch text, with a note saying so."""
    templates = MessageTemplate.objects.filter(is_active=True)
    initial = {}
    fallback = None
    chosen = request.GET.get("sjabloon", "")
    if chosen.isdigit():
        template = templates.filter(pk=int(chosen)).first()
        if template is not None:
            subject, text = message_template_render(template=template, complaint=complaint)
            initial = {"subject": subject, "text": text}
            fallback = None if template.has_version(complaint.language) else template
    form = ComplainantMessageForm(posted(request), initial=initial)
    return run_complaint_action(
        request,
        complaint,
        form=form,
        action=lambda: complainant_message_send(complaint=complaint, actor=request.user, **form.cleaned_data),
        success=_("Het bericht aan de indiener wordt verstuurd."),
        template="staff/complaint/message_send.html",
        context={"templates": templates, "fallback": fallback},
    )


# The proposed text of the answer-date message, in the complaint's language (Dutch msgids).
ANSWER_DATE_SUBJECT = gettext_lazy("Uw klacht %(reference)s: wanneer u ons oordeel krijgt")
ANSWER_DATE_TEXT = gettext_lazy(
    "Het lukt ons helaas niet om u binnen de wettelijke termijn van zes weken ons schriftelijke oordeel "
    "over uw klacht te sturen. Dat spijt ons. Hieronder leest u wanneer u het wel kunt verwachten."
)


@complaint_action()
@require_http_methods(["GET", "POST"])
def answer_date_set_view(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    """A new expected answer date: set and told to the complainant in one step."""
    with translation.override(complaint.language):
        initial = {
            "subject": str(ANSWER_DATE_SUBJECT) % {"reference": complaint.reference},
            "text": str(ANSWER_DATE_TEXT),
        }
    form = AnswerDateForm(posted(request), initial=initial)
    return run_complaint_action(
        request,
        complaint,
        form=form,
        action=lambda: complaint_answer_date_set(complaint=complaint, actor=request.user, **form.cleaned_data),
        success=_("De nieuwe datum is vastgelegd; het bericht aan de indiener wordt verstuurd."),
        template="staff/complaint/answer_date.html",
    )
