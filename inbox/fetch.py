"""The worker's side of the mailbox: read every message in ``IMAP_FOLDER``,
store it (``inbox.services.inbound_store``), and only then move it to
``IMAP_DONE_FOLDER``. A crash after the store leaves the message in the folder;
the next run finds it stored (same Message-ID) and only moves it."""

import imaplib
import logging
import re
import ssl
from dataclasses import dataclass

from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction

from inbox.models import InboundMessage
from inbox.services import inbound_store, inbound_store_too_large, inbound_store_unread

logger = logging.getLogger(__name__)


class MailboxError(Exception):
    """The mailbox could not be read (connection, login, folder)."""


@dataclass
class FetchResult:
    stored: int = 0
    duplicates: int = 0
    moved: int = 0
    # Stored without being read (see inbound_store_unread), or left in the folder.
    unread: int = 0
    failed: int = 0


def quoted(name: str) -> str:
    """A folder name as an IMAP quoted string (imaplib sends arguments as given)."""
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def xoauth2_string(user: str, token: str) -> bytes:
    """The SASL XOAUTH2 initial response (Microsoft 365, Google Workspace)."""
    return f"user={user}\x01auth=Bearer {token}\x01\x01".encode()


def connect() -> imaplib.IMAP4:
    host, port, timeout = settings.IMAP_HOST, settings.IMAP_PORT, settings.IMAP_TIMEOUT
    try:
        if settings.IMAP_SSL:
            connection: imaplib.IMAP4 = imaplib.IMAP4_SSL(
                host,
                port,
                ssl_context=ssl.create_default_context(cafile=settings.IMAP_CA_FILE or None),
                timeout=timeout,
            )
        else:
            connection = imaplib.IMAP4(host, port, timeout=timeout)
        if settings.IMAP_OAUTH2_TOKEN:
            token = settings.IMAP_OAUTH2_TOKEN
            connection.authenticate("XOAUTH2", lambda _challenge: xoauth2_string(settings.IMAP_USER, token))
        else:
            connection.login(settings.IMAP_USER, settings.IMAP_PASSWORD)
    except (OSError, imaplib.IMAP4.error) as error:
        raise MailboxError(f"IMAP {host}:{port}: {error}") from error
    return connection


def _ok(response: tuple[str, list], what: str) -> list:
    status, data = response
    if status != "OK":
        raise MailboxError(f"{what}: {data!r}")
    return data


def _raw_message(data: list) -> bytes | None:
    for item in data:
        if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], bytes):
            return item[1]
    return None


_SIZE = re.compile(rb"RFC822\.SIZE (\d+)")


def message_size(connection: imaplib.IMAP4, uid: bytes) -> int | None:
    """The size the server gives for a message, before downloading it."""
    for item in _ok(connection.uid("FETCH", uid, "(RFC822.SIZE)"), "FETCH SIZE"):
        line = item[0] if isinstance(item, tuple) else item
        if isinstance(line, bytes) and (match := _SIZE.search(line)):
            return int(match.group(1))
    return None


def move_to_done(connection: imaplib.IMAP4, uid: bytes) -> None:
    done = quoted(settings.IMAP_DONE_FOLDER)
    if "MOVE" in connection.capabilities:
        _ok(connection.uid("MOVE", uid, done), "MOVE")
        return
    _ok(connection.uid("COPY", uid, done), "COPY")
    _ok(connection.uid("STORE", uid, "+FLAGS.SILENT", r"(\Deleted)"), "STORE")
    if "UIDPLUS" in connection.capabilities:
        _ok(connection.uid("EXPUNGE", uid), "UID EXPUNGE")
    else:
        _ok(connection.expunge(), "EXPUNGE")


def store(raw: bytes) -> tuple[InboundMessage, bool, bool]:
    """Store a message; when reading it fails, keep it unread instead.
    Returns (message, created, unread)."""
    try:
        with transaction.atomic():
            return (*inbound_store(raw=raw), False)
    except (MemoryError, OperationalError, InterfaceError):
        raise
    except Exception as error:  # noqa: BLE001 - a bug meeting odd mail: keep the raw message
        logger.exception("Message could not be read; kept unread")
        return (*inbound_store_unread(raw=raw, error=f"{type(error).__name__}: {error}"), True)


def mailbox_fetch() -> FetchResult:
    """Read the mailbox once: store each message, then move it to the done folder."""
    result = FetchResult()
    connection = connect()
    try:
        # Creating a folder that exists answers NO; that is fine.
        connection.create(quoted(settings.IMAP_DONE_FOLDER))
        _ok(connection.select(quoted(settings.IMAP_FOLDER)), "SELECT")
        uids = _ok(connection.uid("SEARCH", None, "ALL"), "SEARCH")
        for uid in (uids[0] or b"").split():
            size = message_size(connection, uid)
            too_large = size is not None and size > settings.INBOX_MAX_MESSAGE_BYTES
            # Too large: only the headers are downloaded (never the whole message into memory).
            part = "(BODY.PEEK[HEADER])" if too_large else "(BODY.PEEK[])"
            raw = _raw_message(_ok(connection.uid("FETCH", uid, part), "FETCH"))
            if raw is None:
                logger.warning("IMAP message %s has no body; left in the folder", uid)
                continue
            try:
                if too_large:
                    with transaction.atomic():
                        _message, created = inbound_store_too_large(header=raw, size=size)
                    unread = False
                else:
                    _message, created, unread = store(raw)
            except Exception:  # noqa: BLE001 - one message must not block the ones after it
                logger.exception("IMAP message %s could not be stored; left in the folder", uid)
                result.failed += 1
                continue
            result.unread += unread
            if created:
                result.stored += 1
            else:
                result.duplicates += 1
            move_to_done(connection, uid)
            result.moved += 1
    except (OSError, imaplib.IMAP4.error) as error:
        raise MailboxError(f"IMAP: {error}") from error
    finally:
        try:
            connection.logout()
        except (OSError, imaplib.IMAP4.error):
            pass
    return result
