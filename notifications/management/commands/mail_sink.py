"""The demo's mail server: accepts every message and keeps it as an .eml file."""

import itertools
import logging
import signal
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from notifications.testing import SmtpSink


class MailDirSink(SmtpSink):
    """Writes each message to ``<directory>/<UTC timestamp>-<n>.eml`` and reports it."""

    keep_messages = False  # runs for hours; the files are the record

    def __init__(self, *, directory: Path, echo: Callable[[str], Any], host: str = "127.0.0.1", port: int = 1025):
        super().__init__(host=host, port=port)
        self.directory = directory
        self.echo = echo
        self._numbers = itertools.count(1)

    def received(self, message: EmailMessage, raw: bytes, recipients: list[str]) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        while True:
            path = self.directory / f"{stamp}-{next(self._numbers)}.eml"
            try:
                with path.open("xb") as file:
                    file.write(raw)
                break
            except FileExistsError:  # a sink restarted within the same second
                continue
        self.echo(f"mail voor {', '.join(recipients)}: {message['Subject'] or ''}")


class Command(BaseCommand):
    help = "Lokale mailserver voor de demo: bewaart elk bericht als .eml-bestand."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=1025)
        parser.add_argument("--dir", default=str(Path(settings.BASE_DIR) / "var" / "mail"))

    def handle(self, *args: Any, **options: Any) -> None:
        # aiosmtpd logs every connection at INFO; one line per message is enough here.
        logging.getLogger("mail.log").setLevel(logging.WARNING)
        host, directory = options["host"], Path(options["dir"])
        sink = MailDirSink(directory=directory, echo=self.stdout.write, host=host, port=options["port"])
        sink.start()
        self.stdout.write(f"Mailserver luistert op {host}:{sink.port}, berichten in {directory}. Stoppen met Ctrl+C.")
        try:
            self.wait_until_interrupted()
        except KeyboardInterrupt:
            pass
        finally:
            sink.stop()

    def wait_until_interrupted(self) -> None:
        stopped = threading.Event()
        signal.signal(signal.SIGTERM, lambda signum, frame: stopped.set())
        stopped.wait()
