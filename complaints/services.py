"""Every write to a complaint goes through these functions. Each one runs in a
transaction and records what it changed in the complaint's history."""

import secrets
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from complaints.attachments import MAX_ATTACHMENTS, CheckedFile
from complaints.deadlines import deadline_for
from complaints.models import (
    OPEN_STATUSES,
    STATUS_LINK_AFTER_CLOSING,
    Attachment,
    Category,
    Channel,
    ClosingLetter,
    Complainant,
    Complaint,
    ComplaintEvent,
    ContactMethod,
    ContactMoment,
    InternalNote,
    LetterTemplate,
    Measure,
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
    attachments: Sequence[CheckedFile] = (),
    submission_key: uuid.UUID | None = None,
    consent_at: datetime | None = None,
    actor: User | None = None,
    actor_label: str = "",
    is_demo: bool = False,
    notify: bool = True,
) -> Complaint:
    """Register a complaint the moment it arrives, whatever the channel. The
    complaint, its attachments and the outgoing e-mails (receipt to the
    complainant, notice to the coordinators) are stored in one transaction.
    With a ``submission_key`` a repeated submission returns the first one."""
    if channel == Channel.IMPORT:
        raise ComplaintError("Geïmporteerde klachten worden alleen door de import aangemaakt.")
    if timezone.is_naive(received_at):
        raise ComplaintError("Het ontvangstmoment moet een tijdzone hebben.")
    if received_at > timezone.now():
        raise ComplaintError("De ontvangstdatum ligt in de toekomst.")
    if not description.strip():
        raise ComplaintError("De omschrijving van de klacht is verplicht.")
    if len(attachments) > MAX_ATTACHMENTS:
        raise ComplaintError(f"U kunt maximaal {MAX_ATTACHMENTS} bijlagen meesturen.")
    entity = legal_entity or (location.legal_entity if location else None)
    if entity is None:
        raise ComplaintError("Kies een locatie of een label.")
    if submission_key is not None:
        earlier = Complaint.objects.filter(submission_key=submission_key).first()
        if earlier is not None:
            return earlier
    year = timezone.localtime(received_at).year
    if not transaction.get_connection().in_atomic_block:
        # Take the number in a short transaction of its own: the counter row is the
        # one lock every registration queues on, so it must not be held while the
        # complaint, attachments and e-mails are written. A failure later leaves a
        # gap in the numbering, never a duplicate.
        with transaction.atomic():
            sequence = reference_allocate(year=year)
    else:
        sequence = None
    try:
        with transaction.atomic():
            if sequence is None:
                sequence = reference_allocate(year=year)
            complaint = Complaint.objects.create(
                reference=format_reference(year, sequence),
                year=year,
                sequence=sequence,
                received_at=received_at,
                due_at=deadline_for(received_at),
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
                status_token=secrets.token_urlsafe(32),
                submission_key=submission_key,
                consent_at=consent_at,
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
            for checked in attachments:
                _attachment_store(complaint=complaint, checked=checked, actor=actor, actor_label=actor_label)
            if notify:
                _notify_registered(complaint=complaint, email=complainant.email)
    except IntegrityError:
        # Two identical submissions raced; the other one was stored.
        if submission_key is not None:
            earlier = Complaint.objects.filter(submission_key=submission_key).first()
            if earlier is not None:
                return earlier
        raise
    return complaint


def _attachment_store(*, complaint: Complaint, checked: CheckedFile, actor: User | None, actor_label: str) -> None:
    attachment = Attachment(
        complaint=complaint,
        original_name=(checked.upload.name or "bestand")[:255],
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
    )
    attachment.file.save(checked.upload.name or "bestand", checked.upload, save=False)
    attachment.save()
    event_record(
        complaint=complaint,
        kind="attachment.added",
        actor=actor,
        actor_label=actor_label,
        data={"name": attachment.original_name, "size": attachment.size, "type": attachment.content_type},
    )


def status_url(complaint: Complaint) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("intake:status", args=[complaint.status_token])


def staff_url(complaint: Complaint) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("staff:complaint_detail", args=[complaint.reference])


def coordinator_addresses() -> list[str]:
    configured = list(getattr(settings, "COORDINATOR_EMAILS", []))
    if configured:
        return configured
    return list(
        User.objects.filter(role=Role.COORDINATOR, is_active=True)
        .exclude(email="")
        .order_by("id")
        .values_list("email", flat=True)
    )


def handler_addresses(complaint: Complaint) -> list[str]:
    """Who is told that a complaint was forwarded to them."""
    users = User.objects.filter(is_active=True).exclude(email="")
    if complaint.handling_department_id:
        addresses = list(
            users.filter(role=Role.DEPARTMENT_HANDLER, department_id=complaint.handling_department_id).values_list(
                "email", flat=True
            )
        )
        department_email = complaint.handling_department.email
        return addresses + ([department_email] if department_email else [])
    if complaint.handling_location_id:
        managers = list(
            users.filter(role=Role.LOCATION_MANAGER, locations=complaint.handling_location_id).values_list(
                "email", flat=True
            )
        )
        if managers:
            return managers
        return list(
            users.filter(role=Role.OPERATIONS_MANAGER, region_id=complaint.handling_location.region_id).values_list(
                "email", flat=True
            )
        )
    return []


def _notify_registered(*, complaint: Complaint, email: str) -> None:
    from notifications.services import email_queue

    if email:
        email_queue(
            to=[email],
            template="receipt",
            context={"complaint": complaint, "status_url": status_url(complaint)},
            complaint=complaint,
        )
    coordinators = coordinator_addresses()
    if coordinators:
        email_queue(
            to=coordinators,
            template="coordinator_new",
            context={"complaint": complaint, "staff_url": staff_url(complaint)},
            complaint=complaint,
        )


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
                "forwarded_at": locked.forwarded_at or timezone.now(),
            },
        )
        locked.save()
        event_record(complaint=locked, kind="complaint.forwarded", actor=actor, changes=changes)
        recipients = handler_addresses(locked)
        if recipients:
            from notifications.services import email_queue

            email_queue(
                to=recipients,
                template="handler_forwarded",
                context={"complaint": locked, "staff_url": staff_url(locked), "due_at": locked.due_at},
                complaint=locked,
            )
    return locked


