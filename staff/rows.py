"""What a row of the complaint list shows, computed once per page in Python: the days
left, the labels of the choices and the names of the related rows (the worklist's cards:
``staff/worklist_html.py``). The rows' markup is then built from these values (``rows_html``); an
``{% include %}`` or an inclusion tag per cell cost most of a list page (issue 17: 50 rows, ~1,000 nodes)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from html import escape as html_escape
from urllib.parse import quote

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from complaints.deadlines import term_state
from complaints.formatting import short_date
from complaints.models import OPEN_STATUSES, Category, Complaint, Language, Status, Verdict


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


def detail_address() -> Callable[[str], str]:
    """The detail page's address of a reference, for the rows of one page: ``reverse`` once,
    the reference put in place and quoted as ``reverse`` quotes it."""
    start = reverse("staff:complaint_detail", args=["-"])[:-2]
    return lambda reference: f"{start}{quote(reference, safe=RFC3986_SUBDELIMS + '/~:@')}/"


def complaint_rows(
    complaints,
    *,
    now: datetime | None = None,
    highlights: dict[int, str] | None = None,
    categories: dict[int, tuple[str, int]] | None = None,
) -> list[ComplaintRow]:
    """The rows of ``complaints`` (with their location, handling unit and assignee
    selected), at ``now``: what the list's ``list_rows`` must make of the same complaints read
    as values (the tests compare both; no page reads model instances for its rows any more).
    Each category's name and taxonomy year come from ``categories`` (id -> (name, year)) when
    given; else the name from the complaint's category (which must then be selected too) and
    no year."""
    now = now or timezone.now()
    highlights = highlights or {}
    url_for = detail_address()
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
                url=url_for(complaint.reference),
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


@dataclass(frozen=True, slots=True)
class ListComplaint:
    """What a list row's markup (``rows_html``) reads of a complaint besides its ``ComplaintRow``,
    from ``values()``: the list reads its page as dicts, not as 50 complaints and their five
    related objects each (~300 model objects: half of reading the page)."""

    pk: int
    reference: str
    year: int
    appendix_position: int | None
    is_safety_concern: bool
    unread_message_at: datetime | None
    is_demo: bool
    location_to_establish: bool
    legal_entity: str | None  # its name; None without one


# The columns ``list_rows`` reads (``QuerySet.values``).
LIST_VALUES = (
    *("pk", "reference", "year", "received_at", "appendix_position", "location_id", "location_text"),
    *("category_id", "status", "verdict", "due_at", "language", "unread_message_at", "is_safety_concern"),
    *("is_demo", "legal_entity_id", "handling_location_id", "handling_department_id", "assignee_id"),
    *("location__name", "legal_entity__name", "handling_location__name", "handling_department__name"),
    *("assignee__first_name", "assignee__last_name", "assignee__username"),
)


def list_rows(
    complaints,
    *,
    now: datetime | None = None,
    highlights: dict[int, str] | None = None,
    categories: dict[int, tuple[str, int]],
) -> list[ComplaintRow]:
    """The rows of the complaint list from ``complaints.values(*LIST_VALUES)``: what
    ``complaint_rows`` makes of the complaints themselves (a test compares both), with a
    ``ListComplaint`` as each row's complaint."""
    now = now or timezone.now()
    highlights = highlights or {}
    url_for = detail_address()
    statuses = {value: str(label) for value, label in Status.choices}
    verdicts = {value: str(label) for value, label in Verdict.choices}
    languages = {value: str(label) for value, label in Language.choices}
    term_labels: dict[tuple[bool, int], str] = {}  # TermState.label by (overdue, days): one gettext each
    rows = []
    for complaint in complaints:
        due_at, status, location_id = complaint["due_at"], complaint["status"], complaint["location_id"]
        term = None if due_at is None or status not in OPEN_STATUSES else term_state(due_at, now=now)
        if term is not None and (term.overdue, term.days) not in term_labels:
            term_labels[term.overdue, term.days] = term.label
        category_id = complaint["category_id"]
        if category_id is None:
            category, category_year = "", None
        elif category_id in categories:
            category, category_year = categories[category_id]
        else:  # a category added since ``categories`` was read: its name, no year (as complaint_rows)
            category, category_year = Category.objects.get(pk=category_id).name, None
        if complaint["handling_department_id"] is not None:
            handled_elsewhere = complaint["handling_department__name"]
        elif complaint["handling_location_id"] is not None and complaint["handling_location_id"] != location_id:
            handled_elsewhere = complaint["handling_location__name"]
        else:
            handled_elsewhere = ""
        if complaint["handling_location_id"] is not None:
            handler = complaint["handling_location__name"]
        elif complaint["handling_department_id"] is not None:
            handler = complaint["handling_department__name"]
        else:
            handler = ""
        assignee = ""
        if complaint["assignee_id"] is not None:  # User.__str__
            full_name = f"{complaint['assignee__first_name']} {complaint['assignee__last_name']}".strip()
            assignee = full_name or complaint["assignee__username"]
        language = "" if complaint["language"] == Language.NL else complaint["language"]
        reference = complaint["reference"]
        rows.append(
            ComplaintRow(
                complaint=ListComplaint(
                    pk=complaint["pk"],
                    reference=reference,
                    year=complaint["year"],
                    appendix_position=complaint["appendix_position"],
                    is_safety_concern=complaint["is_safety_concern"],
                    unread_message_at=complaint["unread_message_at"],
                    is_demo=complaint["is_demo"],
                    location_to_establish=location_id is None and bool(complaint["location_text"]),
                    legal_entity=None if complaint["legal_entity_id"] is None else complaint["legal_entity__name"],
                ),
                url=url_for(reference),
                received=short_date(complaint["received_at"]) if complaint["received_at"] else "",
                location=(complaint["location__name"] or "") if location_id is not None else "",
                category=category,
                category_year=category_year,
                status=statuses.get(status, status),
                handler=handler,
                handled_elsewhere=handled_elsewhere,
                assignee=assignee,
                verdict=verdicts.get(complaint["verdict"], complaint["verdict"]),
                due=short_date(due_at) if due_at else "",
                overdue=term is not None and term.overdue,
                term_state=term.state if term else "",
                term_label=term_labels[term.overdue, term.days] if term else "",
                term_class=TERM_CLASSES[term.state] if term else "",
                language=language.upper(),
                language_name=languages.get(language, language) if language else "",
                highlight=highlights.get(complaint["pk"], ""),
            )
        )
    return rows


