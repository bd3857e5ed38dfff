"""The closing letter: drafted from an editable template, rendered to PDF on
the organisation's letterhead (``settings.LETTERHEAD``)."""

import base64
import mimetypes
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext, gettext_lazy

from accounts.models import Role, User
from complaints.models import Complaint, LetterTemplate

# A paragraph whose first line is one of these is shown as a heading (casefolded, without a
# colon); the Dutch headings of the default letter and their English counterparts.
LETTER_HEADINGS = frozenset(
    {
        "uw klacht",
        "wat wij hebben gedaan",
        "ons oordeel",
        "maatregelen",
        "niet tevreden?",
        "niet tevreden",
        "your complaint",
        "what we have done",
        "what we did",
        "our verdict",
        "measures",
        "not satisfied?",
        "not satisfied",
    }
)
FALLBACK_SIGNATURE = gettext_lazy("Klachtencoördinatie")

# The legally required pointer (Wet kinderopvang art. 1.57b and the rules of the Geschillencommissie):
# printed under the letter whenever the text itself does not name the Geschillencommissie.
ESCALATION_TEXT = gettext_lazy(
    "Bent u het niet eens met ons oordeel? Voor informatie, advies en bemiddeling kunt u terecht bij het "
    "Klachtenloket Kinderopvang (www.klachtenloket-kinderopvang.nl). U kunt uw klacht ook voorleggen aan de "
    "Geschillencommissie Kinderopvang (www.degeschillencommissie.nl), uiterlijk twaalf maanden nadat u de "
    "klacht bij ons hebt ingediend. De uitspraak van de Geschillencommissie is bindend."
)


def normalise_letter_text(text: str) -> str:
    """The letter text as stored: line endings as "\n" (browsers post "\r\n"),
    no trailing spaces on a line, no blank lines around it."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def signer_lines(signer: User | None, complaint: Complaint) -> list[str]:
    """Who signs: the person's name and role; a location manager's role names the location."""
    if signer is None:
        return [str(FALLBACK_SIGNATURE)]
    name = signer.get_full_name().strip() or signer.get_username()
    if not signer.role:
        return [name]
    role = str(signer.get_role_display())
    if signer.role == Role.LOCATION_MANAGER and complaint.location_id:
        role = f"{role} {complaint.location}"
    return [name, role]


def letter_context(complaint: Complaint, signer: User | None = None) -> dict:
    """The variables of a letter or message template, in the complaint's language
    (dates, the verdict, the signer's role)."""
    complainant = getattr(complaint, "complainant", None)
    with translation.override(complaint.language):
        received = (
            formats.date_format(timezone.localtime(complaint.received_at), "j F Y") if complaint.received_at else ""
        )
        measures = [
            {
                "omschrijving": measure.description,
                "wie": measure.owner,
                "termijn": formats.date_format(measure.due_date, "j F Y"),
            }
            for measure in complaint.measures.all()
        ]
        verdict = str(complaint.get_verdict_display()).lower() if complaint.verdict else ""
        return {
            "naam": complainant.name if complainant and complainant.name else gettext("ouder/verzorger"),
            "kenmerk": complaint.reference,
            "ontvangen_op": received,
            "locatie": str(complaint.location) if complaint.location else "",
            "omschrijving": complaint.description,
            "oplossing": complaint.solution,
            "oordeel": verdict,
            "maatregelen": measures,
            "afzender": "\n".join(signer_lines(signer, complaint)),
        }


def letter_sample_context() -> dict:
    """The variables of ``letter_context`` with made-up values: a template is tried
    on these before it is saved."""
    return {
        "naam": "Sanne de Vries",
        "kenmerk": "K2026-00001",
        "ontvangen_op": "3 maart 2026",
        "locatie": "KDV De Tulp",
        "omschrijving": "Mijn kind is zonder overdracht meegegeven.",
        "oplossing": "Besproken in het teamoverleg.",
        "oordeel": "gegrond",
        "maatregelen": [{"omschrijving": "Overdrachtslijst", "wie": "Locatiemanager", "termijn": "1 april 2026"}],
        "afzender": "Fatima el Amrani\nLocatiemanager KDV De Tulp",
    }


def letter_template_compile(body: str) -> Template:
    """The template as the letter uses it; TemplateSyntaxError when it has an error."""
    # Letter text is plain text: no HTML escaping here; the PDF template escapes it.
    return Template("{% autoescape off %}" + body + "{% endautoescape %}")


def letter_render_body(*, template: LetterTemplate, complaint: Complaint, signer: User | None = None) -> str:
    """The letter drafted from the template's text in the complaint's language
    (its Dutch text when it has none in that language)."""
    body = template.body_for(complaint.language)
    rendered = letter_template_compile(body).render(Context(letter_context(complaint, signer)))
    return normalise_letter_text(rendered)


@dataclass
class LetterBlock:
    """A heading (may be empty) and its parts in order: ("p", text) or ("ul", [items])."""

    heading: str = ""
    parts: list[tuple[str, str | list[str]]] = field(default_factory=list)


def letter_blocks(body: str) -> list[LetterBlock]:
    """The text as blocks: a known heading line starts a block with a real heading;
    lines starting with "- " are list items (the measures)."""
    blocks: list[LetterBlock] = []
    for chunk in re.split(r"\n[ \t]*\n", normalise_letter_text(body)):
        if not chunk.strip():
            continue
        lines = chunk.strip("\n").split("\n")
        block = LetterBlock()
        if lines[0].strip().rstrip(":").casefold() in LETTER_HEADINGS:
            block.heading = lines.pop(0).strip().rstrip(":")
        for line in lines:
            item = line.lstrip()[2:].strip() if line.lstrip().startswith(("- ", "• ")) else None
            kind = "p" if item is None else "ul"
            if not block.parts or block.parts[-1][0] != kind:
                block.parts.append((kind, [] if kind == "ul" else ""))
            if kind == "ul":
                block.parts[-1][1].append(item)
            else:
                text = block.parts[-1][1]
                block.parts[-1] = ("p", f"{text}\n{line}" if text else line)
        blocks.append(block)
    return blocks


def letterhead() -> dict:
    """The letterhead from the settings, with the logo as a data URL (no file access in WeasyPrint)."""
    head = {"name": "", "address": "", "contact": "", "logo_path": "", "colour": "#1f3b57"}
    head.update(getattr(settings, "LETTERHEAD", {}))
    logo = ""
    if head["logo_path"]:
        path = Path(head["logo_path"])
        if path.is_file():
            mime = mimetypes.guess_type(path.name)[0] or "image/png"
            logo = f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode()}"
    return {
        "name": head["name"],
        "address_lines": [line.strip() for line in head["address"].split("|") if line.strip()],
        "contact": head["contact"],
        "logo": logo,
        "colour": head["colour"],
    }


def letter_pdf(*, complaint: Complaint, body: str, sent_on=None) -> bytes:
    from weasyprint import HTML  # heavy import: only when a PDF is made

    complainant = getattr(complaint, "complainant", None)
    # The fixed texts (headings of the letterhead table, the date, the escalation) in the complaint's language.
    with translation.override(complaint.language):
        html = render_to_string(
            "letters/closing_letter.html",
            {
                "complaint": complaint,
                "blocks": letter_blocks(body),
                "date": sent_on or timezone.localdate(),
                "head": letterhead(),
                "addressee_name": complainant.name
                if complainant and complainant.name
                else gettext("De ouder/verzorger"),
                "addressee_email": complainant.email if complainant else "",
                "escalation": "" if "geschillencommissie" in body.casefold() else str(ESCALATION_TEXT),
            },
        )
    return HTML(string=html).write_pdf()
