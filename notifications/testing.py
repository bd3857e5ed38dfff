"""A real SMTP server on this machine (aiosmtpd) that keeps what arrives, so a
test can assert on the message as it was delivered; also the base of the
``mail_sink`` demo command."""

import email
import email.policy
import socket
import threading
import time
from email.message import EmailMessage
from types import TracebackType
from typing import Any, Self

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session


class _Controller(Controller):
    """aiosmtpd's controller, but also on port 0: it learns the port the OS gave."""

    def _trigger_server(self) -> None:
        if self.port == 0 and self.server is not None:
            self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


class SmtpSink:
    """Start with ``with SmtpSink() as sink:`` (or ``start()``/``stop()``); point
    the default mailer at it with ``override_settings(MAILERS=sink.mailers())``
    and read ``sink.messages`` (parsed ``email.message.EmailMessage`` objects).

    ``reply`` other than None makes the server refuse every message with that
    SMTP reply (e.g. ``"451 4.3.0 Probeer later opnieuw"``)."""

    keep_messages = True

    def __init__(self, *, host: str = "127.0.0.1", port: int = 0, reply: str | None = None) -> None:
        self.host = host
        self.reply = reply
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self._lock = threading.Lock()
        self._controller = _Controller(self, hostname=host, port=port)

    @property
    def port(self) -> int:
        return self._controller.port

    def start(self) -> Self:
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def mailers(self) -> dict[str, Any]:
        return smtp_settings(self.port, host=self.host)

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802
        if self.reply is not None:
            return self.reply
        raw = envelope.content if isinstance(envelope.content, bytes) else str(envelope.content).encode()
        message = email.message_from_bytes(raw, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        recipients = list(envelope.rcpt_tos)
        if self.keep_messages:
            with self._lock:
                self.envelopes.append((envelope.mail_from or "", recipients))
                self.messages.append(message)
        self.received(message, raw, recipients)
        return "250 Message accepted for delivery"

    def received(self, message: EmailMessage, raw: bytes, recipients: list[str]) -> None:
        """Hook for subclasses; runs in the server's thread."""

    def wait_for(self, count: int, timeout: float = 2.0) -> list[EmailMessage]:
        """The messages once at least ``count`` arrived; fails after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                if len(self.messages) >= count:
                    return list(self.messages)
            if time.monotonic() > deadline:
                raise AssertionError(f"expected {count} message(s), {len(self.messages)} arrived")
            time.sleep(0.01)


def smtp_settings(port: int, *, host: str = "127.0.0.1") -> dict[str, Any]:
    """A MAILERS setting whose default mailer is the real SMTP backend at host:port."""
    return {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": host, "port": port, "timeout": 5},
        }
    }


def unused_port(host: str = "127.0.0.1") -> int:
    """A port nothing listens on (for an SMTP server that is down)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]
