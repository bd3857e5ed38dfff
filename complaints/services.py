"""Every write to a complaint goes through these functions. Each one runs in a
transaction and records what it changed in the complaint's history."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from accounts.models import User
from complaints.models import (
    HANDLING_TERM,
    OPEN_STATUSES,
    Category,
    Channel,
    Complainant,
    Complaint,
    ComplaintEvent,
    ReferenceCounter,
    Status,
    TaxonomyVersion,
    Verdict,
)
from organisation.models import Department, LegalEntity, Location


class ComplaintError(Exception):
    """A requested change is not allowed; the message is shown to the user."""


def format_reference(year: int, sequence: int) -> str:
    return f"K{year}-{sequence:05d}"


def _history_value(value: Any) -> Any:
    """How a field value is written into the history: model instances by their
    name (readable after the row is gone), dates as ISO text."""
    if isinstance(value, Model):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def event_record(
    *,
    complaint: Complaint,
    kind: str,
    actor: User | None = None,
    actor_label: str = "",
    changes: Mapping[str, tuple[Any, Any]] | None = None,
    data: Mapping[str, Any] | None = None,
) -> ComplaintEvent:
    payload: dict[str, Any] = dict(data or {})
    if changes:
        payload["changes"] = {
            field: [_history_value(old), _history_value(new)] for field, (old, new) in changes.items()
        }
    return ComplaintEvent.objects.create(
        complaint=complaint, kind=kind, actor=actor, actor_label=actor_label, data=payload
    )


def apply_changes(complaint: Complaint, values: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Set the given fields and return {field: (old, new)} for those that changed."""
    changes: dict[str, tuple[Any, Any]] = {}
    for field, new in values.items():
        old = getattr(complaint, field)
        if old != new:
            changes[field] = (old, new)
            setattr(complaint, field, new)
    return changes


def reference_allocate(*, year: int, at_least: int = 0) -> int:
    """Hand out the next sequence number of a year. The counter row is locked,
    so two registrations never get the same reference."""
    ReferenceCounter.objects.get_or_create(year=year)
    counter = ReferenceCounter.objects.select_for_update().get(year=year)
    counter.last = max(counter.last + 1, at_least)
    counter.save(update_fields=["last"])
    return counter.last


@dataclass(frozen=True, slots=True)
class ComplainantData:
    name: str = ""
    email: str = ""
    phone: str = ""


def complaint_register(
    *,
    received_at: datetime,
    channel: str,
    complainant_kind: str,
    legal_entity: LegalEntity | None = None,
    location: Location | None,
    description: str,
    desired_outcome: str = "",
    care_type: str = "",
    category: Category | None = None,
    complainant: ComplainantData,
    actor: User | None = None,
    actor_label: str = "",
    is_demo: bool = False,
) -> Complaint:
    """Register a complaint the moment it arrives, whatever the channel."""
    if channel == Channel.IMPORT:
        raise ComplaintError("Geïmporteerde klachten worden alleen door de import aangemaakt.")
    if timezone.is_naive(received_at):
        raise ComplaintError("Het ontvangstmoment moet een tijdzone hebben.")
    if received_at > timezone.now():
        raise ComplaintError("De ontvangstdatum ligt in de toekomst.")
    if not description.strip():
        raise ComplaintError("De omschrijving van de klacht is verplicht.")
    entity = legal_entity or (location.legal_entity if location else None)
    if entity is None:
        raise ComplaintError("Kies een locatie of een label.")
    year = timezone.localtime(received_at).year
    with transaction.atomic():
        sequence = reference_allocate(year=year)
        complaint = Complaint.objects.create(
            reference=format_reference(year, sequence),
            year=year,
            sequence=sequence,
            received_at=received_at,
            due_at=received_at + HANDLING_TERM,
            channel=channel,
            complainant_kind=complainant_kind,
            legal_entity=entity,
            location=location,
            category=category,
            care_type=care_type,
            description=description,
            desired_outcome=desired_outcome,
            status=Status.NEW,
            is_demo=is_demo,
        )
        Complainant.objects.create(
            complaint=complaint, name=complainant.name, email=complainant.email, phone=complainant.phone
        )
        event_record(
            complaint=complaint,
            kind="complaint.registered",
            actor=actor,
            actor_label=actor_label,
            data={"channel": channel, "reference": complaint.reference},
        )
    return complaint


def _locked(complaint: Complaint) -> Complaint:
    return Complaint.objects.select_for_update().get(pk=complaint.pk)


def complaint_forward(
    *,
    complaint: Complaint,
    category: Category,
    location: Location | None,
    handling_location: Location | None = None,
    handling_department: Department | None = None,
    actor: User | None,
) -> Complaint:
    """Triage: set category and location and forward to the unit that handles it."""
    if (handling_location is None) == (handling_department is None):
        raise ComplaintError("Kies één behandelaar: een locatie of een afdeling.")
    with transaction.atomic():
        locked = _locked(complaint)
        if locked.status not in OPEN_STATUSES:
            raise ComplaintError("Een afgesloten klacht kan niet worden doorgestuurd.")
        changes = apply_changes(
            locked,
            {
                "category": category,
                "location": location,
                "legal_entity": location.legal_entity if location else locked.legal_entity,
                "handling_location": handling_location,
                "handling_department": handling_department,
                "status": Status.FORWARDED if locked.status == Status.NEW else locked.status,
            },
        )
        locked.save()
        event_record(complaint=locked, kind="complaint.forwarded", actor=actor, changes=changes)
    return locked


def complaint_close(
    *, complaint: Complaint, verdict: str, solution: str, actor: User | None, closed_at: datetime | None = None
) -> Complaint:
    if verdict not in Verdict.values:
        raise ComplaintError("Kies of de klacht gegrond, deels gegrond of ongegrond is.")
    if not solution.strip():
        raise ComplaintError("Beschrijf de getroffen oplossing.")
    closed_at = closed_at or timezone.now()
    with transaction.atomic():
        locked = _locked(complaint)
        if locked.status not in OPEN_STATUSES:
            raise ComplaintError("Deze klacht is al afgesloten.")
        if locked.received_at and closed_at < locked.received_at:
            raise ComplaintError("De sluitdatum ligt vóór de ontvangstdatum.")
        changes = apply_changes(
            locked, {"verdict": verdict, "solution": solution, "status": Status.CLOSED, "closed_at": closed_at}
        )
        locked.save()
        event_record(complaint=locked, kind="complaint.closed", actor=actor, changes=changes)
    return locked


def taxonomy_version_copy(*, source: TaxonomyVersion, year: int) -> TaxonomyVersion:
    """Start the taxonomy of a new year as a copy of an earlier one, each
    category mapped onto the one it was copied from."""
    with transaction.atomic():
        if TaxonomyVersion.objects.filter(year=year).exists():
            raise ComplaintError(f"Er bestaat al een categorie-indeling voor {year}.")
        version = TaxonomyVersion.objects.create(year=year, name=f"Indeling {year}", previous=source)
        for old in source.categories.order_by("position", "name"):
            new = Category.objects.create(
                version=version, name=old.name, position=old.position, is_active=old.is_active
            )
            new.maps_to.add(old)
    return version
