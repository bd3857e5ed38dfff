"""The demo's complaints mailbox: a local dovecot (Debian's dovecot-imapd) that
the worker reads. ``imap_mailbox`` serves it until interrupted;
``imap_mailbox --append FILE.eml …`` drops messages into the running one."""

import signal
import threading
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from inbox.testing import DovecotServer, dovecot_available


class Command(BaseCommand):
    help = "Run a local IMAP mailbox for the demo, or put .eml files into it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=1143)
        parser.add_argument("--user", default="klachten")
        parser.add_argument("--password", default="klachten")
        parser.add_argument("--dir", default=str(Path(settings.BASE_DIR) / "var" / "imap"))
        parser.add_argument("--append", nargs="+", metavar="FILE", help="deliver these .eml files and stop")

    def handle(self, *args, **options) -> None:
        server = DovecotServer(
            host=options["host"], port=options["port"], user=options["user"], password=options["password"]
        )
        if options["append"]:
            for name in options["append"]:
                server.append(Path(name).read_bytes())
                self.stdout.write(f"afgeleverd: {name}")
            return
        if not dovecot_available():
            raise CommandError("dovecot is not installed: apt-get install dovecot-imapd")
        server.directory = Path(options["dir"])
        server.start()
        self.stdout.write(
            f"IMAP-mailbox op {server.host}:{server.port} (gebruiker {server.user}); laat de worker hem lezen met "
            f"IMAP_HOST={server.host} IMAP_PORT={server.port} IMAP_SSL=false IMAP_USER={server.user} "
            f"IMAP_PASSWORD={server.password}"
        )
        stop = threading.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stop.set())
        try:
            stop.wait()
        finally:
            server.stop()
