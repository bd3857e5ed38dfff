"""Personal data stays out of the application's logs: e-mail addresses become
``s***@voorbeeld.test`` and the token of a complainant's status link becomes
``***``. ``redact`` is for call sites that build a message from outside data;
``RedactingFilter`` sits on the log handlers (``LOGGING`` in settings), so a
message from Django or a library (``Not Found: /status/<token>/``) is cleaned
too. The reverse proxy's access log is configured in deploy/nginx.conf."""

import logging
import re

# Local part of at least one character, a domain with a dot.
EMAIL = re.compile(r"([A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]*@([A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+)")
# The status page and its letter: /status/<token>/ (token from secrets.token_urlsafe).
STATUS_TOKEN = re.compile(r"(/status/)[A-Za-z0-9_\-]+")


def redact(text: str) -> str:
    text = EMAIL.sub(r"\1***@\2", text)
    return STATUS_TOKEN.sub(r"\1***", text)


class RedactingFilter(logging.Filter):
    """Rewrites a record's message (with its arguments filled in) redacted."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken record is logged as it is
            return True
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True
