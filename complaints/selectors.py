"""Read queries for complaints. Every staff read starts from
``complaint_visible_to`` so a user never sees a complaint outside their scope."""

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

from django.db import connection
from django.db.models import Exists, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.capabilities import Capability, has_capability
from accounts.models import Role, User
from complaints.models import (
    OPEN_STATUSES,
    Attachment,
    ClosingLetter,
    Complaint,
    ComplaintEvent,
    ContactMethod,
    ContactMoment,
    EventKind,
    InternalNote,
    Measure,
    Status,
)
from organisation.keys import compact
from organisation.models import Department, Location, Region
from organisation.search import words_near

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


# What every page of one complaint shows (and the API returns): the complainant, the place and the category.
COMPLAINT_GET_RELATED = ("complainant", "location", "legal_entity", "category")


def complaint_get(*, user: User, reference: str) -> Complaint:
    """The complaint if this user may see it; otherwise 404, the same answer as
    for a reference that does not exist."""
    if "\x00" in reference or len(reference) > 20:
        raise Http404("Klacht niet gevonden")
    # Five tables, not ten: PostgreSQL spent 5-12 ms planning the ten-table join (for
    # 0.3 ms of execution at 100,000 complaints), 0.5-0.8 ms with five. The handling unit
    # and the assignee, shown on the detail page only, come by their key when read (no
    # query when empty); nothing reads the location's region or the category's version.
    # get(), not first(): the reference is unique, and first() orders by the model's
    # ordering, which Django spent ~20 % of this lookup's CPU compiling.
    try:
        return complaint_visible_to(user).select_related(*COMPLAINT_GET_RELATED).get(reference=reference)
    except Complaint.DoesNotExist:
        raise Http404("Klacht niet gevonden") from None


_CONTENT_MODELS = {"measures": Measure, "contacts": ContactMoment, "notes": InternalNote, "attachments": Attachment}


@lru_cache(maxsize=4)
def _contents_sql(vendor: str) -> str:
    def has_rows(model) -> str:
        table = connection.ops.quote_name(model._meta.db_table)
        column = connection.ops.quote_name(model._meta.get_field("complaint").column)
        return f"EXISTS (SELECT 1 FROM {table} WHERE {column} = %s)"

    return "SELECT " + ", ".join(has_rows(model) for model in (*_CONTENT_MODELS.values(), ClosingLetter))


def complaint_contents(*, complaint: Complaint) -> dict:
    """What the detail page and the dossier show under the complaint: its measures,
    contacts (with who recorded them), internal notes, attachments and closing letter
    (with who sent it). One small query says which of them exist (its SQL written once:
    through the ORM, four EXISTS cost ~1.5 ms of CPU to build); each that does is one
    query more, one that does not none (a new complaint: one query instead of five).
    The caller has checked scope (``complaint_get``)."""
    with connection.cursor() as cursor:
        cursor.execute(_contents_sql(connection.vendor), [complaint.pk] * (len(_CONTENT_MODELS) + 1))
        *has_rows, has_letter = (bool(value) for value in cursor.fetchone())
    has = dict(zip(_CONTENT_MODELS, has_rows, strict=True))
    return {
        "contacts": complaint.contacts.select_related("recorded_by") if has["contacts"] else (),
        "notes": complaint.notes.select_related("author") if has["notes"] else (),
        "measures": complaint.measures.all() if has["measures"] else (),
        "attachments": complaint.attachments.all() if has["attachments"] else (),
        "letter": ClosingLetter.objects.filter(complaint=complaint).select_related("sent_by").first()
        if has_letter
        else None,
    }


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


MESSAGE_EVENT_KINDS = (EventKind.MESSAGE_RECEIVED, EventKind.MESSAGE_SENT)


def complaint_messages(*, complaint: Complaint) -> QuerySet[ComplaintEvent]:
    """The conversation with the complainant: their messages (replies by
    e-mail, information added on the status page) and the messages sent to
    them, oldest first. The caller has checked scope (``complaint_get``)."""
    return complaint.events.filter(kind__in=MESSAGE_EVENT_KINDS).select_related("actor").order_by("created_at", "id")


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