def complaint_close(*, complaint: Complaint, actor: User | None, closed_at: datetime | None = None) -> Complaint:
    """Close a complaint: only with a verdict, a solution and a sent letter."""
    closed_at = closed_at or timezone.now()
    with transaction.atomic():
        locked = _locked(complaint)
        if locked.status not in OPEN_STATUSES:
            raise ComplaintError("Deze klacht is al afgesloten.")
        if not locked.verdict:
            raise ComplaintError("Leg eerst vast of de klacht gegrond is.")
        if not locked.solution.strip():
            raise ComplaintError("Leg eerst de getroffen oplossing vast.")
        letter = ClosingLetter.objects.filter(complaint=locked).first()
        if letter is None or letter.sent_at is None:
            raise ComplaintError("Verstuur eerst de afsluitbrief met het gemotiveerde oordeel.")
        if locked.received_at and closed_at < locked.received_at:
            raise ComplaintError("De sluitdatum ligt vóór de ontvangstdatum.")
        changes = apply_changes(locked, {"status": Status.CLOSED, "closed_at": closed_at})
        locked.save()
        # Closing after the statutory term is recorded as late; it counts against compliance.
        late = bool(locked.due_at and closed_at > locked.due_at)
        event_record(complaint=locked, kind="complaint.closed", actor=actor, changes=changes, data={"late": late})
    return locked


def complaint_withdraw(*, complaint: Complaint, reason: str, actor: User | None) -> Complaint:
    """The complainant withdrew the complaint; recorded as such, not as closed."""
    if not reason.strip():
        raise ComplaintError("Noteer hoe en waarom de indiener de klacht heeft ingetrokken.")
    with transaction.atomic():
        locked = _locked(complaint)
        if locked.status not in OPEN_STATUSES:
            raise ComplaintError("Deze klacht is al afgesloten.")
        changes = apply_changes(
            locked, {"status": Status.WITHDRAWN, "closed_at": timezone.now(), "withdrawn_reason": reason.strip()}
        )
        locked.save()
        event_record(complaint=locked, kind="complaint.withdrawn", actor=actor, changes=changes)
    return locked


def _start_handling(locked: Complaint) -> dict[str, tuple[Any, Any]]:
    if locked.status == Status.FORWARDED:
        return apply_changes(locked, {"status": Status.IN_PROGRESS})
    return {}


def _require_open(locked: Complaint) -> None:
    if locked.status not in OPEN_STATUSES:
        raise ComplaintError("Deze klacht is afgesloten; er kan niets meer aan worden toegevoegd.")


