import unicodedata
from typing import Any

from django import template
from django.template.defaultfilters import stringfilter
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import Truncator, add_truncation_text, calculate_truncate_chars_length
from django.utils.translation import gettext_lazy as _

from complaints.formatting import short_date, short_datetime
from complaints.models import Channel, Complaint, ComplaintEvent, ContactMethod, EventKind

register = template.Library()

# Labels of what services keep in an event's data, in the order they are shown.
EVENT_DATA_LABELS = {
    "channel": _("Kanaal"),
    "method": _("Manier"),
    "occurred_at": _("Moment"),
    "summary": _("Samenvatting"),
    "text": _("Notitie"),
    "description": _("Maatregel"),
    "owner": _("Wie voert de maatregel uit"),
    "due_date": _("Uiterlijk gerealiseerd op"),
    "template": _("Sjabloon"),
    "name": _("Bestand"),
    "to": _("Aan"),
    "subject": _("Onderwerp"),
    "error": _("Foutmelding"),
    "attempts": _("Pogingen"),
    "sender": _("Van"),
    "message": _("Bericht"),
    "reason": _("Reden"),
    "via": _("Via"),
    "suggested_summary": _("Voorgesteld"),  # triage: the category suggestions at forwarding
    "chosen": _("Gekozen"),
}
# Fields of related rows (the letter) that appear in an event's changes.
CHANGE_LABELS = {
    "body": _("tekst van de brief"),
    # An improvement action linked to the complaint (improvements.services).
    "improvement_owner": _("eigenaar van de verbeteractie"),
    "improvement_due_date": _("verbeteractie gereed uiterlijk"),
    "improvement_status": _("status van de verbeteractie"),
}
CHOICE_LABELS = {
    "channel": dict(Channel.choices),
    "method": dict(ContactMethod.choices),
    "via": {"email": _("E-mail"), "status_page": _("Statuspagina")},
}


@register.inclusion_tag("staff/includes/days_left.html")
def days_left(complaint: Complaint) -> dict[str, Any]:
    """Days left of the six weeks, or days overdue, for an open complaint
    (decided by ``complaints.deadlines.term_state``, like every other screen and e-mail)."""
    term = complaint.term()
    if term is None:
        return {"state": None}
    return {"state": term.state, "days": term.days_over if term.overdue else term.days_left, "label": term.label}


def _moment(value: Any) -> Any:
    """An ISO moment from the history as local time; anything else unchanged."""
    try:
        moment = parse_datetime(value) if isinstance(value, str) and "T" in value else None
    except ValueError:
        return value
    if moment is None or timezone.is_naive(moment):
        return value
    return short_datetime(moment)


def _readable(key: str, value: Any) -> Any:
    if key in CHOICE_LABELS:
        return CHOICE_LABELS[key].get(value, value)
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, str) and key == "due_date":
        try:
            day = parse_date(value)
        except ValueError:
            return value
        return short_date(day) if day else value
    if isinstance(value, str) and key == "occurred_at":
        return _moment(value)
    return value


@register.filter
def event_details(event: ComplaintEvent) -> list[tuple[str, Any]]:
    """(label, value) for what an event recorded besides its field changes."""
    data = event.data or {}
    # An e-mail's template name is technical; its subject says what it was.
    skip = {"template"} if event.kind in (EventKind.EMAIL_SENT, EventKind.EMAIL_FAILED) else set()
    return [
        (str(label), _readable(key, data[key]))
        for key, label in EVENT_DATA_LABELS.items()
        if data.get(key) and key not in skip
    ]


def _shown(value: Any) -> Any:
    if value is None or value == "":
        return "–"
    return _moment(value)


@register.filter
def event_changes(event: ComplaintEvent) -> list[tuple[str, Any, Any]]:
    """(field, old, new) with readable labels and moments."""
    return [(str(CHANGE_LABELS.get(field, field)), _shown(old), _shown(new)) for field, old, new in event.changes]


@register.filter
def get_item(mapping: dict, key: Any) -> Any:
    return mapping.get(key) if mapping else None


@register.filter(is_safe=True)
@stringfilter
def clip(value: str, length: int) -> str:
    """``truncatechars`` with the same result, quicker: the worklist clips some 70
    descriptions. ASCII text has no combining characters to skip and nothing to normalise;
    other text is normalised as ``Truncator`` does, and when the characters up to the cut
    include no combining one (they do not count), cut by position too."""
    length = int(length)
    if length <= 0:
        return Truncator(value).chars(length)
    if value.isascii():
        if len(value) <= length:
            return value
        return add_truncation_text(value[: calculate_truncate_chars_length(length, None)])
    text = unicodedata.normalize("NFC", value)
    if len(text) <= length:  # combining characters only make it count less
        return text
    if not any(map(unicodedata.combining, text[: length + 1])):
        return add_truncation_text(text[: calculate_truncate_chars_length(length, None)])
    return Truncator(value).chars(length)
