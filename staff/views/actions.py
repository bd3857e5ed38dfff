"""The skeleton every staff action on one complaint shares: a form (or only a
confirm page), one service call, a ComplaintError shown as a message with the
form kept as it was typed, and on success a message and a redirect."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render

from complaints.models import Complaint
from complaints.services import ComplaintError


def posted(request: HttpRequest) -> QueryDict | None:
    """The data to bind a form to: the POST, or nothing on a GET."""
    return request.POST if request.method == "POST" else None


def run_complaint_action[T](
    request: HttpRequest,
    complaint: Complaint,
    *,
    template: str,
    action: Callable[[], T],
    success: str | Callable[[T], str],
    form: forms.Form | None = None,
    context: dict[str, Any] | None = None,
    next_view: str = "staff:complaint_detail",
) -> HttpResponse:
    """On a POST with a valid ``form`` (or none) run ``action``; ``success``
    is the message (or makes it from the action's result), ``next_view`` the
    page of the complaint to go to. Otherwise (GET, invalid form, refused
    action) render ``template``."""
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            result = action()
        except ComplaintError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, success(result) if callable(success) else success)
            return redirect(next_view, complaint.reference)
    page = {"complaint": complaint, **(context or {})}
    if form is not None:
        page["form"] = form
    return render(request, template, page)
