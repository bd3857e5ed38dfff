"""The closing letter: drafted from a template, reviewed, sent as a PDF."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.template import TemplateSyntaxError
from django.utils import timezone
from django.utils.translation import gettext

from accounts.models import User
from complaints import emails
from complaints.letters import letter_pdf, letter_render_body, normalise_letter_text
from complaints.models import ClosingLetter, Complainant, Complaint, EventKind, LetterTemplate
from complaints.services.common import ComplaintError, event_record, locked, require_open


def letter_draft(*, complaint: Complaint, actor: User, template: LetterTemplate | None = None) -> ClosingLetter:
    """Draft (or redraft) the closing letter from a template and the recorded outcome."""
    template = template or LetterTemplate.objects.filter(is_default=True).first()
    if template is None:
        raise ComplaintError(gettext("Er is geen standaard briefsjabloon; leg er een vast in het beheer."))
    with transaction.atomic():
        current = locked(complaint)
        require_open(current)
        if not current.verdict or not current.solution.strip():
            raise ComplaintError(
                gettext("Leg eerst het oordeel en de oplossing vast; de brief wordt daaruit opgesteld.")
            )
        letter = ClosingLetter.objects.filter(complaint=current).first()
        if letter is not None and letter.sent_at is not None:
            raise ComplaintError(gettext("De afsluitbrief is al verstuurd."))
        try:
            body = letter_render_body(template=template, complaint=current, signer=actor)
        except TemplateSyntaxError as error:
            # Saved before the admin checked templates: say so instead of failing.
            raise ComplaintError(
                gettext("Het briefsjabloon „%(name)s” bevat een fout (%(error)s); herstel het in het beheer.")
                % {"name": template.name, "error": error}
            ) from error
        if letter is None:
            letter = ClosingLetter.objects.create(complaint=current, body=body, template=template)
        else:
            letter.body, letter.template = body, template
            letter.save()
        event_record(
            complaint=current,
            kind=EventKind.LETTER_DRAFTED,
            actor=actor,
            # The language the text was drafted in: the template's Dutch when it has none in the complaint's.
            data={
                "template": template.name,
                "language": current.language if template.has_version(current.language) else "nl",
            },
        )
    return letter


def letter_update(*, complaint: Complaint, body: str, actor: User) -> ClosingLetter:
    body = normalise_letter_text(body)
    if not body:
        raise ComplaintError(gettext("De brief mag niet leeg zijn."))
    with transaction.atomic():
        current = locked(complaint)
        require_open(current)
        letter = ClosingLetter.objects.filter(complaint=current).first()
        if letter is None:
            raise ComplaintError(gettext("Stel eerst een brief op."))
        if letter.sent_at is not None:
            raise ComplaintError(gettext("De afsluitbrief is al verstuurd en kan niet meer worden gewijzigd."))
        if normalise_letter_text(letter.body) == body:
            return letter  # unchanged (a browser posts "\r\n"): nothing saved, nothing recorded
        changes = {"body": (letter.body, body)}
        letter.body = body
        letter.save()
        event_record(complaint=current, kind=EventKind.LETTER_UPDATED, actor=actor, changes=changes)
    return letter


def _sendable(complaint: Complaint, letter: ClosingLetter | None) -> tuple[ClosingLetter, str]:
    """The letter and the address it goes to, or the reason it cannot be sent."""
    require_open(complaint)
    if letter is None:
        raise ComplaintError(gettext("Stel eerst een brief op."))
    if letter.sent_at is not None:
        raise ComplaintError(gettext("De afsluitbrief is al verstuurd."))
    complainant = Complainant.objects.filter(complaint=complaint).first()
    if complainant is None or not complainant.email:
        raise ComplaintError(
            gettext("Er is geen e-mailadres van de indiener; de brief kan niet per e-mail worden verstuurd.")
        )
    return letter, complainant.email


def letter_send(*, complaint: Complaint, actor: User) -> ClosingLetter:
    """Render the reviewed letter to PDF, keep it with the complaint and e-mail
    it to the complainant (through the outbox, in this transaction)."""
    now = timezone.now()
    # Rendering takes WeasyPrint seconds, so it happens before the rows are
    # locked; under the lock the text is checked to be the one rendered.
    fresh = Complaint.objects.get(pk=complaint.pk)
    draft, _address = _sendable(fresh, ClosingLetter.objects.filter(complaint=fresh).first())
    pdf = letter_pdf(complaint=fresh, body=draft.body, sent_on=timezone.localdate(now))
    with transaction.atomic():
        current = locked(complaint)
        letter, address = _sendable(
            current, ClosingLetter.objects.select_for_update().filter(complaint=current).first()
        )
        if letter.body != draft.body:
            raise ComplaintError(gettext("De brief is intussen gewijzigd; controleer hem en verstuur hem opnieuw."))
        letter.pdf.save(emails.letter_filename(current), ContentFile(pdf), save=False)
        letter.sent_at, letter.sent_by = now, actor
        letter.save()
        emails.closing_letter(current, letter)
        event_record(complaint=current, kind=EventKind.LETTER_SENT, actor=actor, data={"to": address})
    return letter
