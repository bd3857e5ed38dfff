import uuid
from collections.abc import Sequence
from datetime import datetime

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from complaints.attachments import CheckedFile
from complaints.models import Channel, Complaint, language_or_dutch
from complaints.services import (
    ComplainantData,
    ComplaintError,
    complainant_message_add,
    complaint_register,
    status_link_resend,
)
from complaints.services.messages import VIA_STATUS_PAGE
from intake import spam
from organisation.models import Location


def web_complaint_submit(
    *,
    client_address: str,
    received_at: datetime,
    complainant_kind: str,
    location: Location | None,
    care_type: str,
    description: str,
    desired_outcome: str,
    complainant: ComplainantData,
    attachments: Sequence[CheckedFile],
    submission_key: uuid.UUID,
    location_text: str = "",
    language: str = "",
) -> Complaint:
    """Register a complaint from the public form (in ``language``, the one the
    parent filled it in: their e-mails come in it), at most ``INTAKE_RATE_LIMIT``
    per client address an hour. Submitting the same form again returns the
    complaint it made the first time (and takes nothing from the limit: the place
    taken is given back)."""
    # The rate limit first: a form sent again is found by the registration's own lookup
    # (under its submission lock) and gives the place back, so a new complaint costs no
    # lookup of its own. At the limit a form sent again still gets its first complaint.
    if not spam.rate_limit_take(client_address=client_address, now=received_at):
        earlier = Complaint.objects.filter(submission_key=submission_key).first()
        if earlier is not None:
            return earlier
        raise ComplaintError(
            gettext(
                "Vanaf uw internetverbinding zijn het afgelopen uur al meerdere klachten verstuurd. "
                "Uw klacht is nog niet verstuurd; probeer het over een uur opnieuw."
            )
            + " "
            + spam.other_channels()
        )
    try:
        complaint = complaint_register(
            received_at=received_at,
            channel=Channel.WEB,
            complainant_kind=complainant_kind,
            location=location,
            location_text=location_text,
            description=description,
            desired_outcome=desired_outcome,
            care_type=care_type,
            complainant=complainant,
            attachments=attachments,
            submission_key=submission_key,
            consent_at=received_at,
            actor_label="indiener",
            language=language_or_dutch(language),
            # The parent's request does not wait for the templates: the worker renders them.
            render_emails_later=True,
        )
    except BaseException:
        spam.rate_limit_give_back(client_address=client_address)
        raise
    if complaint.received_at != received_at:
        # The complaint this form made before (it was received at another moment): a
        # form sent again takes no place in the hourly limit.
        spam.rate_limit_give_back(client_address=client_address)
    return complaint


def _staff_subject() -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return gettext("Aanvulling via de statuspagina")


def status_message_submit(
    *,
    client_address: str,
    now: datetime,
    complaint: Complaint,
    text: str,
    attachments: Sequence[CheckedFile],
) -> Complaint:
    """Information the complainant adds on the status page: on the timeline as
    a message from them, the handler told; at most ``INTAKE_RATE_LIMIT`` per
    client address an hour, like the form."""
    if not spam.rate_limit_take(client_address=client_address, now=now, scope=spam.SCOPE_STATUS_MESSAGE):
        raise ComplaintError(
            gettext(
                "Vanaf uw internetverbinding zijn het afgelopen uur al meerdere berichten verstuurd. "
                "Uw bericht is nog niet verstuurd; probeer het over een uur opnieuw."
            )
            + " "
            + spam.other_channels()
        )
    try:
        return complainant_message_add(
            complaint=complaint,
            text=text,
            # Staff read the subject: in the organisation's language, whatever the parent's.
            subject=_staff_subject(),
            sent_at=now,
            attachments=attachments,
            via=VIA_STATUS_PAGE,
        )
    except BaseException:
        spam.rate_limit_give_back(client_address=client_address, scope=spam.SCOPE_STATUS_MESSAGE)
        raise


def status_link_request(*, client_address: str, now: datetime, email: str, reference: str) -> bool:
    """ "Stuur mij de link opnieuw": when the address and reference belong to a
    complaint, a fresh link goes to that address. False only when the client
    address has used up its requests of this hour; whether the combination
    exists is never told."""
    if not spam.rate_limit_take(client_address=client_address, now=now, scope=spam.SCOPE_LINK_REQUEST):
        return False
    status_link_resend(email=email, reference=reference, now=now)
    return True
