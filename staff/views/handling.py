"""The handler's actions on one complaint, each a form (or a confirm page) and
one service call through ``run_complaint_action``."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.capabilities import Capability
from complaints.models import Complaint, Measure
from complaints.services import (
    complaint_close,
    complaint_set_outcome,
    complaint_set_publication_text,
    complaint_withdraw,
    contact_record,
    measure_add,
    measure_complete,
    note_add,
)
from staff.forms import ContactForm, MeasureForm, NoteForm, OutcomeForm, PublicationTextForm, WithdrawForm
from staff.permissions import complaint_action
from staff.selectors import letter_for
from staff.views.actions import posted, run_complaint_action


@complaint_action()
@require_http_methods(["GET", "POST"])
def contact_record_view(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    form = ContactForm(posted(request))
    return run_complaint_action(
        request,
        complaint,
        form=form,
        action=lambda: contact_record(complaint=complaint, actor=request.user, **form.cleaned_data),
        success=_("Het contactmoment is vastgelegd."),
        template="staff/complaint/contact_record.html",
    )


@complaint_action()
@require_http_methods(["GET", "POST"])
def note_add_view(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    form = NoteForm(posted(request))
    return run_complaint_action(
        request,
        complaint,
        form=form,
        action=lambda: note_add(complaint=complaint, text=form.cleaned_data["text"], actor=request.user),
        success=_("De notitie is toegevoegd."),
        template="staff/complaint/note_add.html",
    )


@complaint_action(Capability.EDIT_ANNUAL_REPORT)
@require_http_methods(["GET", "POST"])
def publication_text_view(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    initial = {
        "publication_text": complaint.publication_text or complaint.description,
        "reviewed": complaint.publication_reviewed,
    }
    form = PublicationTextForm(posted(request), initial=initial)
    return run_complaint_action(
        request,
        complaint,
        form=form,
        action=lambda: complaint_set_publication_text(
            complaint=complaint,
            text=form.cleaned_data["publication_text"],
            reviewed=form.cleaned_data["reviewed"],
            actor=request.user,
        ),
        success=_("De publicatietekst is opgeslagen."),
        template="staff/complaint/publication_text.html",
    )


@complaint_action()
@require_http_methods(["GET", "POST"])
def measure_add_view(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    form = MeasureForm(posted(request))
    return run_complaint_action(
        request,
        complaint,
        form=form,
        action=lambda: measure_add(complaint=complaint, actor=request.user, **form.cleaned_data),
        success=_("De maatregel is vastgelegd."),
        template="staff/complaint/measure_add.html",
    )


@complaint_action()
@require_http_methods(["GET", "POST"])
def measure_complete_view(request: HttpRequest, complaint: Complaint, measure_id: int) -> HttpResponse:
    measure = get_object_or_404(Measure, complaint=complaint, pk=measure_id)
    return run_complaint_action(
        request,
        complaint,
        action=lambda: measure_complete(measure=measure, actor=request.user),
        success=_("De maatregel is als gerealiseerd gemarkeerd."),
        template="staff/complaint/measure_complete.html",
        context={"measure": measure},
    )


@complaint_action()
@require_http_methods(["GET", "POST"])
def outcome_set_view(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    initial = {"verdict": complaint.verdict, "solution": complaint.solution}
    form = OutcomeForm(posted(request), initial=initial)
    return run_complaint_action(
        request,
        complaint,
        form=form,
        action=lambda: complaint_set_outcome(complaint=complaint, actor=request.user, **form.cleaned_data),
        success=_("Het oordeel en de oplossing zijn vastgelegd."),
        template="staff/complaint/outcome_set.html",
    )


@complaint_action()
@require_http_methods(["GET", "POST"])
def complaint_close_view(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    return run_complaint_action(
        request,
        complaint,
        action=lambda: complaint_close(complaint=complaint, actor=request.user),
        success=_("De klacht is afgesloten."),
        template="staff/complaint/close.html",
        context={"letter": letter_for(complaint)},
    )


@complaint_action()
@require_http_methods(["GET", "POST"])
def complaint_withdraw_view(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    form = WithdrawForm(posted(request))
    return run_complaint_action(
        request,
        complaint,
        form=form,
        action=lambda: complaint_withdraw(complaint=complaint, reason=form.cleaned_data["reason"], actor=request.user),
        success=_("De intrekking is vastgelegd; de klacht is niet meer open."),
        template="staff/complaint/withdraw.html",
    )
