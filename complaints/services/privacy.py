"""Personal data (AVG): erasing a complainant's contact details everywhere the
system put them (art. 17 and the retention period), exporting everything held
about one complainant (art. 15), and the anonymised publication text."""

import io
import json
import logging
import re
import zipfile
from calendar import monthrange
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from accounts.models import User
from complaints.models import ClosingLetter, Complainant, Complaint, EventKind
from complaints.services.common import ComplaintError, apply_changes, event_record, locked
from notifications.models import EmailStatus, OutboundAttachment, OutboundEmail
from notifications.rendering import render_stored

ERASED = "[gewist]"
RETENTION_ACTOR = "bewaartermijn"
logger = logging.getLogger(__name__)


def _scrub(value: Any, pattern: re.Pattern[str]) -> Any:
    """``value`` (JSON-like) with every occurrence of the erased details replaced."""
    if isinstance(value, str):
        return pattern.sub(ERASED, value)
    if isinstance(value, list):
        return [_scrub(item, pattern) for item in value]
    if isinstance(value, dict):
        return {key: _scrub(item, pattern) for key, item in value.items()}
    return value


def _erase_pattern(values: list[str]) -> re.Pattern[str] | None:
    # Longest first, so a name inside an e-mail address does not leave its domain behind.
    values = sorted({value for value in values if value.strip()}, key=len, reverse=True)
    if not values:
        return None
    # Whole words only: a short first name must not cut letters out of other words.
    return re.compile("|".join(rf"(?<!\w){re.escape(value)}(?!\w)" for value in values), re.IGNORECASE)


def _outbox_fields(email: OutboundEmail) -> tuple:
    return (email.to, email.subject, email.body_text, email.body_html, email.reply_to, email.context)


def _erase_outbox(complaint: Complaint, pattern: re.Pattern[str], address: str) -> tuple[int, int]:
    """Scrub the complaint's outbox rows; a message to the complainant that was
    not sent yet cannot be sent any more. Returns (rows changed, rows cancelled)."""
    changed = cancelled = 0
    for email in OutboundEmail.objects.select_for_update().filter(complaint=complaint):
        before = _outbox_fields(email)
        email.to = [ERASED if recipient.casefold() == address.casefold() else recipient for recipient in email.to]
        email.subject = _scrub(email.subject, pattern)
        email.body_text = _scrub(email.body_text, pattern)
        email.body_html = _scrub(email.body_html, pattern)
        # A message still to be rendered by the worker keeps the values it will say.
        email.context = _scrub(email.context, pattern)
        email.reply_to = "" if email.reply_to and pattern.search(email.reply_to) else email.reply_to
        email.last_error = _scrub(email.last_error, pattern)
        cancel = email.status == EmailStatus.PENDING and ERASED in email.to
        if cancel:
            email.status = EmailStatus.FAILED
            email.last_error = "Niet verstuurd: de contactgegevens van de indiener zijn gewist."
            cancelled += 1
        if cancel or _outbox_fields(email) != before:
            email.save()
            changed += 1
    return changed, cancelled


def _erase_letter(complaint: Complaint, pattern: re.Pattern[str]) -> bool:
    """Scrub the letter's text and remove its stored PDF (which holds the name);
    True if a PDF was removed."""
    letter = ClosingLetter.objects.select_for_update().filter(complaint=complaint).first()
    if letter is None:
        return False
    letter.body = _scrub(letter.body, pattern)
    removed = bool(letter.pdf)
    if removed:
        name, storage = letter.pdf.name, letter.pdf.storage
        # The outbox attachment refers to the same file; it goes with it.
        OutboundAttachment.objects.filter(file=name).update(file="")
        transaction.on_commit(lambda: storage.delete(name))
        letter.pdf = ""
    letter.save()
    return removed


