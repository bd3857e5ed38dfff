"""The complainant's language (issue 18): every e-mail to them and the closing
letter's fixed texts come in it. Set at registration; changed here, with the
old and new value in the history."""

from django.db import transaction
from django.utils.translation import gettext

from accounts.models import User
from complaints.models import Complaint, EventKind, Language
from complaints.services.common import ComplaintError, apply_changes, event_record, locked


def complaint_set_language(*, complaint: Complaint, language: str, actor: User) -> Complaint:
    """Set the language the complainant is written to in, recorded in the history."""
    if language not in Language.values:
        raise ComplaintError(gettext("Kies Nederlands of Engels."))
    with transaction.atomic():
        current = locked(complaint)
        changes = apply_changes(current, {"language": language})
        if not changes:
            raise ComplaintError(gettext("De indiener heeft deze taal al."))
        current.save()
        event_record(complaint=current, kind=EventKind.LANGUAGE_SET, actor=actor, changes=changes)
    return current
