"""Read queries for complaints. Every staff read starts from
``complaint_visible_to`` so a user never sees a complaint outside their scope."""

from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.capabilities import Capability, has_capability
from accounts.models import Role, User
from complaints.models import Complaint, ComplaintEvent
from organisation.models import Department, Location, Region

ROLES_SEEING_ALL = {Role.COORDINATOR}


def can_read_complaints(user: User) -> bool:
    return has_capability(user, Capability.VIEW_COMPLAINTS)


def complaint_visible_to(user: User) -> QuerySet[Complaint]:
    complaints = Complaint.objects.all()
    if not can_read_complaints(user):
        return complaints.none()
    if user.role in ROLES_SEEING_ALL:
        return complaints
    if user.role == Role.LOCATION_MANAGER:
        location_ids = list(user.locations.values_list("id", flat=True))
        return complaints.filter(Q(location_id__in=location_ids) | Q(handling_location_id__in=location_ids))
    if user.role == Role.OPERATIONS_MANAGER:
        return complaints.filter(Q(location__region_id=user.region_id) | Q(handling_location__region_id=user.region_id))
    if user.role == Role.DEPARTMENT_HANDLER:
        return complaints.filter(handling_department_id=user.department_id)
    return complaints.none()


def complaint_list(*, user: User) -> QuerySet[Complaint]:
    return complaint_visible_to(user).select_related(
        "location", "legal_entity", "category", "handling_location", "handling_department"
    )


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
