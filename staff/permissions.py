"""Who may open which staff page, asked of the capability map in
``accounts.capabilities``; the complaints a user may see come from
``complaints.selectors``.

Order of the checks, the same everywhere: not logged in → login page; a role
without complaint access → 403; a complaint outside the user's scope → 404
(the same answer as for a reference that does not exist); an action the role
may not take on a complaint it can see → 403."""

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from accounts.capabilities import Capability, capability_required, denied_reason, has_capability
from complaints.models import Complaint
from complaints.selectors import complaint_get

REFERENCE_MAX_LENGTH = Complaint._meta.get_field("reference").max_length

complaint_reader_required = capability_required(Capability.VIEW_COMPLAINTS)


def complaint_action(
    capability: Capability = Capability.HANDLE,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """For views of one complaint: resolves ``reference`` within the user's
    scope (404 outside it) and passes the complaint to the view."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @complaint_reader_required
        @wraps(view)
        def wrapper(request: HttpRequest, reference: str, *args, **kwargs) -> HttpResponse:
            # No reference is that long or holds NUL (which PostgreSQL refuses in a query).
            if len(reference) > REFERENCE_MAX_LENGTH or "\x00" in reference:
                raise Http404("Klacht niet gevonden")
            complaint: Complaint = complaint_get(user=request.user, reference=reference)
            if not has_capability(request.user, capability):
                raise PermissionDenied(denied_reason(capability))
            return view(request, complaint, *args, **kwargs)

        return wrapper

    return decorator
