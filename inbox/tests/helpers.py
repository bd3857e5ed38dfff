"""Real MIME messages for the inbox tests, built with the standard library."""

from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from django.utils import timezone

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def mime(
    *,
    sender: str = "Mevrouw De Vries <devries@voorbeeld.test>",
    to: str = "klachten@klachtwijs.test",
    subject: str = "Klacht over de overdracht",
    text: str = "Mijn dochter werd zonder overdracht meegegeven.",
    html: str | None = None,
    message_id: str | None = None,
    date=None,
    headers: dict[str, str] | None = None,
    attachments: list[tuple[str, bytes, str]] = (),
) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(date or timezone.now())
    message["Message-ID"] = message_id or make_msgid(domain="voorbeeld.test")
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(text)
    if html is not None:
        message.add_alternative(html, subtype="html")
    for name, data, content_type in attachments:
        maintype, subtype = content_type.split("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return message.as_bytes()
