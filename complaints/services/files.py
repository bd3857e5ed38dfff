"""Files staff add to a complaint after intake (a letter scanned, a photo sent
later): checked by content like the public form's (``complaints.attachments``),
each one recorded in the history."""

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext

from accounts.models import User
from complaints.attachments import MAX_ATTACHMENTS, CheckedFile
from complaints.models import Attachment, Complaint
from complaints.services.common import ComplaintError, locked, require_open
from complaints.services.registration import attachment_store


def attachments_add(*, complaint: Complaint, files: Sequence[CheckedFile], actor: User) -> list[Attachment]:
    """Store ``files`` (already checked by ``attachments_check``) on an open
    complaint, one ``attachment.added`` event each, in one transaction."""
    if not files:
        raise ComplaintError(gettext("Kies ten minste één bestand."))
    if len(files) > MAX_ATTACHMENTS:
        raise ComplaintError(
            gettext("U kunt hoogstens %(count)d bijlagen tegelijk toevoegen.") % {"count": MAX_ATTACHMENTS}
        )
    for checked in files:
        if not isinstance(checked, CheckedFile):
            raise TypeError("attachments_add takes files checked by complaints.attachments.attachments_check")
    with transaction.atomic():
        current = locked(complaint)
        require_open(current)
        before = set(Attachment.objects.filter(complaint=current).values_list("pk", flat=True))
        for checked in files:
            attachment_store(complaint=current, checked=checked, actor=actor, actor_label="")
        return list(Attachment.objects.filter(complaint=current).exclude(pk__in=before))
