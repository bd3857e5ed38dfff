"""One function per e-mail the complaint process sends. Each decides who gets
it, which links it carries and which templates render it
(``templates/emails/<name>-subject.txt``, ``-body.txt``, ``-body.html``), and
stores it in the outbox in the caller's transaction. Services call these
functions; they never name a template or build a link themselves."""

from datetime import date, datetime

from django.conf import settings
from django.urls import reverse

from accounts.models import Role, User
from complaints.models import OPEN_STATUSES, ClosingLetter, Complainant, Complaint
from complaints.replies import reply_address

# Called through the module, so a test can replace ``email_queue`` in one place.
from notifications import services as outbox
from notifications.models import OutboundEmail


def status_url(complaint: Complaint) -> str:
    """The complainant's private status page."""
    return settings.SITE_URL.rstrip("/") + reverse("intake:status", args=[complaint.status_token])


def staff_url(complaint: Complaint) -> str:
    """The complaint in the back office."""
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
    """Who handles a forwarded complaint: the department's handlers and address,
    or the location's managers (their operations manager when it has none, or
    when the complaint is confidential: about a location manager personally)."""
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
        managers = (
            []
            if complaint.is_confidential
            else list(
                users.filter(role=Role.LOCATION_MANAGER, locations=complaint.handling_location_id).values_list(
                    "email", flat=True
                )
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


def safety_addresses(complaint: Complaint) -> list[str]:
    """Who hears of a safety flag at once: the operations managers of the region
    of the complaint's location (of the handling location when the location is
    unknown), and the addresses of ``SAFETY_ALERT_EMAILS``; the coordinators
    when that leaves nobody, so an alert is never dropped."""
    place = complaint.location or complaint.handling_location
    region_id = place.region_id if place else None
    addresses: list[str] = []
    if region_id is not None:
        addresses = list(
            User.objects.filter(is_active=True, role=Role.OPERATIONS_MANAGER, region_id=region_id)
            .exclude(email="")
            .order_by("id")
            .values_list("email", flat=True)
        )
    for address in getattr(settings, "SAFETY_ALERT_EMAILS", []):
        if address not in addresses:
            addresses.append(address)
    return addresses or coordinator_addresses()


def _complainant_email(complaint: Complaint) -> str:
    complainant = Complainant.objects.filter(complaint=complaint).only("email").first()
    return complainant.email if complainant else ""


def receipt(complaint: Complaint) -> OutboundEmail | None:
    """To the complainant: the complaint was received, with the status link."""
    address = _complainant_email(complaint)
    if not address:
        return None
    return outbox.email_queue(
        to=[address],
        template="receipt",
        context={"complaint": complaint, "status_url": status_url(complaint)},
        complaint=complaint,
        reply_to=reply_address(complaint.pk),
    )


def coordinator_new(complaint: Complaint) -> OutboundEmail | None:
    """To the coordinators: a new complaint waits for triage."""
    coordinators = coordinator_addresses()
    if not coordinators:
        return None
    return outbox.email_queue(
        to=coordinators,
        template="coordinator_new",
        context={"complaint": complaint, "staff_url": staff_url(complaint)},
        complaint=complaint,
    )


def handler_forwarded(complaint: Complaint) -> OutboundEmail | None:
    """To the handling unit: a complaint was forwarded to it, with its deadline."""
    recipients = handler_addresses(complaint)
    if not recipients:
        return None
    return outbox.email_queue(
        to=recipients,
        template="handler_forwarded",
        context={"complaint": complaint, "staff_url": staff_url(complaint), "due_at": complaint.due_at},
        complaint=complaint,
    )


def safety_alert(complaint: Complaint, *, reason: str) -> OutboundEmail | None:
    """To the operations manager: a complaint was flagged as a safety concern.
    The link is only given once the complaint is forwarded (before triage it is
    the coordinator's alone, and the link would answer 404)."""
    recipients = safety_addresses(complaint)
    if not recipients:
        return None
    return outbox.email_queue(
        to=recipients,
        template="safety_alert",
        context={
            "complaint": complaint,
            "reason": reason,
            "staff_url": staff_url(complaint) if complaint.forwarded_at else "",
        },
        complaint=complaint,
    )


def closing_letter(complaint: Complaint, letter: ClosingLetter) -> OutboundEmail:
    """To the complainant: the sent closing letter, attached as the stored PDF
    (the outbox refers to the letter's file instead of keeping a copy)."""
    return outbox.email_queue(
        to=[_complainant_email(complaint)],
        template="closing_letter",
        context={"complaint": complaint, "status_url": status_url(complaint)},
        complaint=complaint,
        reply_to=reply_address(complaint.pk),
        attachments=[
            outbox.EmailAttachment(
                filename=letter_filename(complaint),
                stored_name=letter.pdf.name,
                mimetype="application/pdf",
            )
        ],
    )


def complainant_message(complaint: Complaint, *, text: str, subject: str) -> OutboundEmail | None:
    """To the handling unit (the coordinators before triage or when the
    complaint is closed): the complainant sent a message about the complaint."""
    recipients = handler_addresses(complaint) if complaint.status in OPEN_STATUSES else []
    recipients = recipients or coordinator_addresses()
    if not recipients:
        return None
    return outbox.email_queue(
        to=recipients,
        template="complainant_message",
        context={
            "complaint": complaint,
            "staff_url": staff_url(complaint),
            "text": text,
            "subject": subject,
            "is_open": complaint.status in OPEN_STATUSES,
        },
        complaint=complaint,
    )


def message_to_complainant(complaint: Complaint, *, to: str, subject: str, text: str) -> OutboundEmail:
    """To the complainant: a message from the handler, answerable by reply."""
    return outbox.email_queue(
        to=[to],
        template="message_to_complainant",
        context={"complaint": complaint, "subject": subject, "text": text, "status_url": status_url(complaint)},
        complaint=complaint,
        reply_to=reply_address(complaint.pk),
    )


def letter_filename(complaint: Complaint) -> str:
    return f"afhandeling-klacht-{complaint.reference}.pdf"


def reminder(complaint: Complaint, *, to: list[str], message: str) -> OutboundEmail:
    """A reminder about one complaint. The recipients come from the reminder
    rule, which the reminders app owns."""
    return outbox.email_queue(
        to=to,
        template="reminder",
        context={"complaint": complaint, "staff_url": staff_url(complaint), "message": message},
        complaint=complaint,
    )


def overdue_digest(*, to: str, complaints: list[Complaint], day: date, now: datetime) -> OutboundEmail:
    """One recipient's daily list of overdue complaints, each with its link and
    the number of days it is overdue."""
    return outbox.email_queue(
        to=[to],
        template="overdue_digest",
        context={
            "complaints": [(c, staff_url(c), (now - c.due_at).days) for c in complaints],
            "day": day,
        },
    )
