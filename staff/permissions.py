"""Who may open which staff page. Every staff view is wrapped in one of these
decorators; the complaints a user may see come from ``complaints.selectors``.

Order of the checks, the same everywhere: not logged in → login page; a role
without complaint access → 403; a complaint outside the user's scope → 404
(the same answer as for a reference that does not exist); an action the role
may not take on a complaint it can see → 403."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from accounts.models import Role, User
from complaints.models import Complaint
from complaints.selectors import ROLES_WITH_COMPLAINT_ACCESS, can_read_complaints, complaint_get

REFERENCE_MAX_LENGTH = Complaint._meta.get_field("reference").max_length

# Registering complaints received by e-mail, phone or letter, and triage.
COORDINATING_ROLES = frozenset({Role.COORDINATOR})
# Contacts, notes, measures, verdict, letter, closing and withdrawal, each
# within the user's own scope.
HANDLING_ROLES = frozenset(ROLES_WITH_COMPLAINT_ACCESS)
# Their landing page is the worklist; the others land on their complaint list.
WORKLIST_FIRST_ROLES = frozenset({Role.COORDINATOR, Role.OPERATIONS_MANAGER})


def may_coordinate(user: User) -> bool:
    return can_read_complaints(user) and user.role in COORDINATING_ROLES


def may_handle(user: User) -> bool:
    return can_read_complaints(user) and user.role in HANDLING_ROLES


def complaint_reader_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Logged in, and in a role that reads complaints (scoped by the selectors)."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not can_read_complaints(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def coordinator_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @complaint_reader_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not may_coordinate(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def complaint_action(
    roles: frozenset[str] = HANDLING_ROLES,
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
            if request.user.role not in roles:
                raise PermissionDenied
            return view(request, complaint, *args, **kwargs)

        return wrapper

    return decorator