def location_search(
    *, query: str = "", include_id: int | None = None, public: bool = False, fuzzy: bool = False
) -> QuerySet[Location]:
    """Active locations found by every word typed, each a part of the name, town,
    street or postcode, ignoring accents, case, spaces and hyphens ("mozaiek",
    "ka-naalweg", "1012ab"); by name. The public form and the staff screens search
    the same way. ``public``: once the national register is loaded, only its
    locations (not the names known only from an imported report). ``fuzzy``: each word
    may also be a word of a location with one typo ("utrehct"); ``location_matches``
    uses it when the exact search finds nothing. ``include_id`` keeps a location
    already chosen in the list."""
    terms = location_terms(query)
    if query.strip() and not terms:
        # Only punctuation ("%", "-"): nothing to find by, so nothing found (not everything).
        return Location.objects.filter(pk=include_id if include_id is not None else -1, is_active=True)
    condition = Q()
    for term in terms:
        term_condition = Q(search_text__contains=term)
        if fuzzy:
            for word in words_near(term):
                term_condition |= Q(search_text__contains=word)
        condition &= term_condition
    if include_id is not None and condition:
        condition |= Q(pk=include_id)
    locations = Location.objects.filter(condition, is_active=True)
    if public:
        locations = locations.filter(receivable_q())
    # The legal entity's id too: a complaint registered at the location takes it.
    return locations.only("id", "name", "city", "legal_entity").order_by("name", "id")


def receivable_q() -> Q:
    """Locations a parent can file a complaint about: register locations once the register
    is loaded (before that, every active location)."""
    return Q(lrk_number__isnull=False) | ~Exists(Location.objects.filter(lrk_number__isnull=False))


def location_terms(query: str) -> list[str]:
    terms = (compact(word) for word in query.split()[:LOCATION_QUERY_MAX_TERMS])
    return [term for term in terms if term]


@dataclass(frozen=True, slots=True)
class LocationMatches:
    locations: list[Location]
    more: bool  # there were more than the limit; the user should type on
    fuzzy: bool = False  # found only by tolerating a typo


def location_matches(
    *, query: str, limit: int | None, public: bool = False, include_id: int | None = None
) -> LocationMatches:
    """The first ``limit`` results of ``location_search`` (all without a limit), for a
    search box; when nothing matches exactly, those found with one typo per word."""
    result = _matches(location_search(query=query, public=public, include_id=include_id), limit)
    if query and not any(location.pk != include_id for location in result.locations):
        if not any(words_near(term) for term in location_terms(query)):
            return result  # no word of any location is one typo away: nothing more to find
        found = location_search(query=query, public=public, include_id=include_id, fuzzy=True)
        fuzzy = _matches(found, limit)
        return LocationMatches(locations=fuzzy.locations, more=fuzzy.more, fuzzy=True)
    return result


def location_matches_public(*, query: str, limit: int, include_id: int | None = None) -> LocationMatches:
    """The public form's list of locations: nothing until something is typed (with the
    national register there are 30,000; the page must not render them), at most ``limit``
    matches after that, and the location already chosen always among them."""
    if not query:
        if include_id is None:
            return LocationMatches(locations=[], more=False)
        return LocationMatches(locations=list(location_search(public=True).filter(pk=include_id)), more=False)
    result = location_matches(query=query, limit=limit, public=True, include_id=include_id)
    if include_id is not None and not any(location.pk == include_id for location in result.locations):
        chosen = list(location_search(public=True).filter(pk=include_id))
        return LocationMatches(locations=chosen + result.locations, more=result.more, fuzzy=result.fuzzy)
    return result


def _matches(found: QuerySet[Location], limit: int | None) -> LocationMatches:
    if limit is None:
        return LocationMatches(locations=list(found), more=False)
    first = list(found[: limit + 1])
    return LocationMatches(locations=first[:limit], more=len(first) > limit)


