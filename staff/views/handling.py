"""The handler's actions on one complaint. Each view: a form (or a confirm
page), one service call, and a ComplaintError shown as a message with the form
kept as it was typed."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.capabilities import Capability
from complaints.models import Complaint, Measure
from complaints.services import (
    ComplaintError,
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


def _done(request: HttpRequest, complaint: Complaint, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("staff:complaint_detail", complaint.reference)


def _bound(request: HttpRequest) -> QueryDict | None:
    return request.POST if request.method == "POST" else None


@complaint_action()
@require_http_methods(["GET", "POST"])
def contact_record_view(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    form = ContactForm(_bound(request))
    if request.method == "POST" and form.is_valid():
        try:
            contact_record(complaint=complaint, actor=request.user, **form.cleaned_data)
        except ComplaintError as error:
            messages.error(request, str(error))
        else:
            return _done(request, complaint, _("Het contactmoment is vastgelegd."))
    return render(request, "staff/complaint/contact_record.html", {"complaint": complaint, "form": form})


@complaint_action()
@require_http_methods(["GET", "POST"])
def note_add_view(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    form = NoteForm(_bound(request))
    if request.method == "POST" and form.is_valid():
        try:
            note_add(complaint=complaint, text=form.cleaned_data["text"], actor=request.user)
        except ComplaintError as error:
            messages.error(request, str(error))
        else:
            return _done(request, complaint, _("De notitie is toegevoegd."))
    return render(request, "staff/complaint/note_add.html", {"complaint": complaint, "form": form})


@complaint_action(Capability.EDIT_ANNUAL_REPORT)
@require_http_methods(["GET", "POST"])
def publication_text_view(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    initial = {
        "publication_text": complaint.publication_text or complaint.description,
        "reviewed": complaint.publication_reviewed,
    }
    form = PublicationTextForm(_bound(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            complaint_set_publication_text(
                complaint=complaint,
                text=form.cleaned_data["publication_text"],
                reviewed=form.cleaned_data["reviewed"],
                actor=request.user,
            )
        except ComplaintError as error:
            messages.error(request, str(error))
        else:
            return _done(request, complaint, _("De publicatietekst is opgeslagen."))
    return render(request, "staff/complaint/publication_text.html", {"complaint": complaint, "form": form})


@complaint_action()
@require_http_methods(["GET", "POST"])
def measure_add_view(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    form = MeasureForm(_bound(request))
    if request.method == "POST" and form.is_valid():
        try:
            measure_add(complaint=complaint, actor=request.user, **form.cleaned_data)
        except ComplaintError as error:
            messages.error(request, str(error))
        else:
            return _done(request, complaint, _("De maatregel is vastgelegd."))
    return render(request, "staff/complaint/measure_add.html", {"complaint": complaint, "form": form})


@complaint_action()
@require_http_methods(["GET", "POST"])
def measure_complete_view(request: HttpRequest, complaint: Complaint, measure_id: int) -> HttpResponse:
    measure = get_object_or_404(Measure, complaint=complaint, pk=measure_id)
    if request.method == "POST":
        try:
            measure_complete(measure=measure, actor=request.user)
        except ComplaintError as error:
            messages.error(request, str(error))
        else:
            return _done(request, complaint, _("De maatregel is als gerealiseerd gemarkeerd."))
    return render(request, "staff/complaint/measure_complete.html", {"complaint": complaint, "measure": measure})


@complaint_action()
@require_http_methods(["GET", "POST"])
def outcome_set_view(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    initial = {"verdict": complaint.verdict, "solution": complaint.solution}
    form = OutcomeForm(_bound(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            complaint_set_outcome(complaint=complaint, actor=request.user, **form.cleaned_data)
        except ComplaintError as error:
            messages.error(request, str(error))
        else:
            return _done(request, complaint, _("Het oordeel en de oplossing zijn vastgelegd."))
    return render(request, "staff/complaint/outcome_set.html", {"complaint": complaint, "form": form})


@complaint_action()
@require_http_methods(["GET", "POST"])
def complaint_close_view(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    if request.method == "POST":
        try:
            complaint_close(complaint=complaint, actor=request.user)
        except ComplaintError as error:
            messages.error(request, str(error))
        else:
            return _done(request, complaint, _("De klacht is afgesloten."))
    return render(request, "staff/complaint/close.html", {"complaint": complaint, "letter": letter_for(complaint)})


@complaint_action()
@require_http_methods(["GET", "POST"])
def complaint_withdraw_view(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    form = WithdrawForm(_bound(request))
    if request.method == "POST" and form.is_valid():
        try:
            complaint_withdraw(complaint=complaint, reason=form.cleaned_data["reason"], actor=request.user)
        except ComplaintError as error:
            messages.error(request, str(error))
        else:
            return _done(request, complaint, _("De intrekking is vastgelegd; de klacht is niet meer open."))
    return render(request, "staff/complaint/withdraw.html", {"complaint": complaint, "form": form})
