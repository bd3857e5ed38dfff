"""What a row of the complaint list and a card of the worklist show, computed once per
page in Python: the days left, the labels of the choices and the names of the related
rows. The row templates then only print these values; an ``{% include %}`` or an
inclusion tag per cell cost most of a list page (issue 17: 50 rows, ~1,000 nodes)."""

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote

from django.urls import reverse
from django.utils import timezone
from django.utils.http import RFC3986_SUBDELIMS

from complaints.formatting import short_date
from complaints.models import Complaint, Language, Status, Verdict


@dataclass(frozen=True, slots=True)
class ComplaintRow:
    complaint: Complaint
    url: str  # the detail page
    received: str  # the short date, or "" for an imported complaint without one
    location: str  # the location's name, "" when unknown or still to be established
    category: str
    category_year: int | None
    status: str
    handler: str
    # The worklist's "→ unit": a department, or a handling location other than the complaint's.
    handled_elsewhere: str
    assignee: str
    verdict: str  # "" when not judged yet
    due: str
    overdue: bool
    term_state: str  # "overdue", "today", "soon", "ok"; "" when closed or without a term
    term_label: str
    term_class: str  # the days left as a badge: red when overdue, yellow within the week
    # The complainant's language when it is not Dutch (issue 18 point 3): code and name.
    language: str
    language_name: str
    highlight: str = ""  # the search's matching fragment


# How the days left look (as ``staff/includes/days_left.html`` shows them).
TERM_CLASSES = {
    "overdue": "badge text-bg-danger",
    "today": "badge text-bg-warning",
    "soon": "badge text-bg-warning",
    "ok": "text-body-secondary",
}


def complaint_rows(
    complaints,
    *,
    now: datetime | None = None,
    highlights: dict[int, str] | None = None,
    categories: dict[int, tuple[str, int]] | None = None,
) -> list[ComplaintRow]:
    """The rows of ``complaints`` (with their location, handling unit and assignee
    selected), at ``now``. Each category's name and taxonomy year come from ``categories``
    (id -> (name, year)) when given; else the name from the complaint's category (which
    must then be selected too) and no year."""
    now = now or timezone.now()
    highlights = highlights or {}
    # One reverse for the page: the detail address with the reference put in place
    # (quoted as ``reverse`` quotes it).
    url_start = reverse("staff:complaint_detail", args=["-"])[:-2]
    statuses = {value: str(label) for value, label in Status.choices}
    verdicts = {value: str(label) for value, label in Verdict.choices}
    languages = {value: str(label) for value, label in Language.choices}
    rows = []
    for complaint in complaints:
        term = complaint.term(now=now)
        unit = complaint.handling_location or complaint.handling_department
        if complaint.category_id is None:
            category, category_year = "", None
        elif categories is not None and complaint.category_id in categories:
            category, category_year = categories[complaint.category_id]
        else:  # the worklist, which shows no year (or a category added since ``categories`` was read)
            category, category_year = complaint.category.name, None
        language = "" if complaint.language == Language.NL else complaint.language
        # The marker shows the code in capitals ("EN"), the name as its title.
        rows.append(
            ComplaintRow(
                complaint=complaint,
                url=f"{url_start}{quote(complaint.reference, safe=RFC3986_SUBDELIMS + '/~:@')}/",
                received=short_date(complaint.received_at) if complaint.received_at else "",
                location=complaint.location.name if complaint.location else "",
                category=category,
                category_year=category_year,
                status=statuses.get(complaint.status, complaint.status),
                handler=str(unit) if unit else "",
                handled_elsewhere=_handled_elsewhere(complaint),
                assignee=str(complaint.assignee) if complaint.assignee else "",
                verdict=verdicts.get(complaint.verdict, complaint.verdict),
                due=short_date(complaint.due_at) if complaint.due_at else "",
                overdue=term is not None and term.overdue,
                term_state=term.state if term else "",
                term_label=term.label if term else "",
                term_class=TERM_CLASSES[term.state] if term else "",
                language=language.upper(),
                language_name=languages.get(language, language) if language else "",
                highlight=highlights.get(complaint.pk, ""),
            )
        )
    return rows


def _handled_elsewhere(complaint: Complaint) -> str:
    if complaint.handling_department:
        return str(complaint.handling_department)
    if complaint.handling_location and complaint.handling_location_id != complaint.location_id:
        return str(complaint.handling_location)
    return ""