def complainant_erase(*, complaint: Complaint, actor: User | None, actor_label: str = "", reason: str = "") -> bool:
    """Erase the complainant's contact details from the complainant record, the
    history's event data, the outbox (recipients, subjects, bodies), the letter's
    text and its stored PDF, and revoke the status link (its token is in the
    receipt). The complaint stays; the history records that and why it
    happened, never the erased values. Returns False when there was nothing
    left to erase."""
    with transaction.atomic():
        current = locked(complaint)
        complainant = Complainant.objects.select_for_update().filter(complaint=current).first()
        if complainant is None or complainant.erased_at is not None:
            return False
        token = current.status_token or ""
        pattern = _erase_pattern([complainant.name, complainant.email, complainant.phone, token])
        events_scrubbed = emails_scrubbed = emails_cancelled = 0
        letter_pdf_removed = False
        if pattern is not None:
            for event in current.events.select_for_update():
                scrubbed = _scrub(event.data, pattern)
                if scrubbed != event.data:
                    event.data = scrubbed
                    event.save(update_fields=["data"])
                    events_scrubbed += 1
            emails_scrubbed, emails_cancelled = _erase_outbox(current, pattern, complainant.email)
            letter_pdf_removed = _erase_letter(current, pattern)
        if token:
            current.status_token = None
            current.save(update_fields=["status_token", "updated_at"])
        complainant.name = complainant.email = complainant.phone = complainant.salutation = ""
        complainant.erased_at = timezone.now()
        complainant.save()
        event_record(
            complaint=current,
            kind=EventKind.COMPLAINANT_ERASED,
            actor=actor,
            actor_label=actor_label,
            data={
                "reason": reason.strip(),
                "events_scrubbed": events_scrubbed,
                "emails_scrubbed": emails_scrubbed,
                "emails_cancelled": emails_cancelled,
                "letter_pdf_removed": letter_pdf_removed,
                "status_link_revoked": bool(token),
            },
        )
    return True


def complainant_erase_on_request(*, complaint: Complaint, reason: str, actor: User) -> Complaint:
    """Art. 17: the coordinator erases the contact details at the complainant's request."""
    if not reason.strip():
        raise ComplaintError(gettext("Geef de reden van het wissen op, bijvoorbeeld het verzoek van de indiener."))
    if not complainant_erase(complaint=complaint, actor=actor, reason=reason):
        raise ComplaintError(gettext("Er zijn geen contactgegevens (meer) om te wissen."))
    return complaint


