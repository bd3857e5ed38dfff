"""One function per e-mail the complaint process sends. Each decides who gets
it, which links it carries and which templates render it
(``templates/emails/<name>-subject.txt``, ``-body.txt``, ``-body.html``), and
stores it in the outbox in the caller's transaction. Services call these
functions; they never name a template or build a link themselves."""

from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, pgettext, pgettext_lazy

from accounts.models import Role, User
from complaints.deadlines import term_state
from complaints.models import OPEN_STATUSES, ClosingLetter, Complainant, ComplainantKind, Complaint
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


def _complainant(complaint: Complaint, given: Complainant | None = None) -> Complainant | None:
    """The complainant the caller just stored (a registration), else read fresh (an
    erasure may have blanked it since the complaint was loaded)."""
    if given is not None:
        return given
    return Complainant.objects.filter(complaint=complaint).only("email", "name", "salutation", "erased_at").first()


def _complainant_email(complaint: Complaint, given: Complainant | None = None) -> str:
    complainant = _complainant(complaint, given)
    return complainant.email if complainant else ""


# Words that belong to a Dutch surname ("van der Berg"): the surname starts at the first of them.
_NAME_PARTICLES = frozenset(
    "de den der het 't te ten ter van von vanden vander in 'op op d' del della di da du le la".split()
)


def surname(name: str) -> str:
    """The surname of a name as typed, for "mevrouw De Vries": from the first
    particle after the first word, else the last word; a particle at its start
    is capitalised, as Dutch writes it after a salutation."""
    words = name.split()
    if len(words) <= 1:
        return name.strip()
    start = len(words) - 1
    for index, word in enumerate(words[1:-1], start=1):
        if word.lower() in _NAME_PARTICLES:
            start = index
            break
    rest = words[start:]
    rest[0] = rest[0][:1].upper() + rest[0][1:]
    return " ".join(rest)


def greeting(complaint: Complaint, complainant: Complainant | None = None) -> str:
    """The opening line of every e-mail to the complainant, in the active
    language: a parent committee as such, a known salutation with the surname
    ("Beste mevrouw De Vries", "Dear Ms De Vries"), else the name as given,
    else the parent in general."""
    if complaint.complainant_kind == ComplainantKind.PARENT_COMMITTEE:
        return gettext("Beste leden van de oudercommissie,")
    complainant = _complainant(complaint, complainant)
    name = " ".join(complainant.name.split()) if complainant and not complainant.erased_at else ""
    if name and complainant.salutation:
        # The stored salutation ("mevrouw", "meneer") as the greeting writes it.
        salutation = pgettext("aanhef in de groet", complainant.salutation)
        return gettext("Beste %(salutation)s %(surname)s,") % {"salutation": salutation, "surname": surname(name)}
    if name:
        return gettext("Beste %(name)s,") % {"name": name}
    return gettext("Beste ouder/verzorger,")


# The stored salutations, for makemessages (``greeting`` translates them by value).
_SALUTATIONS_IN_GREETING = (
    pgettext_lazy("aanhef in de groet", "mevrouw"),
    pgettext_lazy("aanhef in de groet", "meneer"),
)


@dataclass(frozen=True, slots=True)
class Signature:
    """Who signs an e-mail to the complainant: a person with their role, or the desk."""

    name: str
    role: str = ""
    phone: str = ""
    email: str = ""


def signature(user: User | None = None) -> Signature:
    """The handling person (name and role), or the complaints desk from the
    settings (``COMPLAINTS_DESK_*``) when no person signs."""
    desk = Signature(
        name=settings.COMPLAINTS_DESK_NAME,
        phone=settings.COMPLAINTS_DESK_PHONE,
        email=settings.COMPLAINTS_DESK_EMAIL,
    )
    if user is None or not user.get_full_name().strip():
        return desk
    role = str(user.get_role_display())
    return Signature(name=user.get_full_name().strip(), role=role, phone=desk.phone, email=desk.email)


def _to_complainant(complaint: Complaint, signer: User | None = None, complainant: Complainant | None = None) -> dict:
    """What every e-mail to the complainant shares: greeting, signature, status
    link. Called in the complaint's language (``_in_their_language``)."""
    return {
        "complaint": complaint,
        "greeting": greeting(complaint, complainant),
        "signature": signature(signer),
        "status_url": status_url(complaint),
    }


