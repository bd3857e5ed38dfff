"""Who may read and who may edit the annual report: the coordinator and
management read it (it holds no complainant data); only the coordinator
edits it and checks the publication texts."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from accounts.models import Role, User

READER_ROLES = frozenset({Role.COORDINATOR, Role.MANAGEMENT})
EDITOR_ROLES = frozenset({Role.COORDINATOR})


def can_read_annual_report(user: User) -> bool:
    return user.is_authenticated and user.is_active and user.role in READER_ROLES


def can_edit_annual_report(user: User) -> bool:
    return user.is_authenticated and user.is_active and user.role in EDITOR_ROLES


def _requiring(check: Callable[[User], bool]) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


annual_report_reader_required = _requiring(can_read_annual_report)
annual_report_editor_required = _requiring(can_edit_annual_report)
