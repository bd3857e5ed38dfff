"""Read queries for complaints. Every staff read starts from
``complaint_visible_to`` so a user never sees a complaint outside their scope."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.capabilities import Capability, has_capability
from accounts.models import Role, User
from complaints.models import OPEN_STATUSES, Complaint, ComplaintEvent, Status
from organisation.models import Department, Location, Region, match_key

LOCATION_QUERY_MAX_LENGTH = 100
LOCATION_QUERY_MAX_TERMS = 5

ROLES_SEEING_ALL = {Role.COORDINATOR}


def can_read_complaints(user: User) -> bool:
    return has_capability(user, Capability.VIEW_COMPLAINTS)


def complaint_visible_to(user: User) -> QuerySet[Complaint]:
    """Only the coordinator sees every complaint, so only the coordinator
    triages. A handler sees a complaint once it has been forwarded to their
    unit: a location manager to one of their locations, an operations manager
    to a location in their region, a department handler to their department.
    A confidential complaint (about a location manager personally) stays
    hidden from the managers of its location, also when it is handled there."""
    complaints = Complaint.objects.all()
    if not can_read_complaints(user):
        return complaints.none()
    if user.role in ROLES_SEEING_ALL:
        return complaints
    forwarded = complaints.exclude(status=Status.NEW)
    if user.role == Role.LOCATION_MANAGER:
        location_ids = list(user.locations.values_list("id", flat=True))
        return forwarded.filter(handling_location_id__in=location_ids).exclude(
            Q(is_confidential=True) & (Q(location_id__in=location_ids) | Q(handling_location_id__in=location_ids))
        )
    if user.role == Role.OPERATIONS_MANAGER:
        return forwarded.filter(handling_location__region_id=user.region_id)
    if user.role == Role.DEPARTMENT_HANDLER:
        return forwarded.filter(handling_department_id=user.department_id)
    return complaints.none()


def complaint_list(*, user: User) -> QuerySet[Complaint]:
    return complaint_visible_to(user).select_related(
        "location", "legal_entity", "category__version", "handling_location", "handling_department", "assignee"
    )


def assignable_users(complaint: Complaint) -> QuerySet[User]:
    """The active people of the complaint's handling unit who can see it: for a
    location, its location managers and the operations managers of its region;
    for a department, its handlers. A confidential complaint is never assigned
    to a manager of its location (they may not see it)."""
    users = User.objects.filter(is_active=True)
    if complaint.handling_location_id is not None:
        location = complaint.handling_location
        unit = Q(role=Role.LOCATION_MANAGER, locations=location.pk)
        if location.region_id is not None:
            unit |= Q(role=Role.OPERATIONS_MANAGER, region_id=location.region_id)
        users = users.filter(unit)
        if complaint.is_confidential:
            own = {complaint.handling_location_id, complaint.location_id} - {None}
            users = users.exclude(role=Role.LOCATION_MANAGER, locations__in=own)
    elif complaint.handling_department_id is not None:
        users = users.filter(role=Role.DEPARTMENT_HANDLER, department_id=complaint.handling_department_id)
    else:
        return users.none()
    return users.distinct().order_by("first_name", "last_name", "username")


def complaint_get(*, user: User, reference: str) -> Complaint:
    """The complaint if this user may see it; otherwise 404, the same answer as
    for a reference that does not exist."""
    if "\x00" in reference or len(reference) > 20:
        raise Http404("Klacht niet gevonden")
    complaint = (
        complaint_list(user=user).select_related("complainant", "location__region").filter(reference=reference).first()
    )
    if complaint is None:
        raise Http404("Klacht niet gevonden")
    return complaint


def overdue_q(*, now: datetime) -> Q:
    """Open and past its deadline at ``now``; as a ``Q`` so counts can filter on it too."""
    return Q(status__in=OPEN_STATUSES, due_at__lt=now)


def complaint_list_overdue(*, now: datetime, complaints: QuerySet[Complaint] | None = None) -> QuerySet[Complaint]:
    """The overdue complaints, of ``complaints`` (a scoped queryset) or of all."""
    if complaints is None:
        complaints = Complaint.objects.all()
    return complaints.filter(overdue_q(now=now))


def complaint_history(*, complaint: Complaint) -> QuerySet[ComplaintEvent]:
    return complaint.events.select_related("actor").order_by("created_at", "id")


def locations_in_scope(user: User) -> QuerySet[Location]:
    """Locations a user's filters offer, read from the reference table (never by
    scanning complaints, which grows without bound)."""
    if user.role == Role.LOCATION_MANAGER:
        return user.locations.all()
    if user.role == Role.OPERATIONS_MANAGER:
        return Location.objects.filter(region_id=user.region_id)
    if can_read_complaints(user):
        return Location.objects.all()
    return Location.objects.none()


def departments_in_scope(user: User) -> QuerySet[Department]:
    if user.role == Role.DEPARTMENT_HANDLER:
        return Department.objects.filter(id=user.department_id)
    if can_read_complaints(user):
        return Department.objects.all()
    return Department.objects.none()


def regions_in_scope(user: User) -> QuerySet[Region]:
    if user.role == Role.OPERATIONS_MANAGER:
        return Region.objects.filter(id=user.region_id)
    if user.role == Role.LOCATION_MANAGER:
        return Region.objects.filter(locations__in=user.locations.all()).distinct()
    if can_read_complaints(user):
        return Region.objects.all()
    return Region.objects.none()


def location_query(text: str) -> str:
    """A typed location search as the selectors take it: single spaces, no NUL
    (which PostgreSQL refuses in a query) and not longer than a name could be."""
    return " ".join(text.replace("\x00", "").split())[:LOCATION_QUERY_MAX_LENGTH]


def location_search(*, query: str = "", include_id: int | None = None) -> QuerySet[Location]:
    """Active locations whose name or place contains every word typed, by name;
    the public form and the staff forms search the same way. ``include_id``
    keeps a location already chosen in the list."""
    condition = Q()
    for term in query.split()[:LOCATION_QUERY_MAX_TERMS]:
        term_condition = Q(name__icontains=term) | Q(city__icontains=term)
        # The key ignores case, spaces and hyphens: "ka-naalweg" finds "Kanaalweg".
        if key := match_key(term):
            term_condition |= Q(match_key__contains=key)
        condition &= term_condition
    if include_id is not None and condition:
        condition |= Q(pk=include_id)
    return Location.objects.filter(condition, is_active=True).only("id", "name", "city").order_by("name", "id")


@dataclass(frozen=True, slots=True)
class LocationMatches:
    locations: list[Location]
    more: bool  # there were more than the limit; the user should type on


def location_matches(*, query: str, limit: int | None) -> LocationMatches:
    """The first ``limit`` results of ``location_search`` (all without a limit), for a search box."""
    found = location_search(query=query)
    if limit is None:
        return LocationMatches(locations=list(found), more=False)
    first = list(found[: limit + 1])
    return LocationMatches(locations=first[:limit], more=len(first) > limit)
