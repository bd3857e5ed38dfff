"""A real IMAP server on this machine (Debian's dovecot) with a throw-away
mailbox, so a test fetches over IMAP exactly as the worker does in production;
also the demo's local mailbox (``manage.py imap_mailbox``)."""

import atexit
import imaplib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import Any, Self

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
# Dovecot refuses to deliver to uid 0; the mailbox belongs to "nobody".
MAILBOX_UID = 65534
MAILBOX_GID = 65534

CONFIG = """\
base_dir = {base}/run
state_dir = {base}/state
log_path = {base}/dovecot.log
info_log_path = {base}/dovecot.log
listen = {host}
protocols = imap
{ssl}
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = {uid}
last_valid_uid = 0
first_valid_gid = {gid}
mail_location = maildir:{base}/mail/%u
default_login_user = {login_user}
default_internal_user = {login_user}
default_internal_group = {login_group}
service imap-login {{
  inet_listener imap {{
    address = {host}
    port = {port}
  }}
  inet_listener imaps {{
    address = {host}
    port = {imaps_port}
  }}
}}
service stats {{
  fifo_listener stats-mail {{
    user = {login_user}
  }}
  unix_listener stats-reader {{
    user = {login_user}
  }}
  unix_listener stats-writer {{
    user = {login_user}
  }}
}}
passdb {{
  driver = passwd-file
  args = {base}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={base}/mail/%u
}}
namespace inbox {{
  inbox = yes
  separator = /
}}
"""


_cleanups: list[threading.Thread] = []


@atexit.register
def _finish_cleanups() -> None:
    for cleanup in _cleanups:
        cleanup.join(timeout=10)


def _wait_until_gone(pid: int | None, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while pid is not None and time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)


def _remove_when_gone(pid: int | None, base: Path) -> None:
    _wait_until_gone(pid)
    shutil.rmtree(base, ignore_errors=True)


def dovecot_available() -> bool:
    return os.path.exists(DOVECOT)


def unused_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


class DovecotServer:
    """Start with ``with DovecotServer() as server:``; point the worker at it
    with ``override_settings(**server.settings())``; put messages in with
    ``server.append(raw_bytes)`` and read folders with ``server.uids(folder)``."""

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        user: str = "klachten",
        password: str = "geheim",
        directory: Path | None = None,
        tls: bool = False,
    ) -> None:
        self.host = host
        self.user = user
        self.password = password
        self.port = port
        # A given directory (the demo's var/imap) is kept after stop; a temporary one is removed.
        self.directory = directory
        self.base: Path | None = None
        # With tls: also IMAPS on ``imaps_port`` with a self-signed certificate (``ca_file``) for 127.0.0.1.
        self.tls = tls
        self.imaps_port = 0

    @property
    def ca_file(self) -> str:
        assert self.base is not None
        return str(self.base / "cert.pem")

    def _make_certificate(self) -> str:
        assert self.base is not None
        subprocess.run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                f"/CN={self.host}",
                "-addext",
                f"subjectAltName=IP:{self.host}",
                "-keyout",
                str(self.base / "key.pem"),
                "-out",
                self.ca_file,
            ],
            check=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=60,
        )
        os.chmod(self.base / "key.pem", 0o644)  # read by dovecot's unprivileged login process
        return f"ssl = yes\nssl_cert = <{self.ca_file}\nssl_key = <{self.base / 'key.pem'}"

    def start(self) -> Self:
        if self.directory is not None:
            self.directory.mkdir(parents=True, exist_ok=True)
            self.base = self.directory.resolve()
        else:
            self.base = Path(tempfile.mkdtemp(prefix="klachtwijs-dovecot-"))
        self.port = self.port or unused_port(self.host)
        self.imaps_port = unused_port(self.host) if self.tls else 0
        for name in ("run", "state", "mail"):
            (self.base / name).mkdir(exist_ok=True)
        (self.base / "passwd").write_text(f"{self.user}:{{PLAIN}}{self.password}\n")
        running_as_root = os.geteuid() == 0
        login_user = "dovenull" if running_as_root else os.environ.get("USER", "nobody")
        uid, gid = (MAILBOX_UID, MAILBOX_GID) if running_as_root else (os.getuid(), os.getgid())
        (self.base / "dovecot.conf").write_text(
            CONFIG.format(
                base=self.base,
                host=self.host,
                port=self.port,
                imaps_port=self.imaps_port,
                ssl=self._make_certificate() if self.tls else "ssl = no",
                uid=uid,
                gid=gid,
                login_user=login_user,
                login_group="dovecot" if running_as_root else login_user,
            )
        )
        if running_as_root:
            for path in [self.base / "mail", *(self.base / "mail").rglob("*")]:
                os.chown(path, uid, gid)
            os.chmod(self.base, 0o755)
        # Not captured: the daemon keeps inherited pipes open, so reading them would never end.
        subprocess.run(
            [DOVECOT, "-c", str(self.base / "dovecot.conf")],
            check=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=30,
        )
        self._wait_until_listening()
        return self

    def _wait_until_listening(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with socket.create_connection((self.host, self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"dovecot did not start: {self.log()}")

    def log(self) -> str:
        path = self.base / "dovecot.log" if self.base else None
        return path.read_text(errors="replace") if path and path.exists() else ""

    def stop(self) -> None:
        """Stop the server. Dovecot takes two to three seconds to exit after SIGTERM: a given
        directory (the demo's) is waited for; a temporary one is removed by a thread once the
        server is gone, so a test does not wait (the process waits for it at exit)."""
        if self.base is None:
            return
        pid_file = self.base / "run" / "master.pid"
        pid = int(pid_file.read_text().strip()) if pid_file.exists() else None
        if pid is not None:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pid = None
        if self.directory is None:
            cleanup = threading.Thread(target=_remove_when_gone, args=(pid, self.base), daemon=True)
            cleanup.start()
            _cleanups.append(cleanup)
        else:
            _wait_until_gone(pid)
        self.base = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def settings(self, **extra: Any) -> dict[str, Any]:
        """The IMAP settings of the worker for this mailbox."""
        return {
            "IMAP_HOST": self.host,
            "IMAP_PORT": self.port,
            "IMAP_USER": self.user,
            "IMAP_PASSWORD": self.password,
            "IMAP_OAUTH2_TOKEN": "",
            "IMAP_SSL": False,
            "IMAP_CA_FILE": "",
            "IMAP_FOLDER": "INBOX",
            "IMAP_DONE_FOLDER": "Verwerkt",
            **extra,
        }

    def connect(self) -> imaplib.IMAP4:
        connection = imaplib.IMAP4(self.host, self.port, timeout=10)
        connection.login(self.user, self.password)
        return connection

    def append(self, raw: bytes, folder: str = "INBOX") -> None:
        """Deliver a message as a mail client would: IMAP APPEND."""
        connection = self.connect()
        try:
            status, data = connection.append(folder, "", imaplib.Time2Internaldate(time.time()), raw)
            if status != "OK":
                raise RuntimeError(f"APPEND failed: {data!r}")
        finally:
            connection.logout()

    def uids(self, folder: str = "INBOX") -> list[bytes]:
        """The UIDs in a folder (none when it does not exist)."""
        connection = self.connect()
        try:
            status, _ = connection.select(folder, readonly=True)
            if status != "OK":
                return []
            _, data = connection.uid("SEARCH", None, "ALL")
            return data[0].split() if data and data[0] else []
        finally:
            connection.logout()
