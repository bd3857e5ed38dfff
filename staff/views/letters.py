"""The closing letter: draft from the default template, review and edit,
preview as PDF (rendered on the fly, never stored), send, and the stored PDF."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from complaints.letters import letter_pdf
from complaints.models import Complaint, LetterTemplate
from complaints.services import letter_draft, letter_send, letter_update
from staff.forms import LetterForm
from staff.permissions import complaint_action
from staff.selectors import letter_for
from staff.views.actions import posted, run_complaint_action


def _private(response: HttpResponse) -> HttpResponse:
    # Letters hold personal data: never kept by a browser or proxy cache.
    response["Cache-Control"] = "private, no-store"
    return response


@complaint_action()
@require_http_methods(["GET", "POST"])
def letter_draft_view(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    template = LetterTemplate.objects.filter(is_default=True).first()
    return run_complaint_action(
        request,
        complaint,
        action=lambda: letter_draft(complaint=complaint, actor=request.user),
        success=_("De brief is opgesteld uit het standaardsjabloon. Lees en controleer hem."),
        next_view="staff:letter_edit",
        template="staff/letter/draft.html",
        context={
            "letter": letter_for(complaint),
            "template": template,
            "template_has_version": template is not None and template.has_version(complaint.language),
        },
    )


@complaint_action()
@require_http_methods(["GET", "POST"])
def letter_edit_view(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    letter = letter_for(complaint)
    if letter is None:
        messages.info(request, _("Er is nog geen afsluitbrief; stel die eerst op."))
        return redirect("staff:letter_draft", complaint.reference)
    form = LetterForm(posted(request), initial={"body": letter.body})
    return run_complaint_action(
        request,
        complaint,
        form=form,
        action=lambda: letter_update(complaint=complaint, body=form.cleaned_data["body"], actor=request.user),
        success=_("De brief is opgeslagen."),
        next_view="staff:letter_edit",
        template="staff/letter/edit.html",
        context={
            "letter": letter,
            # Drafted from a template without a version in the complaint's language.
            "drafted_in_dutch": complaint.language != "nl"
            and letter.template_id is not None
            and not letter.sent_at
            and not letter.template.has_version(complaint.language),
        },
    )


@complaint_action()
@require_http_methods(["GET", "POST"])
def letter_preview_view(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    """The letter as PDF: the saved text (GET) or the text in the edit form,
    saved or not (POST from the edit page). Nothing is stored."""
    letter = letter_for(complaint)
    if letter is None:
        messages.info(request, _("Er is nog geen afsluitbrief; stel die eerst op."))
        return redirect("staff:letter_draft", complaint.reference)
    body = letter.body
    if request.method == "POST":
        form = LetterForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Een lege brief kan niet worden getoond."))
            return redirect("staff:letter_edit", complaint.reference)
        body = form.cleaned_data["body"]
    response = HttpResponse(letter_pdf(complaint=complaint, body=body), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="voorbeeld-afsluitbrief-{complaint.reference}.pdf"'
    return _private(response)


@complaint_action()
@require_http_methods(["GET", "POST"])
def letter_send_view(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    letter = letter_for(complaint)
    if letter is None:
        messages.info(request, _("Er is nog geen afsluitbrief; stel die eerst op."))
        return redirect("staff:letter_draft", complaint.reference)
    return run_complaint_action(
        request,
        complaint,
        action=lambda: letter_send(complaint=complaint, actor=request.user),
        # The address as sent to, read only once the letter went out.
        success=lambda _sent: (
            _("De afsluitbrief is verstuurd naar %(email)s en als PDF bij de klacht bewaard.")
            % {"email": complaint.complainant.email}
        ),
        template="staff/letter/send.html",
        context={"letter": letter},
    )


@complaint_action()
@require_safe
def letter_pdf_view(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    """The PDF that was sent, as it was sent."""
    letter = letter_for(complaint)
    if letter is None or letter.sent_at is None or not letter.pdf:
        raise Http404("Geen verstuurde brief")
    try:
        handle = letter.pdf.open("rb")
    except FileNotFoundError as missing:
        raise Http404("Bestand ontbreekt") from missing
    return _private(
        FileResponse(handle, content_type="application/pdf", filename=f"afhandeling-klacht-{complaint.reference}.pdf")
    )
