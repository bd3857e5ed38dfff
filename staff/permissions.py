from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from complaints.selectors import can_read_complaints


def complaint_reader_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Logged in, and in a role that reads complaints (scoped by the selectors)."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not can_read_complaints(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
