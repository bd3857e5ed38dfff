"""Reading one raw message, whatever shape it arrives in: sender, subject,
date, the text (the plain part, or the HTML part as text through lxml), the
attachments, and whether a machine sent it (auto-reply, bounce, mailing
list), so it never becomes a complaint or gets a receipt. Nothing here raises
on bad input: what could not be read is listed in ``problems``."""

import email
import email.policy
import hashlib
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from email.message import Message
from email.utils import getaddresses, parseaddr, parsedate_to_datetime

import lxml.html
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from lxml import etree

logger = logging.getLogger(__name__)

MAX_TEXT_LENGTH = 100_000


@dataclass
class ParsedMessage:
    message_id: str
    sender_name: str
    sender_email: str
    recipients: list[str]
    # Message-IDs this message answers (In-Reply-To, References).
    answers: list[str]
    subject: str
    sent_at: datetime | None
    text: str
    attachments: list[SimpleUploadedFile] = field(default_factory=list)
    automatic_reason: str = ""
    problems: list[str] = field(default_factory=list)


def _header(message: Message, name: str, problems: list[str]) -> str:
    try:
        value = message.get(name)
    except Exception as error:  # noqa: BLE001 - a broken header must not stop the message
        problems.append(f"Kopregel {name} onleesbaar: {error}")
        return ""
    if value is None:
        return ""
    return " ".join(str(value).split())


def message_id_for(raw_id: str, raw: bytes) -> str:
    """The Message-ID, or one made from the content for a message without
    (or with an absurd) one, so the same message always gets the same id."""
    raw_id = raw_id.strip()
    if raw_id and len(raw_id) <= 255:
        return raw_id
    return f"<sha256-{hashlib.sha256(raw).hexdigest()}@klachtwijs.invalid>"


def automatic_reason(message: Message, problems: list[str]) -> str:
    """The header that shows a machine sent the message (RFC 3834, RFC 2369,
    RFC 3464 and the common non-standard ones), or ""."""
    auto_submitted = _header(message, "Auto-Submitted", problems).lower()
    if auto_submitted and auto_submitted != "no":
        return f"Auto-Submitted: {auto_submitted}"
    precedence = _header(message, "Precedence", problems).lower()
    if precedence in ("bulk", "list", "junk", "auto_reply"):
        return f"Precedence: {precedence}"
    for name in ("X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress", "List-Id", "List-Unsubscribe"):
        value = _header(message, name, problems)
        if value and not (name == "X-Auto-Response-Suppress" and value.lower() in ("none", "")):
            return f"{name}: {value[:80]}"
    content_type = message.get_content_type()
    if content_type == "multipart/report":
        return f"multipart/report ({message.get_param('report-type') or 'onbekend'})"
    sender = parseaddr(_header(message, "From", problems))[1].lower()
    return_path = _header(message, "Return-Path", problems)
    if return_path == "<>" or sender.startswith(("mailer-daemon@", "postmaster@")):
        return "afzender is een mailserver"
    return ""


def _decoded_text(part: Message, problems: list[str]) -> str:
    try:
        payload = part.get_payload(decode=True) or b""
    except Exception as error:  # noqa: BLE001
        problems.append(f"Deel niet te decoderen: {error}")
        return ""
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset, errors="replace")
    except LookupError:
        problems.append(f"Onbekende tekenset {charset!r}; gelezen als UTF-8")
        return payload.decode("utf-8", errors="replace")


def html_to_text(html: str) -> str:
    """The readable text of an HTML body: no script, style or head; line breaks at blocks."""
    if not html.strip():
        return ""
    try:
        document = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    etree.strip_elements(document, "script", "style", "head", "title", with_tail=False)
    for element in document.iter("br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "blockquote"):
        element.tail = "\n" + (element.tail or "")
    lines = [" ".join(line.split()) for line in document.text_content().splitlines()]
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip()


def _filename(part: Message, problems: list[str]) -> str:
    try:
        name = part.get_filename() or ""
    except Exception as error:  # noqa: BLE001
        problems.append(f"Bestandsnaam onleesbaar: {error}")
        name = ""
    return " ".join(str(name).split())[:200]


def _date(value: str, problems: list[str]) -> datetime | None:
    if not value:
        return None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        problems.append(f"Datum onleesbaar: {value[:60]}")
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_current_timezone())
    return moment


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean(value: str) -> str:
    # PostgreSQL refuses NUL in text; other control characters are noise (as config.sanitize does for forms).
    return _CONTROL.sub("", value)


