"""Assignment: the person within the handling unit who works on a complaint."""

from django.db import transaction
from django.utils.translation import gettext

from accounts.models import User
from complaints.models import OPEN_STATUSES, Complaint, EventKind
from complaints.selectors import assignable_users
from complaints.services.common import ComplaintError, apply_changes, event_record, locked


def complaint_assign(*, complaint: Complaint, assignee: User | None, actor: User) -> Complaint:
    """Assign an open, forwarded complaint to a person of its handling unit, or
    take the assignment away (``assignee=None``)."""
    with transaction.atomic():
        current = locked(complaint)
        if current.status not in OPEN_STATUSES:
            raise ComplaintError(gettext("Een afgesloten klacht kan niet meer worden toegewezen."))
        if current.handling_location_id is None and current.handling_department_id is None:
            raise ComplaintError(
                gettext("Stuur de klacht eerst door naar een locatie of afdeling; daarna kan hij worden toegewezen.")
            )
        if assignee is not None and not assignable_users(current).filter(pk=assignee.pk).exists():
            raise ComplaintError(
                gettext(
                    "%(user)s hoort niet bij de behandelaar van deze klacht (%(handler)s) "
                    "en kan de klacht niet krijgen."
                )
                % {"user": assignee, "handler": current.handler_display}
            )
        changes = apply_changes(current, {"assignee": assignee})
        if not changes:
            raise ComplaintError(
                gettext("De klacht is al toegewezen aan %(user)s.") % {"user": assignee}
                if assignee
                else gettext("De klacht is aan niemand toegewezen.")
            )
        current.save()
        event_record(complaint=current, kind=EventKind.COMPLAINT_ASSIGNED, actor=actor, changes=changes)
    return current