def _handled_elsewhere(complaint: Complaint) -> str:
    if complaint.handling_department:
        return str(complaint.handling_department)
    if complaint.handling_location and complaint.handling_location_id != complaint.location_id:
        return str(complaint.handling_location)
    return ""


def _text(value) -> str:
    """``{{ value }}`` in a template: localised (numbers), escaped unless already safe."""
    if type(value) is str:  # a plain (unsafe) string: what django.utils.html.escape does, without the wrapping
        return html_escape(value)
    return conditional_escape(localize(value))


def rows_html(rows: list[ComplaintRow], *, bulk: bool, mine: bool, query: str) -> SafeString:
    """The ``<tbody>`` rows of the complaint list, as ``staff/complaint/list_rows.html``
    renders them (a test compares both), built in Python: the template's ~60 nodes per row
    cost about 7 ms of a 50-row page, this well under 1 ms. ``bulk``: a checkbox per row
    (the bulk actions); ``mine`` and ``query`` choose the text of an empty list."""
    # A translated literal is printed as it is ({% translate %} of a template's string
    # literal, which is safe, keeps it safe: not escaped).
    label = {
        key: gettext(text)
        for key, text in (
            ("reference", "Kenmerk"),
            ("received", "Ontvangen"),
            ("location", "Locatie"),
            ("category", "Categorie"),
            ("status", "Status"),
            ("handler", "Behandelaar"),
            ("assignee", "Toegewezen aan"),
            ("verdict", "Gegrond"),
            ("due", "Uiterste datum"),
            ("term", "Termijn"),
            ("new_message", "nieuw bericht"),
            ("safety", "veiligheid"),
            ("demo", "demo"),
            ("to_establish", "locatie nog vast te stellen"),
            ("unknown", "Onbekend"),
            ("uncategorised", "Nog niet ingedeeld"),
            ("language", "Taal indiener"),
        )
    }
    unknown = label["unknown"]
    pick_text = gettext("Kies %(reference)s")  # once for the page, not per row
    html = ["\n  "]
    for row in rows:
        complaint = row.complaint
        reference = _text(complaint.reference)
        html.append(f"\n    <tr{' class="safety-row"' if complaint.is_safety_concern else ''}>\n      ")
        if bulk:
            pk = _text(complaint.pk)
            # {% blocktranslate %}: the translation as it is, the value escaped.
            pick = pick_text % {"reference": reference}
            html.append(
                f'<td class="bulk-pick"><label class="d-inline-flex align-items-center gap-2 p-1" for="kies-{pk}">'
                f'<input class="form-check-input m-0" type="checkbox" name="complaint" value="{reference}" '
                f'form="bulk" id="kies-{pk}"><span class="visually-hidden">{pick}</span></label></td>'
            )
        html.append(f'\n      <td class="text-nowrap" data-label="{label["reference"]}">')
        html.append(f'<a href="{_text(row.url)}">{reference}</a>')
        if row.language:
            html.append(
                f' <abbr class="badge text-bg-light border complaint-language" title="{label["language"]}: '
                f'{_text(row.language_name)}">{_text(row.language)}</abbr>'
            )
        if complaint.unread_message_at:
            html.append(f' <span class="badge text-bg-info">{label["new_message"]}</span>')
        html.append("\n        ")
        if complaint.is_safety_concern:
            html.append(f'<span class="badge text-bg-danger safety-badge">{label["safety"]}</span>')
        html.append("\n        ")
        if complaint.is_demo:
            html.append(f'<span class="badge badge-demo">{label["demo"]}</span>')
        html.append(f'</td>\n      <td data-label="{label["received"]}">')
        if row.received:
            html.append(_text(row.received))
        else:
            position = gettext("bijlage nr. %(position)s") % {"position": _text(complaint.appendix_position)}
            html.append(f'<span class="text-body-secondary">{_text(complaint.year)}, {position}</span>')
        html.append(f'</td>\n      <td data-label="{label["location"]}">')
        if complaint.location_to_establish:
            html.append(f'<span class="badge text-bg-warning">{label["to_establish"]}</span>')
        else:
            html.append(_text(row.location) if row.location else unknown)
        legal_entity = complaint.legal_entity
        html.append(
            f'<div class="small text-body-secondary">{"–" if legal_entity is None else _text(legal_entity)}</div></td>'
            f'\n      <td data-label="{label["category"]}">'
        )
        if row.category:
            html.append(
                f'{_text(row.category)} <span class="text-body-secondary small">({_text(row.category_year)})</span>'
            )
        else:
            html.append(label["uncategorised"])
        html.append(
            f'</td>\n      <td data-label="{label["status"]}">{_text(row.status)}</td>'
            f'\n      <td data-label="{label["handler"]}">{_text(row.handler) if row.handler else "–"}</td>'
            f'\n      <td data-label="{label["assignee"]}">{_text(row.assignee) if row.assignee else "–"}</td>'
            f'\n      <td data-label="{label["verdict"]}">{_text(row.verdict) if row.verdict else unknown}</td>'
            f'\n      <td data-label="{label["due"]}">'
        )
        if row.due:
            overdue = 'class="text-danger fw-bold"' if row.overdue else ""
            html.append(f"<span {overdue}>{_text(row.due)}</span>")
        else:
            html.append("–")
        html.append(f'</td>\n      <td class="text-nowrap" data-label="{label["term"]}">')
        if row.term_class:
            html.append(f'<span class="{_text(row.term_class)}">{_text(row.term_label)}</span>')
        html.append("</td>\n    </tr>\n    ")
        if row.highlight:
            html.append(
                f'<tr class="search-hit"><td></td><td colspan="{10 if bulk else 9}" class="small text-body-secondary">'
                f"{_text(row.highlight)}</td></tr>"
            )
        html.append("\n  ")
    if not rows:
        html.append(f'\n    <tr><td colspan="{11 if bulk else 10}">')
        if mine:
            html.append(
                gettext(
                    "Er zijn geen open klachten aan u toegewezen. Kies een klacht in de lijst en wijs hem toe, "
                    "of bekijk de werkvoorraad."
                )
            )
        elif query:
            html.append(
                f"{gettext('Geen klachten gevonden met deze filters.')} "
                f'<a href="{reverse("staff:complaint_list")}">{gettext("Wis de filters")}</a> '
                f"{gettext('of zoek op een ander woord of kenmerk.')}"
            )
        else:
            html.append(
                gettext(
                    "Er zijn nog geen klachten die u kunt zien. Klachten verschijnen hier zodra ze geregistreerd "
                    "zijn en, voor een locatie of afdeling, zodra de klachtencoördinator ze doorstuurt."
                )
            )
        html.append("</td></tr>\n  ")
    html.append("\n")
    return mark_safe("".join(html))  # every value escaped above, the translations as the template prints them