def parse_message(raw: bytes) -> ParsedMessage:
    parsed = _parse(raw)
    parsed.sender_name = _clean(parsed.sender_name)
    parsed.sender_email = _clean(parsed.sender_email)
    parsed.recipients = [_clean(address) for address in parsed.recipients]
    parsed.subject = _clean(parsed.subject)
    parsed.text = _clean(parsed.text)
    parsed.message_id = _clean(parsed.message_id) or message_id_for("", raw)
    parsed.automatic_reason = _clean(parsed.automatic_reason)
    parsed.problems = [_clean(problem)[:300] for problem in parsed.problems]
    for upload in parsed.attachments:
        upload.name = _clean(upload.name or "") or "bijlage"
    return parsed


def _parse(raw: bytes) -> ParsedMessage:
    problems: list[str] = []
    try:
        message = email.message_from_bytes(raw, policy=email.policy.compat32)
    except Exception as error:  # noqa: BLE001 - the raw file is kept; the coordinator reads it there
        logger.warning("Unreadable message: %s", error)
        message = Message()
        problems.append(f"Bericht onleesbaar: {error}")
    if message.defects:
        problems.extend(f"MIME-fout: {type(defect).__name__}" for defect in message.defects[:10])
    decoded = _decoded_headers(raw, problems)
    sender_name, sender_email = parseaddr(decoded.get("from", ""))
    fields = [decoded[name] for name in ("to", "cc", "delivered-to", "x-original-to") if decoded.get(name)]
    recipients = list(dict.fromkeys(address for _, address in getaddresses(fields) if address))
    plain: list[str] = []
    html: list[str] = []
    attachments: list[SimpleUploadedFile] = []
    for part in message.walk():
        if part.is_multipart():
            continue
        content_type = part.get_content_type()
        disposition = (part.get("Content-Disposition") or "").split(";")[0].strip().lower()
        name = _filename(part, problems)
        if disposition == "attachment" or name or not content_type.startswith("text/"):
            if content_type in ("message/delivery-status", "message/rfc822", "text/rfc822-headers"):
                continue
            try:
                data = part.get_payload(decode=True) or b""
            except Exception as error:  # noqa: BLE001
                problems.append(f"Bijlage {name or '?'} niet te decoderen: {error}")
                continue
            attachments.append(SimpleUploadedFile(name or "bijlage", data, content_type=content_type))
        elif content_type == "text/plain":
            plain.append(_decoded_text(part, problems))
        elif content_type == "text/html":
            html.append(_decoded_text(part, problems))
    text = "\n\n".join(t.strip() for t in plain if t.strip()) or "\n\n".join(html_to_text(h) for h in html)
    return ParsedMessage(
        message_id=message_id_for(decoded.get("message-id", ""), raw),
        sender_name=sender_name[:200],
        sender_email=sender_email[:254],
        recipients=recipients,
        answers=re.findall(r"<[^<>\s]{1,250}>", decoded.get("in-reply-to", "") + " " + decoded.get("references", "")),
        subject=decoded.get("subject", "")[:255],
        sent_at=_date(decoded.get("date", ""), problems),
        text=text[:MAX_TEXT_LENGTH],
        attachments=attachments,
        automatic_reason=automatic_reason(message, problems),
        problems=problems,
    )


def _decoded_headers(raw: bytes, problems: list[str]) -> dict[str, str]:
    """From, To, Cc, Subject, Date, Message-ID with encoded words decoded
    (the modern policy), falling back to the raw text of a header it cannot read."""
    try:
        message = email.message_from_bytes(raw, policy=email.policy.default)
    except Exception:  # noqa: BLE001
        return {}
    headers: dict[str, str] = {}
    for name in (
        "From",
        "To",
        "Cc",
        "Delivered-To",
        "X-Original-To",
        "Subject",
        "Date",
        "Message-ID",
        "In-Reply-To",
        "References",
    ):
        headers[name.lower()] = _header(message, name, problems)
    return headers