def months_before(moment: datetime, months: int) -> datetime:
    """The same moment ``months`` calendar months earlier (the 31st becomes the month's last day)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(moment.day, monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def complainants_erase_expired(*, now: datetime | None = None) -> int:
    """Contact details are kept for ``COMPLAINANT_RETENTION_MONTHS`` after the
    complaint was closed or withdrawn (see the privacy statement)."""
    cutoff = months_before(now or timezone.now(), settings.COMPLAINANT_RETENTION_MONTHS)
    expired = Complaint.objects.filter(
        closed_at__lt=cutoff, complainant__erased_at__isnull=True, complainant__isnull=False
    ).only("id")
    return sum(complainant_erase(complaint=complaint, actor=None, actor_label=RETENTION_ACTOR) for complaint in expired)


@dataclass(frozen=True, slots=True)
class ComplainantExport:
    filename: str
    content: bytes
    references: list[str]


def _moment(value: datetime | None) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def complaints_of_complainant(complaint: Complaint) -> list[Complaint]:
    """This complaint and the others filed with the same e-mail address."""
    complainant = Complainant.objects.filter(complaint=complaint).first()
    if complainant is None or not complainant.email:
        return [complaint]
    return list(
        Complaint.objects.filter(complainant__email__iexact=complainant.email, complainant__erased_at__isnull=True)
        .select_related("complainant", "location", "category")
        .order_by("received_at", "id")
    )


def _email_content(email: OutboundEmail) -> tuple[str, str]:
    """Subject and text of a message, also of one the worker has not rendered yet
    (rendered here from its stored values, as it will be sent; nothing saved)."""
    try:
        subject, body_text, _ = render_stored(email)
    except Exception:  # a message that cannot be rendered is never sent: it said nothing
        logger.exception("e-mail %s could not be rendered for the export", email.pk)
        return "", ""
    return subject, body_text


def _complaint_summary(complaint: Complaint, address: str) -> dict[str, Any]:
    complainant = complaint.complainant
    letter = ClosingLetter.objects.filter(complaint=complaint).first()
    emails = [
        (email, _email_content(email))
        for email in OutboundEmail.objects.filter(complaint=complaint).order_by("created_at", "id")
        if address and any(recipient.casefold() == address.casefold() for recipient in email.to)
    ]
    return {
        "kenmerk": complaint.reference,
        "ontvangen_op": _moment(complaint.received_at),
        "kanaal": complaint.get_channel_display(),
        "indiener": {
            "naam": complainant.name,
            "aanhef": complainant.salutation,
            "e-mailadres": complainant.email,
            "telefoon": complainant.phone,
        },
        "soort_indiener": complaint.get_complainant_kind_display(),
        "locatie": str(complaint.location or ""),
        "categorie": str(complaint.category or ""),
        "omschrijving": complaint.description,
        "gewenste_uitkomst": complaint.desired_outcome,
        "status": complaint.get_status_display(),
        "oordeel": complaint.get_verdict_display() if complaint.verdict else "",
        "oplossing": complaint.solution,
        "afgesloten_op": _moment(complaint.closed_at),
        "toestemming_privacyverklaring_op": _moment(complaint.consent_at),
        "contactmomenten": [
            {
                "moment": _moment(contact.occurred_at),
                "manier": contact.get_method_display(),
                "samenvatting": contact.summary,
            }
            for contact in complaint.contacts.all()
        ],
        "maatregelen": [
            {
                "maatregel": measure.description,
                "uiterlijk": measure.due_date.isoformat(),
                "gerealiseerd": _moment(measure.done_at),
            }
            for measure in complaint.measures.all()
        ],
        "geschiedenis": [
            {"moment": _moment(event.created_at), "gebeurtenis": event.label} for event in complaint.events.all()
        ],
        "afsluitbrief": (
            {"tekst": letter.body, "verstuurd_op": _moment(letter.sent_at), "pdf": bool(letter.pdf)} if letter else None
        ),
        "e-mails": [
            {
                "aangemaakt_op": _moment(email.created_at),
                "verstuurd_op": _moment(email.sent_at),
                "status": email.get_status_display(),
                "aan": email.to,
                "onderwerp": subject,
                "tekst": body_text,
            }
            for email, (subject, body_text) in emails
        ],
        "bijlagen": [attachment.original_name for attachment in complaint.attachments.all()],
    }


def _plain_text(summary: dict[str, Any]) -> str:
    lines = [
        "Inzage in uw gegevens (AVG artikel 15)",
        f"Gemaakt op: {summary['gemaakt_op']}",
        "Interne notities van medewerkers zijn niet opgenomen.",
        "",
    ]
    for item in summary["klachten"]:
        lines += [f"== Klacht {item['kenmerk']} ==", json.dumps(item, ensure_ascii=False, indent=2), ""]
    return "\n".join(lines)


def _safe_name(name: str) -> str:
    return re.sub(r"[^\w.\- ]", "_", name).strip(" .") or "bestand"


def complainant_export(*, complaint: Complaint, actor: User) -> ComplainantExport:
    """Art. 15: a ZIP with everything held about the complainant of ``complaint``:
    their complaints (JSON and plain text), the sent letters (PDF), the e-mails
    sent to them and their attachments. Each complaint's history records it."""
    complaints = complaints_of_complainant(complaint)
    complainant = Complainant.objects.filter(complaint=complaint).first()
    if complainant is None or complainant.erased_at is not None:
        raise ComplaintError(
            gettext("De contactgegevens van deze indiener zijn gewist; er is niets meer om uit te voeren.")
        )
    address = complainant.email
    summary = {
        "gemaakt_op": _moment(timezone.now()),
        "klachten": [_complaint_summary(item, address) for item in complaints],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("overzicht.json", json.dumps(summary, ensure_ascii=False, indent=2))
        archive.writestr("overzicht.txt", _plain_text(summary))
        for item in complaints:
            letter = ClosingLetter.objects.filter(complaint=item).first()
            if letter and letter.pdf:
                with letter.pdf.open("rb") as stored:
                    archive.writestr(f"{item.reference}/afsluitbrief.pdf", stored.read())
            for number, attachment in enumerate(item.attachments.all(), start=1):
                with attachment.file.open("rb") as stored:
                    archive.writestr(
                        f"{item.reference}/bijlagen/{number}-{_safe_name(attachment.original_name)}", stored.read()
                    )
    references = [item.reference for item in complaints]
    with transaction.atomic():
        for item in complaints:
            event_record(
                complaint=item,
                kind=EventKind.COMPLAINANT_EXPORTED,
                actor=actor,
                data={"requested_on": complaint.reference, "complaints": references},
            )
    return ComplainantExport(
        filename=f"inzage-{complaint.reference}.zip", content=buffer.getvalue(), references=references
    )


def complaint_set_publication_text(*, complaint: Complaint, text: str, reviewed: bool, actor: User) -> Complaint:
    """The anonymised text the annual report prints instead of the description;
    ``reviewed`` says that a person checked it holds no names of children,
    parents or staff."""
    if reviewed and not text.strip():
        raise ComplaintError(gettext("Een lege publicatietekst kan niet als gecontroleerd worden gemarkeerd."))
    with transaction.atomic():
        current = locked(complaint)
        changes = apply_changes(current, {"publication_text": text.strip(), "publication_reviewed": reviewed})
        if changes:
            current.save()
            event_record(complaint=current, kind=EventKind.COMPLAINT_PUBLICATION_TEXT_SET, actor=actor, changes=changes)
    return current
