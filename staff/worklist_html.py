"""The worklist's cards and group rows, built in Python like the list's rows
(``staff/rows.py`` ``rows_html``): the section includes, 30 cards and ~37 group rows
cost about half of the page's time as template nodes (issue 17). The templates in
``templates/staff/includes/worklist_*.html`` stay the markup's reference: a test renders
both and compares them byte for byte (``staff/tests/test_worklist_html.py``). **A change
to the markup goes in both.**

Values are escaped as ``{{ value }}`` escapes them; a translated literal is printed as the
template prints ``{% translate %}`` of a literal (not escaped)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from html import escape as html_escape
from typing import Any
from urllib.parse import quote

from django.urls import reverse
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from complaints.deadlines import term_state
from complaints.formatting import number
from complaints.models import OPEN_STATUSES, Language
from staff.rows import TERM_CLASSES, detail_address
from staff.selectors import GroupCount
from staff.templatetags.staff_tags import clip


@dataclass(frozen=True, slots=True)
class WorklistCard:
    """What a card shows of a preview row (a dict of ``staff.selectors.PREVIEW_FIELDS``,
    ``complaint`` here so that the reference templates read it as they read a complaint)."""

    complaint: dict[str, Any]
    url: str
    location: str  # "" when unknown or still to be established
    category: str
    handler: str
    handled_elsewhere: str  # a department, or a handling location other than the complaint's
    assignee: str
    term_label: str
    term_class: str
    language: str  # "EN" when not Dutch, else ""
    language_name: str


def worklist_cards(rows: Iterable[dict[str, Any]], *, now: datetime) -> list[WorklistCard]:
    """The cards of preview rows, at ``now`` (what ``staff.rows.complaint_rows`` computes
    for a complaint object, from the row's values)."""
    url_for = detail_address()
    languages = {value: str(label) for value, label in Language.choices}
    cards = []
    for row in rows:
        term = (
            term_state(row["due_at"], now=now) if row["due_at"] is not None and row["status"] in OPEN_STATUSES else None
        )
        location_name = row["location__name"] or ""
        if row["handling_department__name"] is not None:
            handler = elsewhere = row["handling_department__name"]
        elif row["handling_location__name"] is not None:
            handler = row["handling_location__name"]
            elsewhere = handler if row["handling_location_id"] != row["location_id"] else ""
        else:
            handler = elsewhere = ""
        if row["assignee_id"] is None:
            assignee = ""
        else:  # User.__str__: the full name, else the username
            full_name = f"{row['assignee__first_name']} {row['assignee__last_name']}".strip()
            assignee = full_name or row["assignee__username"]
        language = "" if row["language"] == Language.NL else row["language"]
        cards.append(
            WorklistCard(
                complaint=row,
                url=url_for(row["reference"]),
                location=location_name,
                category=row["category__name"] or "",
                handler=handler,
                handled_elsewhere=elsewhere,
                assignee=assignee,
                term_label=term.label if term else "",
                term_class=TERM_CLASSES[term.state] if term else "",
                language=language.upper(),
                language_name=languages.get(language, language) if language else "",
            )
        )
    return cards


def _text(value: Any) -> str:
    """``{{ value }}``: localised, escaped (the values here are never safe strings)."""
    if type(value) is str:
        return html_escape(value)
    return html_escape(str(localize(value)))


def _number(value: int) -> str:
    """``{{ value|number }}``."""
    return html_escape(number(value))


def _language_marker(card: WorklistCard, label: str) -> str:
    if not card.language:
        return ""
    return (
        f' <abbr class="badge text-bg-light border complaint-language" title="{label}: '
        f'{_text(card.language_name)}">{_text(card.language)}</abbr>'
    )


def _term(card: WorklistCard) -> str:
    if not card.term_class:
        return ""
    return f'<span class="{_text(card.term_class)}">{_text(card.term_label)}</span>'


def safety_html(cards: list[WorklistCard], *, total: int) -> SafeString:
    """``staff/includes/worklist_safety.html``: the open safety concerns first (nothing
    when there are none)."""
    if not cards:
        return mark_safe("\n")
    list_url = reverse("staff:complaint_list")
    safety = gettext("veiligheid")
    language = gettext("Taal indiener")
    unknown = gettext("Locatie onbekend")
    count = ngettext("%(n)s open veiligheidsmelding", "%(n)s open veiligheidsmeldingen", total) % {"n": _text(total)}
    html = [
        '<section class="card border-danger mb-3 worklist-safety" aria-labelledby="veiligheid">\n'
        '  <div class="card-header text-bg-danger d-flex justify-content-between align-items-baseline">\n'
        f'    <h2 class="h6 mb-0" id="veiligheid">{gettext("Veiligheidsmeldingen")}</h2>\n'
        f'    <a class="fw-bold text-white" href="{list_url}?safety=1&amp;status=open&amp;ordering=due_at">'
        f"{count}</a>\n"
        "  </div>\n"
        '  <ul class="list-group list-group-flush">\n'
        "  \n  "
    ]
    for card in cards:
        complaint = card.complaint
        html.append(
            f'\n    <li class="list-group-item safety-item"><a href="{_text(card.url)}">'
            f"{_text(complaint['reference'])}</a>{_language_marker(card, language)}\n"
            f'      <span class="badge text-bg-danger">{safety}</span>\n'
            f'      <span class="text-body-secondary">· {_text(card.location) if card.location else unknown}</span>\n'
            f'      <span class="float-end">{_term(card)}</span>\n'
            f'      <div class="small complaint-text">{_text(clip(complaint["safety_reason"], 140))}</div></li>\n  '
        )
    html.append("\n  </ul>\n</section>\n")
    return mark_safe("".join(html))  # every value escaped above, the translations as the template prints them


# The three cards of the worklist: (key, title, link, tone, id).
SECTIONS = (
    ("new", "Nieuw, nog niet ingedeeld", "?status=new&sort=received_at", "primary", "nieuw"),
    ("due_week", "Termijn verloopt binnen 7 dagen", "?due=week&sort=due_at", "warning", "deze-week"),
    ("overdue", "Termijn verlopen", "?due=overdue&sort=due_at", "danger", "verlopen"),
)


def sections_html(cards: dict[str, list[WorklistCard]], totals: dict[str, int], *, can_triage: bool) -> SafeString:
    """``staff/includes/worklist_sections.html``: new, due within the week and overdue,
    each with its first cards (``cards`` and ``totals`` by the keys of ``SECTIONS``)."""
    empties = {
        "new": gettext(
            "Alles is ingedeeld en doorgestuurd. Een klacht die per e-mail, telefoon of brief binnenkomt, "
            "registreert u met ‘Klacht registreren’."
        )
        if can_triage
        else gettext("Niets nieuws. Klachten verschijnen hier zodra de klachtencoördinator ze aan u doorstuurt."),
        "due_week": gettext(
            "Geen termijnen die deze week verlopen. Werk de open klachten bij met contact, oordeel en brief."
        ),
        "overdue": gettext("Geen klachten over de termijn. Houd de klachten die binnen 7 dagen verlopen in het oog."),
    }
    list_url = reverse("staff:complaint_list")
    label = {
        "safety": gettext("veiligheid"),
        "new_message": gettext("nieuw bericht van indiener"),
        "language": gettext("Taal indiener"),
        "no_category": gettext("Nog niet ingedeeld"),
        "no_location": gettext("Locatie onbekend"),
        "not_forwarded": gettext("nog niet doorgestuurd"),
        "to_establish": gettext("locatie nog vast te stellen"),
    }
    html = ["\n"]
    for key, title, link, tone, section_id in SECTIONS:
        html.append("  \n  \n  ")
        _section(
            html,
            cards[key],
            totals[key],
            gettext(title),
            list_url + html_escape(link),
            tone,
            section_id,
            empties[key],
            label,
        )
        html.append("\n")
    return mark_safe("".join(html))  # every value escaped above, the translations as the template prints them


def _section(
    html: list[str],
    cards: list[WorklistCard],
    total: int,
    title: str,
    href: str,
    tone: str,
    section_id: str,
    empty: str,
    label: dict[str, str],
) -> None:
    shown = _number(total)
    aria = gettext("%(total)s: toon alle in de klachtenlijst (%(title)s)") % {"title": title, "total": shown}
    html.append(
        f'<section class="col-lg-4" aria-labelledby="{section_id}">\n'
        f'  <div class="card h-100 border-{tone}">\n'
        '    <div class="card-header d-flex justify-content-between align-items-baseline">\n'
        f'      <h2 class="h6 mb-0" id="{section_id}">{title}</h2>\n'
        f'      <a class="fs-4 fw-bold text-{tone} text-decoration-none worklist-count" href="{href}" '
        f'aria-label="{aria}">{shown}</a>\n'
        "    </div>\n"
        '    <ul class="list-group list-group-flush">\n'
        "    \n    "
    )
    for card in cards:
        complaint = card.complaint
        safety = complaint["is_safety_concern"]
        if complaint["location_to_establish"]:
            where = f'<span class="badge text-bg-warning">{label["to_establish"]}</span>'
        else:
            where = _text(card.location) if card.location else label["no_location"]
        if card.handled_elsewhere:
            where += f" → {_text(card.handled_elsewhere)}"
        elif not card.handler:
            where += f" · {label['not_forwarded']}"
        if card.assignee:
            where += f" · {_text(card.assignee)}"
        description = complaint["description"]
        badges = (
            f'<span class="badge text-bg-danger safety-badge">{label["safety"]}</span>' if safety else "",
            f'<span class="badge text-bg-info">{label["new_message"]}</span>' if complaint["unread_message_at"] else "",
        )
        category = _text(card.category) if card.category else label["no_category"]
        html.append(
            f'\n      <li class="list-group-item worklist-card{" safety-item" if safety else ""}">\n'
            f'        <a href="{_text(card.url)}">{_text(complaint["reference"])}</a>'
            f"{_language_marker(card, label['language'])}\n"
            f"        {badges[0]}\n"
            f"        {badges[1]}\n"
            f'        <span class="worklist-category">· {category}</span>\n'
            f'        <span class="float-end">{_term(card)}</span>\n'
            f'        <div class="text-truncate worklist-summary" title="{_text(clip(description, 300))}">'
            f"{_text(clip(description, 120))}</div>\n"
            f'        <div class="small text-body-secondary">{where}</div>\n'
            "      </li>\n        "
        )
    if not cards:
        html.append(f'<li class="list-group-item text-body-secondary">{empty}</li>')
    html.append("\n    ")
    if total > len(cards):
        everything = gettext("Alle %(total)s tonen") % {"total": shown}
        html.append(f'<li class="list-group-item"><a href="{href}">{everything}</a></li>')
    html.append("\n    </ul>\n  </div>\n</section>\n")


def groups_html(
    groups: list[GroupCount], *, by_handler: bool, rest: int = 0, rest_open: int = 0, rest_overdue: int = 0
) -> SafeString:
    """``staff/includes/worklist_by_handler.html`` (``by_handler``, with the line of the
    ``rest`` left out) or ``worklist_by_region.html``: a table row per group."""
    list_url = reverse("staff:complaint_list")
    l_open, l_overdue = gettext("Open"), gettext("Verlopen")
    if by_handler:
        parameter, nameless = "handler", gettext("Nog niet doorgestuurd")
    else:
        parameter, nameless = "region", gettext("Geen regio")
    html = ["\n      "]
    for group in groups:
        overdue_class = " text-danger fw-bold" if group.overdue else ""
        html.append(
            f'\n        <tr><td><a href="{list_url}?{parameter}={html_escape(quote(group.filter_value, safe="/"))}'
            f'&amp;status=open&amp;sort=due_at">{_text(group.name) if group.name else nameless}</a></td>\n'
            f'          <td class="text-end" data-label="{l_open}">{_number(group.open)}</td>'
            f'<td class="text-end{overdue_class}" data-label="{l_overdue}">{_number(group.overdue)}</td></tr>\n      '
        )
    if not groups:
        html.append(
            f'<tr><td colspan="3">{gettext("Geen open klachten.")} <a href="{list_url}">'
            f"{gettext('Bekijk de afgehandelde klachten in de klachtenlijst.')}</a></td></tr>"
        )
    if by_handler:
        html.append("\n      ")
        if rest:
            others = ngettext("en %(n)s andere behandelaar", "en %(n)s andere behandelaars", rest) % {"n": _text(rest)}
            html.append(
                f'<tr class="worklist-rest"><td><a href="{list_url}?status=open&amp;sort=due_at">{others}</a></td>\n'
                f'        <td class="text-end" data-label="{l_open}">{_number(rest_open)}</td>'
                f'<td class="text-end" data-label="{l_overdue}">{_number(rest_overdue)}</td></tr>'
            )
    html.append("\n")
    return mark_safe("".join(html))  # every value escaped above, the translations as the template prints them