def contact_record(
    *, complaint: Complaint, occurred_at: datetime, method: str, summary: str, actor: User
) -> ContactMoment:
    if method not in ContactMethod.values:
        raise ComplaintError("Kies hoe er contact is geweest.")
    if not summary.strip():
        raise ComplaintError("Vat het contact kort samen.")
    if occurred_at > timezone.now():
        raise ComplaintError("Het contactmoment ligt in de toekomst.")
    with transaction.atomic():
        locked = _locked(complaint)
        _require_open(locked)
        if locked.received_at and occurred_at < locked.received_at:
            raise ComplaintError("Het contactmoment ligt vóór de ontvangst van de klacht.")
        contact = ContactMoment.objects.create(
            complaint=locked, occurred_at=occurred_at, method=method, summary=summary.strip(), recorded_by=actor
        )
        changes = _start_handling(locked)
        if changes:
            locked.save()
        event_record(
            complaint=locked,
            kind="contact.recorded",
            actor=actor,
            changes=changes,
            data={"method": method, "occurred_at": occurred_at.isoformat(), "summary": summary.strip()},
        )
    return contact


def note_add(*, complaint: Complaint, text: str, actor: User) -> InternalNote:
    if not text.strip():
        raise ComplaintError("Een notitie mag niet leeg zijn.")
    with transaction.atomic():
        locked = _locked(complaint)
        note = InternalNote.objects.create(complaint=locked, text=text.strip(), author=actor)
        event_record(complaint=locked, kind="note.added", actor=actor, data={"text": note.text})
    return note


def measure_add(*, complaint: Complaint, description: str, owner: str, due_date: date, actor: User) -> Measure:
    if not description.strip() or not owner.strip():
        raise ComplaintError("Beschrijf de maatregel en wie hem uitvoert.")
    if due_date < timezone.localdate():
        raise ComplaintError("De termijn van een maatregel moet vandaag of later zijn.")
    with transaction.atomic():
        locked = _locked(complaint)
        _require_open(locked)
        measure = Measure.objects.create(
            complaint=locked, description=description.strip(), owner=owner.strip(), due_date=due_date, created_by=actor
        )
        changes = _start_handling(locked)
        if changes:
            locked.save()
        event_record(
            complaint=locked,
            kind="measure.added",
            actor=actor,
            changes=changes,
            data={"description": measure.description, "owner": measure.owner, "due_date": due_date.isoformat()},
        )
    return measure


def measure_complete(*, measure: Measure, actor: User) -> Measure:
    with transaction.atomic():
        locked = Measure.objects.select_for_update().get(pk=measure.pk)
        if locked.done_at is not None:
            raise ComplaintError("Deze maatregel is al gerealiseerd.")
        locked.done_at = timezone.now()
        locked.save(update_fields=["done_at"])
        event_record(
            complaint=locked.complaint,
            kind="measure.done",
            actor=actor,
            data={"description": locked.description},
        )
    return locked


def complaint_set_outcome(*, complaint: Complaint, verdict: str, solution: str, actor: User) -> Complaint:
    """Record the verdict (gegrond: ja / deels / nee) and the solution."""
    if verdict not in Verdict.values:
        raise ComplaintError("Kies of de klacht gegrond, deels gegrond of ongegrond is.")
    if not solution.strip():
        raise ComplaintError("Beschrijf de getroffen oplossing.")
    with transaction.atomic():
        locked = _locked(complaint)
        _require_open(locked)
        changes = apply_changes(locked, {"verdict": verdict, "solution": solution.strip()})
        changes |= _start_handling(locked)
        if changes:
            locked.save()
            event_record(complaint=locked, kind="complaint.outcome_set", actor=actor, changes=changes)
    return locked


def letter_draft(*, complaint: Complaint, actor: User, template: LetterTemplate | None = None) -> ClosingLetter:
    """Draft (or redraft) the closing letter from a template and the recorded outcome."""
    from complaints.letters import letter_render_body

    template = template or LetterTemplate.objects.filter(is_default=True).first()
    if template is None:
        raise ComplaintError("Er is geen standaard briefsjabloon; leg er een vast in het beheer.")
    with transaction.atomic():
        locked = _locked(complaint)
        _require_open(locked)
        if not locked.verdict or not locked.solution.strip():
            raise ComplaintError("Leg eerst het oordeel en de oplossing vast; de brief wordt daaruit opgesteld.")
        letter = ClosingLetter.objects.filter(complaint=locked).first()
        if letter is not None and letter.sent_at is not None:
            raise ComplaintError("De afsluitbrief is al verstuurd.")
        body = letter_render_body(template=template, complaint=locked)
        if letter is None:
            letter = ClosingLetter.objects.create(complaint=locked, body=body, template=template)
        else:
            letter.body, letter.template = body, template
            letter.save()
        event_record(complaint=locked, kind="letter.drafted", actor=actor, data={"template": template.name})
    return letter


