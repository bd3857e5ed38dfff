"""The closing letter: drafted from an editable template, rendered to PDF."""

from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation

from complaints.models import Complaint, LetterTemplate


def letter_context(complaint: Complaint) -> dict:
    complainant = getattr(complaint, "complainant", None)
    with translation.override("nl"):
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
        verdict = complaint.get_verdict_display().lower() if complaint.verdict else ""
    return {
        "naam": complainant.name if complainant and complainant.name else "ouder/verzorger",
        "kenmerk": complaint.reference,
        "ontvangen_op": received,
        "locatie": str(complaint.location) if complaint.location else "",
        "omschrijving": complaint.description,
        "oplossing": complaint.solution,
        "oordeel": verdict,
        "maatregelen": measures,
        "afzender": "Klachtencoördinatie",
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
        "afzender": "Klachtencoördinatie",
    }


def letter_template_compile(body: str) -> Template:
    """The template as the letter uses it; TemplateSyntaxError when it has an error."""
    # Letter text is plain text: no HTML escaping here; the PDF template escapes it.
    return Template("{% autoescape off %}" + body + "{% endautoescape %}")


def letter_render_body(*, template: LetterTemplate, complaint: Complaint) -> str:
    return letter_template_compile(template.body).render(Context(letter_context(complaint))).strip()


def letter_pdf(*, complaint: Complaint, body: str, sent_on=None) -> bytes:
    from weasyprint import HTML  # heavy import: only when a PDF is made

    with translation.override("nl"):
        html = render_to_string(
            "letters/closing_letter.html",
            {
                "complaint": complaint,
                "paragraphs": [p.strip() for p in body.split("\n\n") if p.strip()],
                "date": sent_on or timezone.localdate(),
            },
        )
    return HTML(string=html).write_pdf()
