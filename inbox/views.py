"""The coordinator's "Inkomende e-mail" screens: the queue, one message, and
the three decisions (register as a complaint, attach to a complaint, not a
complaint), plus reopening a closed complaint a parent replied to. Each
action: a form, one service call, a ComplaintError as a message."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from accounts.capabilities import Capability, capability_required
from complaints.attachments import name_for_type
from complaints.models import Complaint
from complaints.selectors import complaint_visible_to
from complaints.services import ComplaintError
from inbox.forms import MessageAttachForm, MessageRegisterForm, ReopenForm
from inbox.models import InboundAttachment, InboundMessage
from inbox.selectors import inbound_queue, inbound_recent
from inbox.services import inbound_attach, inbound_dismiss, inbound_keep_closed, inbound_register, inbound_reopen

triage_required = capability_required(Capability.TRIAGE)


def _posted(request: HttpRequest):
    return request.POST if request.method == "POST" else None


def _run(
    request: HttpRequest,
    message: InboundMessage,
    *,
    template: str,
    action: Callable[[], Any],
    success: str,
    form: forms.Form | None = None,
    next_url: Callable[[Any], str] | None = None,
) -> HttpResponse:
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            result = action()
        except ComplaintError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, success)
            return redirect(next_url(result) if next_url else "inbox:queue")
    return render(request, template, {"message": message, "form": form})


def _complaint_url(complaint: Complaint) -> str:
    return reverse("staff:complaint_detail", args=[complaint.reference])


@triage_required
@require_safe
def queue_view(request: HttpRequest) -> HttpResponse:
    return render(request, "inbox/queue.html", {"queue": inbound_queue(), "recent": inbound_recent()})


@triage_required
@require_safe
def message_view(request: HttpRequest, message_id: int) -> HttpResponse:
    message = get_object_or_404(InboundMessage.objects.select_related("complaint"), pk=message_id)
    return render(request, "inbox/message.html", {"message": message, "attach_form": MessageAttachForm()})


@triage_required
@require_http_methods(["GET", "POST"])
def register_view(request: HttpRequest, message_id: int) -> HttpResponse:
    message = get_object_or_404(InboundMessage, pk=message_id)
    received_at = message.sent_at if message.sent_at and message.sent_at <= timezone.now() else message.received_at
    initial = {
        "received_at": timezone.localtime(received_at).replace(second=0, microsecond=0),
        "name": message.sender_name,
        "email": message.sender_email,
        "description": message.text,
    }
    form = MessageRegisterForm(_posted(request), initial=initial)
    return _run(
        request,
        message,
        form=form,
        template="inbox/register.html",
        action=lambda: inbound_register(message=message, actor=request.user, **form.cleaned_data),
        success=_("De e-mail is als klacht geregistreerd."),
        next_url=_complaint_url,
    )


@triage_required
@require_http_methods(["GET", "POST"])
def attach_view(request: HttpRequest, message_id: int) -> HttpResponse:
    message = get_object_or_404(InboundMessage, pk=message_id)
    form = MessageAttachForm(_posted(request))

    def attach() -> Complaint:
        reference = form.cleaned_data["reference"].strip().upper()
        complaint = complaint_visible_to(request.user).filter(reference=reference).first()
        if complaint is None:
            raise ComplaintError(_("Er is geen klacht met kenmerk %(reference)s.") % {"reference": reference})
        return inbound_attach(message=message, complaint=complaint, actor=request.user)

    return _run(
        request,
        message,
        form=form,
        template="inbox/attach.html",
        action=attach,
        success=_("De e-mail staat nu bij de klacht."),
        next_url=_complaint_url,
    )


@triage_required
@require_http_methods(["GET", "POST"])
def dismiss_view(request: HttpRequest, message_id: int) -> HttpResponse:
    message = get_object_or_404(InboundMessage, pk=message_id)
    return _run(
        request,
        message,
        template="inbox/dismiss.html",
        action=lambda: inbound_dismiss(message=message, actor=request.user),
        success=_("De e-mail is als geen klacht afgehandeld."),
    )


@triage_required
@require_http_methods(["GET", "POST"])
def reopen_view(request: HttpRequest, message_id: int) -> HttpResponse:
    message = get_object_or_404(InboundMessage, pk=message_id)
    form = ReopenForm(_posted(request))
    return _run(
        request,
        message,
        form=form,
        template="inbox/reopen.html",
        action=lambda: inbound_reopen(message=message, reason=form.cleaned_data["reason"], actor=request.user),
        success=_("De klacht is heropend."),
        next_url=_complaint_url,
    )


@triage_required
@require_http_methods(["GET", "POST"])
def keep_closed_view(request: HttpRequest, message_id: int) -> HttpResponse:
    message = get_object_or_404(InboundMessage, pk=message_id)
    return _run(
        request,
        message,
        template="inbox/keep_closed.html",
        action=lambda: inbound_keep_closed(message=message, actor=request.user),
        success=_("Het bericht is gelezen; de klacht blijft afgesloten."),
    )


def _download(file, *, filename: str, content_type: str) -> HttpResponse:
    try:
        handle = file.open("rb")
    except FileNotFoundError as missing:
        raise Http404("Bestand ontbreekt") from missing
    # Always a download: a browser never renders what a sender mailed.
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    return response


@triage_required
@require_safe
def raw_view(request: HttpRequest, message_id: int) -> HttpResponse:
    message = get_object_or_404(InboundMessage, pk=message_id)
    return _download(message.raw, filename=f"bericht-{message.pk}.eml", content_type="message/rfc822")


@triage_required
@require_safe
def attachment_view(request: HttpRequest, message_id: int, attachment_id: int) -> HttpResponse:
    attachment = get_object_or_404(InboundAttachment, pk=attachment_id, message_id=message_id)
    return _download(
        attachment.file,
        filename=name_for_type(attachment.original_name, attachment.content_type),
        content_type=attachment.content_type,
    )