def letter_update(*, complaint: Complaint, body: str, actor: User) -> ClosingLetter:
    if not body.strip():
        raise ComplaintError("De brief mag niet leeg zijn.")
    with transaction.atomic():
        locked = _locked(complaint)
        _require_open(locked)
        letter = ClosingLetter.objects.filter(complaint=locked).first()
        if letter is None:
            raise ComplaintError("Stel eerst een brief op.")
        if letter.sent_at is not None:
            raise ComplaintError("De afsluitbrief is al verstuurd en kan niet meer worden gewijzigd.")
        changes = {"body": (letter.body, body.strip())} if letter.body != body.strip() else {}
        letter.body = body.strip()
        letter.save()
        if changes:
            event_record(complaint=locked, kind="letter.updated", actor=actor, changes=changes)
    return letter


def letter_send(*, complaint: Complaint, actor: User) -> ClosingLetter:
    """Render the reviewed letter to PDF, keep it with the complaint and e-mail
    it to the complainant (through the outbox, in this transaction)."""
    from complaints.letters import letter_pdf
    from notifications.services import EmailAttachment, email_queue

    with transaction.atomic():
        locked = _locked(complaint)
        _require_open(locked)
        letter = ClosingLetter.objects.select_for_update().filter(complaint=locked).first()
        if letter is None:
            raise ComplaintError("Stel eerst een brief op.")
        if letter.sent_at is not None:
            raise ComplaintError("De afsluitbrief is al verstuurd.")
        complainant = Complainant.objects.filter(complaint=locked).first()
        if complainant is None or not complainant.email:
            raise ComplaintError(
                "Er is geen e-mailadres van de indiener; de brief kan niet per e-mail worden verstuurd."
            )
        now = timezone.now()
        pdf = letter_pdf(complaint=locked, body=letter.body, sent_on=timezone.localdate(now))
        filename = f"afhandeling-klacht-{locked.reference}.pdf"
        letter.pdf.save(filename, ContentFile(pdf), save=False)
        letter.sent_at, letter.sent_by = now, actor
        letter.save()
        email_queue(
            to=[complainant.email],
            template="closing_letter",
            context={"complaint": locked, "status_url": status_url(locked)},
            complaint=locked,
            attachments=[EmailAttachment(filename=filename, content=pdf, mimetype="application/pdf")],
        )
        event_record(complaint=locked, kind="letter.sent", actor=actor, data={"to": complainant.email})
    return letter


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


def complainant_erase(*, complaint: Complaint, actor: User | None, actor_label: str = "") -> bool:
    """Erase the complainant's contact details; the complaint and its history
    stay. Returns False when there was nothing left to erase."""
    with transaction.atomic():
        complainant = Complainant.objects.select_for_update().filter(complaint=complaint).first()
        if complainant is None or complainant.erased_at is not None:
            return False
        complainant.name = complainant.email = complainant.phone = ""
        complainant.erased_at = timezone.now()
        complainant.save()
        # The history records that it happened, never the erased values.
        event_record(complaint=complaint, kind="complainant.erased", actor=actor, actor_label=actor_label)
    return True


def complainants_erase_expired(*, now: datetime | None = None) -> int:
    """Contact details are kept until the status link expires: a year after the
    complaint was closed or withdrawn (see the privacy statement)."""
    cutoff = (now or timezone.now()) - STATUS_LINK_AFTER_CLOSING
    expired = Complaint.objects.filter(
        closed_at__lt=cutoff, complainant__erased_at__isnull=True, complainant__isnull=False
    ).only("id")
    return sum(complainant_erase(complaint=complaint, actor=None, actor_label="bewaartermijn") for complaint in expired)


def complaint_set_publication_text(*, complaint: Complaint, text: str, reviewed: bool, actor: User) -> Complaint:
    """The anonymised text the annual report prints instead of the description;
    ``reviewed`` says that a person checked it holds no names of children,
    parents or staff."""
    if reviewed and not text.strip():
        raise ComplaintError("Een lege publicatietekst kan niet als gecontroleerd worden gemarkeerd.")
    with transaction.atomic():
        locked = _locked(complaint)
        changes = apply_changes(locked, {"publication_text": text.strip(), "publication_reviewed": reviewed})
        if changes:
            locked.save()
            event_record(complaint=locked, kind="complaint.publication_text_set", actor=actor, changes=changes)
    return locked