# What the complainant sees of the history: never notes, measures, outcome
# drafts, letters in progress, e-mail delivery, staff names (only the signature
# of a message to them) or the summary of a contact.
PUBLIC_EVENT_KINDS = (
    EventKind.COMPLAINT_REGISTERED,
    EventKind.COMPLAINT_FORWARDED,
    EventKind.CONTACT_RECORDED,
    EventKind.MESSAGE_RECEIVED,
    EventKind.MESSAGE_SENT,
    EventKind.ANSWER_DATE_SET,
    EventKind.LETTER_SENT,
    EventKind.COMPLAINT_CLOSED,
    EventKind.COMPLAINT_WITHDRAWN,
    EventKind.COMPLAINT_REOPENED,
)
_PUBLIC_TITLES = {
    EventKind.COMPLAINT_REGISTERED: _("Klacht ontvangen en geregistreerd"),
    EventKind.COMPLAINT_FORWARDED: _("Doorgestuurd voor behandeling"),
    EventKind.CONTACT_RECORDED: _("Contact met u"),
    EventKind.MESSAGE_RECEIVED: _("Uw bericht"),
    EventKind.MESSAGE_SENT: _("Bericht aan u"),
    EventKind.ANSWER_DATE_SET: _("Nieuwe datum voor ons antwoord"),
    EventKind.LETTER_SENT: _("Brief met ons oordeel verstuurd"),
    EventKind.COMPLAINT_CLOSED: _("Klacht afgehandeld"),
    EventKind.COMPLAINT_WITHDRAWN: _("Klacht ingetrokken"),
    EventKind.COMPLAINT_REOPENED: _("Klacht weer in behandeling"),
}


@dataclass(frozen=True, slots=True)
class PublicTimelineEntry:
    """One step of the complaint as the complainant may see it."""

    at: datetime
    kind: str
    title: str
    text: str = ""
    subject: str = ""
    attachments: list[str] = field(default_factory=list)
    from_complainant: bool = False
    signed_name: str = ""
    signed_role: str = ""
    answer_on: date | None = None


def _public_entry(event: ComplaintEvent) -> PublicTimelineEntry:
    kind, data = EventKind(event.kind), event.data or {}
    entry = {"at": event.created_at, "kind": kind.value, "title": str(_PUBLIC_TITLES[kind])}
    if kind == EventKind.COMPLAINT_FORWARDED:
        # Which unit handles it is not told (the status page never has): they contact the parent.
        entry["text"] = gettext("De locatie of afdeling die uw klacht behandelt, neemt contact met u op.")
    if kind == EventKind.CONTACT_RECORDED:
        method = data.get("method", "")
        label = dict(ContactMethod.choices).get(method)
        entry["text"] = f"{label}." if label else ""
    elif kind == EventKind.MESSAGE_RECEIVED:
        entry |= {
            "text": data.get("message", ""),
            "subject": data.get("subject", ""),
            "attachments": list(data.get("attachments", [])),
            "from_complainant": True,
        }
    elif kind == EventKind.MESSAGE_SENT:
        signed = data.get("signed") or {}
        entry |= {
            "text": data.get("message", ""),
            "subject": data.get("subject", ""),
            "signed_name": signed.get("name", ""),
            "signed_role": signed.get("role", ""),
        }
    elif kind == EventKind.ANSWER_DATE_SET:
        new = data.get("changes", {}).get("expected_answer_on", [None, None])[1]
        entry["answer_on"] = date.fromisoformat(new) if new else None
    return PublicTimelineEntry(**entry)


def complaint_public_timeline(*, complaint: Complaint) -> list[PublicTimelineEntry]:
    """The complaint's history as its complainant may read it on the status
    page: received, forwarded, contacts (how, not what was noted), messages
    both ways, a new answer date, the letter, closing. One query."""
    events = complaint.events.filter(kind__in=PUBLIC_EVENT_KINDS).order_by("created_at", "id")
    return [_public_entry(event) for event in events.only("kind", "data", "created_at")]
