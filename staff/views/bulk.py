"""The coordinator's bulk actions on complaints selected in the list: one
confirmation page, then the service per complaint (each with its own history
entry), and a message naming what was done and what was refused."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.capabilities import Capability, capability_required
from complaints.selectors import complaint_list
from complaints.services import (
    BulkResult,
    complaints_assign_bulk,
    complaints_forward_bulk,
    complaints_mark_confidential_bulk,
)
from staff.forms import (
    BULK_ACTIONS,
    BULK_ASSIGN,
    BULK_FORWARD,
    BulkAssignForm,
    BulkForwardForm,
    BulkMarkForm,
    BulkSelectionForm,
)
from staff.services import saved_filter_query

ACTION_FORMS = {BULK_FORWARD: BulkForwardForm, BULK_ASSIGN: BulkAssignForm}


def _back(request: HttpRequest) -> str:
    """The list as it was filtered when the selection was made."""
    return f"{reverse('staff:complaint_list')}?{saved_filter_query(request.POST.get('back', ''), keep_lookup=True)}"


def _report(request: HttpRequest, result: BulkResult, done_message: str) -> None:
    if result.done:
        messages.success(request, done_message % {"count": len(result.done), "references": ", ".join(result.done)})
    for reference, reason in result.refused:
        messages.error(request, f"{reference}: {reason}")


@capability_required(Capability.TRIAGE)
@require_POST
def bulk_action_view(request: HttpRequest) -> HttpResponse:
    selection = BulkSelectionForm(request.POST)
    if not selection.is_valid():
        for errors in selection.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(_back(request))
    action = selection.cleaned_data["action"]
    references = selection.cleaned_data["complaint"]
    # Read within the coordinator's scope, in the order of the list.
    complaints = list(
        complaint_list(user=request.user).select_related("category__version").filter(reference__in=references)
    )
    if not complaints:
        messages.error(request, _("Geen van de gekozen klachten is gevonden."))
        return redirect(_back(request))
    form_class = ACTION_FORMS.get(action, BulkMarkForm)
    form = form_class(request.POST if "confirm" in request.POST else None)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if action == BULK_FORWARD:
            result = complaints_forward_bulk(
                complaints=complaints,
                handling_location=data["handling_location"],
                handling_department=data["handling_department"],
                category=data["category"],
                actor=request.user,
            )
            done = _("%(count)d klacht(en) doorgestuurd: %(references)s.")
        elif action == BULK_ASSIGN:
            result = complaints_assign_bulk(complaints=complaints, assignee=data["assignee"], actor=request.user)
            done = _("%(count)d klacht(en) toegewezen: %(references)s.")
        else:
            result = complaints_mark_confidential_bulk(complaints=complaints, reason=data["reason"], actor=request.user)
            done = _("%(count)d klacht(en) als vertrouwelijk gemarkeerd: %(references)s.")
        _report(request, result, done)
        return redirect(_back(request))
    return render(
        request,
        "staff/complaint/bulk_confirm.html",
        {
            "action": action,
            "action_label": dict(BULK_ACTIONS)[action],
            "complaints": complaints,
            "form": form,
            "back": saved_filter_query(request.POST.get("back", ""), keep_lookup=True),
        },
    )
