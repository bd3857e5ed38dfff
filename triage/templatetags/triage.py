"""Template pieces other apps' screens include: the category suggestions on the
triage screen and the publication draft next to the original text."""

from typing import Any

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from accounts.models import User
from complaints.models import Complaint
from triage.models import PublicationDraft
from triage.selectors import complaints_of_same_complainant, complaints_of_same_location_and_category
from triage.suggestions import category_suggest

register = template.Library()


@register.inclusion_tag("triage/suggestions.html")
def category_suggestions(complaint: Complaint) -> dict[str, Any]:
    return {"suggestions": category_suggest(complaint), "complaint": complaint}


@register.inclusion_tag("triage/publication_draft.html")
def publication_draft(complaint: Complaint) -> dict[str, Any]:
    draft = PublicationDraft.objects.filter(complaint=complaint).first()
    return {"draft": draft, "highlighted": highlighted(draft) if draft else "", "complaint": complaint}


@register.inclusion_tag("triage/related.html")
def related_complaints(complaint: Complaint, user: User) -> dict[str, Any]:
    return {
        "same_complainant": list(complaints_of_same_complainant(complaint=complaint, user=user)),
        "same_place": list(complaints_of_same_location_and_category(complaint=complaint, user=user)),
        "complaint": complaint,
    }


def highlighted(draft: PublicationDraft) -> SafeString:
    """The draft with every replacement marked; the original shows on hover and to screen readers."""
    pieces: list[tuple[str, str, str]] = []
    position = 0
    text = draft.text
    for item in sorted(draft.replacements, key=lambda r: r["start"]):
        pieces.append(("plain", text[position : item["start"]], ""))
        pieces.append(("mark", item["replacement"] or "…", item["original"].strip()))
        position = item["end"]
    pieces.append(("plain", text[position:], ""))
    return format_html_join(
        "",
        "{}",
        (
            (
                format_html(
                    '<mark title="{}">{}<span class="visually-hidden"> (was: {})</span></mark>',
                    original,
                    shown,
                    original,
                )
                if kind == "mark"
                else shown,
            )
            for kind, shown, original in pieces
        ),
    )
