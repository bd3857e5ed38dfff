"""Who may do what, in one place: the capability map (role → capabilities) and
the three ways to ask it — ``capability_required`` for views,
``CapabilityPermission`` for the API and the ``can`` template filter
(``accounts/templatetags/capabilities.py``).

A capability says what kind of page or action a role may use; which complaints
that covers is the scope, decided by ``complaints.selectors``."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.permissions import BasePermission

from accounts.models import Role, User


class Capability(models.TextChoices):
    # The labels complete "Uw rol heeft geen toegang tot …".
    VIEW_COMPLAINTS = "view_complaints", _("klachten")
    REGISTER = "register", _("het registreren van klachten")
    TRIAGE = "triage", _("het indelen en doorsturen van klachten")
    # Contacts, notes, measures, verdict, letter, closing and withdrawal.
    HANDLE = "handle", _("het afhandelen van klachten")
    VIEW_REPORTS = "view_reports", _("de rapportages")
    # The annual report's prose and the publication text of each complaint.
    EDIT_ANNUAL_REPORT = "edit_annual_report", _("het bewerken van het jaarverslag")
    # Improvement actions in the staff screens: list, create, owner, due date, done.
    MANAGE_IMPROVEMENTS = "manage_improvements", _("de verbeteracties")
    # AVG requests of a complainant: export everything held (art. 15), erase (art. 17).
    PRIVACY_REQUESTS = "privacy_requests", _("verzoeken over persoonsgegevens (inzage en wissen)")
    # Linking the location names of imported reports to the register (issue 12): review and merge.
    MERGE_LOCATIONS = "merge_locations", _("het koppelen en samenvoegen van locaties")


_HANDLER = frozenset({Capability.VIEW_COMPLAINTS, Capability.HANDLE})

CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.COORDINATOR: frozenset(Capability),
    Role.LOCATION_MANAGER: _HANDLER,
    Role.OPERATIONS_MANAGER: _HANDLER,
    Role.DEPARTMENT_HANDLER: _HANDLER,
    # Reports hold no complainant data, so management reads them.
    Role.MANAGEMENT: frozenset({Capability.VIEW_REPORTS}),
    # Reference data through the Django admin (is_staff), no complaints.
    Role.ADMINISTRATOR: frozenset(),
}


def has_capability(user: User, capability: Capability) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    return capability in CAPABILITIES.get(user.role, frozenset())


def roles_with(capability: Capability) -> frozenset[str]:
    return frozenset(role for role, capabilities in CAPABILITIES.items() if capability in capabilities)


def denied_reason(capability: Capability) -> str:
    """The reason a role is refused ("Uw rol heeft geen toegang tot …"), as the 403 page shows it."""
    return _("Uw rol heeft geen toegang tot %(what)s.") % {"what": capability.label}


def capability_required(capability: Capability) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Not logged in → login page; logged in without the capability → 403."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not has_capability(request.user, capability):
                # The reason is shown on the site's own 403 page (templates/403.html).
                raise PermissionDenied(denied_reason(capability))
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


class CapabilityPermission(BasePermission):
    """For API views that name ``required_capability``: not authenticated →
    401, authenticated without the capability → 403 with the reason."""

    def has_permission(self, request, view) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        capability: Capability = view.required_capability
        if not has_capability(request.user, capability):
            raise exceptions.PermissionDenied(_("Uw rol heeft geen toegang tot %(what)s.") % {"what": capability.label})
        return True
