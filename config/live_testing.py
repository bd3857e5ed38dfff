"""A real Klachtwijs installation for tests that need separate processes (the
development server as `make run` starts it, or gunicorn as in production): its own
database (a SQLite file, or a throw-away PostgreSQL database when the suite runs on
PostgreSQL), migrated by ``manage.py``, the development server and the worker as
child processes, mail going to an in-test SMTP sink. Used by the concurrency test:
the test client runs inside one process and cannot show what a second writer does."""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
from django.conf import settings

from notifications.testing import SmtpSink, unused_port

MANAGE = Path(settings.BASE_DIR) / "manage.py"


def _postgres_url() -> str | None:
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        return None
    user = database.get("USER") or "postgres"
    password = f":{database['PASSWORD']}" if database.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{database.get('HOST') or '127.0.0.1'}:{database.get('PORT') or 5432}"


class LiveInstallation:
    """``with LiveInstallation() as live:`` migrates a fresh database, starts the mail sink,
    the worker and ``runserver``; ``live.url``, ``live.manage(...)`` and ``live.sink``."""

    def __init__(self, *, extra_env: dict[str, str] | None = None, server: str = "runserver") -> None:
        self.server = server
        self.dir = Path(tempfile.mkdtemp(prefix="klachtwijs-live-"))
        self.sink = SmtpSink()
        self.port = unused_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.processes: list[subprocess.Popen] = []
        self.extra_env = extra_env or {}
        server = _postgres_url()
        self.pg_server = server
        self.pg_name = f"klachtwijs_live_{settings.TEST_RUN_ID}".lower() if server else ""
        self.database_url = f"{server}/{self.pg_name}" if server else f"sqlite:///{self.dir / 'db.sqlite3'}"

    def env(self) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("DJANGO_SETTINGS_MODULE", "HUEY_REDIS_URL", "CACHE_REDIS_URL", "DATABASE_REPLICA_URL")
        }
        env.update(
            DJANGO_SETTINGS_MODULE="config.settings",
            DATABASE_URL=self.database_url,
            DEBUG="1",
            HUEY_SQLITE_PATH=str(self.dir / "huey.sqlite3"),
            MEDIA_ROOT=str(self.dir / "media"),
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(self.sink.port),
            PYTHONUNBUFFERED="1",
        )
        env.update(self.extra_env)
        return env

    def manage(self, *args: str, timeout: float = 300) -> str:
        result = subprocess.run(
            [sys.executable, str(MANAGE), *args],
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if result.returncode != 0:
            raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def python(self, code: str) -> object:
        """Run ``code`` in ``manage.py shell`` against this installation; it prints JSON."""
        return json.loads(self.manage("shell", "--no-imports", "-c", code).strip().splitlines()[-1])

    def _start(self, *args: str, log: str, command: list[str] | None = None) -> None:
        handle = open(self.dir / log, "w")  # noqa: SIM115 - closed with the installation
        self.processes.append(
            subprocess.Popen(
                [*(command or [sys.executable, str(MANAGE)]), *args],
                env=self.env(),
                stdout=handle,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )

    def _start_gunicorn(self) -> None:
        """As in production: gunicorn with DEBUG off (set by the caller's environment)."""
        self._start(
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            "2",
            "--threads",
            "4",
            "--chdir",
            str(settings.BASE_DIR),
            "--error-logfile",
            "-",
            log="server.log",
            command=[sys.executable, "-m", "gunicorn"],
        )

    def log(self, name: str) -> str:
        return (self.dir / name).read_text(errors="replace")

    def __enter__(self) -> "LiveInstallation":
        self.sink.start()
        if self.pg_server:
            with psycopg.connect(f"{self.pg_server}/postgres", autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{self.pg_name}"')
                connection.execute(f'CREATE DATABASE "{self.pg_name}"')
        try:
            self.manage("migrate", "--noinput")
            self.manage("createcachetable")
            self._start("run_huey", log="worker.log")
            if self.server == "gunicorn":
                self._start_gunicorn()
            else:
                self._start("runserver", "--noreload", "--skip-checks", f"127.0.0.1:{self.port}", log="server.log")
            self._wait_for_server()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def _wait_for_server(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.2)
        raise AssertionError(f"the server did not start:\n{self.log('server.log')}")

    def __exit__(self, *exc: object) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        self.sink.stop()
        if self.pg_server:
            with psycopg.connect(f"{self.pg_server}/postgres", autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)')
        shutil.rmtree(self.dir, ignore_errors=True)


class ReverseProxy:
    """Debian's nginx, started with ``deploy/nginx.conf`` (the documented production
    configuration) in front of a live installation, terminating TLS with a throw-away
    self-signed certificate. ``with ReverseProxy(upstream_port=…) as proxy: proxy.url``."""

    CONFIG = Path(settings.BASE_DIR) / "deploy" / "nginx.conf"

    def __init__(self, *, upstream_port: int, server_name: str = "127.0.0.1") -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="klachtwijs-proxy-"))
        self.dir.chmod(0o755)
        self.port = unused_port()
        self.url = f"https://{server_name}:{self.port}"
        self.upstream_port = upstream_port
        self.server_name = server_name
        self.process: subprocess.Popen | None = None

    @property
    def access_log(self) -> str:
        path = self.dir / "access.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def __enter__(self) -> "ReverseProxy":
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(nginx).exists():
            raise AssertionError("nginx is needed for the proxy test (make test installs Debian's nginx)")
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
             "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(self.dir / "key.pem"),
             "-out", str(self.dir / "cert.pem")],
            check=True, capture_output=True,
        )  # fmt: skip
        site = self.CONFIG.read_text()
        for name, value in {
            "UPSTREAM": f"127.0.0.1:{self.upstream_port}",
            "LISTEN": f"127.0.0.1:{self.port}",
            "SERVER_NAME": self.server_name,
            "CERTIFICATE": str(self.dir / "cert.pem"),
            "CERTIFICATE_KEY": str(self.dir / "key.pem"),
            "ACCESS_LOG": str(self.dir / "access.log"),
            "STATIC_ROOT": str(self.dir / "static"),
        }.items():
            site = site.replace("{{" + name + "}}", value)
        temp = self.dir / "temp"
        temp.mkdir()
        (self.dir / "nginx.conf").write_text(
            f"daemon off;\nworker_processes 1;\npid {self.dir / 'nginx.pid'};\nerror_log {self.dir / 'error.log'};\n"
            + ("user root;\n" if os.geteuid() == 0 else "")
            + "events { worker_connections 256; }\n"
            + f"http {{\n client_body_temp_path {temp}/body;\n proxy_temp_path {temp}/proxy;\n"
            + f" fastcgi_temp_path {temp}/fastcgi;\n uwsgi_temp_path {temp}/uwsgi;\n scgi_temp_path {temp}/scgi;\n"
            + f"{site}\n}}\n"
        )
        self.process = subprocess.Popen(
            [nginx, "-c", str(self.dir / "nginx.conf"), "-p", str(self.dir)],
            stdout=(self.dir / "error.log").open("a"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return self
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.1)
        error_log = (self.dir / "error.log").read_text(errors="replace")
        self.__exit__()
        raise AssertionError(f"nginx did not start: {error_log}")

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        shutil.rmtree(self.dir, ignore_errors=True)