def _in_their_language(complaint: Complaint):
    """The complainant's language, for what is put together for them (greeting, role, dates)."""
    return translation.override(complaint.language)


def _registered(complaint: Complaint) -> dict:
    """What the registration's e-mails read of the complaint, as registered: when they
    are rendered later by the worker (``render_later``), a triage before that (a location
    set, a date corrected) must not change what they say."""
    return {
        "reference": complaint.reference,
        "received_at": complaint.received_at,
        "due_at": complaint.due_at,
        "location": str(complaint.location) if complaint.location_id else "",
        "location_text": complaint.location_text,
    }


def receipt(
    complaint: Complaint, complainant: Complainant | None = None, *, render_later: bool = False
) -> OutboundEmail | None:
    """To the complainant: the complaint was received, with the status link
    (``complainant``: as the registration just stored it, saving two reads;
    ``render_later``: rendered by the worker from the values of this moment)."""
    address = _complainant_email(complaint, complainant)
    if not address:
        return None
    with _in_their_language(complaint):
        context = {**_to_complainant(complaint, complainant=complainant), "complaint": _registered(complaint)}
    return outbox.email_queue(
        to=[address],
        template="receipt",
        context=context,
        complaint=complaint,
        reply_to=reply_address(complaint.pk),
        language=complaint.language,
        render_later=render_later,
    )


def coordinator_new(complaint: Complaint, *, render_later: bool = False) -> OutboundEmail | None:
    """To the coordinators: a new complaint waits for triage (``render_later``: rendered
    by the worker from the values of this moment)."""
    coordinators = coordinator_addresses()
    if not coordinators:
        return None
    return outbox.email_queue(
        to=coordinators,
        template="coordinator_new",
        context={"complaint": _registered(complaint), "staff_url": staff_url(complaint)},
        complaint=complaint,
        render_later=render_later,
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
    with _in_their_language(complaint):
        context = _to_complainant(complaint, letter.sent_by)
    return outbox.email_queue(
        to=[_complainant_email(complaint)],
        template="closing_letter",
        context=context,
        complaint=complaint,
        reply_to=reply_address(complaint.pk),
        attachments=[
            outbox.EmailAttachment(
                filename=letter_filename(complaint),
                stored_name=letter.pdf.name,
                mimetype="application/pdf",
            )
        ],
        language=complaint.language,
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


def message_to_complainant(
    complaint: Complaint, *, to: str, subject: str, text: str, sender: User | None = None
) -> OutboundEmail:
    """To the complainant: a message from the handler (greeted and signed by
    them), answerable by reply. Written by a person, so not marked as automatic."""
    with _in_their_language(complaint):
        context = {**_to_complainant(complaint, sender), "subject": subject, "text": text}
    return outbox.email_queue(
        to=[to],
        template="message_to_complainant",
        context=context,
        complaint=complaint,
        reply_to=reply_address(complaint.pk),
        auto_submitted=False,
        language=complaint.language,
    )


def status_link(complaint: Complaint, *, to: str) -> OutboundEmail:
    """To the complainant, who asked for it on the site: a fresh status link,
    in the complaint's language (not the page's: the mail is about their complaint)."""
    with _in_their_language(complaint):
        context = _to_complainant(complaint)
    return outbox.email_queue(
        to=[to],
        template="status_link",
        context=context,
        complaint=complaint,
        reply_to=reply_address(complaint.pk),
        language=complaint.language,
    )


# The PDF's file name, as the complainant sees it attached.
_LETTER_FILENAMES = {"en": "complaint-outcome-{reference}.pdf"}


def letter_filename(complaint: Complaint) -> str:
    pattern = _LETTER_FILENAMES.get(complaint.language, "afhandeling-klacht-{reference}.pdf")
    return pattern.format(reference=complaint.reference)


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
            # The same count as the screens: Amsterdam calendar days (``term_state``).
            "complaints": [(c, staff_url(c), term_state(c.due_at, now=now)) for c in complaints],
            "day": day,
        },
    )
